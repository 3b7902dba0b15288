"""A hostile corpus through `wiretrace run` and every CLI subcommand: no traceback, every notebook
finishes, no live markup where a browser reads, no formula cell in any CSV."""
from __future__ import annotations

import html.parser
import json
import os
import subprocess
import sys

import pytest

PAYLOADS = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")",
            "+cmd|' /C calc'!A0", "@SUM(A1)", "\x1b]0;owned\x07", "$\\evil$"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    corpus = base / "corpus"
    corpus.mkdir()
    for n, payload in enumerate(PAYLOADS):
        (corpus / f"page{n}.txt").write_text(
            f"Harbour closed {payload}\n\nThe harbour council said on 4 March 2021 that {payload} 40 ships were "
            f"waiting.\n\nAbout 12 boats, {payload} officials said, were stuck.\n", encoding="utf-8")
    rows = [{"id": "=HYPERLINK(\"x\")", "text": "The harbour reopened on 5 March 2021, the council said. 30 ships left."},
            {"id": "<svg onload=alert(1)>", "text": "Storm warning issued for the coast; 12 boats stayed in port."},
            {"id": "$\\evil$", "text": "Nobody knows when the harbour will reopen. Some 200 people work there."}]
    (corpus / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (corpus / "self.txt").symlink_to(corpus / "self.txt")
    (corpus / "out.txt").symlink_to("/etc/hostname")
    if hasattr(os, "mkfifo"):
        os.mkfifo(corpus / "pipe.txt")
    return base


def cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "wiretrace.cli", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


class _Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


def test_a_hostile_corpus_runs_every_notebook_without_live_markup_or_formulas(hostile):
    result = cli("run", "--corpus", "corpus", "--out", "out", cwd=hostile)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = hostile / "out"
    assert json.loads((out / "wiretrace-run.json").read_text())["complete"] is True
    for render in out.glob("*.md"):
        text = render.read_text(encoding="utf-8")
        for payload in ("<img src=x onerror", "<script>", "<svg onload"):
            assert payload not in text, render.name
    for table in out.rglob("*.csv"):
        for line in table.read_text(encoding="utf-8").splitlines():
            for cell in line.split(","):
                assert not cell.strip('"').startswith(("=", "+", "@")), (table.name, cell)
            assert "\x1b" not in line
    timeline = json.loads((out / "04-timeline" / "timeline.json").read_text(encoding="utf-8"))
    for item in timeline["events"]:
        parser = _Tags()
        parser.feed(item["text"]["headline"] + item["text"]["text"])
        assert parser.tags <= {"blockquote", "p", "em"}


@pytest.mark.parametrize("args", [["corpus", "corpus"], ["corpus", "corpus", "--keep-going"],
                                  ["annotate", "corpus", "--keep-going"], ["duplicates", "corpus", "--keep-going"],
                                  ["provenance", "corpus", "--keep-going"], ["figures", "corpus", "--keep-going"],
                                  ["timeline", "corpus", "--keep-going"], ["timex", "corpus/page0.txt"],
                                  ["align", "corpus", "page0", "nope", "--keep-going"]])
def test_every_subcommand_answers_a_hostile_corpus_without_a_traceback(hostile, args):
    result = cli(*args, cwd=hostile)
    assert result.returncode in (0, 1, 2, 3), result.stderr
    assert "Traceback" not in result.stderr and "\x1b]" not in result.stdout
    if result.returncode:
        assert len(result.stderr.strip().splitlines()) == 1  # one line naming the problem
