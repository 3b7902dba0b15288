"""Hostile inputs, second round: a malformed CSV row is rejected alone (in both engines), a number
in scientific notation is no figure and never a fragment, a headline in capitals stays the
headline; a size limit or case folder that cannot be, a manifest of no directory, rejected rows on
the Dask engine, inputs an analysis left out, list or bytes ids and missing timestamps in Parquet.
Each is a value or a named rejection, never a traceback or a silent drop."""
from __future__ import annotations

import pandas as pd
import pytest

import wiretrace as wt
from wiretrace.figures import parse_figures
from wiretrace.segments import assign_roles, split_segments

GOOD = ['a,"The ferry left Carrow Quay on Monday, with 40 passengers aboard."', "d,Boats returned on Friday."]


def _csv(tmp_path, bad_line: str, name="feed.csv"):
    path = tmp_path / name
    path.write_text("\n".join(["id,text", GOOD[0], bad_line, GOOD[1]]) + "\n", encoding="utf-8")
    return path


def _both_engines(path):
    """The corpus the local loader and the Dask loader make of ``path`` (rejections recorded)."""
    import dask

    from wiretrace.scale import load_dask_corpus

    local = wt.load_corpus(path, on_error="record")
    with dask.config.set(scheduler="synchronous"):
        distributed = load_dask_corpus(path).compute()
    return local, distributed


@pytest.mark.parametrize("bad_line, why", [
    ('b,"A quote that never closes', "line 3: a quote opened on this line never closes"),
    ("c,Rescuers arrived on Tuesday.,extra", "line 3: 3 fields where the header has 2"),
    ("c", "line 3: 1 fields where the header has 2"),
    ('c,"Rescuers "arrived" on Tuesday."', "line 3: not CSV (',' expected after '\"')"),
])
def test_a_malformed_csv_row_is_rejected_alone_in_both_engines(tmp_path, bad_line, why):
    path = _csv(tmp_path, bad_line)
    for corpus in _both_engines(path):
        assert corpus.ids == ["a", "d"]
        assert corpus.rejected[["source", "reason", "detail"]].values.tolist() == [["feed.csv:2", "bad row", why]]
        assert corpus["a"].raw == GOOD[0][3:-1]
    with pytest.raises(wt.CorpusError, match=r"feed.csv:2: bad row \(line 3"):
        wt.load_corpus(path)


def test_a_csv_keeps_its_rows_numbered_and_reads_quoted_lines_crlf_and_a_bom(tmp_path):
    path = tmp_path / "feed.csv"
    text = 'text,id\r\n"Storm warnings were lifted.\r\nRoads reopened, officials said.",s1\r\n\r\nBoats returned.,\r\n'
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    corpus = wt.load_corpus(path)
    assert corpus.ids == ["feed-2", "s1"]  # a row without id is named by its row number, as before
    assert corpus["s1"].raw == "Storm warnings were lifted.\r\nRoads reopened, officials said."


def test_a_csv_row_that_is_not_utf8_is_rejected_alone(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_bytes(b"id,text\na,Storm warnings were lifted.\nb,caf\xe9 au lait\n")
    local, distributed = _both_engines(path)
    for corpus in (local, distributed):
        assert corpus.ids == ["a"]
        assert corpus.rejected[["source", "detail"]].values.tolist() == [["feed.csv:2", "line 3: not UTF-8 (byte 0xe9)"]]


def test_a_csv_with_a_longer_article_than_the_csv_modules_default_field_limit_loads(tmp_path):
    path = tmp_path / "feed.csv"
    text = "Boats returned to the quay. " * 10_000  # 280,000 characters
    path.write_text(f'id,text\na,"{text}"\n', encoding="utf-8")
    assert wt.load_corpus(path)["a"].raw == text


@pytest.mark.parametrize("content, reason", [(b"", "empty"), (b"\n\n", "empty"), (b'"id,text\n', "bad header"),
                                             (b"id,text,text\na,x,y\n", "bad header"),
                                             (b"id,body\na,x\n", "no text column"),
                                             ("id,text\na,x\n".encode("utf-16"), "undecodable")])
def test_a_csv_that_is_no_table_is_named(tmp_path, content, reason):
    path = tmp_path / "feed.csv"
    path.write_bytes(content)
    with pytest.raises(wt.CorpusError, match=f"feed.csv: {reason}"):
        wt.load_corpus(path, on_error="record")


@pytest.mark.parametrize("text", ["The fund lost 1e308 dollars last year.", "About 2.5e6 people fled the river towns.",
                                  "It cost 3E9 dollars and 1.2e-3 tonnes of grain.", "A budget of 4.5e+7 euros."])
def test_a_number_in_scientific_notation_is_no_figure_and_no_fragment(text):
    assert parse_figures(text) == []


def test_figures_beside_scientific_notation_are_still_read():
    found = parse_figures("The model gave 1e5 but officials said 40 boats were lost.")
    assert [f["text"] for f in found] == ["40"]


@pytest.mark.parametrize("headline", ["STORM HITS COAST", "PM RESIGNS", "FLOODS CUT OFF VILLAGES"])
def test_a_short_headline_in_capitals_is_the_headline(headline):
    raw = (f"{headline}\nBy Jane Ward\nA storm hit the coast near Carrow Quay on Monday, officials said.\n"
           "Roads were closed and schools shut, the district office said in a statement.\n")
    roles = [s.role for s in assign_roles(raw, split_segments(raw))]
    assert roles[:2] == ["headline", "byline"] and "boilerplate" not in roles


def test_a_section_label_above_a_headline_stays_a_label():
    raw = ("WORLD NEWS\nStorm hits the coast near Carrow Quay\n"
           "A storm hit the coast near Carrow Quay on Monday, officials said.\n"
           "Roads were closed and schools shut, the district office said in a statement.\n")
    segments = assign_roles(raw, split_segments(raw))
    assert [(s.role, s.rule) for s in segments[:2]] == [("boilerplate", "upper-case section label"),
                                                         ("headline", "first line, short, no terminal punctuation")]


def _ferry(folder):
    folder.mkdir()
    (folder / "a.txt").write_text("The ferry operator said on Tuesday that 40 passengers were rescued.\n", encoding="utf-8")
    return folder


def test_a_size_limit_that_is_no_size_is_a_usage_error_in_every_command(tmp_path, capsys):
    from wiretrace import cli

    corpus = _ferry(tmp_path / "ferry")
    assert cli.main(["corpus", str(corpus), "--max-bytes", "0"]) == 2  # was a traceback
    assert "max_bytes must be a positive whole number" in capsys.readouterr().err
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "text": "Boats returned."}\n', encoding="utf-8")
    assert cli.main(["duplicates", str(feed), "--engine", "dask", "--max-bytes", "0"]) == 2  # every row was rejected, silently


def test_a_case_store_that_cannot_be_a_folder_is_a_usage_error_before_any_work(tmp_path, capsys):
    from wiretrace import cli

    corpus = _ferry(tmp_path / "ferry")
    assert cli.main(["annotate", str(corpus), "--case", str(corpus / "a.txt")]) == 2  # was a traceback after annotating
    assert "a.txt: not a directory" in capsys.readouterr().err


def test_a_manifest_of_what_is_no_directory_says_so(tmp_path):
    from wiretrace.corpus import write_manifest

    corpus = _ferry(tmp_path / "ferry")
    with pytest.raises(wt.CorpusError, match="a.txt: not a directory"):
        write_manifest(corpus / "a.txt")
    with pytest.raises(wt.CorpusError, match="nowhere: missing"):
        write_manifest(tmp_path / "nowhere")


def test_dask_duplicates_stop_at_a_rejected_row_as_the_local_engine_does(tmp_path, capsys):
    from wiretrace import cli

    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "text": "Boats returned."}\n{broken\n', encoding="utf-8")
    for engine in ("local", "dask"):
        assert cli.main(["duplicates", str(feed), "--engine", engine]) == 1  # dask printed pairs, saying nothing
        assert "feed.jsonl:2: bad row" in capsys.readouterr().err


def test_an_analysis_says_on_stderr_which_inputs_it_left_out(tmp_path, capsys):
    from wiretrace import cli

    corpus = _ferry(tmp_path / "ferry")
    (corpus / "b.txt").write_bytes(b"")
    (corpus / "notes.pdf").write_bytes(b"%PDF")
    assert cli.main(["figures", str(corpus), "--keep-going"]) == 0
    out, err = capsys.readouterr()
    assert "40" in out and "articles analysed: 1; inputs left out: 1 rejected, 1 skipped" in err


def test_a_parquet_id_that_is_a_list_or_bytes_is_a_rejection_not_a_crash(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    story = "The ferry operator said on Tuesday that 40 passengers were rescued."
    path = tmp_path / "feed.parquet"
    pq.write_table(pa.table({"id": pa.array([["a", "b"], ["c"], None]), "text": [story, story + " Again.", "Boats."]}),
                   path)
    corpus = wt.load_corpus(path, on_error="record")  # was ValueError: truth value of an array is ambiguous
    assert corpus.ids == ["feed-3"] and list(corpus.rejected.detail) == ["id is a ndarray, not a string or number"] * 2
    pq.write_table(pa.table({"id": pa.array([b"x"]), "text": [story]}), path)
    assert wt.load_corpus(path, on_error="record").rejected.detail.tolist() == ["id is a bytes, not a string or number"]


def test_a_missing_timestamp_is_an_unknown_day_not_a_bad_value(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "feed.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "text": ["Boats returned.", "Boats left."],
                             "published": pa.array([pd.Timestamp("2021-03-04"), None])}), path)
    corpus = wt.load_corpus(path)
    assert corpus["b"].meta == {} and corpus["b"].notes == ("from the table's text column",)  # was published 'NaT'
    assert corpus["a"].meta["published"].startswith("2021-03-04")


def test_a_directory_of_shards_reads_csv_shards_and_records_the_other_files_as_skipped(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "Boats returned to Carrow Quay on Monday."}\n', encoding="utf-8")
    (tmp_path / "b.csv").write_text('id,text\nb,"Ferries left Carrow Quay, 40 aboard."\n', encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 not a table")
    from wiretrace.scale import load_dask_corpus

    dcorpus = load_dask_corpus(tmp_path)
    assert sorted(dcorpus.frame.id.compute()) == ["a", "b"]
    rejected = dcorpus.rejected.compute()
    assert list(zip(rejected.source, rejected.status, rejected.reason)) == [("notes.pdf", "skipped", "unsupported type")]


def test_timex_reads_a_file_as_the_loader_does_never_with_replacement_characters(tmp_path, capsys):
    import json

    from wiretrace import cli

    page = tmp_path / "cp1252.txt"
    page.write_bytes("The café at Carrow Quay reopened on March 3, 2031.".encode("cp1252"))
    assert cli.main(["timex", str(page)]) == 0
    out, err = capsys.readouterr()
    found = [json.loads(line) for line in out.splitlines()]
    text = page.read_bytes().decode("cp1252")
    assert [(t["value"], text[t["start"]:t["end"]]) for t in found] == [("2031-03-03", "March 3, 2031")]
    assert "decoded as cp1252" in err


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_list_or_bytes_metadata_cell_is_read_as_text_not_as_python_prints_it(tmp_path, engine):
    frame = pd.DataFrame({"id": ["a", "b"], "text": ["Boats returned to Carrow Quay.", "Ferries left Carrow Quay."],
                          "outlet": [["Kent Daily", "Quay Post"], None], "author": [b"Ina Vale", b"Odo \xff"]})
    frame.to_parquet(tmp_path / "feed.parquet")
    if engine == "local":
        meta = {a.id: a.meta for a in wt.load_corpus(tmp_path / "feed.parquet")}
    else:
        from wiretrace.scale import load_dask_corpus

        rows = load_dask_corpus(tmp_path / "feed.parquet").frame.compute()
        meta = {r["id"]: {k: r[k] for k in ("outlet", "author") if isinstance(r[k], str)} for _, r in rows.iterrows()}
    assert meta["a"]["outlet"] == "Kent Daily; Quay Post"
    assert meta["a"]["author"] == "Ina Vale"
    assert meta["b"]["author"] == "Odo \\xff"
    assert "outlet" not in meta["b"]
