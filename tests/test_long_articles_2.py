"""A long article's quotations are attributed from mentions indexed once, not rescanned for each quotation."""
from __future__ import annotations

import re

import pytest

import wiretrace as wt
from wiretrace import quotes
from wiretrace.entities import Entity, Mention

PARAGRAPHS = ("Governor Ilsa Dravic said 40 homes were lost in Halden. “We need 12 more pumps,” the governor said.\n\n"
              "Tobren Marro, the mayor of Halden, spoke on Monday. “The water is still rising,” he said.\n\n"
              "“It will take 9 days,” Dravic said. Velka Quenby warned that 25 bridges could fall.\n\n"
              "Marro said the council had failed to act.\n\n"
              "“We lost 300 homes.”\n\n"
              "“Roads are closed,” the mayor told reporters. She added that 15 boats were at work near Fenwick.\n\n")


def _annotated(tmp_path, times: int):
    raw = "Floods live\n\n" + PARAGRAPHS * times
    (tmp_path / "live.txt").write_text(raw, encoding="utf-8")
    return raw, wt.annotate(wt.load_corpus(tmp_path))


def _mentions(annotations) -> list[Mention]:
    return [Mention(int(x.start), int(x.end), Entity(x.entity_id, x.canonical, x.type) if x.entity_id else None,
                    x.match, x.score) for x in annotations.mentions.itertuples()]


# The rescans ArticleMentions replaces (a scan of every mention of the article for each quotation).
def _people(raw, mentions, before):
    return [m for m in mentions if m.end <= before and quotes._may_speak(m, people_only=True)
            and not quotes._PLACE_BEFORE.search(raw[max(0, m.start - 12):m.start])]


def _last(found):
    return found[-1] if found else None


def _kinds(raw, mentions, before):
    people = _people(raw, mentions, before)
    return {"person": _last(people), "speaker": _last([m for m in people if quotes.said_after(raw, m.end)]),
            "opener": _last([m for m in people if re.search(r"(?:^|[.!?]\s+|\n\s*)$", raw[max(0, m.start - 4):m.start])])}


def _titled(raw, mentions, title, before=None, after=None):
    def named(m):
        return quotes._may_speak(m, people_only=True) and bool(
            re.search(rf"\b{re.escape(title)}\s*$", raw[max(0, m.start - 40):m.start], re.I)
            or re.match(rf"(?:\w+\s+){{0,2}}{re.escape(title)}\s+\w", raw[m.start:m.end], re.I)
            or re.match(rf"\s*,\s*(?:the\s+)?(?:\w+\s+){{0,3}}{re.escape(title)}\b", raw[m.end:m.end + 60], re.I))
    if after is None:
        return _last([m for m in mentions if m.end <= before and named(m)])
    return next((m for m in mentions if m.start >= after and named(m)), None)


def _fuller(raw, mentions, name, before):
    words = name.split()
    fuller = [quotes.untitled(raw[m.start:m.end]) for m in mentions if m.start < before and m.entity is None]
    for other in sorted(fuller, key=lambda n: -len(n.split())):
        parts = other.split()
        if len(parts) > len(words) and any(parts[i:i + len(words)] == words for i in range(len(parts))):
            return other
    return None


def test_what_the_index_answers_is_what_a_rescan_finds(tmp_path):
    raw, annotations = _annotated(tmp_path, 3)
    mentions = _mentions(annotations)
    index = quotes.ArticleMentions(raw, mentions)
    offsets = sorted({0, len(raw)} | {m.start for m in mentions} | {m.end for m in mentions}
                     | set(annotations.sentences.start) | set(annotations.quotes.start))
    for at in offsets:
        assert {kind: index.last_before(at, kind) for kind in ("person", "speaker", "opener")} == \
            _kinds(raw, mentions, at)
        for title in ("governor", "the mayor", "Mayor"):
            assert index.titled_before(title, at) == _titled(raw, mentions, title, before=at)
            assert index.titled_after(title, at) == _titled(raw, mentions, title, after=at)
        for name in ("Dravic", "Marro", "Tobren", "Halden", "Ilsa Dravic", "Velka"):
            assert index.fuller_before(name, at) == _fuller(raw, mentions, name, at)
        for end in offsets[offsets.index(at):][:6]:
            assert index.within(at, end) == [m for m in mentions if at <= m.start and m.end <= end]
            assert index.starting_at(at) == [m for m in mentions if m.start == at]


def test_a_quotation_is_attributed_alike_from_a_list_and_from_the_index(tmp_path):
    raw, annotations = _annotated(tmp_path, 2)
    mentions = _mentions(annotations)
    index = quotes.ArticleMentions(raw, mentions)
    for q in annotations.quotes.itertuples():
        segment = annotations.segments.set_index("segment_id").loc[q.segment_id]
        paragraph = (int(segment.start), int(segment.end))
        assert quotes.attribute(raw, q.start, q.end, paragraph, mentions) == \
            quotes.attribute(raw, q.start, q.end, paragraph, index)


@pytest.mark.parametrize("helper, per_mention", [("untitled", 2), ("said_after", 1), ("_may_speak", 8)])
def test_each_mention_of_a_long_article_is_read_a_few_times_for_its_quotations(tmp_path, monkeypatch, helper,
                                                                               per_mention):
    _, annotations = _annotated(tmp_path, 40)
    calls = []
    original = getattr(quotes, helper)
    monkeypatch.setattr(quotes, helper, lambda *args, **kw: calls.append(args) or original(*args, **kw))
    assert len(annotations.quotes) == 200 and len(annotations.mentions) == 360
    assert set(annotations.quotes.speaker) == {"Ilsa Dravic", "Tobren Marro"}
    # rescanning the mentions before each quotation calls each helper 12-100 times per mention here
    assert len(calls) <= per_mention * len(annotations.mentions)


def test_each_attribution_pattern_is_searched_once_and_only_where_a_speech_verb_is(monkeypatch):
    import re

    raw = ("The Korvel dam board met on Monday in Brantow. \"The spillway will hold,\" the board's engineer "
           "insisted, and \"We will be ready for the spring\" ended the meeting.")
    opening = raw.index("We will")
    paragraph = (0, len(raw))
    searched, real = [], re.search
    monkeypatch.setattr(quotes.re, "search", lambda pattern, text, *a: searched.append((pattern, text)) or
                        real(pattern, text, *a))
    quote = quotes.attribute(raw, opening, raw.index("\" ended"), paragraph, [])
    assert quote.speaker_name is None
    assert len(searched) == len(set(searched))  # no pattern searched twice in one window
    windows = {text for _, text in searched}
    assert not any(w.startswith(" ended the meeting") and "said" in p for p, w in searched)
    assert windows  # the windows with a verb (the sentence before) were read
