"""Articles per second for `wiretrace provenance` on TempEval-sized articles, with the per-layer split.

    python benchmarks/dating_bench.py [TEMPEVAL_DIR] [--wiretrace PATH] [--sizes 2000 10000]

TEMPEVAL_DIR (default ../shared/data/tempeval3/train) holds TimeML documents; the text of each
<TEXT> element (without its creation date) is written as a plain article, as `score.py dating`
does. Times the command a user runs (load, annotate, temporal expressions, duplicates, dates,
alignments, provenance), then the same layers in-process one by one. With ``--sizes``, the
command is also timed on corpora of that many news-like articles made of the TempEval sentences
(run_bench.py's articles), where start-up no longer dominates.
"""
from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def write_articles(tempeval: Path, out: Path) -> int:
    n = 0
    for path in sorted(tempeval.rglob("*.tml")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        if not m:
            continue
        (out / f"{path.stem}.txt").write_text(html.unescape(re.sub(r"<[^>]+>", "", m.group(1))), encoding="utf-8")
        n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tempeval", nargs="?", default="../shared/data/tempeval3/train")
    parser.add_argument("--wiretrace", default=".venv/bin/wiretrace")
    parser.add_argument("--sizes", type=int, nargs="*", default=[])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        n = write_articles(Path(args.tempeval), corpus)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.glob("*.txt"))
        start = time.perf_counter()
        subprocess.run([args.wiretrace, "provenance", str(corpus), "--format", "json"], check=True,
                       capture_output=True)
        seconds = time.perf_counter() - start
        print(f"`wiretrace provenance`: {n} articles ({words / n:.0f} words each) in {seconds:.1f} s "
              f"= {n / seconds:.0f} articles/s (one process, start-up included)")

        import wiretrace as wt
        from wiretrace.provenance import provenance_of
        case = wt.open_case(corpus)
        split = {}
        for layer in ("annotations", "timexes", "clusters", "dates", "alignments"):
            t = time.perf_counter()
            getattr(case, layer)
            split[layer] = time.perf_counter() - t
        t = time.perf_counter()
        provenance_of(case)
        split["provenance"] = time.perf_counter() - t
        print("| layer | seconds | articles/s |\n|---|---:|---:|")
        for layer, s in split.items():
            print(f"| {layer} | {s:.2f} | {n / s:,.0f} |")
        total = sum(split.values())
        print(f"| all layers | {total:.2f} | {n / total:,.0f} |")
    for size in args.sizes:
        from run_bench import sentences, write_corpus

        with tempfile.TemporaryDirectory() as tmp:
            words = write_corpus(Path(tmp), size, sentences(Path(args.tempeval)))
            start = time.perf_counter()
            subprocess.run([args.wiretrace, "provenance", tmp, "--format", "json"], check=True, capture_output=True)
            seconds = time.perf_counter() - start
            print(f"`wiretrace provenance`: {size} news-like articles ({words / size:.0f} words each) in "
                  f"{seconds:.1f} s = {size / seconds:.0f} articles/s")


if __name__ == "__main__":
    main()
