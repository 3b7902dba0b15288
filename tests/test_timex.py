"""Temporal expressions: every form the timeline needs, with anchors chosen here."""
from __future__ import annotations

from datetime import date

import pytest

from wiretrace.timex import extract_timexes, find_timexes

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
    # forms added for the TempEval-3 conventions
    ("officials said Thursday", D("2000-02-10"), ("Thursday", "DATE", "2000-02-10", "2000-02-10", "2000-02-10")),
    ("Orkem said last Wednesday that", D("1989-11-01"), ("last Wednesday", "DATE", "1989-10-25", "1989-10-25", "1989-10-25")),
    ("ways around Wednesday's ruling, they would say", D("2000-01-07"), ("Wednesday", "DATE", "2000-01-05", "2000-01-05", "2000-01-05")),
    ("the father could arrive as soon as Tuesday", D("2000-04-03"), ("Tuesday", "DATE", "2000-04-04", "2000-04-04", "2000-04-04")),
    ("shot on the night of Friday, Oct. 23.", D("1998-11-21"), ("Friday, Oct. 23", "DATE", "1998-10-23", "1998-10-23", "1998-10-23")),
    ("a message read Wednesday night to", D("2000-01-07"), ("Wednesday night", "TIME", "2000-01-05TNI", "2000-01-05", "2000-01-05")),
    ("the offer runs until 5 p.m. EST Nov. 9.", D("1989-11-02"), ("5 p.m. EST Nov. 9", "TIME", "1989-11-09T17:00", "1989-11-09", "1989-11-09")),
    ("closing, which is expected in December.", D("1989-11-02"), ("December", "DATE", "1989-12", "1989-12-01", "1989-12-31")),
    ("from $29.75 in March, the report said", D("1989-10-30"), ("March", "DATE", "1989-03", "1989-03-01", "1989-03-31")),
    ("elections will be held on December 24", D("2021-02-10"), ("December 24", "DATE", "2021-12-24", "2021-12-24", "2021-12-24")),
    ("In the 1988 third quarter, it lost money", D("1989-10-26"), ("the 1988 third quarter", "DATE", "1988-Q3", "1988-07-01", "1988-09-30")),
    ("in the third quarter of 1984 because", D("1989-10-27"), ("the third quarter of 1984", "DATE", "1984-Q3", "1984-07-01", "1984-09-30")),
    ("net sales for this year's third quarter", D("1989-11-01"), ("this year's third quarter", "DATE", "1989-Q3", "1989-07-01", "1989-09-30")),
    ("lower earnings for the last half of 1989", D("1989-10-26"), ("the last half of 1989", "DATE", "1989-H2", None, None)),
    ("the fourth quarter saw a drop in profits", D("1998-01-26"), ("the fourth quarter", "DATE", "1997-Q4", "1997-10-01", "1997-12-31")),
    ("January nineteen ninety-seven. Atlanta again.", D("1998-02-27"), ("January nineteen ninety-seven", "DATE", "1997-01", "1997-01-01", "1997-01-31")),
    ("unemployment by the year two thousand", D("1998-02-05"), ("the year two thousand", "DATE", "2000", "2000-01-01", "2000-12-31")),
    ("in the winter of 1994 prices fell", D("1998-02-23"), ("the winter of 1994", "DATE", "1994-WI", "1994-12-01", "1995-02-28")),
    ("members just a decade ago were", D("1999-03-12"), ("a decade ago", "DATE", "1989", "1989-01-01", "1989-12-31")),
    ("Elian was found Thanksgiving Day clinging", D("2000-01-07"), ("Thanksgiving Day", "DATE", "1999-11-25", "1999-11-25", "1999-11-25")),
    ("revenue of $76 million for the year ended", D("1989-11-01"), ("the year", "DURATION", "P1Y", None, None)),
    ("hate groups dropped through the nineties", D("1998-03-03"), ("the nineties", "DATE", "199", "1990-01-01", "1999-12-31")),
    ("the fabled 11th century temple", D("1998-02-19"), ("11th century", "DATE", "10", None, None)),
    ("40,000 troops by the end of the month", D("1990-08-13"), ("the end of the month", "DATE", "1990-08", "1990-08-21", "1990-08-31")),
    ("Over the summer, competitors cut prices", D("1989-10-26"), ("the summer", "DATE", "1989-SU", "1989-06-01", "1989-08-31")),
    ("an offering in the near future", D("1989-11-01"), ("the near future", "DATE", "FUTURE_REF", "1989-11-01", None)),
    ("Castro said Gonzalez would travel with his current wife", D("2000-03-30"), ("current", "DATE", "PRESENT_REF", "2000-03-30", "2000-03-30")),
])
def test_expression_forms(text, anchor, expected):
    assert one(text, anchor) == expected


def test_numbers_that_are_not_times_are_left_alone():
    text = "The Wagner group has 2,000 people; more than 20,000 fighters; 600 to 800; $1,000; 2019 percent; flight 2016"
    assert [t.text for t in extract_timexes(text, D("2021-01-01"))] == []
    assert extract_timexes("He may go. They march on.", D("2021-01-01")) == []


@pytest.mark.parametrize("text", [
    "the 6-year-old boy", "Mr. Reupke, 52 years old, said", "Foreign Minister Jan Kavan said",
    "at the annual March for Life", "it will be a second betrayal", "more than a quarter of the market",
    'speaking on ABC News\' "This Week," Baker said', "This is VOA Today.", "in his sixties",
    "the quarter-to-quarter comparison", "the country's independence day", "they will leave soon",
])
def test_look_alikes_are_left_alone(text):
    assert extract_timexes(text, D("2000-01-01")) == []


def test_anaphora_count_from_the_date_last_mentioned():
    text = "On May 22, 1995, Farkas was made a general, and the following year he became attache. Later that year he left."
    found = [(t.text, t.value) for t in extract_timexes(text, D("1998-04-18"))]
    assert found == [("May 22, 1995", "1995-05-22"), ("the following year", "1996"), ("Later that year", "1995")]
    # with nothing mentioned before, the anchor is the reference
    assert [t.value for t in extract_timexes("He left the next day.", D("1998-04-18"))] == ["1998-04-19"]


def test_business_reports_date_year_ago_figures_to_the_reported_quarter():
    text = ("Net income rose in the third quarter to $5 million. Sales were $10 million, "
            "up from $8 million a year earlier. For the nine months, net was $9 million, against $7 million a year ago.")
    found = {t.text: t.value for t in extract_timexes(text, D("1989-10-26"))}
    assert found["the third quarter"] == "1989-Q3"
    assert found["a year earlier"] == "1988-Q3"  # the quarter reported on, a year before
    assert found["a year ago"] == "1988"  # the sentence reports nine months: a year ago is the year


def test_approximations_belong_to_the_expression_with_their_mod():
    found = extract_timexes("He was killed almost two years ago; wait at least 30 days.", D("1998-02-19"))
    assert [(t.text, t.value, t.mod) for t in found] == [
        ("almost two years ago", "1996", "APPROX"), ("at least 30 days", "P30D", "EQUAL_OR_MORE")]


def test_expressions_naming_their_year_are_absolute():
    from wiretrace.timex import find_timexes
    text = "In the third quarter of 1984, on Friday, Oct. 23, 1998, in the winter of 1994, and on Friday, Oct. 23."
    assert [m.absolute for m in find_timexes(text)] == [True, True, True, False]


def test_holidays_fall_on_their_rule_day():
    from wiretrace.timex import holiday_date
    assert holiday_date("Thanksgiving", 1999) == D("1999-11-25")
    assert holiday_date("Memorial Day", 1998) == D("1998-05-25")
    assert holiday_date("Election Day", 1998) == D("1998-11-03")
    assert holiday_date("Good Friday", 1998) == D("1998-04-10")


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


@pytest.mark.parametrize("text,expression,tense", [
    # the verb nearest before decides, a past verb in -ed too, not the first listed marker of the clause
    ("Exports of lamps that soon will be taxed reached $3 million in 2027.", "2027", "past"),
    ("The board will keep the limits introduced after the flood in 2029.", "2029", "past"),
    # a reporting verb does not set the tense of what it reports
    ("Velmont Corp. said it expects its profit in 2031 to shrink.", "2031", "unknown"),
    ("For years, Velmont had promised its dealers that by 2033 it intended to open ten shops.", "2033", "unknown"),
    ("Mr. Orsk said the firm foresees a need for more ferries throughout the 2030s.", "the 2030s", "unknown"),
    ("The firm said it is optimistic about orders for 2032 and beyond.", "2032", "unknown"),
    # a year between a determiner and a noun names a thing, not when the verb happened
    ("A broker yesterday trimmed her 2031 sales forecast.", "2031", "unknown"),
    ("The strike will mean lower-than-hoped output for 2030.", "2030", "future"),
    ("The bonus would be paid on a still undecided date in 2030.", "2030", "future"),
    ("Sales have fallen since 2026.", "2026", "past"),
])
def test_tense_comes_from_the_verb_that_governs_the_expression(text, expression, tense):
    found = {m.match.group(0): m.tense for m in find_timexes(text)}
    assert found[expression] == tense, found


def test_overnight_clock_times_and_earlier_or_later_this_unit():
    from datetime import date as day

    from wiretrace.timex import extract_timexes

    anchor = day(2023, 2, 19)
    found = {t.text: t for t in extract_timexes(
        "The storm hit overnight at 0425 GMT. Crews will work overnight and decide later in the week. "
        "The mayor said earlier this month that an overnight stay was booked.", anchor)}
    nights = [(t.type, t.value) for t in extract_timexes("The storm hit overnight. Crews will work overnight.", anchor)]
    assert nights == [("TIME", "2023-02-18TNI"), ("TIME", "2023-02-19TNI")]
    assert found["0425 GMT"].value == "2023-02-19T04:25"
    assert (found["earlier this month"].earliest, found["earlier this month"].latest) == (day(2023, 2, 1), anchor)
    assert (found["later in the week"].value, found["later in the week"].mod) == ("2023-W07", "END")
    assert extract_timexes("He booked an overnight stay.", anchor) == []


def test_weeks_ago_are_counted_in_days_from_the_day_written():
    from datetime import date as day

    from wiretrace.timex import extract_timexes

    anchor = day(2018, 7, 7)
    spans = {t.text: (t.value, t.earliest, t.latest) for t in extract_timexes(
        "They went missing almost two weeks ago. It began two weeks ago. It ended more than 2 weeks ago.", anchor)}
    assert spans["almost two weeks ago"] == ("2018-W25", day(2018, 6, 23), day(2018, 6, 26))
    assert spans["two weeks ago"] == ("2018-W25", day(2018, 6, 20), day(2018, 6, 26))
    assert spans["more than 2 weeks ago"] == ("2018-W25", day(2018, 6, 20), day(2018, 6, 23))


def test_the_grammars_gate_lets_every_kind_of_expression_through(seeds):
    """The gate on first words must never hide a match the grammar alone would find."""
    import regex

    from wiretrace import timex

    ungated = regex.compile(timex.grammar().pattern.replace(timex.GATE, ""), regex.I)
    texts = [a.raw for a in seeds] + [
        "On 2021-03-24, Tuesday, March 23, 2021, March 23, 2021 and 23 March 2021 and 3 March this year.",
        "On March 23 and 23 March, in early March, 2021, March 2021, March last year, last March, in March.",
        "In early 2019, mid-2020, later this month, the 1990s, the '90s, the sixties, the 21st century, the end of the week.",
        "In fiscal 1998, the summer of 2019, in 2014, last Tuesday evening, 10 a.m. Monday, noon on Friday.",
        "At 9:30 p.m. on March 4, 2020, this morning, tonight, overnight, at 1025 GMT, at midday, today, yesterday.",
        "The first quarter of 1998, the second half of 2019, the 1998 fourth quarter, last year's first quarter.",
        "The year-ago quarter, the third quarter, the current quarter, last Christmas, New Year's Day, the year-end.",
        "That same day, the following week, about two years ago, last week, the past three months, recent years.",
        "A 10-year plan, for nearly three weeks, for months, daily, every week, now, in the near future, these days.",
        "Some nineteen ninety-six records, the year two thousand, this spring, the weekend, the current fiscal year.",
    ]
    for text in texts:
        assert [m.span() for m in timex.grammar().finditer(text)] == [m.span() for m in ungated.finditer(text)]


def test_an_abbreviated_month_with_its_day_is_a_date_but_a_name_is_not():
    from wiretrace.timex import find_timexes

    assert [m.match.group(0) for m in find_timexes("VELMORA, Feb 6 (Wirepress) - Rain fell.")] == ["Feb 6"]
    assert find_timexes("Jan Orrow said the rain fell.") == []


@pytest.mark.parametrize("text, expected", [
    ("Divers reached the pumping hall on Monday last week.", ("Monday last week", "2031-06-30")),
    ("The levee was breached on Monday of last week.", ("Monday of last week", "2031-06-30")),
    ("The inquiry opens on Friday next week.", ("Friday next week", "2031-07-18")),
    ("Talks resumed on Tuesday this week.", ("Tuesday this week", "2031-07-08")),
    ("The ferry left last Monday.", ("last Monday", "2031-07-07")),
])
def test_a_weekday_of_a_named_week_is_that_day_of_that_calendar_week(text, expected):
    # written on Thursday 10 July 2031
    assert one(text, D("2031-07-10"))[0::2][:2] == expected


@pytest.mark.parametrize("text, expected", [
    # the end of a state reported is mostly ahead: the past verb does not send it back a week
    ("The search was called off at dusk until Friday.", ("Friday", "2031-07-11")),
    ("The pass stayed shut till Saturday morning.", ("Saturday morning", "2031-07-12TMO")),
    # the same weekday told as an event keeps the verb's past; a year needs no side
    ("The search was called off on Friday.", ("Friday", "2031-07-04")),
    ("She was a trustee of the fund until 1974.", ("1974", "1974")),
])
def test_a_day_a_state_lasts_until_is_ahead_unless_the_text_says(text, expected):
    # written on Thursday 10 July 2031
    assert one(text, D("2031-07-10"))[0::2][:2] == expected


def test_until_a_year_keeps_the_tense_of_its_verb():
    (until,) = find_timexes("She was a trustee of the fund until 1974.")
    (monday,) = find_timexes("The talks were adjourned until Monday.")
    assert (until.tense, monday.tense, monday.firm) == ("past", "future", False)


@pytest.mark.parametrize("text, expected", [
    # a part of the day after a preposition is that part of the day last named, else of the day written
    ("The dam broke on Monday and by the evening the river had reached Vell.", ["2031-03-03", "2031-03-03TEV"]),
    ("Yesterday the river rose and during the afternoon it flooded the square.", ["2031-03-04", "2031-03-04TAF"]),
    ("The water had receded by the evening, officials said.", ["2031-03-05TEV"]),
    # a night told in the past of the day written is the night before it
    ("Crews in Brantow worked through the night to close the breach.", ["2031-03-04TNI"]),
    ("He reads the morning papers; the evening news ran late.", []),  # a noun, not a time
])
def test_a_part_of_the_day_is_of_the_day_last_named(text, expected):
    assert [t.value for t in extract_timexes(text, date(2031, 3, 5))] == expected
