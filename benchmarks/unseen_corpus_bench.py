"""A corpus nobody fitted the rules to: TempEval-3's news texts through the whole `wiretrace run`.

    python benchmarks/unseen_corpus_bench.py [TEMPEVAL_DIR] [--wiretrace PATH] [--out DIR]

TEMPEVAL_DIR (default ../shared/data/tempeval3/train) holds TimeML documents (1989-98 business
news, AP, NYT, Xinhua, broadcast); their texts are written as plain articles (as `dating_bench.py`
does) and run as one corpus. There is no gold for these tables: the script prints the counts a
reader checks by hand (quotations with a speaker, claims, reconciliation verdicts, claimants that
name a company), and the agency each text's document id names against the wire the library found
(the ids are read here, for measuring only). ``--out`` keeps the run's tables for reading.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
from pathlib import Path

import pandas as pd

from dating_bench import write_articles

AGENCY_OF_ID = {"APW": "AP", "XIE": "Xinhua"}  # document-id prefixes of the wire services' own copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tempeval", nargs="?", default="../shared/data/tempeval3/train")
    parser.add_argument("--wiretrace", default=".venv/bin/wiretrace")
    parser.add_argument("--out", help="keep the run here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(args.out or Path(tmp) / "run")
        corpus.mkdir()
        n = write_articles(Path(args.tempeval), corpus)
        subprocess.run([args.wiretrace, "run", "--corpus", str(corpus), "--out", str(out)], check=True,
                       stdout=subprocess.DEVNULL)
        quotes = pd.read_csv(out / "00-corpus" / "quotes.csv")
        claims = pd.read_csv(out / "03-figures" / "claims.csv")
        verdicts = pd.read_csv(out / "03-figures" / "reconciliation.csv")
        records = pd.read_csv(out / "01-provenance" / "provenance.csv")
    print(f"texts: {n}")
    print(f"quotations with a speaker: {quotes.speaker.notna().sum()} of {len(quotes)}")
    named_company = claims.claimant.fillna("").str.match(r"(?i)the company \(").sum()
    print(f"claims: {len(claims)}; claimants naming the company a story is about: {named_company}")
    print("reconciliation verdicts: " + ", ".join(f"{k} {v}" for k, v in verdicts.verdict.value_counts().items()))
    for prefix, agency in AGENCY_OF_ID.items():
        mine = records[records.article_id.str.match(re.escape(prefix))]
        print(f"{prefix} texts whose wire is {agency}: {(mine.wire == agency).sum()} of {len(mine)}")


if __name__ == "__main__":
    main()
