"""Loading at the edges: one 50 MB file and a 20,000-file directory (time and peak memory).

    .venv/bin/python benchmarks/load_bench.py

Each case runs in a fresh process so its peak resident memory is its own.
"""
from __future__ import annotations

import platform
import subprocess
import sys
import tempfile
from pathlib import Path

CASES = {
    "50 MB file, default 5 MB limit (rejected unread)": ("big", {"on_error": "record"}),
    "50 MB file, limit raised to 60 MB (loaded)": ("big", {"on_error": "record", "max_bytes": 60_000_000}),
    "20,000 files of ~600 words": ("many", {"on_error": "record"}),
}


def make_inputs(root: Path) -> dict[str, Path]:
    big = root / "big"
    big.mkdir()
    line = ("Fighters arrived in the port city on Monday, officials said, as talks continued. " * 12 + "\n").encode()
    with (big / "big.txt").open("wb") as fh:
        while fh.tell() < 50_000_000:
            fh.write(line)
    many = root / "many"
    many.mkdir()
    body = "word " * 600
    for n in range(20_000):
        (many / f"a{n:05d}.txt").write_text(f"Article {n}. {body}", encoding="utf-8")
    return {"big": big, "many": many}


def measure(path: Path, kwargs: dict) -> str:
    code = (f"import time, resource, wiretrace as wt; t=time.perf_counter(); "
            f"c=wt.load_corpus({str(path)!r}, **{kwargs!r}); s=time.perf_counter()-t; "
            f"print(len(c), len(c.rejected), round(s, 2), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return f"loaded={out[0]} rejected={out[1]} seconds={out[2]} peak_rss_mib={out[3]}"


def main() -> None:
    print(f"# machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        inputs = make_inputs(Path(tmp))
        for name, (which, kwargs) in CASES.items():
            print(f"{name}: {measure(inputs[which], kwargs)}", flush=True)


if __name__ == "__main__":
    main()
