"""Temporal expressions: every form the timeline needs, with anchors chosen here."""
from __future__ import annotations

from datetime import date

import pytest

from wiretrace.timex import extract_timexes

D = date.fromisoformat


def one(text, anchor, **kw):
    found = extract_timexes(text, anchor, **kw)
    assert len(found) == 1, found
    t = found[0]
    assert text[t.start:t.end] == t.text
    return t.text, t.type, t.value, t.earliest and t.earliest.isoformat(), t.latest and t.latest.isoformat()


@pytest.mark.parametrize("text,anchor,expected", [
    ("In this Aug. 14, 2017 file photo", D("2019-12-05"), ("Aug. 14, 2017", "DATE", "2017-08-14", "2017-08-14", "2017-08-14")),
    ("accused Russia on July 24, 2020, of", D("2021-03-01"), ("July 24, 2020", "DATE", "2020-07-24", "2020-07-24", "2020-07-24")),
    ("elections on 24 December in 2021.", D("2020-12-20"), ("24 December in 2021", "DATE", "2021-12-24", "2021-12-24", "2021-12-24")),
    ("On 3 December this year, the envoy said", D("2020-12-24"), ("3 December this year", "DATE", "2020-12-03", "2020-12-03", "2020-12-03")),
    ("He spoke to reporters on Wednesday.", D("2020-12-24"), ("Wednesday", "DATE", "2020-12-23", "2020-12-23", "2020-12-23")),
    ("The minister will travel on Friday.", D("2020-12-24"), ("Friday", "DATE", "2020-12-25", "2020-12-25", "2020-12-25")),
    ("al-Meshri said last week.", D("2019-12-05"), ("last week", "DATE", "2019-W48", "2019-11-25", "2019-12-01")),
    ("Last April, a delegation met officials.", D("2020-12-24"), ("Last April", "DATE", "2020-04", "2020-04-01", "2020-04-30")),
    ("It launched its offensive in April after seizing the east.", D("2019-12-05"), ("April", "DATE", "2019-04", "2019-04-01", "2019-04-30")),
    ("In March this year, Moscow signed a deal.", D("2020-12-24"), ("March this year", "DATE", "2020-03", "2020-03-01", "2020-03-31")),
    ("a meeting in mid-December during which", D("2020-12-24"), ("mid-December", "DATE", "2020-12", "2020-12-12", "2020-12-20")),
    ("a conference by early 2020.", D("2019-12-05"), ("early 2020", "DATE", "2020", "2020-01-01", "2020-05-01")),
    ("a conference on Libya next year.", D("2019-12-05"), ("next year", "DATE", "2020", "2020-01-01", "2020-12-31")),
    ("Fighting has stalled in recent weeks.", D("2019-12-05"), ("recent weeks", "DURATION", "PXW", None, None)),
    ("fighters deployed in the past months.", D("2019-12-05"), ("the past months", "DURATION", "PXM", None, None)),
    ("present in the country since at least 2017.", D("2021-03-01"), ("2017", "DATE", "2017", "2017-01-01", "2017-12-31")),
    ("forces have been trying for months to capture it", D("2019-12-05"), ("months", "DURATION", "PXM", None, None)),
    ("a 3-month renewable contract", D("2020-12-24"), ("3-month", "DURATION", "P3M", None, None)),
    ("uprising that toppled him in the 1990s", D("2019-12-05"), ("the 1990s", "DATE", "199", "1990-01-01", "1999-12-31")),
    ("three days ago", D("1998-08-07"), ("three days ago", "DATE", "1998-08-04", "1998-08-04", "1998-08-04")),
    ("profits rose in the third quarter", D("1989-10-26"), ("the third quarter", "DATE", "1989-Q3", "1989-07-01", "1989-09-30")),
    ("the index is published daily", D("2000-01-01"), ("daily", "SET", "P1D", None, None)),
    ("prices are recently higher", D("2000-01-01"), ("recently", "DATE", "PAST_REF", None, "2000-01-01")),
    ("Police said this morning that", D("1998-02-06"), ("this morning", "TIME", "1998-02-06TMO", "1998-02-06", "1998-02-06")),
    ("The blast happened last night.", D("1998-01-20"), ("last night", "TIME", "1998-01-19TNI", "1998-01-19", "1998-01-19")),
    ("The vote closed at 10 p.m. Wednesday.", D("1998-02-13"), ("10 p.m. Wednesday", "TIME", "1998-02-11T22:00", "1998-02-11", "1998-02-11")),
    ("Talks broke off at noon Thursday.", D("1998-02-13"), ("noon Thursday", "TIME", "1998-02-12T12:00", "1998-02-12", "1998-02-12")),
])
def test_expression_forms(text, anchor, expected):
    assert one(text, anchor) == expected


def test_numbers_that_are_not_times_are_left_alone():
    text = "The Wagner group has 2,000 people; more than 20,000 fighters; 600 to 800; $1,000; 2019 percent; flight 2016"
    assert [t.text for t in extract_timexes(text, D("2021-01-01"))] == []
    assert extract_timexes("He may go. They march on.", D("2021-01-01")) == []


def test_interval_anchor_widens_the_result():
    t = extract_timexes("Siala spoke at a press conference on Wednesday.", (D("2020-12-20"), D("2020-12-31")))[0]
    assert (t.value, t.earliest, t.latest) == ("2020-12-XX", D("2020-12-16"), D("2020-12-30"))
    t = extract_timexes("said last week", (D("2019-12-01"), D("2019-12-10")))[0]
    assert (t.earliest, t.latest) == (D("2019-11-18"), D("2019-12-08"))


def test_no_anchor_keeps_unknown_parts():
    found = {t.text: t.value for t in extract_timexes("On Wednesday, in April and last week; on 3 May 2019.", None)}
    assert found == {"Wednesday": "XXXX-XX-XX", "April": "XXXX-04", "last week": "XXXX-WXX", "3 May 2019": "2019-05-03"}


def test_tense_decides_the_side_of_a_bare_date():
    past = one("Talks collapsed on December 24, officials said.", D("2021-03-01"))
    future = one("Elections will be held on December 24, officials said.", D("2021-03-01"))
    assert past[2] == "2020-12-24" and future[2] == "2021-12-24"
