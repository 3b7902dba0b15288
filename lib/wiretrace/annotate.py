"""The annotation layer: segments with roles, sentences, entity mentions, quotations and the dates
the page states (date lines, datelines).

Every row of every table is a span ``(article_id, start, end)`` into the article's raw text
and carries ``text == raw[start:end]``; ids are stable (article id plus a running number).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from . import roles
from .corpus import Corpus
from .claimants import Descriptions, speaker_description
from .datelines import stated_dates
from .entities import CaseEvidence, find_mentions
from .progress import steps
from .records import itertuples
from .quotes import ArticleMentions, attribute, attribute_across, find_quotes
from .processes import parts, pool, workers as process_count
from .resources import active_profile, profile
from .segments import Vocabulary, WordCounts, assign_roles, split_segments
from .sentences import split_sentences

SEGMENT_COLUMNS = ["segment_id", "article_id", "start", "end", "role", "rule", "score", "text"]
SENTENCE_COLUMNS = ["sentence_id", "article_id", "segment_id", "start", "end", "text"]
MENTION_COLUMNS = ["mention_id", "article_id", "segment_id", "start", "end", "text", "entity_id",
                   "canonical", "type", "match", "score"]
PAGE_DATE_COLUMNS = ["page_date_id", "article_id", "segment_id", "start", "end", "text", "kind", "readings"]
QUOTE_COLUMNS = ["quote_id", "article_id", "segment_id", "start", "end", "text", "speaker",
                 "speaker_entity_id", "speaker_start", "speaker_end", "speaker_text", "speaker_description",
                 "speaker_description_start", "speaker_description_end", "rule"]
# Title case and page furniture make every word look like a name: only gazetteer names count there.
NAMES_FROM_GAZETTEER_ONLY = frozenset(roles.TITLE_CASED)


class Annotations:
    """The span tables of a corpus (see the README's column dictionary). ``mentions`` and
    ``quotes``, which only some analyses read, may instead come from ``make_rest`` (a function
    returning both): they are then made when one of them is first read."""

    def __init__(self, segments: pd.DataFrame, sentences: pd.DataFrame, page_dates: pd.DataFrame,
                 mentions: pd.DataFrame | None = None, quotes: pd.DataFrame | None = None, *, make_rest=None):
        if make_rest is None and (mentions is None or quotes is None):
            raise TypeError("Annotations needs mentions and quotes, or make_rest to make them")
        self.segments, self.sentences, self.page_dates = segments, sentences, page_dates
        self._rest = {"mentions": mentions, "quotes": quotes}
        self._make_rest = make_rest

    @property
    def mentions(self) -> pd.DataFrame:
        return self._made("mentions")

    @property
    def quotes(self) -> pd.DataFrame:
        return self._made("quotes")

    def _made(self, name: str) -> pd.DataFrame:
        if self._rest[name] is None:
            self._rest, self._make_rest = self._make_rest(), None
        return self._rest[name]

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"segments": self.segments, "sentences": self.sentences,
                "mentions": self.mentions, "quotes": self.quotes, "page_dates": self.page_dates}

    def __getstate__(self) -> dict:  # a pickle (a Dask worker, a copy) carries every table made
        self.tables()
        return self.__dict__


def rows_of(table) -> list:
    """The rows of a span table as named tuples, in page order: from a DataFrame, or a list of rows
    already (analyses group a table's rows by article once, then pass the lists)."""
    rows = list(itertuples(table)) if isinstance(table, pd.DataFrame) else list(table)
    return sorted(rows, key=lambda r: r.start)


@dataclass
class CorpusStatistics:
    """What annotating one article needs to know of the whole corpus: word counts of segments and
    pages (cohesion of glued-on text) and the capitalisation the corpus shows (names). Statistics
    of disjoint parts of a corpus add up with ``+``, so Dask partitions can count them apart."""

    words: WordCounts
    case: CaseEvidence

    @classmethod
    def of(cls, corpus: Corpus) -> "CorpusStatistics":
        return cls(_split_and_count(list(corpus))[1], CaseEvidence.of(a.raw for a in corpus))

    def __add__(self, other: "CorpusStatistics") -> "CorpusStatistics":
        return CorpusStatistics(self.words + other.words, self.case | other.case)


def annotate(corpus: Corpus, statistics: CorpusStatistics | None = None) -> Annotations:
    """Annotate every article of ``corpus``; word weights for cohesion and the capitalisation of
    names come from ``statistics`` (by default those of ``corpus`` itself; pass the whole corpus's
    to annotate a part of it exactly as the whole). Mentions and quotes, which only some analyses
    read, are made when first read (with the profile active now)."""
    rows, pages = _page_rows(corpus, statistics, processes=True)
    current = active_profile()

    def rest() -> dict[str, pd.DataFrame]:
        with profile(current):
            return _frames(_mention_and_quote_rows(pages, _case_evidence(corpus, statistics), processes=True))
    return Annotations(**_frames(rows), make_rest=rest)


def annotation_rows(corpus: Corpus, statistics: CorpusStatistics | None = None) -> dict[str, list[dict]]:
    """The rows of every annotation table, article by article (see :func:`annotate`)."""
    rows, pages = _page_rows(corpus, statistics)
    return rows | _mention_and_quote_rows(pages, _case_evidence(corpus, statistics))


def annotations_of(rows: dict[str, list[dict]]) -> Annotations:
    """The tables of :func:`annotation_rows` (rows of parts of a corpus, joined in corpus order)."""
    return Annotations(**_frames(rows))


TABLE_COLUMNS = {"segments": SEGMENT_COLUMNS, "sentences": SENTENCE_COLUMNS, "mentions": MENTION_COLUMNS,
                 "quotes": QUOTE_COLUMNS, "page_dates": PAGE_DATE_COLUMNS}


def _frames(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    frames = {name: pd.DataFrame(rows[name], columns=columns) for name, columns in TABLE_COLUMNS.items() if name in rows}
    if "quotes" in frames:
        frames["quotes"] = frames["quotes"].astype({"speaker_start": "Int64", "speaker_end": "Int64"})
    return frames


def _case_evidence(corpus: Corpus, statistics: CorpusStatistics | None) -> CaseEvidence:
    """The corpus's capitalisation evidence: from ``statistics`` when given, else counted now
    (only mentions read it, so annotating for the other tables does not count it)."""
    return statistics.case if statistics is not None else CaseEvidence.of(a.raw for a in corpus)


def _page_rows(corpus: Corpus, statistics: CorpusStatistics | None, processes: bool = False):
    """(rows of the segments, sentences and page dates, what each article's mentions and quotes
    need); with ``processes``, a corpus of ``PARALLEL_FROM`` articles or more is annotated in one
    process per core (the same rows, in the same order)."""
    articles = list(corpus)
    workers = process_count(len(articles), PARALLEL_FROM, processes)
    if workers > 1:
        splits, words = _split_and_count_in_processes(articles, workers, count=statistics is None)
    else:
        splits, words = _split_and_count(articles, count=statistics is None)
    vocabulary = Vocabulary(counts=statistics.words if statistics is not None else words)
    rows: dict[str, list[dict]] = {"segments": [], "sentences": [], "page_dates": []}
    done = _in_processes(articles, splits, vocabulary, workers) if workers > 1 else \
        (_annotate_article(article, spans, vocabulary) for article, spans in zip(articles, splits))
    pages = []
    for (segments, starts_of, article_rows), article in zip(steps(done, len(articles), "annotating"), articles):
        for name, table in article_rows.items():
            rows[name].extend(table)
        pages.append((article, segments, starts_of))
    return rows, pages


PARALLEL_FROM = 2_000  # articles from which :func:`annotate` uses one process per core
_worker_vocabulary: Vocabulary | None = None


def _split_and_count(articles, count: bool = True) -> tuple[list, WordCounts | None]:
    """The segment spans of each of ``articles`` and, with ``count``, the word counts of their segments."""
    splits = [split_segments(a.raw) for a in articles]
    if not count:
        return splits, None
    return splits, WordCounts.of([a.raw[s:e] for a, spans in zip(articles, splits) for s, e in spans],
                                 [a.id for a, spans in zip(articles, splits) for _ in spans])


def _split_and_count_in_processes(articles, workers: int, count: bool) -> tuple[list, WordCounts | None]:
    """:func:`_split_and_count` in a pool of ``workers`` processes, by parts whose counts add up."""
    pieces = parts(articles, workers)
    with pool(workers) as executor:
        done = list(executor.map(_split_and_count, pieces, [count] * len(pieces)))
    splits = [spans for part_splits, _ in done for spans in part_splits]
    return splits, sum((words for _, words in done[1:]), done[0][1]) if count else None


def _in_processes(articles, splits, vocabulary: Vocabulary, workers: int):
    """:func:`_annotate_article` of each article in a pool of ``workers`` processes, in order."""
    with pool(workers, _start_worker, (vocabulary,)) as executor:
        yield from executor.map(_annotate_in_worker, articles, splits, chunksize=100)


def _start_worker(vocabulary: Vocabulary) -> None:
    global _worker_vocabulary
    _worker_vocabulary = vocabulary


def _annotate_in_worker(article, spans) -> tuple:
    return _annotate_article(article, spans, _worker_vocabulary)


def _mention_and_quote_rows(pages, case, processes: bool = False) -> dict[str, list[dict]]:
    """The rows of the mentions and quotes of each page (an article, its segments and their
    sentence starts); with ``processes``, ``PARALLEL_FROM`` pages or more are read in one process
    per core (the same rows, in the same order)."""
    workers = process_count(len(pages), PARALLEL_FROM, processes)
    if workers == 1:
        return _joined((_page_names(page, case) for page in pages), len(pages))
    with pool(workers, _start_names_worker, (case,)) as executor:
        return _joined(executor.map(_names_in_worker, pages, chunksize=100), len(pages))


def _joined(done, total: int) -> dict[str, list[dict]]:
    """The mention and quote rows of ``total`` pages, page by page, in one list per table."""
    rows: dict[str, list[dict]] = {"mentions": [], "quotes": []}
    for page_rows in steps(done, total, "names and quotations"):
        for name, table in page_rows.items():
            rows[name].extend(table)
    return rows


def _page_names(page, case) -> dict[str, list[dict]]:
    """The mention and quote rows of one page (see :func:`_mention_and_quote_rows`)."""
    article, segments, starts = page
    rows: dict[str, list[dict]] = {"mentions": [], "quotes": []}
    raw, aid = article.raw, article.id
    mentions_all = []
    for n, (seg, seg_starts) in enumerate(zip(segments, starts), 1):
        text = raw[seg.start:seg.end]
        title_like = seg.role in NAMES_FROM_GAZETTEER_ONLY or _title_cased(text)
        for m in find_mentions(text, seg_starts, case, title_like):
            mention = type(m)(seg.start + m.start, seg.start + m.end, m.entity, m.match, m.score)
            mentions_all.append((f"{aid}:p{n:03d}", mention))
    _mention_rows(aid, raw, mentions_all, rows)
    descriptions = Descriptions(raw, rows["mentions"])
    _quote_rows(aid, raw, segments, [m for _, m in mentions_all], descriptions, rows)
    return rows


_worker_case: CaseEvidence | None = None


def _start_names_worker(case: CaseEvidence) -> None:
    global _worker_case
    _worker_case = case


def _names_in_worker(page) -> dict[str, list[dict]]:
    return _page_names(page, _worker_case)


DATED_ROLES = frozenset({"dateline", "byline"})  # the roles whose segments :func:`stated_dates` reads


def _annotate_article(article, spans, vocabulary) -> tuple:
    """The segments, sentences and page dates of one article: (its segments, the sentence starts
    of each segment, for its mentions and quotes; its rows of each table)."""
    rows: dict[str, list[tuple]] = {"segments": [], "sentences": [], "page_dates": []}  # in column order
    raw, aid = article.raw, article.id
    segments = assign_roles(raw, spans, vocabulary)
    header = _page_header(segments)
    page_dates, sentences, starts_of = 0, 0, []
    segment_rows, sentence_rows = rows["segments"], rows["sentences"]
    for n, seg in enumerate(segments, 1):
        segment_id = f"{aid}:p{n:03d}"
        text = raw[seg.start:seg.end]
        segment_rows.append((segment_id, aid, seg.start, seg.end, seg.role, seg.rule,
                             None if seg.score is None else float(seg.score), text))
        if seg.role in DATED_ROLES:  # only date lines, bylines and datelines state dates
            for kind, d in stated_dates(text, seg.role, seg.rule):
                kind = "page header" if n - 1 in header else kind
                page_dates += 1
                rows["page_dates"].append((
                    f"{aid}:d{page_dates:03d}", aid, segment_id, seg.start + d.start, seg.start + d.end,
                    raw[seg.start + d.start:seg.start + d.end], kind, ";".join(d.readings)))
        starts = set()
        for s, e in split_sentences(text):
            start, end = seg.start + s, seg.start + e
            starts.add(s)
            if text[s] in "“\"‘'«(":
                starts.add(s + 1)
            sentences += 1
            sentence_rows.append((f"{aid}:t{sentences:04d}", aid, segment_id, start, end, raw[start:end]))
        starts_of.append(starts)
    return segments, starts_of, rows


def _page_header(segments) -> set[int]:
    """Segments between a site's masthead and the headline: a date there is the day the page was
    shown (the site header's date), not the story's."""
    masthead = [i for i, s in enumerate(segments) if s.rule.startswith("masthead")]
    if not masthead:
        return set()
    first_story = next((i for i, s in enumerate(segments) if i > masthead[0] and s.role in roles.STORY), len(segments))
    return set(range(masthead[0] + 1, first_story))


def _title_cased(text: str) -> bool:
    words = [w for w in re.findall(r"\w+", text) if len(w) > 3]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _mention_rows(aid, raw, mentions, rows) -> None:
    for n, (segment_id, m) in enumerate(mentions, 1):
        entity = m.entity
        rows["mentions"].append({
            "mention_id": f"{aid}:m{n:04d}", "article_id": aid, "segment_id": segment_id, "start": m.start,
            "end": m.end, "text": raw[m.start:m.end], "entity_id": entity.entity_id if entity else None,
            "canonical": entity.canonical if entity else None, "type": entity.type if entity else None,
            "match": m.match, "score": m.score})


def _quote_rows(aid, raw, segments, mentions, descriptions, rows) -> None:
    mentions = ArticleMentions(raw, mentions)  # looked up for each quotation, indexed once
    n, previous, previous_paragraph = 0, None, None
    for p, seg in enumerate(segments, 1):
        for s, e in find_quotes(raw[seg.start:seg.end]):
            n += 1
            q = attribute(raw, seg.start + s, seg.start + e, (seg.start, seg.end), mentions, previous,
                          previous_paragraph)
            following = segments[p] if p < len(segments) else None
            q = attribute_across(raw, q, (seg.start, seg.end), following and (following.start, following.end),
                                 mentions, previous, previous_paragraph)
            if q.speaker_name:
                previous, previous_paragraph = q, (seg.start, seg.end)
            row = {
                "quote_id": f"{aid}:q{n:03d}", "article_id": aid, "segment_id": f"{aid}:p{p:03d}",
                "start": q.start, "end": q.end, "text": raw[q.start:q.end],
                "speaker": q.speaker_name,
                "speaker_entity_id": q.speaker.entity_id if q.speaker else None,
                "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
                "speaker_text": raw[q.speaker_start:q.speaker_end] if q.speaker_start is not None else None,
                "rule": q.rule}
            described = speaker_description(row, descriptions) if q.speaker_name else None
            row["speaker_description_start"], row["speaker_description_end"] = described or (None, None)
            row["speaker_description"] = raw[described[0]:described[1]] if described else None
            rows["quotes"].append(row)
