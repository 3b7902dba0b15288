"""The fast paths of annotation find exactly what the slow ones find: ISO days read as dateparser
reads them, a date line is parsed once, trimming by ``str.strip`` is trimming by ``str.isspace``,
and an agency credit line is read as before. Invented texts only."""
from __future__ import annotations

import calendar
import importlib
import random
import re

import wiretrace as wt
from wiretrace import datelines, sentences

segments = importlib.import_module("wiretrace.segments")


def test_iso_days_read_as_dateparser_reads_them():
    rng = random.Random(7)
    texts = ["2031-01-01", "2032-02-29", "2031-12-31", "1904-02-29", "2099-06-30"]
    for _ in range(40):
        year, month = rng.randint(1900, 2099), rng.randint(1, 12)
        texts.append(f"{year}-{month:02d}-{rng.randint(1, calendar.monthrange(year, month)[1]):02d}")
    for text in texts:
        assert datelines.readings(text) == datelines._parsed_readings.__wrapped__(text), text
    # not a real day: dateparser's own reading (it swaps month and day), not the fast path's
    assert datelines.readings("2031-13-01") == datelines._parsed_readings.__wrapped__("2031-13-01")
    assert datelines.readings("2031-02-30") == ()


def test_split_sentences_trims_what_isspace_calls_space():
    def trim(text, start, end):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end
    for text in ["\x1c Dam holds. \u2028 Rain falls.\u00a0\x1f", "  ", "A. B.\u3000", "Velmora\x85"]:
        spans = sentences.split_sentences(text)
        assert all(trim(text, s, e) == (s, e) and text[s:e].strip() for s, e in spans), text
    assert segments._LINE.pattern == r"[^\r\n]+"
    raw = "\x1c Dam holds at Korvel.\u00a0\n\u2028\n  Rain falls in Velmora. \x1f"
    assert [raw[s:e] for s, e in segments.split_segments(raw)] == ["Dam holds at Korvel.", "Rain falls in Velmora."]


def test_agency_credit_line_strips_by_then_punctuation():
    assert segments._NOT_NAME.sub("", segments._BY.sub("", "By (Reuters)", 1)) == "Reuters"
    text = "by \u0928\u093f Reuters"  # a combining mark: re's \w leaves it out, as before
    before = re.sub(r"^(?:By|by)\s+|[^\w\s&.-]", "", text)
    assert segments._NOT_NAME.sub("", segments._BY.sub("", text, 1)) == before


def test_a_date_line_is_parsed_once_however_often_pages_print_it(tmp_path, monkeypatch):
    import dateparser

    for i in range(3):
        (tmp_path / f"p{i}.txt").write_text(
            f"Korvel dam holds\n\nThursday 4 March 2031\n\nThe Korvel dam held on Monday, officials in Brantow said. "
            f"{40 + i} homes were flooded.", encoding="utf-8")
    datelines._parsed_readings.cache_clear()
    calls, real = [], dateparser.parse
    monkeypatch.setattr(dateparser, "parse", lambda text, *a, **k: calls.append(text) or real(text, *a, **k))
    annotations = wt.annotate(wt.load_corpus(tmp_path))
    assert sorted(set(annotations.page_dates.readings)) == ["2031-03-04"]
    assert len(annotations.page_dates) == 3
    assert calls == ["Thursday 4 March 2031"] * 2  # once in each day order


def test_each_form_of_a_furniture_cue_finds_its_line():
    """A cue file rule may have one row per form (a phrase opening a pattern is searched by its
    prefix, an alternation of phrases at every position): each form still finds its line. A guard:
    the same lines were found when each rule was one alternation."""
    lines = {
        "This report was auto-generated from a syndicated feed.": "syndicated-feed notice",
        "This story has not been edited by Velmora Daily staff.": "syndicated-feed notice",
        "It was PUBLISHED FROM A WIRE AGENCY FEED.": "syndicated-feed notice",
        "Taken from wire service copy.": "syndicated-feed notice",
        "Flood water rose past the quay https://t.co/Ab12Cd": "embedded social-media post (short link at the end)",
        "Flood water rose past the quay pic.twitter.com/Ab12Cd": "embedded social-media post (short link at the end)",
        "A crane lifts a beam at the quay. REUTERS/Orla Venn": "ends with an agency photo credit (AGENCY/Photographer)",
        "A crane lifts a beam at the quay. Handout via AFP": "ends with an agency photo credit (AGENCY/Photographer)",
        "This site uses cookies to improve your visit.": "cookie or consent banner",
        "Read our Cookie Policy for details.": "cookie or consent banner",
        "Click to accept all cookies.": "cookie or consent banner",
        "You can opt-out if you wish.": "cookie or consent banner",
        "You consent to the use of cookies here.": "cookie or consent banner",
        "Join our Telegram for the latest.": "channel or newsletter invitation",
        "Read the Velmora Telegram channel daily.": "channel or newsletter invitation",
        "Read the Velmora WhatsApp channel daily.": "channel or newsletter invitation",
        "Sign-ups to our newsletter are open.": "channel or newsletter invitation",
        "Copyright 2031 Velmora Media": "copyright or legal notice",
        "Velmora Media. All rights reserved.": "copyright or legal notice",
        "Our Standards: The Velmora Trust Principles.": "copyright or legal notice",
        "Read the terms of use before posting.": "copyright or legal notice",
        "Read the privacy policy before posting.": "copyright or legal notice",
        "This material may not be redistributed.": "copyright or legal notice",
        "Home » Velmora » Harbour": "breadcrumb trail",
        "HomeVelmoraHarbourCity": "breadcrumb trail",
        "HARBOUR NEWS": "upper-case section label",
    }
    for line, rule in lines.items():
        assert segments._furniture(line)[1] == rule, line


def test_an_upper_case_label_is_a_short_line_of_capitals_with_two_capitals_or_more():
    pattern = next(p for _, rule, p in segments._cues() if rule == segments.UPPER_CASE_LABEL)
    allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ.&'’ -")
    rng = random.Random(11)
    alphabet = "AQZ.&'’ -aé1"  # a segment is one stripped line
    for _ in range(20000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        label = 2 <= len(line) <= 25 and set(line) <= allowed and sum(c.isupper() for c in line) >= 2
        assert (pattern.search(line) is not None) == label, repr(line)
