"""Loading a corpus: a directory of text/Markdown/HTML files, one file, or a table.

Every article keeps its raw text exactly as decoded (bytes are never altered), the sha256 of
its bytes, the encoding that decodes it and any decoding notes. Bad input raises
:class:`CorpusError` naming the file and the reason, or with ``on_error="record"`` becomes a
row of :attr:`Corpus.rejected`; nothing is dropped silently.
"""
from __future__ import annotations

import csv
import glob
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .paths import display_path, resolve

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
TABLE_SUFFIXES = {".jsonl", ".csv", ".parquet"}
MANIFEST = "MANIFEST.csv"
DEFAULT_MAX_BYTES = 5_000_000
META_COLUMNS = ("url", "outlet", "published", "title", "author")

# Encoding label -> (byte-order mark, codec): raw.encode(codec) with the mark prepended gives
# back the original bytes exactly (see encode_raw).
ENCODINGS = {
    "utf-8": (b"", "utf-8"),
    "utf-8-sig": (b"\xef\xbb\xbf", "utf-8"),
    "utf-16-le-bom": (b"\xff\xfe", "utf-16-le"),
    "utf-16-be-bom": (b"\xfe\xff", "utf-16-be"),
    "utf-16-le": (b"", "utf-16-le"),
    "utf-16-be": (b"", "utf-16-be"),
    "cp1252": (b"", "cp1252"),
}
# Single-byte code pages of other scripts that news sites still serve (Windows first, then KOI8 and ISO).
LEGACY_CODEPAGES = ("cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "koi8_r",
                    "koi8_u", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "cp874")
# Controls that do not occur in text (tab, newlines, form feed and escape-free text aside).
_CONTROL = {chr(c) for c in range(32)} - set("\t\n\r\f\v")


HTMLDATE_FLOOR = "1995-01-01"  # htmldate's default earliest date: returned when it finds none
_ISO_DAY = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


class CorpusError(ValueError):
    """Bad input: ``source`` names the file (or table row), ``reason`` says what is wrong."""

    def __init__(self, source: str, reason: str, detail: str = ""):
        self.source, self.reason, self.detail = source, reason, detail
        super().__init__(f"{source}: {reason}" + (f" ({detail})" if detail else ""))


@dataclass(frozen=True)
class Article:
    """One article: ``raw`` is the text exactly as decoded; spans index into it.

    ``sha256`` and ``nbytes`` describe the input's bytes (the file, or the table row's text). For
    an HTML page ``extracted`` is True: ``raw`` is the article text trafilatura extracted, not the
    page, so the page's bytes are the file itself (:func:`encode_raw` does not apply) and
    ``text_sha256`` is the hash of the text the spans index into.
    """

    id: str
    source: str
    sha256: str
    raw: str
    encoding: str
    nbytes: int
    notes: tuple[str, ...] = ()
    meta: dict = field(default_factory=dict, compare=False)
    extracted: bool = False

    @property
    def text_sha256(self) -> str:
        """sha256 of ``raw`` as UTF-8: the text every span indexes into."""
        return sha256_bytes(self.raw.encode("utf-8", "surrogatepass"))


@dataclass
class Corpus:
    """Loaded articles (sorted by id) and the rejected or skipped inputs with reasons."""

    articles: list[Article]
    rejected: pd.DataFrame
    root: str

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self):
        return iter(self.articles)

    def __getitem__(self, article_id: str) -> Article:
        index = self.__dict__.get("_index")
        if index is None or len(index) != len(self.articles):  # built once; rebuilt if articles were added
            index = self.__dict__["_index"] = {a.id: a for a in self.articles}
        return index[article_id]

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.articles]

    def report(self) -> pd.DataFrame:
        """One row per input: what was loaded (with sha256, size, encoding) and what was not, and why."""
        loaded = [
            {"source": a.source, "article_id": a.id, "status": "loaded", "reason": "",
             "detail": "; ".join(a.notes), "bytes": a.nbytes, "sha256": a.sha256, "encoding": a.encoding,
             "text_sha256": a.text_sha256}
            for a in self.articles
        ]
        rows = loaded + [
            {"source": r.source, "article_id": "", "status": r.status, "reason": r.reason,
             "detail": r.detail, "bytes": r.bytes, "sha256": "", "encoding": "", "text_sha256": ""}
            for r in self.rejected.itertuples()
        ]
        return pd.DataFrame(rows, columns=list(loaded[0]) if loaded else REPORT_COLUMNS).sort_values(
            ["source", "status"], kind="stable").reset_index(drop=True)


REJECTED_COLUMNS = ["source", "status", "reason", "detail", "bytes"]
REPORT_COLUMNS = ["source", "article_id", "status", "reason", "detail", "bytes", "sha256", "encoding", "text_sha256"]


def encode_raw(raw: str, encoding: str) -> bytes:
    """The original bytes of an article read from a text file or table: inverse of the loader's
    decoding (not for text extracted from HTML, ``Article.extracted``: the page is the file)."""
    bom, codec = ENCODINGS.get(encoding, (b"", encoding))  # a detected single-byte code page: its own codec
    return bom + raw.encode(codec)


def write_manifest(directory: str | Path) -> Path:
    """Write ``MANIFEST.csv`` (file, sha256, bytes) for the corpus files of ``directory``."""
    root = resolve(directory)
    if not root.is_dir():
        raise CorpusError(display_path(root), "missing" if not root.exists() else "not a directory",
                          "a manifest lists the files of a corpus directory")
    rows = [(rel, sha256_bytes((root / rel).read_bytes()), (root / rel).stat().st_size)
            for rel in _walk(root, _Loader(root, "record", DEFAULT_MAX_BYTES))
            if rel != MANIFEST and Path(rel).suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES]
    path = root / MANIFEST
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["file", "sha256", "bytes"])
        writer.writerows(rows)
    return path


def published_day(value: str) -> date | None:
    """The day a ``published`` metadata value names (``2021-03-04``, ``2021-03-04T10:00Z``), or None
    (unknown): an impossible day ("2023-02-30") is no day, and neither are the calendar's limits,
    which databases and feeds write for a missing date ("0001-01-01", "9999-12-31")."""
    if m := _ISO_DAY.search(value):
        try:
            day = date(*map(int, m.groups()))
        except ValueError:
            return None
        return day if day not in (date.min, date.max) else None
    return None


def table_notes(meta: dict) -> tuple[str, ...]:
    """The notes of an article read from a table row with metadata ``meta`` (any engine)."""
    notes = ("from the table's text column",)
    if "published" in meta and published_day(meta["published"]) is None:
        notes += (f"published {meta['published']!r} names no day as YYYY-MM-DD: the story is dated without it",)
    return notes


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_bytes(data: bytes, source: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode file bytes strictly: (text, encoding label, notes), or raise CorpusError.

    UTF-8 (with or without BOM) first, UTF-16 when a BOM or the NUL pattern says so, then a
    recorded cp1252 fallback; never a replacement character.
    """
    if not data:
        raise CorpusError(source, "empty", "0 bytes")
    for label in ("utf-8-sig", "utf-16-le-bom", "utf-16-be-bom"):
        bom, codec = ENCODINGS[label]
        if data.startswith(bom):
            return _strict(data[len(bom):], codec, source), label, (f"byte-order mark ({label})",)
    if b"\x00" in data:
        label = _utf16_without_bom(data)
        if label is None:
            raise CorpusError(source, "binary", f"NUL byte at offset {data.index(0)}")
        return _strict(data, ENCODINGS[label][1], source), label, (f"{label} without byte-order mark",)
    try:
        text = data.decode("utf-8")
        encoding, notes = "utf-8", ()
    except UnicodeDecodeError as exc:
        why = f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        try:
            text, encoding, notes = data.decode("cp1252"), "cp1252", (f"{why}; decoded as cp1252",)
        except UnicodeDecodeError:
            text, encoding = None, None
        if _other_script(data.decode("latin-1")):  # as cp1252 reads letters, without its gaps
            codepage = _single_byte_codepage(data)
            if codepage is not None:
                text, encoding = data.decode(codepage), codepage
                notes = (f"{why}; decoded as {codepage}, the code page charset-normalizer finds "
                         "(cp1252 would read another script as accented Latin letters)",)
        if text is None:
            raise CorpusError(source, "undecodable", f"{why} nor cp1252") from None
    controls = sum(map(text.count, _CONTROL))  # one scan per control character, in C
    if controls > max(2, len(text) // 100):
        raise CorpusError(source, "binary", f"{controls} control characters")
    return text, encoding, notes


def _other_script(text: str) -> bool:
    """Whether cp1252 text is mostly accented capitals and small letters (À-ÿ): the mark of a
    Cyrillic, Greek, Arabic or Hebrew code page read as Western European."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 20 and sum("\u00c0" <= ch <= "\u00ff" for ch in letters) > 0.5 * len(letters)


def _single_byte_codepage(data: bytes) -> str | None:
    """The legacy single-byte code page of ``data`` by charset-normalizer, or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_CODEPAGES)).best()
    if best is None or best.encoding in ("utf_8", "ascii", "cp1252", "latin_1") or best.byte_order_mark:
        return None
    try:
        data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return best.encoding


def _strict(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise CorpusError(source, "undecodable", f"invalid {codec} at offset {exc.start}") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte (for Latin text); else None."""
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for label, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros.count(0) >= 0.4 * len(zeros):
            try:
                text = data.decode(ENCODINGS[label][1])
            except UnicodeDecodeError:
                continue
            if not any(ch in _CONTROL for ch in text):
                return label
    return None


def load_corpus(path: str | Path, *, on_error: str = "raise", max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    """Load a corpus from a directory, a single file or a table (.jsonl, .csv, .parquet), or from
    the files a pattern in the last part of the path matches (``shards/feed-*.jsonl``: one table
    per shard, in name order, with the same row rules and rejections).

    Relative paths resolve against the current directory. ``on_error="raise"`` raises
    :class:`CorpusError` at the first bad input; ``"record"`` records it in ``corpus.rejected``
    and goes on. Inputs of unsupported types inside a directory are always recorded as
    ``skipped``, never raised. A ``MANIFEST.csv`` (file, sha256, bytes) in a directory is verified.
    """
    if on_error not in ("raise", "record"):
        raise ValueError(f"on_error must be 'raise' or 'record', not {on_error!r}")
    check_max_bytes(max_bytes)
    root = resolve(path)
    if not root.exists() and glob.has_magic(root.name) and not glob.has_magic(str(root.parent)):
        matches = sorted(p for p in root.parent.glob(root.name) if not p.name.startswith("."))
        if not matches:
            raise CorpusError(display_path(root), "missing", "no file matches the pattern")
        loader = _Loader(root.parent, on_error, max_bytes)
        for match in matches:
            if match.is_dir() or not stat.S_ISREG(match.stat().st_mode):
                loader.reject(CorpusError(match.name, "not a regular file", "a pattern matches files only"),
                              status="skipped")
            else:
                loader.load_file(match, match.name)
        return loader.finish()
    loader = _Loader(root, on_error, max_bytes)
    if not root.exists():
        raise CorpusError(display_path(root), "missing", "no such file or directory")
    if root.is_dir():
        loader.load_directory()
    else:
        loader.load_file(root, root.name)
    return loader.finish()


def check_max_bytes(max_bytes) -> None:
    """ValueError unless ``max_bytes`` is a size limit: a positive whole number of bytes."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise ValueError(f"max_bytes must be a positive whole number of bytes, not {max_bytes!r}")


class _Loader:
    def __init__(self, root: Path, on_error: str, max_bytes: int):
        self.root, self.on_error, self.max_bytes = root, on_error, max_bytes
        self.articles: dict[str, Article] = {}
        self.rejected: list[dict] = []
        self.seen_files: set[str] = set()

    # -- outcomes -------------------------------------------------------------------------
    def reject(self, error: CorpusError, nbytes: int | None = None, status: str = "rejected") -> None:
        if status == "rejected" and self.on_error == "raise":
            raise error
        self.rejected.append({"source": error.source, "status": status, "reason": error.reason,
                              "detail": error.detail, "bytes": nbytes})

    def add(self, article: Article) -> None:
        if article.id in self.articles:
            first = self.articles[article.id].source
            self.reject(CorpusError(article.source, "duplicate id", f"id {article.id!r} already taken by {first}"),
                        article.nbytes)
        else:
            self.articles[article.id] = article

    def finish(self) -> Corpus:
        if not self.articles and not self.rejected:
            raise CorpusError(display_path(self.root), "empty", "no articles found")
        rejected = pd.DataFrame(self.rejected, columns=REJECTED_COLUMNS).astype({"bytes": "Int64"})
        rejected = rejected.sort_values(["source", "reason"], kind="stable").reset_index(drop=True)
        return Corpus(sorted(self.articles.values(), key=lambda a: a.id), rejected, display_path(self.root))

    # -- directories ----------------------------------------------------------------------
    def load_directory(self) -> None:
        manifest = self.read_manifest()
        for rel in _walk(self.root, self):
            if rel == MANIFEST:
                continue
            self.load_file(self.root / rel, rel, manifest.get(rel), in_directory=True)
        for rel in sorted(set(manifest) - self.seen_files):
            self.reject(CorpusError(rel, "missing", f"listed in {MANIFEST} but not found"))

    def read_manifest(self) -> dict[str, dict]:
        path = self.root / MANIFEST
        if not path.is_file():
            return {}
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        if rows and not {"file", "sha256", "bytes"} <= set(rows[0]):
            raise CorpusError(MANIFEST, "bad manifest", "needs columns file, sha256, bytes")
        return {row["file"]: row for row in rows}

    # -- files ----------------------------------------------------------------------------
    def load_file(self, path: Path, rel: str, expected: dict | None = None, in_directory: bool = False) -> None:
        suffix = path.suffix.lower()
        self.seen_files.add(rel)
        if suffix in TABLE_SUFFIXES and not in_directory:
            self.load_table(path, rel)
            return
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
            supported = ", ".join(sorted(TEXT_SUFFIXES | HTML_SUFFIXES))
            error = CorpusError(rel, "unsupported type", f"{suffix or 'no suffix'}; a directory holds {supported}"
                                + (" (tables load when given as the corpus path)" if suffix in TABLE_SUFFIXES else ""))
            if in_directory:
                self.reject(error, status="skipped")
            else:
                self.reject(error)
            return
        try:
            self.load_document(path, rel, suffix, expected)
        except CorpusError as error:
            self.reject(error, _size(path))

    def load_document(self, path: Path, rel: str, suffix: str, expected: dict | None) -> None:
        size = path.stat().st_size
        if size > self.max_bytes:
            raise CorpusError(rel, "too large", f"{size} bytes > limit {self.max_bytes}")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CorpusError(rel, "unreadable", exc.strerror or type(exc).__name__) from None
        digest = sha256_bytes(data)
        if expected is not None and (expected["sha256"] != digest or int(expected["bytes"]) != len(data)):
            raise CorpusError(rel, "changed since manifest",
                              f"sha256 {digest[:12]}… ({len(data)} bytes), {MANIFEST} says "
                              f"{expected['sha256'][:12]}… ({expected['bytes']} bytes)")
        text, encoding, notes = decode_bytes(data, rel)
        meta: dict = {}
        extracted = suffix in HTML_SUFFIXES
        if extracted:
            text, meta = _extract_html(text, rel)
            notes += ("article text extracted from HTML by trafilatura (sha256 and bytes are the page's; "
                      "text_sha256 is the text's)",)
        if not text.strip():
            raise CorpusError(rel, "empty", "whitespace only")
        article_id = str(Path(rel).with_suffix("").as_posix())
        self.add(Article(article_id, rel, digest, text, encoding, len(data), notes, meta, extracted))

    # -- tables ---------------------------------------------------------------------------
    def load_table(self, path: Path, rel: str) -> None:
        for number, row in _table_rows(path, rel, self):
            source = f"{rel}:{number}"
            text = row.get("text")
            if text is None or _isnan(text):
                self.reject(CorpusError(source, "empty", "no text in this row"))
                continue
            if not isinstance(text, str):  # a number, or a list (Parquet list<string>): not one text
                self.reject(CorpusError(source, "not text", f"text is a {type(text).__name__}, not a string"))
                continue
            if not text.strip():
                self.reject(CorpusError(source, "empty", "no text in this row" if text == "" else "whitespace only"))
                continue
            try:
                data = text.encode("utf-8")
            except UnicodeEncodeError as exc:  # a lone surrogate ("\\ud800" in JSON) is not a character
                self.reject(CorpusError(source, "undecodable", f"lone surrogate {text[exc.start]!a} at character "
                                                               f"{exc.start}: not text"), len(text))
                continue
            if len(data) > self.max_bytes:
                self.reject(CorpusError(source, "too large", f"{len(data)} bytes > limit {self.max_bytes}"), len(data))
                continue
            raw_id = row.get("id")
            if isinstance(raw_id, bytes) or not pd.api.types.is_scalar(raw_id):  # an object, array or bytes
                self.reject(CorpusError(source, "bad id", f"id is a {type(raw_id).__name__}, not a string or number"),
                            len(data))
                continue
            article_id = str(raw_id) if not _missing(raw_id) else f"{path.stem}-{number}"
            meta = {k: _meta_text(row[k]) for k in META_COLUMNS if not _missing(row.get(k))}
            self.add(Article(article_id, source, sha256_bytes(data), text, "utf-8", len(data), table_notes(meta), meta))


def _meta_text(value) -> str:
    """A metadata cell as text: a list of values (a Parquet ``list<string>``) joined by "; ", bytes
    read as UTF-8 (their escapes when they are not), anything else as it prints."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="backslashreplace")
    if not pd.api.types.is_scalar(value):
        return "; ".join(_meta_text(v) for v in value)
    return str(value)


def _isnan(value) -> bool:
    return isinstance(value, float) and value != value


def _missing(value) -> bool:
    """Whether a table cell holds no value: None, "", NaN or NaT (a list or an array is a value)."""
    return value is None or value is pd.NaT or (isinstance(value, str) and value == "") or _isnan(value)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _run_output(folder: Path) -> bool:
    """Whether ``folder`` holds a wiretrace run's results (its renders must not come back as articles)."""
    return folder.name == "wiretrace-runs" or (folder / "case" / "computed.log").is_file() or \
        (folder / "00-corpus.ipynb").is_file() or (folder / "wiretrace-run.json").is_file()


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (a link) resolves to a file under ``root``."""
    try:
        path.resolve(strict=True).relative_to(root.resolve())
        return True
    except (ValueError, OSError):
        return False


def _walk(root: Path, loader: _Loader):
    """Relative posix paths of the files under root, sorted; symlinked directories are not followed."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(dirpath)
        for name in list(dirnames):
            rel = (base / name).relative_to(root).as_posix()
            if (base / name).is_symlink():
                loader.reject(CorpusError(rel, "not followed", "symbolic link to a directory"), status="skipped")
                dirnames.remove(name)
            elif _run_output(base / name):
                loader.reject(CorpusError(rel, "not read", "a wiretrace run's output folder, not articles"),
                              status="skipped")
                dirnames.remove(name)
        for name in filenames:
            path = base / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink() and not path.exists():
                loader.reject(CorpusError(rel, "missing", "broken symbolic link (or one that links to itself)"))
            elif path.is_symlink() and not _inside(path, root):
                loader.reject(CorpusError(rel, "not followed", "symbolic link to a file outside the corpus"),
                              status="skipped")
            elif not stat.S_ISREG(path.stat().st_mode):
                loader.reject(CorpusError(rel, "not a regular file", "a FIFO, device or socket is not read"))
            elif name.startswith("."):
                loader.reject(CorpusError(rel, "hidden file"), _size(path), status="skipped")
            else:
                found.append(rel)
    if not found and not loader.rejected:
        raise CorpusError(display_path(root), "empty", "directory holds no files")
    return sorted(found)


def _table_rows(path: Path, rel: str, loader: _Loader):
    """(row number, dict) pairs of a table; a table without a ``text`` column is an error."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        rows = []
        with path.open("rb") as fh:
            if fh.read(2) in (b"\xff\xfe", b"\xfe\xff"):  # read line by line, its rows would be cut mid-character
                raise CorpusError(rel, "undecodable", "UTF-16 (byte-order mark); JSON Lines are UTF-8")
            fh.seek(0)
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                    if not isinstance(value, dict):
                        raise ValueError("not an object")
                    rows.append((number, value))
                except ValueError as exc:
                    loader.reject(CorpusError(f"{rel}:{number}", "bad row", f"invalid JSON: {exc}"), len(line))
        columns = set().union(*(r.keys() for _, r in rows)) if rows else set()
    elif suffix == ".csv":
        columns, rows = _csv_rows(path, rel, loader)
    else:
        try:
            frame = pd.read_parquet(path)
        except Exception as exc:  # pandas raises many types for a broken table
            raise CorpusError(rel, "unreadable table",
                              str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
        columns = set(frame.columns)
        rows = [(i, rec) for i, rec in enumerate(frame.to_dict("records"), 1)]
    if "text" not in columns and (rows or not loader.rejected):  # every row bad: their rejections say why
        raise CorpusError(rel, "no text column", f"columns are {sorted(map(str, columns))}")
    return rows


def _csv_rows(path: Path, rel: str, loader: _Loader) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and the (row number, dict) pairs of a CSV table, read record by record as a
    JSONL table is read line by line: a record that is not a row of the header's fields (a
    wrong number of fields, a stray quote, bytes that are not UTF-8) is rejected with its lines
    and the reason, and the other rows are read."""
    with path.open("rb") as fh:
        if fh.read(2) in (b"\xff\xfe", b"\xfe\xff"):
            raise CorpusError(rel, "undecodable", "UTF-16 (byte-order mark); CSV tables are UTF-8")
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        lines = list(fh)
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))  # a long article is one field
    records = _csv_records(lines)
    header = next(records, None)
    if header is None:
        raise CorpusError(rel, "empty", "no header row")
    if isinstance(header[2], str):
        raise CorpusError(rel, "bad header", f"line {header[0]}: {header[2]}")
    columns = header[2]
    if "text" not in columns:  # said before the rows, which cannot be articles
        raise CorpusError(rel, "no text column", f"columns are {sorted(columns)}")
    if twice := sorted({c for c in columns if columns.count(c) > 1} & {"id", "text", *META_COLUMNS}):
        raise CorpusError(rel, "bad header", f"column {twice[0]!r} appears more than once")
    rows = []
    for number, (first, last, fields) in enumerate(records, 1):
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        why = fields if isinstance(fields, str) else _bad_fields(fields, len(columns))
        if why:
            nbytes = len("".join(lines[first - 1:last]).encode("utf-8", "surrogateescape"))
            loader.reject(CorpusError(f"{rel}:{number}", "bad row", f"{where}: {why}"), nbytes)
        else:
            rows.append((number, dict(zip(columns, fields))))
    return columns, rows


def _csv_records(lines: list[str]):
    """(first line, last line, fields or the reason they cannot be read) of each non-blank CSV
    record of ``lines``. A record the reader cannot read is one bad record up to the line where
    it failed; a quote still open at the end of the file is one bad line, and reading goes on
    from the line after it (the rows the quote swallowed are read again)."""
    start = 0
    while start < len(lines):
        reader = csv.reader(iter(lines[start:]), strict=True)
        while True:
            before = start + reader.line_num
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if start + reader.line_num == len(lines) and "end of data" in str(exc):
                    yield before + 1, before + 1, "a quote opened on this line never closes"
                    start = before + 1
                    break
                yield before + 1, start + reader.line_num, f"not CSV ({exc})"
                continue
            if fields:
                yield before + 1, start + reader.line_num, fields


def _bad_fields(fields: list[str], expected: int) -> str:
    """Why a record's fields are not a row of a table of ``expected`` columns, or ''."""
    if len(fields) != expected:
        return f"{len(fields)} fields where the header has {expected}"
    for field in fields:
        if m := _ESCAPED_BYTE.search(field):
            return f"not UTF-8 (byte 0x{ord(m.group()) - 0xDC00:02x})"
    return ""


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, kept by errors="surrogateescape"


def _extract_html(html: str, rel: str) -> tuple[str, dict]:
    """Article text and metadata (title, date, author, site) of an HTML page, via trafilatura.

    The date is taken only from the page's explicit markup (a published-time tag, a dated URL):
    htmldate's extensive search guesses from any year in the text and falls back to a floor date,
    and a guess is not a stated date.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True,
                                      date_extraction_params={"original_date": True, "extensive_search": False})
    if doc is None:
        raise CorpusError(rel, "empty", "no article text found in HTML")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    meta = {key: str(data[src]) for key, src in
            (("title", "title"), ("published", "date"), ("author", "author"), ("outlet", "sitename"), ("url", "url"))
            if data.get(src)}
    if meta.get("published", "9999") <= HTMLDATE_FLOOR:  # htmldate's lower bound is a limit, not a date
        del meta["published"]
    return data.get("text") or "", meta
