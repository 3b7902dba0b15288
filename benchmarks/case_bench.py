"""Seconds per notebook for a first `wiretrace run` and for a rerun with nothing changed.

    python benchmarks/case_bench.py [CORPUS] [--wiretrace PATH]

Runs the pipeline twice into a fresh temporary directory and prints one row per notebook with
both timings (from the pipeline's own progress lines), plus how often each layer was computed.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
from pathlib import Path


def timings(wiretrace: str, corpus: str, out: Path) -> dict[str, float]:
    result = subprocess.run([wiretrace, "run", "--corpus", corpus, "--out", str(out)], capture_output=True, text=True,
                            check=True)
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"\] (\S+): done in ([\d.]+) s", result.stderr)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="seeds")
    parser.add_argument("--wiretrace", default=".venv/bin/wiretrace")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run"
        first, again = timings(args.wiretrace, args.corpus, out), timings(args.wiretrace, args.corpus, out)
        print("| notebook | first run (s) | rerun, nothing changed (s) |\n|---|---|---|")
        for name in first:
            print(f"| {name} | {first[name]:.1f} | {again[name]:.1f} |")
        print(f"| total | {sum(first.values()):.1f} | {sum(again.values()):.1f} |")
        log = (out / "case" / "computed.log").read_text().split()
        print("\nlayers computed over both runs:", ", ".join(log[::2]))


if __name__ == "__main__":
    main()
