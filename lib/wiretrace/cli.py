"""The ``wiretrace`` command: the library for batch work, printing CSV/JSON/JSONL on stdout.

Messages and progress go to stderr, so stdout can be piped into other tools. Exit status:
0 success, 1 bad input (a CorpusError), 2 usage error, 3 a notebook failed.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .corpus import CorpusError, load_corpus


def _print_table(frame: pd.DataFrame, fmt: str) -> None:
    if fmt == "csv":
        from .render import spreadsheet_safe
        spreadsheet_safe(frame).to_csv(sys.stdout, index=False, lineterminator="\n")
    elif fmt == "jsonl":
        for record in json.loads(frame.to_json(orient="records", force_ascii=False)):
            print(json.dumps(record, ensure_ascii=False))
    else:
        print(frame.to_json(orient="records", force_ascii=False, indent=1))


def _load(args):
    with _usage_errors():  # --max-bytes of the wrong kind
        return load_corpus(args.corpus, on_error="record" if args.keep_going else "raise", max_bytes=args.max_bytes)


@contextmanager
def _usage_errors():
    """A ValueError from a parameter of the wrong kind (an unusable profile, size limit or case
    folder) as a UsageError (exit 2); a corpus's own errors stay CorpusErrors."""
    try:
        yield
    except CorpusError:
        raise
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _case(args):
    """The case of a corpus command: its corpus, parameters, profile and (with --case) stored layers."""
    from .case import open_case

    with _usage_errors():
        case = open_case(args.corpus, store=args.case, on_error="record" if args.keep_going else "raise",
                         profile=args.profile, max_bytes=args.max_bytes, threshold=args.threshold, ngram=args.ngram,
                         num_perm=args.num_perm, engine=args.engine, scheduler=args.scheduler)
    _note_left_out(args, case.corpus.rejected, len(case.corpus))
    return case


def _note_left_out(args, rejected: pd.DataFrame, loaded: int | None = None) -> None:
    """The line ``main`` prints on stderr after the command's output when inputs were left out of
    the analysis (skipped, or rejected under --keep-going): the table printed says nothing of them."""
    if len(rejected):
        counts = ", ".join(f"{n} {status}" for status, n in rejected.status.value_counts().sort_index().items())
        analysed = "" if loaded is None else f"articles analysed: {loaded}; "
        args.left_out = (f"wiretrace {args.command}: {analysed}inputs left out: {counts} ('wiretrace corpus' "
                         "lists them with the reasons)")


def _dask_corpus(args):
    """The shards of a command on the Dask engine, their rejected rows handled as the local
    loader's are: the first raised, or with --keep-going counted on stderr."""
    from .scale import load_dask_corpus

    with _usage_errors():
        dcorpus = load_dask_corpus(args.corpus, max_bytes=args.max_bytes)
    rejected = dcorpus.rejected.compute()
    if len(rejected) and not args.keep_going:
        first = rejected.iloc[0]
        raise CorpusError(first.source, first.reason, first.detail)
    _note_left_out(args, rejected)
    return dcorpus


class UsageError(ValueError):
    """A parameter the command cannot use: exit status 2 with the reason."""


def cmd_corpus(args) -> int:
    _print_table(_load(args).report(), args.format)
    return 0


def cmd_annotate(args) -> int:
    _print_table(getattr(_case(args).annotations, args.table), args.format)
    return 0


def cmd_duplicates(args) -> int:
    from .reuse import find_duplicates
    from .scale import shard_paths

    tables = args.corpus.endswith((".parquet", ".jsonl")) or any(c in args.corpus for c in "*?[")
    if args.engine == "dask" and tables and shard_paths(args.corpus):  # shards stay on the cluster
        pairs = find_duplicates(_dask_corpus(args), engine="dask",
                                client=args.scheduler, threshold=args.threshold, ngram=args.ngram,
                                num_perm=args.num_perm)
    else:
        pairs = _case(args).pairs
    _print_table(pairs, args.format)
    return 0


def cmd_align(args) -> int:
    from .reuse import align

    case = _case(args)
    for article_id in (args.a, args.b):
        if article_id not in case.corpus.ids:
            raise CorpusError(article_id, "unknown article id", f"the corpus has {len(case.corpus)} articles")
    passages, edits = align(case.corpus, args.a, args.b, case.annotations)
    _print_table(edits if args.edits else passages, args.format)
    return 0


def cmd_timex(args) -> int:
    from datetime import date

    from .corpus import decode_bytes
    from .timex import extract_timexes

    try:
        anchor = date.fromisoformat(args.anchor) if args.anchor else None
    except ValueError:
        raise UsageError(f"--anchor {args.anchor!r}: a day as YYYY-MM-DD, such as 2020-09-10") from None
    if args.file in (None, "-"):
        text = sys.stdin.read()
    else:
        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            raise CorpusError(args.file, "unreadable", exc.strerror or str(exc)) from None
        text, _, notes = decode_bytes(data, args.file)  # as the loader reads a file: offsets into the same text
        for note in notes:
            print(f"wiretrace timex: {args.file}: {note}", file=sys.stderr)
    for timex in extract_timexes(text, anchor):
        print(json.dumps(timex.as_dict(), ensure_ascii=False))
    return 0


def cmd_timeline(args) -> int:
    from .timeline import build_timeline, timelinejs

    case = _case(args)
    events, _ = build_timeline(case.corpus, case.annotations, case.dates, timexes=case.timexes)
    if args.format == "timelinejs":
        print(json.dumps(timelinejs(events, case.corpus), ensure_ascii=False, indent=1))
    else:
        _print_table(events, args.format)
    return 0


def cmd_provenance(args) -> int:
    from .provenance import prov_document, provenance_of

    result = provenance_of(_case(args))
    if args.format == "json":
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=1, default=str))
    elif args.format == "prov-json":
        print(prov_document(result).serialize(format="json", indent=1))
    else:
        print(prov_document(result).get_provn())
    return 0


def cmd_figures(args) -> int:
    from .figures import reconcile, with_carriers

    case = _case(args)
    claims = case.claims
    distinct, verdicts = reconcile(claims, case.clusters)
    if args.reconcile:
        _print_table(verdicts, args.format)
    else:
        _print_table(with_carriers(claims, distinct), args.format)
    return 0


def cmd_manifest(args) -> int:
    from .corpus import write_manifest

    print(write_manifest(args.directory).as_posix())
    return 0


def cmd_run(args) -> int:
    from .pipeline import PipelineError, run

    try:
        parameters = {name: _literal(value) for name, value in args.parameter}
        if args.profile is not None:
            parameters["profile"] = args.profile
        written = run(args.corpus, args.out, parameters, only=args.only,
                      overwrite_seed_outputs=args.overwrite_seed_outputs, timeout=args.timeout,
                      engine=args.engine, scheduler=args.scheduler)
    except PipelineError as exc:
        print(f"wiretrace run: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        import logging

        logging.disable(logging.CRITICAL)  # the stopped kernel's client logs its death as a traceback
        print("wiretrace run: interrupted; the results are incomplete (wiretrace-run.json says which notebooks "
              "finished): run the same command again to complete them", file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        # the run has cleaned up (kernel shut down, record written, lock released on exit); leave
        # now, before the interpreter's teardown lets a pending task print the kernel's death
        os._exit(130)
    for path in written:
        print(path.as_posix())
    return 0


def cmd_clean_notebooks(args) -> int:
    import nbformat

    from .pipeline import clean_source, notebook_paths, strip_outputs

    if args.stdin:  # git clean filter: notebook in on stdin, stripped notebook out on stdout
        sys.stdout.write(nbformat.writes(strip_outputs(nbformat.reads(sys.stdin.read(), as_version=4))) + "\n")
        return 0
    changed = [p for p in notebook_paths() if clean_source(p)]
    for path in changed:
        print(f"cleaned {path.name}", file=sys.stderr)
    return 1 if changed and args.check else 0


def _literal(value: str):
    """A -p value as data: JSON numbers, booleans and null are typed, anything else stays a string."""
    try:
        parsed = json.loads(value)
    except ValueError:
        return value
    return parsed if isinstance(parsed, (int, float, bool)) or parsed is None else value


TABLE_FORMATS = ["csv", "json", "jsonl"]


def _corpus_command(sub, name: str, help_text: str, func, formats=TABLE_FORMATS):
    """A subcommand that reads a corpus and prints a table in one of ``formats``."""
    parser = sub.add_parser(name, help=help_text)
    parser.add_argument("corpus", help="directory, file, or table (.jsonl, .csv, .parquet)")
    parser.add_argument("--keep-going", action="store_true", help="record bad files instead of stopping")
    parser.add_argument("--max-bytes", type=int, default=5_000_000, help="size limit per file (default 5 MB)")
    parser.add_argument("--format", choices=formats, default=formats[0])
    parser.add_argument("--profile", default=None, help="a story profile folder (default: NAME.profile beside the "
                                                        "corpus, if any; else the library's general data only)")
    parser.add_argument("--case", default=None, metavar="DIR",
                        help="keep the case's layers in DIR and reuse them while nothing changed")
    parser.add_argument("--threshold", type=float, default=0.35,
                        help="share of the shorter story carried by the other, or shingle containment, for a copy (0.35)")
    parser.add_argument("--ngram", type=int, default=5, help="shingle size in words (5)")
    parser.add_argument("--num-perm", type=int, default=128, help="MinHash permutations (128)")
    _engine_options(parser)
    parser.set_defaults(func=func)
    return parser


def _engine_options(parser) -> None:
    parser.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="dask: compute the per-article layers part by part on a Dask cluster (same results)")
    parser.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a local cluster)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wiretrace", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    _corpus_command(sub, "corpus", "what loads and what is rejected, one row per input", cmd_corpus)

    p = _corpus_command(sub, "annotate", "one annotation table (spans into the raw text)", cmd_annotate)
    p.add_argument("--table", choices=["segments", "sentences", "mentions", "quotes"], default="segments")

    _corpus_command(sub, "duplicates", "pairs of articles that carry the same text (with --engine dask, the "
                                       "corpus may be a glob of .jsonl or .parquet shards)", cmd_duplicates)

    p = _corpus_command(sub, "align", "passage alignment of two articles (spans and edit classes)", cmd_align)
    p.add_argument("a", help="article id")
    p.add_argument("b", help="article id")
    p.add_argument("--edits", action="store_true", help="print the word-level edits instead of the passages")

    _corpus_command(sub, "provenance", "per-article provenance records, or the derivations as W3C PROV",
                    cmd_provenance, ["json", "prov-json", "prov-n"])

    p = _corpus_command(sub, "figures", "numeric claims (or, with --reconcile, their reconciliation)", cmd_figures)
    p.add_argument("--reconcile", action="store_true", help="print the verdicts between claims")

    p = sub.add_parser("timex", help="temporal expressions of a text, one JSON object per line")
    p.add_argument("file", nargs="?", default="-", help="a text file, or - for standard input")
    p.add_argument("--anchor", help="the writing date, YYYY-MM-DD (relative expressions resolve against it)")
    p.set_defaults(func=cmd_timex)

    _corpus_command(sub, "timeline", "events of a corpus, merged across sources", cmd_timeline,
                    TABLE_FORMATS + ["timelinejs"])

    p = sub.add_parser("run", help="execute every notebook on a corpus (papermill) and render the results")
    p.add_argument("--corpus", default="seeds", help="corpus path (default: the seeds)")
    p.add_argument("--out", default=None, help="output directory (default: outputs/ for the seeds, "
                                                 "./wiretrace-runs/NAME otherwise)")
    p.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                   help="notebook parameter (repeatable)")
    p.add_argument("--profile", default=None, help="a story profile folder (same as -p profile DIR)")
    p.add_argument("--only", action="append", help="run only notebooks whose name starts with this (e.g. 00)")
    p.add_argument("--timeout", type=int, default=6 * 3600,
                   help="seconds one notebook cell may run before the run stops (default 21600)")
    p.add_argument("--overwrite-seed-outputs", action="store_true",
                   help="allow another corpus's results to replace the committed seed outputs")
    _engine_options(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("manifest", help="write MANIFEST.csv (file, sha256, bytes) for a corpus directory")
    p.add_argument("directory")
    p.set_defaults(func=cmd_manifest)

    p = sub.add_parser("clean-notebooks", help="strip outputs from the source notebooks")
    p.add_argument("--check", action="store_true", help="exit 1 when a notebook had outputs")
    p.add_argument("--stdin", action="store_true", help="filter one notebook from stdin to stdout (git filter)")
    p.set_defaults(func=cmd_clean_notebooks)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status = args.func(args)
        if getattr(args, "left_out", None):
            print(args.left_out, file=sys.stderr)
        return status
    except CorpusError as exc:
        print(f"wiretrace: {exc}", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"wiretrace {args.command}: {exc}", file=sys.stderr)
        return 2
    except ConnectionError as exc:  # scale.SchedulerError: a --scheduler that cannot be reached
        print(f"wiretrace {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # stdout closed early (piped into head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
