"""A case: one corpus, one set of parameters, an optional profile; every layer computed once.

Each analysis reads the layers it needs from the case instead of deriving them again:

============  ==========================================================  ======================
layer         tables                                                      depends on
============  ==========================================================  ======================
annotations   segments, sentences, mentions, quotes, page_dates           corpus, profile
timexes       temporal expressions of every sentence                      annotations
duplicates    pairs, clusters                                             annotations, threshold,
                                                                          ngram, num_perm
dates         story and capture date of every article, with evidence      timexes, duplicates
alignments    passages and word edits of every pair of copies in every    duplicates
              cluster, and each cluster's union of passages
claims        numeric claims                                              timexes, dates
============  ==========================================================  ======================

With a ``store`` folder the layers are kept there as Parquet tables of spans. Each file carries
the key it was computed under: a hash of the corpus (ids, sha256 of the raw bytes, metadata),
the profile's files, the library's code and data, the parameters the layer depends on and the
keys of the layers it is built from. A rerun with nothing changed reads the files; a changed
parameter recomputes only the layers that depend on it. A file that does not carry the expected
key, is truncated or unreadable is recomputed, never trusted; files are written under a temporary
name and renamed, so two runs into one folder never leave a half-written layer.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from . import __version__
from .corpus import DEFAULT_MAX_BYTES, Corpus, load_corpus
from .paths import PACKAGE, make_folder
from .resources import check_profile, profile, profile_beside, profile_digest

# The parameters of a case, with their defaults: every notebook declares them, every command takes them.
PARAMETERS = {"profile": None, "max_bytes": DEFAULT_MAX_BYTES, "threshold": 0.35, "ngram": 5, "num_perm": 128}
# layer: (the parameters it depends on, the layers it is built from, its tables)
LAYERS = {
    "annotations": ((), (), ("segments", "sentences", "mentions", "quotes", "page_dates")),
    "timexes": ((), ("annotations",), ("timexes",)),
    "duplicates": (("threshold", "ngram", "num_perm"), ("annotations",), ("pairs", "clusters")),
    "dates": ((), ("annotations", "timexes", "duplicates"), ("dates",)),
    "alignments": ((), ("annotations", "duplicates"), ("passages", "edits", "union")),
    "claims": ((), ("annotations", "timexes", "dates", "duplicates"), ("claims",)),
}
ENGINES = ("local", "dask")
KEY = b"wiretrace.key"
LOG = "computed.log"  # one line per layer computed (not read back): how often each layer ran


@lru_cache(maxsize=None)
def library_fingerprint() -> str:
    """The library's version and a hash of its code and data files: layers from other code are recomputed."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".csv", ".txt"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def corpus_digest(corpus: Corpus) -> str:
    """A hash of what the analyses read of a corpus: ids, raw bytes' sha256, encodings and metadata."""
    digest = hashlib.sha256()
    for a in corpus:
        meta = json.dumps(a.meta, sort_keys=True, default=str)
        digest.update("\0".join((a.id, a.sha256, a.encoding, meta)).encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()


def check_parameters(values: dict) -> dict:
    """The case parameters with defaults filled in; ValueError naming a parameter of the wrong kind."""
    unknown = sorted(set(values) - set(PARAMETERS))
    if unknown:
        raise ValueError(f"unknown case parameter(s) {unknown}; a case takes {sorted(PARAMETERS)}")
    params = {**PARAMETERS, **{k: v for k, v in values.items()}}
    if isinstance(params["max_bytes"], bool) or not isinstance(params["max_bytes"], int) or params["max_bytes"] <= 0:
        raise ValueError("max_bytes must be a positive whole number of bytes")
    threshold = params["threshold"]
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        raise ValueError("threshold must be a number above 0 and at most 1")
    for name, low in (("ngram", 1), ("num_perm", 2)):
        if isinstance(params[name], bool) or not isinstance(params[name], int) or params[name] < low:
            raise ValueError(f"{name} must be a whole number of at least {low}")
    if params["profile"] is not None and not isinstance(params["profile"], (str, os.PathLike)):
        raise ValueError("profile must be the path of a profile folder, or None")
    return params


def _store_folder(store: str | Path) -> Path:
    """``store`` as a folder to keep layers in (made when missing), or ValueError saying why it cannot be."""
    path = Path(store)
    try:
        make_folder(path)
    except ValueError as exc:
        raise ValueError(f"case store {store}: {exc}") from None
    return path


@dataclass
class Case:
    """A corpus with one set of parameters and an optional profile; layers as properties, each computed once.

    ``store``: a folder where layers are kept between runs (None: in memory only).
    ``log``: where progress messages go (a callable like ``print``; None for silence).
    ``engine``: ``"local"`` (this process) or ``"dask"``: the per-article layers run part by part
    on a Dask cluster (``scheduler``: a ``Client``, a scheduler address, or None for a local
    cluster with one worker per core) with the same tables as the local engine
    (:mod:`wiretrace.dask_layers`). The engine is not part of a layer's key.
    """

    corpus: Corpus
    store: Path | None = None
    profile: Path | None = None
    max_bytes: int = PARAMETERS["max_bytes"]
    threshold: float = PARAMETERS["threshold"]
    ngram: int = PARAMETERS["ngram"]
    num_perm: int = PARAMETERS["num_perm"]
    log: object = None
    engine: str = "local"
    scheduler: object = None
    _client: object = field(default=None, repr=False)
    _layers: dict = field(default_factory=dict, repr=False)
    _keys: dict = field(default_factory=dict, repr=False)
    _as_tables: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.store = _store_folder(self.store) if self.store is not None else None
        self.profile = check_profile(self.profile) if self.profile is not None else None
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")

    @contextmanager
    def _dask(self):
        """The Dask client of this case's layers: opened once for a whole :meth:`build`."""
        if self._client is not None:
            yield self._client
            return
        from .scale import dask_client

        with dask_client(self.scheduler) as client:
            self._client = client
            try:
                yield client
            finally:
                self._client = None

    # -- keys ------------------------------------------------------------------------------------
    @cached_property
    def _base(self) -> dict:
        return {"library": library_fingerprint(), "corpus": corpus_digest(self.corpus),
                "profile": profile_digest(self.profile)}

    def key(self, layer: str) -> str:
        """The key a layer is computed under (see the module docstring)."""
        if layer not in self._keys:
            params, inputs, _ = LAYERS[layer]
            description = {"layer": layer, **self._base, "parameters": {p: getattr(self, p) for p in params},
                           "inputs": {i: self.key(i) for i in inputs}}
            self._keys[layer] = hashlib.sha256(json.dumps(description, sort_keys=True).encode()).hexdigest()
        return self._keys[layer]

    # -- storage ----------------------------------------------------------------------------------
    def _path(self, table: str) -> Path:
        return self.store / f"{table}.parquet"

    def _read(self, layer: str) -> dict[str, pd.DataFrame] | None:
        """The stored tables of ``layer`` when every one carries the expected key; None otherwise."""
        if self.store is None:
            return None
        import pyarrow as pa
        import pyarrow.parquet as pq

        tables = {}
        for name in LAYERS[layer][2]:
            try:
                stored = pq.read_table(self._path(name))
            except (OSError, ValueError, pa.ArrowException):  # missing, truncated, not Parquet
                return None
            if (stored.schema.metadata or {}).get(KEY) != self.key(layer).encode():
                return None
            tables[name] = stored.to_pandas()
        return tables

    def _write(self, layer: str, tables: dict[str, pd.DataFrame]) -> None:
        if self.store is None:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.store.mkdir(parents=True, exist_ok=True)
        for name, frame in tables.items():
            arrow = pa.Table.from_pandas(frame, preserve_index=False)
            arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}), KEY: self.key(layer).encode()})
            handle, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.store)
            os.close(handle)
            try:
                pq.write_table(arrow, tmp)
                os.replace(tmp, self._path(name))  # atomic: a reader sees the old file or the new one
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        with open(self.store / LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{layer} {self.key(layer)[:16]}\n")

    def _layer(self, layer: str, compute, to_tables, from_tables):
        """A layer from memory, from the store (when its key matches) or computed (and then stored)."""
        self._as_tables[layer] = to_tables
        if layer in self._layers:
            return self._layers[layer]
        value = None
        stored = self._read(layer)
        if stored is not None:
            try:
                value = from_tables(stored)
            except (ValueError, KeyError, TypeError):  # stored by code that wrote other columns: recompute
                value = None
        if value is None:
            if self.log:
                self.log(f"computing {layer}", file=sys.stderr)
            with profile(self.profile):
                value = compute()
            if self.store is not None:  # the tables are made only to be stored
                self._write(layer, to_tables(value))
        self._layers[layer] = value
        return value

    # -- the layers -------------------------------------------------------------------------------
    @property
    def annotations(self):
        """Segments with roles, sentences, entity mentions and quotations (:class:`wiretrace.Annotations`)."""
        from .annotate import Annotations, annotate

        def compute():
            if self.engine == "local":
                return annotate(self.corpus)
            from . import dask_layers
            with self._dask() as client:
                return dask_layers.annotations(client, self.corpus, self.profile)
        return self._layer("annotations", compute, lambda a: a.tables(), lambda t: Annotations(**t))

    @property
    def timexes(self) -> dict:
        """The temporal expressions of every sentence: ``{sentence_id: [TimexMatch, ...]}``."""
        from .timex import sentence_timexes, timex_table, timexes_from_table

        sentences = self.annotations.sentences

        def compute():
            if self.engine == "local":
                return sentence_timexes(sentences, processes=True)
            from . import dask_layers
            with self._dask() as client:
                return timexes_from_table(dask_layers.timex_table(client, self.corpus, sentences, self.profile),
                                          sentences)
        return self._layer("timexes", compute,
                           lambda found: {"timexes": timex_table(found, sentences)},
                           lambda t: timexes_from_table(t["timexes"], sentences))

    @property
    def timex_table(self) -> pd.DataFrame:
        """The temporal expressions as a table of spans (``sentence_id, article_id, start, end, text, rule, tense``)."""
        from .timex import timex_table

        return timex_table(self.timexes, self.annotations.sentences)

    @property
    def pairs(self) -> pd.DataFrame:
        """Verified duplicate pairs (see :func:`wiretrace.reuse.find_duplicates`)."""
        return self._duplicates()["pairs"]

    @property
    def clusters(self) -> pd.DataFrame:
        """One row per article: ``article_id, cluster, size``."""
        return self._duplicates()["clusters"]

    def _duplicates(self) -> dict[str, pd.DataFrame]:
        from .reuse import clusters, find_duplicates

        def compute():
            options = {"threshold": self.threshold, "ngram": self.ngram, "num_perm": self.num_perm,
                       "annotations": self.annotations}
            if self.engine == "local":
                pairs = find_duplicates(self.corpus, **options)
            else:
                with self._dask() as client:
                    pairs = find_duplicates(self.corpus, engine="dask", client=client, **options)
            return {"pairs": pairs, "clusters": clusters(self.corpus, pairs)}
        return self._layer("duplicates", compute, lambda t: t, lambda t: t)

    @property
    def dates(self) -> dict:
        """Story and capture dates: ``{article_id: {"story": Dating, "capture": Dating}}``."""
        from .dating import date_articles, dates_from_table, dating_table

        def compute():
            if self.engine == "local":
                return date_articles(self.corpus, self.annotations, self.clusters, timexes=self.timexes)
            from . import dask_layers
            with self._dask() as client:
                return dask_layers.dates(client, self.corpus, self.annotations, self.timex_table, self.clusters,
                                         self.timexes, self.profile)
        return self._layer("dates", compute, lambda d: {"dates": dating_table(d)},
                           lambda t: dates_from_table(t["dates"]))

    @property
    def alignments(self) -> dict[str, pd.DataFrame]:
        """``passages`` and ``edits`` of every pair of copies in every cluster, and each cluster's ``union``."""
        from .align import align_clusters

        return self._layer("alignments", lambda: align_clusters(self.corpus, self.annotations, self.clusters),
                           lambda t: t, lambda t: t)

    @property
    def claims(self) -> pd.DataFrame:
        """Every numeric claim (see :func:`wiretrace.figures.extract_figures`)."""
        from .figures import extract_figures

        def compute():
            from . import dask_layers
            from .annotate import PARALLEL_FROM
            from .processes import workers as process_count

            workers = process_count(len(self.corpus), PARALLEL_FROM)
            if self.engine == "local" and workers == 1:
                return extract_figures(self.corpus, self.annotations, self.dates, self.clusters, timexes=self.timexes)
            if self.engine == "local":  # a large corpus: its parts in one process per core
                return dask_layers.claims_in_processes(self.corpus, self.annotations, self.timex_table, self.dates,
                                                       workers, self.profile)
            with self._dask() as client:
                return dask_layers.claims(client, self.corpus, self.annotations, self.timex_table, self.dates,
                                          self.profile)
        return self._layer("claims", compute, lambda c: {"claims": c}, lambda t: t["claims"])

    def build(self) -> Case:
        """Compute (or read) every layer now (on one Dask cluster with the dask engine); returns the case."""
        with self._dask() if self.engine == "dask" and set(LAYERS) - set(self._layers) else nullcontext():
            for name in LAYERS:
                self.layer(name)
        return self

    def tables(self, layer: str) -> dict[str, pd.DataFrame]:
        """A layer as the tables it is stored as (spans into the raw texts)."""
        value = self.layer(layer)
        return self._as_tables[layer](value)

    def layer(self, name: str):
        """A layer by name (see :data:`LAYERS`)."""
        if name not in LAYERS:
            raise KeyError(f"no layer {name!r}; a case has {', '.join(LAYERS)}")
        return self._duplicates() if name == "duplicates" else getattr(self, name)

    def summary(self) -> pd.DataFrame:
        """What the case is: its parameters, then every layer's tables with their rows (``what, name, value``)."""
        rows = [("parameter", "profile", self.profile.name if self.profile else "none"),
                ("parameter", "max_bytes", str(self.max_bytes)), ("parameter", "threshold", str(self.threshold)),
                ("parameter", "ngram", str(self.ngram)), ("parameter", "num_perm", str(self.num_perm)),
                ("corpus", "articles", str(len(self.corpus))), ("corpus", "rejected", str(len(self.corpus.rejected))),
                ("corpus", "sha256", self._base["corpus"][:16])]
        for layer in LAYERS:
            for name, frame in self.tables(layer).items():
                rows.append((f"layer {layer}", name, f"{len(frame)} rows"))
        return pd.DataFrame(rows, columns=["what", "name", "value"])


def open_case(corpus: str | Path | Corpus, *, store: str | Path | None = None, on_error: str = "record",
              log=None, engine: str = "local", scheduler=None, **parameters) -> Case:
    """A :class:`Case` on ``corpus`` (a path, loaded with ``max_bytes``, or a loaded :class:`Corpus`).

    ``parameters`` are those of :data:`PARAMETERS`; ``profile`` defaults to a ``NAME.profile``
    folder beside the corpus when there is one. Relative paths resolve against the current directory.
    ``engine`` and ``scheduler``: see :class:`Case`.
    """
    params = check_parameters(parameters)
    if isinstance(corpus, Corpus):
        loaded = corpus
    else:
        loaded = load_corpus(corpus, on_error=on_error, max_bytes=params["max_bytes"])
        if params["profile"] is None:
            params["profile"] = profile_beside(corpus)
    return Case(loaded, store=store, profile=params["profile"], max_bytes=params["max_bytes"],
                threshold=params["threshold"], ngram=params["ngram"], num_perm=params["num_perm"], log=log,
                engine=engine, scheduler=scheduler)
