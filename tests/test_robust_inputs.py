"""Odd values from feeds: impossible or placeholder dates, calendar-edge anchors, UTF-16 or all-bad
JSONL, object ids, numbers beyond a float, long story intervals. Each is a value or a named
rejection, never a traceback."""
from __future__ import annotations

import json
from datetime import date

import pytest

import wiretrace as wt
from wiretrace import cli
from wiretrace.case import open_case
from wiretrace.corpus import published_day
from wiretrace.figures import parse_figures, reconcile
from wiretrace.timex import extract_timexes

STORY = "The ferry operator said on Tuesday that 40 passengers were rescued from the river near Carrow Quay."


def _feed(tmp_path, rows, name="feed.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("value", ["2023-02-30", "2021-13-45", "0000-01-01", "0001-01-01T00:00:00",
                                   "9999-12-31", "not a date", "12/03/2021"])
def test_a_published_value_that_names_no_day_is_unknown_and_noted(tmp_path, value):
    feed = _feed(tmp_path, [{"id": "a", "text": STORY, "published": value},
                            {"id": "b", "text": "Storm warnings were lifted for the coast on Monday.",
                             "published": "2021-03-04"}])
    case = open_case(feed)
    assert case.dates["a"]["story"].how != "stated"  # dated without the value, never a crash
    assert case.dates["b"]["story"].earliest == date(2021, 3, 4)
    assert "names no day" in "; ".join(case.corpus["a"].notes)
    assert published_day(value) is None and published_day("2021-03-04T10:00Z") == date(2021, 3, 4)


@pytest.mark.parametrize("anchor", ["0001-01-01", "0001-01-03", "9999-12-25", "9999-12-31"])
def test_relative_dates_at_the_calendars_edge_are_unknown_not_a_crash(capsys, monkeypatch, anchor):
    import io

    text = "They met on Monday; next week, next month and next year they meet again. Two weeks ago, the next day."
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert cli.main(["timex", "--anchor", anchor]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) >= 6 and all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    for timex in extract_timexes(text, date.fromisoformat(anchor)):
        assert timex.value and not timex.value.startswith("-")


def test_a_utf16_jsonl_is_named_undecodable(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes((json.dumps({"id": "a", "text": STORY}) + "\n").encode("utf-16"))
    with pytest.raises(wt.CorpusError, match=r"feed.jsonl: undecodable \(UTF-16"):
        wt.load_corpus(path, on_error="record")


def test_a_jsonl_of_only_bad_rows_keeps_their_reasons(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9 au lait"}\n[1, 2]\n')
    corpus = wt.load_corpus(path, on_error="record")
    assert len(corpus) == 0 and list(corpus.rejected.reason) == ["bad row", "bad row"]
    assert "utf-8" in corpus.rejected.detail.iloc[0]


def test_an_object_id_is_a_rejection(tmp_path):
    corpus = wt.load_corpus(_feed(tmp_path, [{"id": {"n": 1}, "text": STORY}, {"id": 7, "text": STORY + " Again."}]),
                            on_error="record")
    assert corpus.ids == ["7"]
    assert corpus.rejected[["source", "reason"]].values.tolist() == [["feed.jsonl:1", "bad id"]]


def test_a_number_beyond_a_float_is_no_figure_and_no_verdict():
    text = f"Officials said {'9' * 400} boats and {'8' * 400} boats were counted, and 12 boats left."
    found = parse_figures(text)
    assert [f["text"] for f in found] == ["12"]


def test_a_reconcile_reason_says_unknown_for_an_unknown_as_of_day(tmp_path):
    (tmp_path / "a.txt").write_text("Officials said 12 boats were held at Carrow Quay.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Officials said 12 boats were held at Carrow Quay on the river.\n", encoding="utf-8")
    case = open_case(tmp_path)
    _, verdicts = reconcile(case.claims)
    assert verdicts.reasons.str.contains("as of unknown…unknown").all()
    assert not verdicts.reasons.str.contains("None|nan").any()


def test_a_story_interval_of_millennia_is_read_at_its_ends_not_listed_day_by_day(tmp_path):
    from wiretrace.dating import Dating
    from wiretrace.timeline import _anchor_days

    days = _anchor_days(Dating(date(2, 1, 1), date(9998, 12, 31), "inherited"))
    assert not isinstance(days, list)  # 3.6 million days per sentence were listed (minutes on 30 rows)
    assert (len(days), days[0], days[-1]) == (3_651_329, date(2, 1, 1), date(9998, 12, 31))
    text = "The ferry operator said on Tuesday that 40 passengers were rescued. Rescuers returned on Wednesday."
    feed = _feed(tmp_path, [{"id": "a", "text": text, "published": "0002-01-01"},
                            {"id": "b", "text": text, "published": "9998-12-31"}])
    assert cli.main(["timeline", str(feed)]) == 0
