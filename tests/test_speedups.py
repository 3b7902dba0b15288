"""The fast paths read exactly as the code they stand in for (dateparser, the ``regex`` grammar
scanned at every character, scikit-learn's word analyzer), and lazily made annotation tables are
the tables made at once."""
from __future__ import annotations

import os
import pickle
import re

import pandas as pd
import pytest

import wiretrace as wt
from wiretrace import datelines, segments, timex
from wiretrace.annotate import annotation_rows, annotations_of
from wiretrace.resources import profile

# invented sentences with every kind of temporal expression the grammar reads, and hostile text
TEXTS = [
    "The Vellmar council said on Tuesday it had voted 12-3 in March 2031, three days ago.",
    "Officials in Ostrava-Nord expect the 4.5bn krone bridge to open by mid-2034, or in the '40s.",
    "By 10:30 a.m. on 3/4/2030 the ferry had left; it returns next week, not last Friday.",
    "İn 2029 the ſeptember 3 meeting, weeK ago, ٣ days ago, in the '90s and 1980s, tomorrow",
    "2030-12-05. Yesterday. TODAY, the day before yesterday; a fortnight earlier; the 2020s",
    "a", "", "'", "-- 19 --", "Mid-July 2028: the summer; winter of 2031-32, Q3 2030, FY2031",
]


def test_grammar_matches_are_regex_finditers():
    for text in TEXTS + [line for t in TEXTS for line in t.split(", ")]:
        expected = [(m.span(), m.groupdict()) for m in timex.grammar().finditer(text)]
        assert [(m.span(), m.groupdict()) for m in timex._grammar_matches(text)] == expected, text


def test_the_fast_scan_finds_expressions():
    found = [t.match.group() for t in timex.find_timexes(TEXTS[0])]
    assert found == ["Tuesday", "March 2031", "three days ago"]


def test_month_day_readings_are_dateparsers(monkeypatch):
    texts = [f"{m} {d}" for m in datelines._MONTH_NAMES for d in range(1, 32)]
    fast = [datelines.readings(t) for t in texts]
    assert fast[datelines._MONTH_NAMES.index("February") * 31 + 28] == ("--02-29",)
    monkeypatch.setattr(datelines, "_SIMPLE_DATE", re.compile(r"(?!)"))
    assert fast == [datelines.readings(t) for t in texts]


def test_simple_date_readings_are_dateparsers():
    """Names and abbreviations, with and without a stop and a year, in both orders, real days and
    not (Feb. 29 of a common year, June 31): the fast path reads what dateparser reads."""
    import itertools
    import random

    forms = []
    for month, day, stop, year, order in itertools.product(datelines._MONTH_NUMBERS, range(1, 32), ("", "."),
                                                           (None, "1900", "2031", "2032"), ("md", "dm")):
        tail = (f", {year}" if order == "md" else f" {year}") if year else ""
        forms.append(f"{month}{stop} {day}{tail}" if order == "md" else f"{day} {month}{stop}{tail}")
    for text in random.Random(5).sample(forms, 300) + ["Feb. 29, 2031", "29 Feb 2032", "Sept. 31", "May. 9"]:
        assert datelines._simple_readings(text) == datelines._parsed_readings.__wrapped__(text), text
    assert datelines.readings("Oct. 9, 2031") == ("2031-10-09",) and datelines.readings("Feb. 29, 2031") == ()
    assert datelines._simple_readings("OCT. 9") is None and datelines._simple_readings("Oct 9th") is None


def test_word_analyzer_is_scikit_learns():
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer = TfidfVectorizer(token_pattern=r"(?u)\b\w\w+\b").build_analyzer()
    for text in TEXTS + ["ÉCOLE Straße naïve I a x2 _under_ ΑΘΗΝΑ"]:
        assert segments._analyzer(text) == analyzer(text)


def _corpus(tmp_path):
    texts = {
        "a.txt": "Mayor Ilse Varga said on Monday the Korvel dam would hold. \"We are ready,\" Varga said.\n\n"
                 "The council met in Brantow.",
        "b.txt": "Brantow, May 4 (Reuters) - Ilse Varga, the mayor, told reporters 40 homes were flooded.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return wt.load_corpus(tmp_path)


def test_lazy_mentions_and_quotes_are_the_tables_made_at_once(tmp_path):
    corpus = _corpus(tmp_path)
    eager = annotations_of(annotation_rows(corpus))
    lazy = wt.annotate(corpus)
    assert lazy._rest["mentions"] is None  # not made yet
    for name, table in eager.tables().items():
        assert lazy.tables()[name].equals(table), name
    assert list(lazy.quotes.text) == ["We are ready,"] and list(lazy.quotes.speaker_text) == ["Varga"]
    copy = pickle.loads(pickle.dumps(wt.annotate(corpus)))  # a pickle carries every table
    assert copy.mentions.equals(eager.mentions) and copy._make_rest is None


def test_lazy_tables_are_made_with_the_profile_of_the_annotation(tmp_path):
    corpus = _corpus(tmp_path)
    folder = tmp_path / "profile"
    folder.mkdir()
    (folder / "gazetteer.csv").write_text("entity_id,canonical,type,variants\nkorvel-dam,Korvel Dam,facility,Korvel dam\n",
                                          encoding="utf-8")
    with profile(folder):
        lazy = wt.annotate(corpus)
    assert "Korvel Dam" in set(lazy.mentions.canonical)  # read outside the profile, made inside it
    assert "Korvel Dam" not in set(wt.annotate(corpus).mentions.canonical)


def test_annotations_need_their_tables():
    with pytest.raises(TypeError, match="mentions and quotes"):
        wt.Annotations(segments=None, sentences=None, page_dates=None)


def test_openings_trie_matches_the_flat_alternation():
    import re as stdlib_re

    from wiretrace import timex
    words = ["mid", "midday", "middle", "march", "mar", "may", "the"]
    flat = stdlib_re.compile(rf"(?i:{'|'.join(sorted(words, key=len, reverse=True))})(?![a-z])")
    trie = stdlib_re.compile(rf"(?i:{timex.trie(words)})(?![a-z])")
    text = "In Mid-March, the MIDDAY meal; middle of May, Mar. 3, themes, midst"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)] == [
        (3, 6), (7, 12), (14, 17), (18, 24), (31, 37), (41, 44), (46, 49)]



def _pages(tmp_path, n):
    """``n`` invented pages with furniture: headline, byline, dateline, a glued credit line, a link, a notice."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(n):
        (folder / f"p{i:02d}.txt").write_text(
            f"Korvel dam holds after {i + 2} days of rain\n\nBy Ilse Varga\n\n"
            f"BRANTOW, May {i + 1} (Reuters) - The Korvel dam held on Monday, officials said. {40 + i} homes "
            "were flooded. (Reporting by Odo Marsh; Editing by Lu Chen)\n\nSTAMP-7\n\n"
            "READ MORE: Floods in Vell\n\nCopyright 2031 Example Wire. All rights reserved.", encoding="utf-8")
    return wt.load_corpus(folder)


def _pools_started(monkeypatch) -> list:
    """The process pools started from now on (:mod:`wiretrace.processes` starts every one), each
    recorded as (the profile its workers start with, the layer's own worker initializer)."""
    from wiretrace import processes

    started = []

    class Counted(processes.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            started.append(kwargs["initargs"][:2])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(processes, "ProcessPoolExecutor", Counted)
    return started


def test_annotating_in_processes_gives_the_rows_of_one_process(tmp_path, monkeypatch):
    import importlib

    module = importlib.import_module("wiretrace.annotate")
    corpus = _pages(tmp_path, 5)
    folder = tmp_path / "profile"  # a profile's furniture cue must reach the worker processes
    folder.mkdir()
    (folder / "segment_cues.csv").write_text("role,rule,pattern\nboilerplate,invented stamp,^STAMP-\\d+$\n",
                                             encoding="utf-8")
    with profile(folder):
        one = wt.annotate(corpus)
        pools, real = [], module._in_processes
        monkeypatch.setattr(module, "PARALLEL_FROM", 2)
        monkeypatch.setattr(os, "cpu_count", lambda: 2)
        monkeypatch.setattr(module, "_in_processes", lambda *args: pools.append(1) or real(*args))
        many = wt.annotate(corpus)
    assert pools == [1]
    for name, table in one.tables().items():
        assert many.tables()[name].equals(table), name
    first = one.segments[one.segments.article_id == "p00"]
    assert list(first.role) == ["headline", "byline", "dateline", "body", "byline", "boilerplate",
                                "related_link", "boilerplate"]
    assert first.rule.iloc[5] == "invented stamp"



def test_capitalisation_evidence_is_counted_only_when_mentions_are_read(tmp_path, monkeypatch):
    from wiretrace.entities import CaseEvidence

    counted, real = [], CaseEvidence.of.__func__
    monkeypatch.setattr(CaseEvidence, "of", classmethod(lambda cls, texts: counted.append(1) or real(cls, texts)))
    annotations = wt.annotate(_corpus(tmp_path))
    assert len(annotations.segments) == 4 and counted == []  # the dateline is split off
    assert "Ilse Varga" in set(annotations.mentions.text) and counted == [1]


def test_story_sentences_are_normalised_only_for_candidate_articles(tmp_path, monkeypatch):
    from wiretrace import reuse

    story = "The Korvel dam held on Monday after nine days of rain, the mayor of Brantow said. "
    for name, text in {"a.txt": story * 3, "b.txt": story * 3 + "Forty homes were dry.",
                       "c.txt": "Vell opened a library of rare maps on Sunday. Its shelves hold 900 atlases."}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    asked, real = [], reuse.story_units
    monkeypatch.setattr(reuse, "story_units", lambda *args, ids=None: asked.append(sorted(ids)) or real(*args, ids=ids))
    pairs = reuse.find_duplicates(wt.load_corpus(tmp_path))
    assert list(zip(pairs.a, pairs.b, pairs.relation)) == [("a", "b", "copy")]
    assert asked == [["a", "b"]]


def test_matched_groups_are_the_filled_groups_of_groupdict():
    from wiretrace.timex_values import matched_groups

    matches = [m for text in TEXTS for m in timex._grammar_matches(text)]
    assert len(matches) > 10
    for m in matches:
        assert list(matched_groups(m).items()) == [(k, v) for k, v in m.groupdict().items() if v is not None]


def test_reworded_and_ordered_share_a_pairs_matrices_without_changing_them():
    from wiretrace.align import Unit
    from wiretrace.normalise import normalise
    from wiretrace.relations import SentenceWords

    def units(*sentences):
        return [Unit(i * 100, i * 100 + len(s), normalise(s)) for i, s in enumerate(sentences)]
    articles = {"a": units("The Korvel dam held on Monday.", "Forty homes in Brantow were dry."),
                "b": units("On Monday the Korvel dam held.", "In Brantow forty homes stayed dry."),
                "c": units("Vell opened a library of maps.", "The Korvel dam held.")}
    shared = SentenceWords(articles)
    scores = [(shared.reworded(x, y)[0], shared.ordered(x, y)) for x, y in [("a", "b"), ("a", "c"), ("a", "b")]]
    fresh = [(SentenceWords(articles).reworded(x, y)[0], SentenceWords(articles).ordered(x, y))
             for x, y in [("a", "b"), ("a", "c"), ("a", "b")]]
    assert scores == fresh and scores[0] == scores[2] and scores[0][0] > scores[1][0]


def test_temporal_expressions_in_processes_are_those_of_one_process(monkeypatch):
    import pandas as pd

    texts = ["The council of Vell met on 4 March 2031 and voted the next day.",
             "Officials said on Tuesday that the road will reopen in June.",
             "No date is named in this sentence.",
             "The ferry ran until late 2029, and that year its owner, Orla Benn, sold it."] * 3
    sentences = pd.DataFrame({"sentence_id": [f"s{i:02d}" for i in range(len(texts))], "text": texts})
    one = timex.sentence_timexes(sentences)
    monkeypatch.setattr(timex, "PARALLEL_FROM", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    pools = _pools_started(monkeypatch)
    many = timex.sentence_timexes(sentences, processes=True)
    assert pools == [(None, None)] and list(many) == list(one)
    for sid, matches in one.items():
        assert [(m.start, m.end, m.rule, m.tense, m.firm) for m in many[sid]] == \
               [(m.start, m.end, m.rule, m.tense, m.firm) for m in matches]
        assert [None if m.antecedent is None else matches.index(m.antecedent) for m in matches] == \
               [None if m.antecedent is None else many[sid].index(m.antecedent) for m in many[sid]]
    first = [(texts[0][m.start:m.end], m.antecedent is not None) for m in many["s00"]]
    assert first == [("4 March 2031", False), ("the next day", True)]


def test_names_and_quotations_in_processes_are_those_of_one_process(tmp_path, monkeypatch):
    import importlib

    module = importlib.import_module("wiretrace.annotate")
    folder = tmp_path / "quoted"
    folder.mkdir()
    for i in range(4):
        (folder / f"q{i}.txt").write_text(
            f"Vell council buys {i + 3} ferries\n\nBy Ilse Varga\n\n"
            f"\"We will run them all summer,\" said Orla Benn, the harbour master of Vell. "
            f"Mr. Tomas Reyne, a council member, said the ferries cost {20 + i} million crowns. "
            "\"It is too much,\" he said.", encoding="utf-8")
    corpus = wt.load_corpus(folder)
    one = wt.annotate(corpus)
    one.tables()  # its names and quotations made now, in one process (they are made when first read)
    monkeypatch.setattr(module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    pools = _pools_started(monkeypatch)
    many = wt.annotate(corpus)
    assert many.mentions.equals(one.mentions) and many.quotes.equals(one.quotes)
    assert [initializer for _, initializer in pools] == [None, module._start_worker, module._start_names_worker]
    quotes = one.quotes[one.quotes.article_id == "q1"]
    assert list(quotes.speaker) == ["Orla Benn", "Tomas Reyne"]


FIGURE_TEXTS = [
    "Vell's port paid US$5 million and C$ 3.2 billion, between 3 and 4 percent of its costs, in 2031.",
    "Thirty-two boats and a dozen barges, some 300 crew, up to 1,200 tonnes; at least two-thirds were idle.",
    "The second-largest ferry sank after a 10-day storm; nearly 40 people were aboard, dozens more ashore.",
    "It ran 5km in 3.5 hours at 1e6 steps; the fee was €14-15 million or £9.6bn, as many as 7 to 8 times.",
    "BUS$5 x5-6 over 900,000 half a million hundreds of homes, roughly 1,20,000 rupees; almost three or four.",
]


def test_figure_grammar_matches_are_its_finditer():
    from wiretrace import figures

    for text in FIGURE_TEXTS + [w for t in FIGURE_TEXTS for w in t.split(" ")]:
        expected = [(m.span(), m.groupdict()) for m in figures._grammar().finditer(text)]
        assert [(m.span(), m.groupdict()) for m in figures._grammar_matches(text)] == expected, text
    assert [m.group() for m in figures._grammar_matches(FIGURE_TEXTS[1])][:4] == [
        "Thirty-two", "a dozen", "some 300", "up to 1,200"]


def test_claims_of_a_large_corpus_in_processes_are_those_of_one_process(tmp_path, monkeypatch):
    import importlib

    folder = tmp_path / "figures"
    folder.mkdir()
    for i in range(5):
        (folder / f"f{i}.txt").write_text(
            f"Vell ferry fares rise\n\nBRANTOW, 3 May 2031 - The council of Vell said on Monday that {120 + i} "
            f"ferries carried 4,{i}00 passengers last week, up from about 3,900 a week earlier. "
            f"\"We expect {i + 2} million crossings this year,\" said Orla Benn, the harbour master.", encoding="utf-8")
    one = wt.open_case(folder).claims
    annotate = importlib.import_module("wiretrace.annotate")
    monkeypatch.setattr(annotate, "PARALLEL_FROM", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    dask_layers = importlib.import_module("wiretrace.dask_layers")
    monkeypatch.setattr(dask_layers, "PART_ARTICLES", 2)  # three parts for two processes
    calls, real = [], dask_layers.claims_in_processes
    monkeypatch.setattr(dask_layers, "claims_in_processes", lambda *args: calls.append(args[4]) or real(*args))
    many = wt.open_case(folder).claims
    assert calls == [2]
    pd.testing.assert_frame_equal(many, one)
    first = one[one.article_id == "f1"]
    assert list(first.text) == ["121", "4,100", "about 3,900", "3 million"]
    assert first.claimant.iloc[-1] == "Orla Benn, the harbour master"


def test_duplicates_in_processes_are_those_of_one_process(tmp_path, monkeypatch):
    import importlib

    from wiretrace.reuse import find_duplicates

    sentences = [f"The Korvel ferry carried {300 + 7 * i} passengers across the Vell on day {i} of the strike, "
                 f"the harbour office of Brantow said in its note number {i}." for i in range(8)]
    texts = {"a": " ".join(sentences), "b": " ".join(sentences).replace("Korvel", "Korwell"),
             "c": " ".join(sentences[:4]) + " Orla Benn, a ferry captain, said the boats were full.",
             "d": "Vell opened a library of rare maps on Sunday. Its shelves hold 900 atlases and 40 globes."}
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    folder = tmp_path.parent / f"{tmp_path.name}-profile"  # its spelling must reach the worker processes
    folder.mkdir()
    (folder / "spelling_variants.csv").write_text("variant,canonical,kind\nkorwell,korvel,translit\n",
                                                  encoding="utf-8")
    with profile(folder):
        one = find_duplicates(corpus)
        for name in ("minhash", "align", "relations"):
            monkeypatch.setattr(importlib.import_module(f"wiretrace.{name}"), "PARALLEL_FROM", 2)
        pools = _pools_started(monkeypatch)
        monkeypatch.setattr(os, "cpu_count", lambda: 2)
        many = find_duplicates(corpus)
    from wiretrace.relations import _start_worker
    # shingles, normalised sentences, then the pairs' relations: every worker with the profile
    assert pools == [(folder.resolve(), None), (folder.resolve(), None), (folder.resolve(), _start_worker)]
    pd.testing.assert_frame_equal(many, one)
    assert list(zip(one.a, one.b, one.relation, one.jaccard)) == [
        ("a", "b", "copy", 1.0), ("a", "c", "copy", 0.4891), ("b", "c", "copy", 0.4891)]


def test_page_fields_of_provenance_in_processes_are_those_of_one_process(tmp_path, monkeypatch):
    from wiretrace import provenance

    corpus = _pages(tmp_path, 5)
    annotations = wt.annotate(corpus)
    one = provenance.build_provenance(corpus, annotations)
    monkeypatch.setattr(provenance, "PARALLEL_FROM", 2)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    pools = _pools_started(monkeypatch)
    many = provenance.build_provenance(corpus, annotations)
    assert pools == [(None, provenance._start_worker)]
    pd.testing.assert_frame_equal(many.records, one.records)
    assert many.evidence == one.evidence
    assert (one.records.wire.iloc[0], one.records.byline.iloc[0]) == ("Reuters", "Ilse Varga")


def test_rows_of_a_table_are_those_of_itertuples():
    from wiretrace.records import by_article, itertuples

    frame = pd.DataFrame({
        "sentence_id": ["Velm:t0001", None, "Velm:t0003"], "start": [0, 41, 97], "score": [0.25, None, 1.0],
        "speaker": [None, 2.0, "Ana Kerrow"], "count": pd.array([3, None, 5], dtype="Int64"),
        "firm": [True, False, True], "day": pd.to_datetime(["2031-03-04", None, "2031-03-06"]),
        "class": ["a", "b", "c"], "1st": ["x", "y", "z"]}, index=[7, 3, 5])
    frame["sentence_id"] = frame.sentence_id.astype("str")

    def cells(rows):  # each value with its type (a missing float as a marker: nan is not nan)
        return [[(type(v), "nan" if isinstance(v, float) and v != v else v) for v in r] for r in rows]

    for table in (frame, frame.iloc[:0], frame[["start"]], frame.set_index("sentence_id")):
        expected, rows = list(table.itertuples()), list(itertuples(table))
        assert [r._fields for r in rows] == [r._fields for r in expected]
        assert cells(rows) == cells(expected)
    grouped = by_article(frame.assign(article_id=["Velm", "Orso", "Velm"]))
    assert {a: [r.Index for r in rows] for a, rows in grouped.items()} == {"Velm": [7, 5], "Orso": [3]}
