"""Who published a page, whose text it carries and who wrote it: outlet, wire and byline.

Each is read from the page's own words, as a journalist reads them, and keeps its rule and
evidence spans:

- **wire**: the agency whose text the page *carries* (a dateline credit "ISMAILIA, Egypt (AP) —",
  an agency credit line, a credit style of ``data/credit_styles.csv`` such as Reuters'
  "(Reporting by ...; Editing by ...)", a source or copyright line), else the agency the story
  *cites* as its source most often ("The Associated Press reported", "told AFP"), else a photo
  credit (weak: the photo's agency, said so in the rule). Agency names and aliases are in
  ``data/wire_sources.csv``.
- **byline**: the writers a "By" line, a name-and-date line or an agency credit line names
  (reporters and writers, not editors); an agency or an outlet is never a byline.
- **outlet**: what the page says of itself: profile markers (``outlet_markers.csv``), a masthead
  above the headline, "by <Outlet>" where the name is an organisation's, a syndication notice
  ("not been edited by <Outlet> staff"), the site's web address, a copyright line, an invitation
  to follow "<Outlet>" (not a social platform), the page's metadata; else ``unknown``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import roles
from .annotate import rows_of
from .datelines import date_line
from .resources import cached, table, word_list

PHOTO_ONLY = "photo credit only"  # the rule of a wire known only from a photo credit: weak evidence


@dataclass
class Field:
    """A value with the rule that decided it and its evidence spans."""

    value: object
    rule: str
    spans: list[dict]


def _span(article_id: str, start: int, end: int, text: str) -> dict:
    return {"article_id": article_id, "start": start, "end": end, "text": text}


@cached
def _wire_pattern() -> tuple[re.Pattern, dict[str, str]]:
    rows = table("wire_sources.csv")
    canonical = {r["variant"].casefold(): r["wire"] for r in rows}
    # Short names (AP, AA, PTI) only in capitals; longer ones in any case (REUTERS, Bloomberg).
    alternatives = []
    for variant in sorted(canonical, key=len, reverse=True):
        original = next(r["variant"] for r in rows if r["variant"].casefold() == variant)
        escaped = re.escape(original)
        alternatives.append(escaped if len(original) <= 4 else f"(?i:{escaped})")
    return re.compile(rf"(?<![\w/.-])(?:{'|'.join(alternatives)})(?![\w-])"), canonical


def find_wires(text: str) -> list[tuple[str, int, int]]:
    """Every wire agency named in ``text``: (canonical name, start, end), in order."""
    pattern, canonical = _wire_pattern()
    return [(canonical[m.group(0).casefold()], m.start(), m.end()) for m in pattern.finditer(text)]


def find_wire(text: str) -> tuple[str, int, int] | None:
    """The first wire agency named in ``text``: (canonical name, start, end)."""
    found = find_wires(text)
    return found[0] if found else None


@cached
def _credit_styles() -> tuple[tuple[str, str, re.Pattern], ...]:
    return tuple((r["wire"], r["rule"], re.compile(r["pattern"])) for r in table("credit_styles.csv"))


# The story cites an agency as its source: "The Associated Press reported", "told AFP",
# "according to Reuters", "Anadolu News Agency reports", "a media briefing attended by Reuters".
_CITED_BEFORE = re.compile(r"(?i:\b(?:according to|told|tells|telling|said to|quoted by|cited by|reported by|"
                           r"attended by|in an interview with|(?:a |an )?statement to)\s+(?:the\s+)?)$")
_CITED_AFTER = re.compile(r"^(?:\s+News Agency|\s+news agency)?\s+(?:reported|reports|said|says|has reported|"
                          r"was told|learned|understands|quoted)\b")
# A parenthesised credit at the start of a story or on a dateline: "(AP)", "(Outlet/AP)".
_CREDIT = re.compile(r"\(([^()\n]{1,80})\)")
_WEB_HOST = re.compile(r"^(?:https?://)?(?:www\.)?((?:[\w-]+\.)+[a-z]{2,}(?:\.[a-z]{2})?)(?:/|$)", re.IGNORECASE)
_WORD = r"[A-Z](?:[\w'’-]|\.(?=\w))+"  # a capitalised word (dots only inside: "U.S", not a full stop)
_NAME = rf"{_WORD}(?:[ \t]+(?:(?:de|da|van|von|bin|al|el|del|di|la|le)[ \t]+)?{_WORD}){{0,3}}"
_PEOPLE = re.compile(rf"{_NAME}(?:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*){_NAME})*")
_PLATFORMS = re.compile(r"^(?:Twitter|X|Facebook|Telegram|WhatsApp|Instagram|YouTube|Google News|Google|"
                        r"LinkedIn|TikTok|Threads|Snapchat|Apple News|Flipboard|Substack)$")


def _organisation(name: str) -> bool:
    words = re.findall(r"[\w'’-]+", name)
    org = word_list("organisation_words.txt")
    return any(w in org for w in words) or any(find_wires(name))


def _segments(segments, roles_: tuple[str, ...]):
    return [r for r in rows_of(segments) if r.role in roles_]


def wire_of(article, segments, byline: Field | None = None) -> Field:
    """The agency whose text the page carries, else the one it cites most, else a photo credit's."""
    aid = article.id
    segments = rows_of(segments)
    story_starts = [r.start for r in segments if r.role in roles.STORY]
    lede = min(story_starts) if story_starts else None
    for seg in _segments(segments, ("dateline", "byline", "source_line", "boilerplate", "body")):
        if seg.role == "body" and not (seg.rule == "default" and seg.start == lede):
            continue
        for wire, rule, pattern in _credit_styles():
            if m := pattern.search(seg.text):
                return Field(wire, rule, [_span(aid, seg.start + m.start(), seg.start + m.end(), m.group(0))])
        found = _carried(seg)
        if found:
            wire, s, e, rule = found
            return Field(wire, rule, [_span(aid, seg.start + s, seg.start + e, seg.text[s:e])])
    cited = _cited(segments)
    if cited:
        (wire, spans), = cited[:1]
        return Field(wire, f"the story cites the agency as its source ({len(spans)}×; no credit says it carries"
                           " its text)", [_span(aid, *s) for s in spans])
    if byline is None or not byline.value:
        for seg in _segments(segments, ("caption",)):
            tail = seg.text[-80:]
            if found := find_wires(tail):
                wire, s, e = found[-1]
                start = seg.start + len(seg.text) - len(tail) + s
                return Field(wire, PHOTO_ONLY + " (weak: the photo's agency, the text may be another's)",
                             [_span(aid, start, start + e - s, tail[s:e])])
    return Field(None, "no credit, source line or agency named as the source", [])


def _carried(seg) -> tuple[str, int, int, str] | None:
    text = seg.text
    if seg.role == "dateline" or seg.role == "body":
        for m in _CREDIT.finditer(text[:120] if seg.role == "body" else text):
            if found := find_wires(m.group(1)):
                wire, s, e = found[-1]
                return wire, m.start(1) + s, m.start(1) + e, "agency credit on the dateline"
        return None
    if seg.role == "byline" and seg.rule == "agency credit line":
        if found := find_wire(text):
            return (*found, "agency credit line")
    if seg.role == "source_line" or (seg.role == "boilerplate" and seg.rule == "copyright or legal notice"):
        if found := find_wire(text):
            return (*found, "source line" if seg.role == "source_line" else "copyright line")
    return None


def _cited(segments) -> list[tuple[str, list[tuple[int, int, str]]]]:
    counts: dict[str, list[tuple[int, int, str]]] = {}
    for seg in _segments(segments, roles.STORY):
        for wire, s, e in find_wires(seg.text):
            before, after = seg.text[max(0, s - 40):s], seg.text[e:e + 40]
            if _CITED_BEFORE.search(before) or _CITED_AFTER.match(after):
                counts.setdefault(wire, []).append((seg.start + s, seg.start + e, seg.text[s:e]))
    # most citations first; ties go to the agency cited first
    return sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[1][0][0]))


def byline_of(article, segments) -> Field:
    """The writers the page names: a 'By' line, a name beside the date, an agency credit line's reporters."""
    aid = article.id
    for seg in _segments(segments, ("byline", "source_line")):
        text = seg.text
        if seg.rule == "'By NAME' line":
            m = re.search(r"\b[Bb][Yy]\s+", text)
            names = _PEOPLE.match(text, m.end()) if m else None
        elif seg.rule == "writer's name and date line":
            found_line = date_line(text)
            names = re.compile(_NAME).fullmatch(text, *found_line[1]) if found_line and found_line[1] else None
        elif seg.rule.startswith("agency credit line (Reporting by"):
            found = [(m.group(1).casefold(), p) for m in re.finditer(r"(?i:(reporting|writing|written))\s+by\s+", text)
                     if (p := _PEOPLE.match(text, m.end()))]
            if found:
                value = "; ".join(f"{p.group(0)} ({'reporting' if kind == 'reporting' else 'writing'})"
                                  for kind, p in found)
                spans = [p for _, p in found]
                return Field(value, "reporters and writers of an agency credit line",
                             [_span(aid, seg.start + p.start(), seg.start + p.end(), p.group(0)) for p in spans])
            continue
        elif seg.role == "source_line" and (found := find_wire(text)):
            names = re.compile(r"\s*[–—-]\s*(" + _NAME + r")\s*$").search(text, found[2])
            if names:
                name = names.group(1)
                start = seg.start + names.start(1)
                return Field(name.title() if name.isupper() else name, "name after the agency on the source line",
                             [_span(aid, start, start + len(name), name)])
            continue
        else:
            continue
        if names and not _organisation(names.group(0)):
            return Field(names.group(0), seg.rule, [_span(aid, seg.start + names.start(), seg.start + names.end(),
                                                          names.group(0))])
    return Field(None, "no writer named", [])


def outlet_of(article, segments) -> Field:
    """The outlet that published the page, from what the page says of itself (or ``unknown``)."""
    aid = article.id
    segments = rows_of(segments)
    for row in table("outlet_markers.csv"):
        for seg in (r for r in segments if r.role == row["role"]):
            if m := re.search(row["pattern"], seg.text):
                return Field(row["outlet"], row["rule"], [_span(aid, seg.start + m.start(), seg.start + m.end(), m.group(0))])
    for finder in (_masthead, _by_organisation, _feed_notice, _web_address, _copyright, _follow_us):
        for seg in segments:
            if found := finder(seg):
                s, e, rule = found
                return Field(seg.text[s:e].strip(" .,;:|-–—"), rule, [_span(aid, seg.start + s, seg.start + e, seg.text[s:e])])
    if article.meta.get("outlet"):
        return Field(article.meta["outlet"], "page metadata (site name)", [])
    return Field("unknown", "the page does not say", [])


def _masthead(seg):
    if seg.role == "boilerplate" and seg.rule.startswith("masthead"):
        return 0, len(seg.text), "masthead above the headline"
    return None


def _by_organisation(seg):
    if seg.role == "byline" and seg.rule == "'By NAME' line":
        m = re.search(r"\b[Bb][Yy]\s+(" + _NAME + ")", seg.text)
        if m and _organisation(m.group(1)) and not find_wires(m.group(1)):
            return m.start(1), m.end(1), "'By' line naming an organisation"
    return None


def _feed_notice(seg):
    if seg.role == "source_line" and (m := re.search(r"edited by (" + _NAME + r") staff", seg.text)):
        return m.start(1), m.end(1), "syndication notice naming the site's staff"
    return None


def _web_address(seg):
    if seg.role == "boilerplate" and seg.rule == "web address line" and (m := _WEB_HOST.match(seg.text)):
        return m.start(1), m.end(1), "the site's web address on the page"
    return None


def _copyright(seg):
    if seg.role == "boilerplate" and seg.rule == "copyright or legal notice":
        m = re.search(r"(?:©|\([Cc]\)|[Cc]opyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?(" + _NAME + ")",
                      seg.text)
        if m and not find_wires(m.group(1)) and not m.group(1).startswith("All "):
            return m.start(1), m.end(1), "copyright line"
    return None


def _follow_us(seg):
    if seg.role == "boilerplate" and seg.rule == "channel or newsletter invitation":
        m = re.search(r"\b(?:on|at|from|with)\s+(" + _NAME + r")\W*$", seg.text)
        if m and not _PLATFORMS.match(m.group(1)):
            return m.start(1), m.end(1), "invitation to follow the site by name"
    return None
