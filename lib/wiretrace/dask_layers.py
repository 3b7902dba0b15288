"""The case's per-article layers on Dask (``Case(engine="dask")``), with the same results as in one process.

A corpus is cut into parts of consecutive articles (``PART_ARTICLES``); each part is one task.
What one article's annotation needs of the whole corpus (word counts for the cohesion of
glued-on text, the capitalisation names show) is counted per part and added up first, then sent
to every worker. Temporal expressions, each page's own dates and the claims are per article.
What needs the whole corpus runs on the joined tables in the calling process: the day span of
the corpus's dated pages (then undated pages are dated again, per part, within it) and dates
inherited by copies. Every task returns rows or tables, and they are joined in corpus order, so
ids, row order and values are those of the local engine (the tests compare every table). The
local engine runs the same parts of the claims, the costliest layer, in one process per core
(:func:`claims_in_processes`).
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import reduce
from operator import add

import pandas as pd

from .corpus import Corpus
from .progress import FROM, steps

PART_ARTICLES = 250  # articles per task: big enough to amortise a task, small enough to balance 2-64 workers


def parts(corpus: Corpus, size: int | None = None) -> list[Corpus]:
    """Consecutive runs of at most ``size`` (``PART_ARTICLES``) articles, as corpora (rejections
    stay with the whole)."""
    articles, size = list(corpus), size or PART_ARTICLES
    return [Corpus(articles[i:i + size], corpus.rejected.iloc[:0], corpus.root)
            for i in range(0, len(articles), size)] or [Corpus([], corpus.rejected.iloc[:0], corpus.root)]


@contextmanager
def _in_profile(profile):
    from .resources import profile as use

    with use(profile):
        yield


def _results(client, futures: list, what: str, articles: int) -> list:
    """The results of ``futures`` in their order, with a bar over the parts for a large corpus."""
    from dask.distributed import as_completed

    for _ in steps(as_completed(futures), len(futures), what, "part", shown=articles >= FROM):
        pass
    return client.gather(futures)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    full = [f for f in frames if len(f)]
    return pd.concat(full, ignore_index=True) if full else frames[0]


# -- tasks (module-level functions: a worker process unpickles them by name) ---------------------
def _statistics_task(part, profile):
    from .annotate import CorpusStatistics

    with _in_profile(profile):
        return CorpusStatistics.of(part)


def _annotate_task(part, statistics, profile):
    from .annotate import annotation_rows

    with _in_profile(profile):
        return annotation_rows(part, statistics)


def _timex_task(sentences, profile):
    from .timex import sentence_timexes, timex_table

    with _in_profile(profile):
        return timex_table(sentence_timexes(sentences), sentences)


def _timexes_of(tables, sentences):
    from .timex import timexes_from_table

    return timexes_from_table(tables["timexes"], sentences)


def _own_dates_task(part, tables, profile):
    from .annotate import Annotations
    from .dating import own_dates

    with _in_profile(profile):
        annotations = Annotations(**{k: v for k, v in tables.items() if k != "timexes"})
        return own_dates(part, annotations, _timexes_of(tables, annotations.sentences))


def _context_dates_task(part, tables, result, context, profile):
    from .annotate import Annotations
    from .dating import date_in_context

    with _in_profile(profile):
        annotations = Annotations(**{k: v for k, v in tables.items() if k != "timexes"})
        return date_in_context(part, annotations, result, context, _timexes_of(tables, annotations.sentences))


def _claims_task(part, tables, dates, profile):
    from .annotate import Annotations
    from .figures import claim_rows

    with _in_profile(profile):
        annotations = Annotations(**{k: v for k, v in tables.items() if k != "timexes"})
        return claim_rows(part, annotations, dates, _timexes_of(tables, annotations.sentences))


# -- layers ----------------------------------------------------------------------------------------
def annotations(client, corpus: Corpus, profile=None):
    """The annotation layer of ``corpus`` computed part by part on ``client``."""
    from .annotate import annotations_of

    # scattered under keys of their own: equal data scattered by an earlier layer shares a key that
    # the earlier layer's futures release ("lost dependencies")
    pieces = client.scatter(parts(corpus), hash=False)  # sent once, used by both steps
    statistics = reduce(add, _results(client, client.map(_statistics_task, pieces, profile=profile, pure=False),
                                      "corpus statistics", len(corpus)))
    shared = client.scatter(statistics, broadcast=True, hash=False)
    rows = _results(client, client.map(_annotate_task, pieces, statistics=shared, profile=profile, pure=False),
                    "annotating", len(corpus))
    return annotations_of({name: [r for part in rows for r in part[name]] for name in rows[0]})


def timex_table(client, corpus: Corpus, sentences: pd.DataFrame, profile=None) -> pd.DataFrame:
    """The table of temporal expressions of every sentence, part by part."""
    pieces = parts(corpus)
    part_of = {a: n for n, p in enumerate(pieces) for a in p.ids}
    found = dict(iter(sentences.groupby(sentences.article_id.map(part_of), sort=False))) if len(sentences) else {}
    groups = [found[n].reset_index(drop=True) if n in found else sentences.iloc[:0] for n in range(len(pieces))]
    futures = client.map(_timex_task, client.scatter(groups, hash=False), profile=profile, pure=False)
    return _concat(_results(client, futures, "temporal expressions", len(corpus)))


def part_tables(corpus, annotations, timex_frame) -> tuple[list, list[Corpus], list[dict]]:
    """The ids of each part of ``corpus``, the parts, and the rows of every table that belong to
    each part's articles."""
    pieces = parts(corpus)
    part_of = {a: n for n, p in enumerate(pieces) for a in p.ids}
    tables = [{} for _ in pieces]
    for name, frame in {**annotations.tables(), "timexes": timex_frame}.items():
        groups = dict(iter(frame.groupby(frame.article_id.map(part_of), sort=False))) if len(frame) else {}
        for n in range(len(pieces)):
            tables[n][name] = groups[n].reset_index(drop=True) if n in groups else frame.iloc[:0]
    return [p.ids for p in pieces], pieces, tables


def _part_tables(client, corpus, annotations, timex_frame):
    """:func:`part_tables`, the parts and their tables sent to the cluster once."""
    ids, pieces, tables = part_tables(corpus, annotations, timex_frame)
    return ids, client.scatter(pieces, hash=False), client.scatter(tables, hash=False)


def dates(client, corpus: Corpus, annotations, timex_frame: pd.DataFrame, clusters, timexes, profile=None) -> dict:
    """Story and capture dates (:func:`wiretrace.dating.date_articles`), part by part where it can."""
    from .dating import corpus_days, inherit_dates

    ids, pieces, tables = _part_tables(client, corpus, annotations, timex_frame)
    result = {}
    for found in _results(client, client.map(_own_dates_task, pieces, tables, profile=profile, pure=False),
                          "dating", len(corpus)):
        result.update(found)
    context = corpus_days(result)
    if context is not None:
        mine = [{a: result[a] for a in part} for part in ids]
        for found in _results(client, client.map(_context_dates_task, pieces, tables, mine, context=context,
                                                 profile=profile, pure=False), "dating within the corpus's days",
                              len(corpus)):
            result.update(found)
    if clusters is not None:
        with _in_profile(profile):
            inherit_dates(result, clusters, annotations, timexes)
    return result


def claims_in_processes(corpus: Corpus, annotations, timex_frame: pd.DataFrame, dates: dict, workers: int,
                        profile=None) -> pd.DataFrame:
    """The claims table part by part, as :func:`claims` makes it, in a pool of ``workers`` local
    processes (the local engine on a large corpus: claims cost the most of any layer per article)."""
    from itertools import repeat

    from .figures import claims_frame
    from .processes import pool

    ids, pieces, tables = part_tables(corpus, annotations, timex_frame)
    mine = [{a: dates[a] for a in part} for part in ids]
    with pool(workers) as executor:
        rows = list(steps(executor.map(_claims_task, pieces, tables, mine, repeat(profile)), len(pieces), "figures", "part",
                          shown=len(corpus) >= FROM))
    return claims_frame([r for part in rows for r in part])


def claims(client, corpus: Corpus, annotations, timex_frame: pd.DataFrame, dates: dict, profile=None) -> pd.DataFrame:
    """The claims table (:func:`wiretrace.figures.extract_figures`), part by part."""
    from .figures import claims_frame

    ids, pieces, tables = _part_tables(client, corpus, annotations, timex_frame)
    mine = [{a: dates[a] for a in part} for part in ids]
    rows = _results(client, client.map(_claims_task, pieces, tables, mine, profile=profile, pure=False), "figures",
                    len(corpus))
    return claims_frame([r for part in rows for r in part])
