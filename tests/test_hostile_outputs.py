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


HARBOUR = "The council met and agreed a new budget for the harbour repairs. " * 8


def test_an_undated_html_page_gets_no_guessed_or_floor_date(tmp_path):
    rows = "".join(f"<tr><td>Row {i} copyright 2011</td><td>{i}</td></tr>" for i in range(50))
    (tmp_path / "undated.html").write_text(
        f"<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1><p>{HARBOUR}</p>"
        f"<p>Footer © 2011 Example Site</p></article><table>{rows}</table></body></html>", encoding="utf-8")
    (tmp_path / "tagged.html").write_text(
        '<html><head><title>Harbour</title><meta property="article:published_time" content="2020-03-04T10:00:00Z">'
        f"</head><body><article><h1>Harbour</h1><p>{HARBOUR}</p></article></body></html>", encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    assert "published" not in corpus["undated"].meta  # htmldate's guess would be 2011-01-01
    assert corpus["tagged"].meta["published"] == "2020-03-04"


def test_html_page_bytes_and_extracted_text_are_kept_apart(tmp_path):
    import hashlib

    page = f"<html><body><article><h1>Harbour</h1><p>{HARBOUR}</p></article></body></html>".encode()
    (tmp_path / "page.html").write_bytes(page)
    (tmp_path / "note.txt").write_text(HARBOUR, encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    html_article, text_article = corpus["page"], corpus["note"]
    assert html_article.extracted and not text_article.extracted
    assert html_article.sha256 == hashlib.sha256(page).hexdigest() and html_article.nbytes == len(page)
    assert html_article.text_sha256 == hashlib.sha256(html_article.raw.encode()).hexdigest() != html_article.sha256
    assert text_article.text_sha256 == text_article.sha256
    report = corpus.report().set_index("article_id")
    assert report.loc["page", "text_sha256"] == html_article.text_sha256


# -- exporters under fuzzing: text and ids drawn from markup- and formula-like alphabets ------------
import html.parser  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from wiretrace.timeline import build_timeline, timelinejs  # noqa: E402

FUZZ = settings(max_examples=25, deadline=None, derandomize=os.environ.get("CI") == "true", database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
MARKUP = st.text(alphabet="<>&\"'=/+-@|:;()[]{}#*_`\\!$ abcxyz19\n\t", max_size=30)
PIECES = st.sampled_from(["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "=HYPERLINK(\"x\")",
                          "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "&amp;", "</blockquote>", "[x](javascript:1)",
                          "# head", "$\\evil$", "\x1b[31m"])
HOSTILE = st.lists(st.one_of(MARKUP, PIECES), min_size=1, max_size=4).map(" ".join)


class _Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))


@FUZZ
@given(st.lists(st.tuples(HOSTILE, HOSTILE), min_size=1, max_size=3))
def test_exporters_never_emit_live_markup_or_formulas(tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("fuzz")
    lines = [json.dumps({"id": f"{n}{ident}", "text": f"{text} The council met on 4 March 2021 in Porto. {text}"})
             for n, (ident, text) in enumerate(rows)]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = wt.load_corpus(folder / "feed.jsonl", on_error="record")
    if not len(corpus):
        return
    annotations = wt.annotate(corpus)
    events, _ = build_timeline(corpus, annotations)
    exported = timelinejs(events, corpus)
    for item in [exported["title"], *exported["events"]]:
        parser = _Tags()
        parser.feed(item["text"]["headline"] + item["text"].get("text", ""))
        assert {tag for tag, _ in parser.tags} <= {"blockquote", "p", "em"}
        assert all(attrs == () for _, attrs in parser.tags)
    provn = prov_document(build_provenance(corpus, annotations)).get_provn()
    entities = {line.split("(", 1)[1].split(",", 1)[0] for line in provn.splitlines()
                if line.strip().startswith("entity(wt:article/")}
    assert len(entities) == len(corpus)
    for article in corpus:
        escaped = render.md_escape(article.id + " " + article.raw)
        assert "<" not in escaped and "\n" not in escaped
    table = render.spreadsheet_safe(pd.DataFrame({"id": corpus.ids, "text": [a.raw for a in corpus]}))
    for cell in table.to_numpy().ravel():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) and "\x1b" not in cell


def test_a_cyrillic_code_page_declared_as_utf8_is_read_as_cyrillic(tmp_path):
    from wiretrace.corpus import encode_raw

    text = "Совет порта во вторник утвердил новый бюджет на ремонт старой пристани. "
    page = f'<html><head><meta charset="utf-8"></head><body><article><p>{text * 5}</p></article></body></html>'
    (tmp_path / "port.html").write_bytes(page.encode("cp1251"))
    (tmp_path / "note.txt").write_bytes((text * 3).encode("koi8_r"))
    (tmp_path / "french.txt").write_bytes("Le conseil a approuvé mardi un budget pour réparer le quai.".encode("cp1252"))
    corpus = wt.load_corpus(tmp_path)
    assert corpus["port"].encoding == "cp1251" and corpus["port"].raw.startswith("Совет порта")
    assert corpus["note"].encoding == "koi8_r" and encode_raw(corpus["note"].raw, "koi8_r") == (text * 3).encode("koi8_r")
    assert corpus["french"].encoding == "cp1252" and "approuvé" in corpus["french"].raw
    assert "decoded as cp1251" in corpus["port"].notes[0]


def test_a_consent_wall_is_named_and_a_body_after_nested_tables_is_kept(tmp_path):
    from wiretrace import summary

    (tmp_path / "wall.html").write_text(
        "<html><body><div><h2>We value your privacy</h2><p>We and our partners use cookies to store and access "
        "information on your device. Accept all cookies to continue, or manage your preferences.</p>"
        "<button>Accept all</button></div></body></html>", encoding="utf-8")
    nested = "<table><tr><td>" * 30 + "Menu Home News Sport" + "</td></tr></table>" * 30
    (tmp_path / "nested.html").write_text(
        f"<html><body>{nested}<div><p>{HARBOUR}</p><p>Officials said work would start in May.</p></div></body></html>",
        encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    assert "Officials said work would start in May." in corpus["nested"].raw
    overview = summary.article_overview(corpus, wt.annotate(corpus)).set_index("article_id")
    assert overview.loc["wall", "story_words"] == 0 and overview.loc["nested", "story_words"] > 50
    warning = summary.without_story(overview.reset_index())
    assert warning.startswith("**1 article(s) without story text**") and warning.endswith("wall. They are kept, "
                                                                                         "and count as nothing in the analyses.")


def test_a_parquet_text_column_of_lists_is_a_rejection_not_a_crash(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": ["a", "b"], "text": [["two", "parts"], ["The council met on Monday."]]}),
                   tmp_path / "lists.parquet")
    corpus = wt.load_corpus(tmp_path / "lists.parquet", on_error="record")
    assert corpus.ids == [] and list(corpus.rejected.reason) == ["not text", "not text"]
    assert corpus.rejected.detail.iloc[0] == "text is a ndarray, not a string"
