"""Beyond one machine: the same analyses on millions of articles with Dask (``engine="dask"``).

- :func:`load_dask_corpus` reads a Parquet dataset (a directory or glob of ``.parquet`` files) or
  a glob of JSONL shards into a :class:`DaskCorpus`: one partition per file, never everything in
  memory; each row obeys the loader's rules (the same code), and rejections are collected, never
  dropped. Duplicate ids across files are found with a groupby; the first occurrence stays.
- :func:`map_corpus` runs per-article work (annotation, figures, temporal expressions) partition
  by partition, each partition as an in-process corpus.
- :func:`dask_client` gives the cluster to run on: a ``LocalCluster`` with one worker per core
  unless a ``Client`` or a scheduler address is given.

Duplicate detection on Dask is a backend of the reuse layer: :mod:`wiretrace.dask_duplicates`.
"""
from __future__ import annotations

import glob
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .corpus import (REJECTED_COLUMNS, Article, Corpus, CorpusError, DEFAULT_MAX_BYTES, _Loader, check_max_bytes,
                     table_notes)
from .paths import display_path, resolve

ROW_COLUMNS = ["id", "text", "source", "order", "sha256", "nbytes", "url", "outlet", "published", "title", "author"]


@dataclass
class DaskCorpus:
    """Articles as a Dask dataframe (``ROW_COLUMNS``) and the rejected rows as another."""

    frame: object
    rejected: object
    root: str

    def compute(self) -> Corpus:
        """The whole corpus in memory (for small data and tests)."""
        rows = self.frame.compute().sort_values("id")
        return Corpus([_article(r) for r in rows.to_dict("records")],
                      self.rejected.compute().sort_values(["source", "reason"]).reset_index(drop=True), self.root)


def _article(r: dict) -> Article:
    meta = {k: r[k] for k in ("url", "outlet", "published", "title", "author") if isinstance(r.get(k), str) and r[k]}
    return Article(r["id"], r["source"], r["sha256"], r["text"], "utf-8", int(r["nbytes"]), table_notes(meta), meta)


SHARD_SUFFIXES = (".parquet", ".jsonl", ".csv")


def shard_paths(path: str | Path) -> list[Path]:
    """The table files a path names: a glob, a directory of .parquet/.jsonl/.csv files, or one file."""
    return _shards(path)[0]


def _shards(path: str | Path) -> tuple[list[Path], list[Path]]:
    """(the table files a path names, the other files of a directory, relative to it: skipped, never
    dropped unsaid)."""
    text = str(path)
    skipped = []
    if any(c in text for c in "*?["):
        found = sorted(Path(p) for p in glob.glob(str(resolve(text))))
    else:
        p = resolve(text)
        if p.is_dir():
            files = sorted(q for q in p.rglob("*") if q.is_file())
            found = [q for q in files if q.suffix in SHARD_SUFFIXES]
            skipped = [q.relative_to(p) for q in files if q.suffix not in SHARD_SUFFIXES]
        else:
            found = [p]
    if not found:
        raise CorpusError(text, "missing", "no .parquet, .jsonl or .csv file matches")
    return found, skipped


def _skipped_rows(files: list[Path]) -> pd.DataFrame:
    """The rejected-table rows of files a directory of shards holds that are no table."""
    kinds = ", ".join(SHARD_SUFFIXES)
    return pd.DataFrame({"source": [f.as_posix() for f in files], "status": "skipped", "reason": "unsupported type",
                         "detail": [f"{f.suffix or 'no suffix'}; a directory of shards holds {kinds} files" for f in files],
                         "bytes": pd.array([pd.NA] * len(files), dtype="Int64")}, columns=REJECTED_COLUMNS)


def _load_shard(path: str, index: int, max_bytes: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One file through the loader's own row rules: (valid rows, rejections)."""
    loader = _Loader(Path(path).parent, "record", max_bytes)
    try:
        loader.load_table(Path(path), Path(path).name)
    except CorpusError as error:  # a whole file is bad (no text column, unreadable): one rejection
        loader.reject(error)
    rows = []
    for order, article in enumerate(loader.articles.values()):
        rows.append({"id": article.id, "text": article.raw, "source": article.source,
                     "order": index * 10**9 + order, "sha256": article.sha256, "nbytes": article.nbytes,
                     **{k: article.meta.get(k) for k in ("url", "outlet", "published", "title", "author")}})
    return (pd.DataFrame(rows, columns=ROW_COLUMNS).astype({"order": "int64", "nbytes": "int64"}),
            pd.DataFrame(loader.rejected, columns=REJECTED_COLUMNS).astype({"bytes": "Int64"}))


def load_dask_corpus(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> DaskCorpus:
    """A Parquet dataset or JSONL shards as a :class:`DaskCorpus` (rejections recorded, never raised)."""
    import dask
    import dask.dataframe as dd

    check_max_bytes(max_bytes)
    files, skipped = _shards(path)
    parts = [dask.delayed(_load_shard, nout=2)(str(f), i, max_bytes) for i, f in enumerate(files)]
    meta_rows = pd.DataFrame(columns=ROW_COLUMNS).astype({"order": "int64", "nbytes": "int64", "id": object,
                                                          "text": object, "source": object})
    meta_rejected = pd.DataFrame(columns=REJECTED_COLUMNS).astype({"bytes": "Int64"})
    rows = dd.from_delayed([p[0] for p in parts], meta=meta_rows, verify_meta=False)
    rejected = dd.from_delayed([p[1] for p in parts], meta=meta_rejected, verify_meta=False)
    # an id seen in several files: the first occurrence stays, the others are rejected by name
    first = rows[["id", "order", "source"]].groupby("id").agg({"order": "min"}).rename(columns={"order": "first"})
    joined = rows.merge(first, left_on="id", right_index=True, how="left")
    keep = joined[joined.order == joined["first"]].drop(columns="first")
    owner = rows[["id", "order", "source"]].rename(columns={"source": "first_source", "order": "first"})
    dupes = joined[joined.order != joined["first"]].merge(owner, on=["id", "first"], how="left")
    dup_rejected = dupes.map_partitions(_duplicate_rows, meta=meta_rejected)
    others = dd.from_pandas(_skipped_rows(skipped), npartitions=1)
    return DaskCorpus(keep, dd.concat([rejected, dup_rejected, others]), display_path(resolve(str(path).split("*")[0])))


def _duplicate_rows(part: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"source": part.source, "status": "rejected", "reason": "duplicate id",
                         "detail": [f"id {i!r} already taken by {s}" for i, s in zip(part.id, part.first_source)],
                         "bytes": part.nbytes.astype("Int64")}, columns=REJECTED_COLUMNS)


def from_frame(texts: dict[str, str], npartitions: int | None = None):
    """Texts by article id as a Dask dataframe of (id, text), about 2,000 texts a partition."""
    import dask.dataframe as dd

    frame = pd.DataFrame({"id": list(texts), "text": list(texts.values())})
    return dd.from_pandas(frame, npartitions=npartitions or max(1, min(len(frame) // 2000 + 1, 64)), sort=False)


def map_corpus(dcorpus: DaskCorpus, function, meta: pd.DataFrame):
    """Apply ``function(corpus) -> DataFrame`` to each partition as an in-process corpus."""
    def run(part: pd.DataFrame) -> pd.DataFrame:
        if part.empty:
            return meta.iloc[:0]
        corpus = Corpus([_article(r) for r in part.sort_values("id").to_dict("records")],
                        pd.DataFrame(columns=REJECTED_COLUMNS), "partition")
        return function(corpus)
    return dcorpus.frame.map_partitions(run, meta=meta)


CONNECT_TIMEOUT = "20s"  # how long to try a scheduler address before giving up


class SchedulerError(ConnectionError):
    """A scheduler address that cannot be reached: the message names it and the reason."""


@contextmanager
def dask_client(client=None):
    """The given Client, a Client for a scheduler address (:class:`SchedulerError` when it cannot
    be reached), or a LocalCluster with one worker per core."""
    import logging

    from dask.distributed import Client, LocalCluster

    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)  # one line per shuffle otherwise
    if client is not None and not isinstance(client, str):
        yield client
        return
    if isinstance(client, str):
        try:
            connected = Client(client, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:  # no scheduler there, or not reachable in time
            raise SchedulerError(f"cannot reach the Dask scheduler at {client} ({exc})") from None
        with connected:
            yield connected
        return
    with LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, dashboard_address=None,
                      processes=True) as cluster, Client(cluster) as local:
        yield local
