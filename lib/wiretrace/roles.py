"""The roles a segment of a page plays, and the groups of roles the analyses use: one list for all.

Every segment of an article gets exactly one role (``wiretrace.segments``). The groups below say
which roles each analysis reads; a module that needs a set of roles takes it from here.
"""
from __future__ import annotations

# Every role, in reading order (tables and figures list roles in this order).
ROLES = ("headline", "standfirst", "dateline", "byline", "caption", "crosshead", "body", "source_line",
         "related_link", "boilerplate", "foreign")
# The story's own text: what it says, and when it was written.
STORY = ("headline", "standfirst", "body", "crosshead")
# Text the page adds around a story (date lines, captions, credits, links, notices): the page's, not the story's.
PAGE_FURNITURE = ("dateline", "byline", "caption", "source_line", "related_link", "boilerplate")
# Text about other stories glued onto the page, and boilerplate: left out when copies are compared.
NOT_COMPARED = ("foreign", "boilerplate")
# Text of a copy aligned apart from its sentences: furniture with a story's own headings.
ALIGNED_APART = ("dateline", "byline", "caption", "crosshead", "source_line", "related_link")
# Where figures are kept and marked but not reconciled: other stories and links to them.
NOT_RECONCILED = ("foreign", "boilerplate", "related_link")
# Where title case makes every word look like a name: only gazetteer names count there.
TITLE_CASED = ("headline", "crosshead", "dateline", "byline", "source_line", "related_link", "boilerplate")
# What an editor adds to a copy (counted in derivations and house style).
EDITORIAL = ("headline", "standfirst", "crosshead", "caption", "related_link", "source_line", "dateline", "byline")
# Where dated events are told: the story, and captions (whose dates are their photos').
EVENTS = STORY + ("caption",)

assert set(STORY) | set(PAGE_FURNITURE) | {"foreign"} == set(ROLES)
