"""The command line: machine-readable output on stdout, errors on stderr with exit codes."""
from __future__ import annotations

import io
import json

import pandas as pd

from wiretrace.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_corpus_prints_the_report_as_csv(capsys):
    code, out, _ = run(capsys, "corpus", "seeds")
    report = pd.read_csv(io.StringIO(out))
    assert code == 0 and len(report) == 5 and set(report.status) == {"loaded"}


def test_annotate_prints_jsonl_spans(capsys, seeds):
    code, out, _ = run(capsys, "annotate", "seeds", "--table", "mentions", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    raw = {a.id: a.raw for a in seeds}
    assert code == 0 and len(rows) > 400
    assert all(raw[r["article_id"]][r["start"]:r["end"]] == r["text"] for r in rows)


def test_bad_input_exits_1_naming_the_file(capsys, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = run(capsys, "corpus", str(tmp_path))
    assert code == 1 and out == "" and "empty.txt: empty (0 bytes)" in err
    code, out, _ = run(capsys, "corpus", str(tmp_path), "--keep-going", "--format", "json")
    assert code == 0 and json.loads(out)[0]["reason"] == "empty"


def test_duplicates_prints_the_pair_table(capsys):
    code, out, _ = run(capsys, "duplicates", "seeds", "--format", "json")
    pairs = json.loads(out)
    assert code == 0 and len(pairs) == 3 and {p["relation"] for p in pairs} == {"copy"}
    assert {"a", "b", "jaccard", "containment_a_in_b", "containment_b_in_a", "cluster", "carried_a_in_b",
            "carried_b_in_a", "relation", "relation_rule"} <= set(pairs[0])


def test_align_prints_passages_or_edits_and_names_unknown_ids(capsys, seeds):
    ids = sorted(a.id for a in seeds if "Schenker" in a.raw)
    code, out, _ = run(capsys, "align", "seeds", ids[0], ids[1])
    passages = pd.read_csv(io.StringIO(out))
    assert code == 0 and {"identical", "spelling", "minor", "only_in_a", "only_in_b"} <= set(passages.edit)
    code, out, _ = run(capsys, "align", "seeds", ids[0], ids[1], "--edits", "--format", "jsonl")
    kinds = {json.loads(line)["kind"] for line in out.splitlines()}
    assert code == 0 and kinds == {"spelling", "minor"}
    code, _, err = run(capsys, "align", "seeds", ids[0], "nope")
    assert code == 1 and "nope: unknown article id" in err


def test_provenance_figures_and_timeline_commands(capsys):
    code, out, _ = run(capsys, "provenance", "seeds", "--format", "prov-n")
    assert code == 0 and out.count("wasDerivedFrom(") == 3
    code, out, _ = run(capsys, "figures", "seeds", "--reconcile", "--format", "json", "--profile", "profiles/libya-2019")
    verdicts = json.loads(out)
    assert code == 0 and {v["verdict"] for v in verdicts} == {"consistent", "consistent_over_time", "different_measure"}
    code, out, _ = run(capsys, "timeline", "seeds", "--format", "timelinejs")
    timeline = json.loads(out)
    assert code == 0 and len(timeline["events"]) >= 10
    assert {"start_date", "text", "group", "unique_id"} <= set(timeline["events"][0])
    assert not any("end_date" in e for e in timeline["events"])  # an uncertain date is labelled, not a duration


def test_timex_prints_json_lines_with_offsets(capsys, monkeypatch):
    text = "Officials said last week that talks will resume on 3 December this year."
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code, out, _ = run(capsys, "timex", "--anchor", "2020-11-20")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["value"] for r in rows] == ["2020-W46", "2020-12-03"]
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
