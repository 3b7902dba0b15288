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
