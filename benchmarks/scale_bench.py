"""Local against Dask engine for duplicate detection at 10k, 100k and 300k synthetic documents.

    .venv/bin/python benchmarks/scale_bench.py [--sizes 10000 100000 300000] [--scheduler ADDRESS]

The corpus is reuse_bench.py's (about 600 words a document). Reported: seconds, documents per
second, peak RSS of the main process (local) and the largest peak RSS of a worker (Dask), and
whether both engines return the same pairs.
"""
from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def peak_rss_mib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> None:
    from dask.distributed import Client, LocalCluster

    from reuse_bench import synthetic_corpus
    from wiretrace import dask_duplicates, reuse, scale

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 300_000])
    parser.add_argument("--scheduler", default=None, help="a Dask scheduler address (default: LocalCluster)")
    args = parser.parse_args()
    print(f"# machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    cluster = None if args.scheduler else LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
    client = Client(args.scheduler or cluster)
    workers = len(client.scheduler_info()["workers"])
    for n in args.sizes:
        texts, _ = synthetic_corpus(n)
        corpus = {f"d{i:07d}": t for i, t in enumerate(texts)}
        start = time.perf_counter()
        local = reuse.duplicate_pairs(list(corpus), reuse.shingle_texts(corpus, 5))
        local_s = time.perf_counter() - start
        frame = scale.from_frame(corpus, npartitions=max(2, n // 5000)).persist()
        start = time.perf_counter()
        remote = dask_duplicates.find_duplicates_dask(frame, client=client)
        dask_s = time.perf_counter() - start
        worker_peak = max(client.run(peak_rss_mib).values())
        print(f"documents={n} local_s={local_s:.1f} local_docs_per_s={n / local_s:.0f} local_peak_rss_mib={peak_rss_mib()} "
              f"dask_s={dask_s:.1f} dask_docs_per_s={n / dask_s:.0f} dask_workers={workers} "
              f"dask_docs_per_s_per_worker={n / dask_s / workers:.0f} dask_worker_peak_rss_mib={worker_peak} "
              f"pairs={len(local)} same_pairs={local.equals(remote)}", flush=True)
        del frame
    client.close()
    if cluster:
        cluster.close()


if __name__ == "__main__":
    main()
