"""What a stranger's page cannot do to the published outputs: formulas, escapes, markup, id collisions."""
from __future__ import annotations

import pandas as pd

import wiretrace as wt
from wiretrace import cli, render
from wiretrace.provenance import build_provenance, prov_document


def test_csv_cells_cannot_run_as_formulas_or_drive_the_terminal(tmp_path):
    frame = pd.DataFrame({"text": ["=HYPERLINK(\"http://x\",\"y\")", "+1 555", "@SUM(A1)", "-cmd", "plain",
                                   "red \x1b[31malert\x1b[0m"],
                          "low": [-5.0, 1.0, 2.0, 3.0, 4.0, 5.0]})
    path = render.save_table(frame, tmp_path, "claims")
    written = pd.read_csv(path)
    assert list(written.text) == ["'=HYPERLINK(\"http://x\",\"y\")", "'+1 555", "'@SUM(A1)", "'-cmd", "plain",
                                  "red \\x1b[31malert\\x1b[0m"]
    assert list(written.low) == [-5.0, 1.0, 2.0, 3.0, 4.0, 5.0]  # numbers are numbers
    assert list(frame.text)[0].startswith("=")  # the frame itself keeps the exact text


def test_cli_csv_output_escapes_control_characters(capsys):
    cli._print_table(pd.DataFrame({"article_id": ["a\x1b]0;owned\x07"]}), "csv")
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "a\\x1b]0;owned\\x07" in out


def test_markdown_of_a_hostile_id_is_literal_text():
    escaped = render.md_escape("<svg onload=alert(1)>\n# owned")
    assert "<svg" not in escaped and "\n" not in escaped and "&lt;svg onload=alert\\(1\\)&gt; \\# owned" == escaped


def test_prov_ids_of_different_articles_stay_different(tmp_path):
    for n, name in enumerate(["story 1", "story_1", "story%1"]):
        (tmp_path / f"{name}.txt").write_text(f"Page number {n} about the floods in Marlow on Sunday.\n",
                                              encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    document = prov_document(build_provenance(corpus)).get_provn()
    entities = [line.split("(", 1)[1].split(",", 1)[0] for line in document.splitlines()
                if line.strip().startswith("entity(")]
    assert sorted(entities) == ["wt:article/story%201", "wt:article/story%251", "wt:article/story_1"]
    assert "nan" not in document and 'wt:storyDate="unknown/unknown"' in document


def test_a_dollar_id_is_a_label_not_math(tmp_path):
    import matplotlib.pyplot as plt

    render.setup()
    fig, ax = plt.subplots()
    ax.set_title("$\\evil$ and $\\frac{1}{0}$")
    render.save_figure(fig, tmp_path, "ids")  # mathtext would raise a ValueError here
    assert (tmp_path / "ids.svg").stat().st_size > 0


def test_a_very_long_token_is_not_scanned_as_a_word_pair(tmp_path):
    from wiretrace.entities import _AFTER_LOWER

    # the capitalisation evidence looks at word pairs; unbounded, its pattern was quadratic in a long token
    assert _AFTER_LOWER.search("a" * 10_000 + " Marlow") is None
    assert _AFTER_LOWER.search("the river Marlow").groups() == ("the", "river")
    (tmp_path / "page.txt").write_text("Floods hit Marlow. " + "a" * 50_000 + " End of the page.\n", encoding="utf-8")
    segments = wt.annotate(wt.load_corpus(tmp_path)).segments
    assert segments.end.max() > 50_000  # the page is annotated to its end


def test_links_out_of_the_corpus_and_special_files_are_not_read(tmp_path):
    import os

    corpus, outside = tmp_path / "corpus", tmp_path / "secret.txt"
    corpus.mkdir()
    outside.write_text("the password file", encoding="utf-8")
    (corpus / "story.txt").write_text("Floods hit Marlow on Sunday, the mayor said.\n", encoding="utf-8")
    (corpus / "passwd.txt").symlink_to(outside)
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    os.mkfifo(corpus / "pipe.txt")
    loaded = wt.load_corpus(corpus, on_error="record")
    assert loaded.ids == ["story"]
    reasons = dict(zip(loaded.rejected.source, loaded.rejected.reason))
    assert reasons == {"loop.txt": "missing", "passwd.txt": "not followed", "pipe.txt": "not a regular file"}


def test_cli_bad_values_are_one_line_errors(capsys, tmp_path):
    assert cli.main(["timex", "--anchor", "10/09/2020"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert cli.main(["timex", str(tmp_path / "missing.txt")]) == 1
    err = capsys.readouterr().err
    assert "missing.txt" in err and "Traceback" not in err


def test_a_lone_surrogate_in_a_jsonl_row_is_a_rejection_not_a_crash_later(tmp_path):
    (tmp_path / "feed.jsonl").write_text('{"id": "a", "text": "bad \\ud800 text"}\n'
                                         '{"id": "b", "text": "Floods hit Marlow on Sunday."}\n', encoding="utf-8")
    corpus = wt.load_corpus(tmp_path / "feed.jsonl", on_error="record")
    assert corpus.ids == ["b"] and list(corpus.rejected.reason) == ["undecodable"]
    wt.annotate(corpus)  # and the rest is annotated


def test_a_runs_results_inside_the_corpus_are_not_read_back_as_articles(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "results" / "case").mkdir(parents=True)
    (corpus / "story.txt").write_text("Floods hit Marlow on Sunday, the mayor said.\n", encoding="utf-8")
    (corpus / "results" / "00-corpus.md").write_text("# 00 · Corpus\n\nFloods hit Marlow.\n", encoding="utf-8")
    (corpus / "results" / "case" / "computed.log").write_text("annotations 0123\n", encoding="utf-8")
    (corpus / "wiretrace-runs" / "corpus").mkdir(parents=True)
    (corpus / "wiretrace-runs" / "corpus" / "00-corpus.md").write_text("# render\n", encoding="utf-8")
    loaded = wt.load_corpus(corpus, on_error="record")
    assert loaded.ids == ["story"]
    assert dict(zip(loaded.rejected.source, loaded.rejected.reason)) == {"results": "not read",
                                                                         "wiretrace-runs": "not read"}
