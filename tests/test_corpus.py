"""The loader: seeds against their manifest, every kind of bad input, tables, HTML, encodings."""
from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

import wiretrace as wt
from wiretrace.corpus import encode_raw
from wiretrace.paths import SEEDS


def test_seeds_load_as_five_articles_matching_the_manifest(seeds):
    manifest = pd.read_csv(SEEDS / "MANIFEST.csv")
    assert len(seeds) == 5 and len(manifest) == 5
    assert seeds.rejected.empty
    by_source = {a.source: a for a in seeds}
    for row in manifest.itertuples():
        article = by_source[row.file]
        assert article.sha256 == row.sha256 and article.nbytes == row.bytes
        assert article.id == row.file.removesuffix(".txt")
        assert encode_raw(article.raw, article.encoding) == (SEEDS / row.file).read_bytes()


def test_a_changed_file_is_named_against_the_manifest(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "c")
    victim = sorted((tmp_path / "c").glob("*.txt"))[2]
    victim.write_bytes(victim.read_bytes() + b"\nedited")
    with pytest.raises(wt.CorpusError, match=rf"{victim.name}: changed since manifest"):
        wt.load_corpus(tmp_path / "c")
    corpus = wt.load_corpus(tmp_path / "c", on_error="record")
    assert len(corpus) == 4
    assert corpus.rejected[["source", "reason"]].values.tolist() == [[victim.name, "changed since manifest"]]


def test_a_file_listed_in_the_manifest_but_gone_is_reported(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "c")
    gone = sorted((tmp_path / "c").glob("*.txt"))[0]
    gone.unlink()
    corpus = wt.load_corpus(tmp_path / "c", on_error="record")
    assert corpus.rejected[["source", "reason"]].values.tolist() == [[gone.name, "missing"]]


BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\t\n", "empty"),
    "binary.txt": (b"GIF89a\x00\x01\x02\x00\x00rest", "binary"),
    "undecodable.txt": ("caf\u00e9 ".encode("latin-1") + b"\x81\x8d", "undecodable"),
    "big.txt": (b"word " * 300, "too large"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_raises_naming_file_and_reason(tmp_path, name):
    data, reason = BAD_FILES[name]
    (tmp_path / name).write_bytes(data)
    with pytest.raises(wt.CorpusError) as info:
        wt.load_corpus(tmp_path / name, max_bytes=1000)
    assert info.value.source == name and info.value.reason == reason
    assert str(info.value).startswith(f"{name}: {reason}")


def test_record_mode_loads_the_good_and_lists_every_bad_file(tmp_path):
    for name, (data, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text("A good article.\n", encoding="utf-8")
    (tmp_path / "good.md").write_text("The same id twice.\n", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    corpus = wt.load_corpus(tmp_path, on_error="record", max_bytes=1000)
    assert corpus.ids == ["good"]
    got = dict(zip(corpus.rejected.source, corpus.rejected.reason))
    assert got == {**{n: r for n, (_, r) in BAD_FILES.items()}, "good.txt": "duplicate id",
                   "notes.pdf": "unsupported type"}
    assert corpus.rejected.set_index("source").at["notes.pdf", "status"] == "skipped"
    report = corpus.report()
    assert len(report) == len(BAD_FILES) + 3  # every file offered appears once
    assert set(report.status) == {"loaded", "rejected", "skipped"}


def test_duplicate_id_raises_naming_both_files(tmp_path):
    (tmp_path / "a.md").write_text("one", encoding="utf-8")
    (tmp_path / "a.txt").write_text("two", encoding="utf-8")
    with pytest.raises(wt.CorpusError, match=r"a.txt: duplicate id \(id 'a' already taken by a.md\)"):
        wt.load_corpus(tmp_path)


def test_missing_path_and_empty_directory(tmp_path):
    with pytest.raises(wt.CorpusError, match="missing"):
        wt.load_corpus(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(wt.CorpusError, match="empty"):
        wt.load_corpus(tmp_path / "empty", on_error="record")


def test_on_error_must_be_known(tmp_path):
    with pytest.raises(ValueError, match="on_error"):
        wt.load_corpus(tmp_path, on_error="ignore")


@pytest.mark.parametrize("encoding,label", [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16-le-bom"),
                                            ("cp1252", "cp1252"), ("utf-16-le", "utf-16-le")])
def test_encodings_are_recorded_and_round_trip(tmp_path, encoding, label):
    text = "Officials in Libya\u2019s capital said \u201cno\u201d \u2014 caf\u00e9.\r\nSecond line.\n"
    data = text.encode(encoding)
    (tmp_path / "a.txt").write_bytes(data)
    article = wt.load_corpus(tmp_path / "a.txt")["a"]
    assert article.raw == text and article.encoding == label
    assert encode_raw(article.raw, article.encoding) == data
    assert bool(article.notes) == (label != "utf-8")


def test_tables_load_with_ids_and_metadata_and_reject_bad_rows(tmp_path):
    rows = [{"id": "x1", "text": "First story.", "outlet": "Paper", "published": "2020-01-02"},
            {"id": "x2", "text": ""},
            {"id": "x1", "text": "Same id again."},
            {"text": "No id given."}]
    lines = [json.dumps(r) for r in rows] + ["{broken"]
    (tmp_path / "t.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = wt.load_corpus(tmp_path / "t.jsonl", on_error="record")
    assert corpus.ids == ["t-4", "x1"]
    assert corpus["x1"].meta == {"outlet": "Paper", "published": "2020-01-02"}
    assert dict(zip(corpus.rejected.source, corpus.rejected.reason)) == {
        "t.jsonl:2": "empty", "t.jsonl:3": "duplicate id", "t.jsonl:5": "bad row"}
    pd.DataFrame(rows[:1] + rows[3:]).to_csv(tmp_path / "t.csv", index=False)
    pd.DataFrame(rows[:1] + rows[3:]).to_parquet(tmp_path / "t.parquet")
    for name in ("t.csv", "t.parquet"):
        assert wt.load_corpus(tmp_path / name).ids == ["t-2", "x1"]


def test_a_table_without_text_is_an_error(tmp_path):
    pd.DataFrame({"body": ["x"]}).to_csv(tmp_path / "t.csv", index=False)
    with pytest.raises(wt.CorpusError, match=r"t.csv: no text column \(columns are \['body'\]\)"):
        wt.load_corpus(tmp_path / "t.csv")


def test_html_goes_through_trafilatura(tmp_path):
    body = " ".join(["Fighters arrived in the coastal city on Tuesday, officials said."] * 6)
    page = (f"<html><head><title>Fighters arrive</title></head><body><nav>Home | News</nav>"
            f"<article><h1>Fighters arrive</h1><p>{body}</p><p>{body}</p></article>"
            f"<footer>Cookie settings</footer></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    article = wt.load_corpus(tmp_path)["page"]
    assert "Fighters arrived in the coastal city" in article.raw
    assert "Home | News" not in article.raw
    assert article.meta.get("title") == "Fighters arrive"
    assert "trafilatura" in article.notes[-1]


def test_a_pattern_loads_every_matching_shard_with_the_same_row_rules(tmp_path):
    import json

    from wiretrace.pipeline import corpus_fingerprint, default_out

    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "feed-1.jsonl").write_text(json.dumps({"id": "a", "text": "The harbour reopened on Monday."}) + "\n"
                                         + json.dumps({"id": "b", "text": ""}) + "\n", encoding="utf-8")
    (shards / "feed-2.jsonl").write_text(json.dumps({"id": "c", "text": "Twelve boats left."}) + "\n", encoding="utf-8")
    (shards / "other.jsonl").write_text(json.dumps({"id": "z", "text": "Not this one."}) + "\n", encoding="utf-8")
    corpus = wt.load_corpus(shards / "feed-*.jsonl", on_error="record")
    assert corpus.ids == ["a", "c"]
    assert list(corpus.rejected.source) == ["feed-1.jsonl:2"] and list(corpus.rejected.reason) == ["empty"]
    with pytest.raises(wt.CorpusError, match=r"nothing-\*\.jsonl: missing \(no file matches the pattern\)"):
        wt.load_corpus(shards / "nothing-*.jsonl")
    first = corpus_fingerprint(shards / "feed-*.jsonl")
    (shards / "other.jsonl").write_text("changed\n", encoding="utf-8")
    assert corpus_fingerprint(shards / "feed-*.jsonl") == first  # only the matching shards count
    assert default_out(shards / "feed-*.jsonl").name == "feed"
