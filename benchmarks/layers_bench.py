"""Seconds per layer of a case, local engine against the Dask engine, on the same N articles.

    python benchmarks/layers_bench.py [--size 10000] [--tempeval ../shared/data/tempeval3/train] [--workers 2]

The articles are those of ``run_bench.py`` (TempEval-3 sentences mixed with pool words, one in ten
a trimmed copy). Each engine builds every layer of one case in memory, layer by layer, and the
seconds of each are printed as a Markdown table, with the articles per second per worker of
the layers that run part by part on Dask. The Dask engine runs on a local cluster of
``--workers`` processes, started before the clock.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run_bench import sentences, write_corpus  # noqa: E402

import wiretrace as wt  # noqa: E402
from wiretrace.case import LAYERS, open_case  # noqa: E402

PER_ARTICLE = ("annotations", "timexes", "dates", "claims")  # run part by part on Dask


def timed(corpus, engine: str, client=None) -> dict[str, float]:
    case = open_case(corpus, engine=engine, scheduler=client)
    seconds = {}
    for layer in LAYERS:
        start = time.perf_counter()
        case.layer(layer)
        seconds[layer] = time.perf_counter() - start
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--tempeval", default="../shared/data/tempeval3/train")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from dask.distributed import Client, LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), args.size, sentences(Path(args.tempeval)))
        corpus = wt.load_corpus(tmp)
        local = timed(corpus, "local")
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            remote = timed(corpus, "dask", client)
    print(f"| layer ({args.size:,} articles) | local s | dask s ({args.workers} workers) |\n|---|---:|---:|")
    for layer in LAYERS:
        print(f"| {layer}{' (part by part)' if layer in PER_ARTICLE else ''} | {local[layer]:.1f} | {remote[layer]:.1f} |")
    print(f"| total | {sum(local.values()):.1f} | {sum(remote.values()):.1f} |")
    parts = sum(remote[layer] for layer in PER_ARTICLE)
    print(f"\nPart-by-part layers on Dask: {args.size / parts / args.workers:.1f} articles/s per worker")


if __name__ == "__main__":
    main()
