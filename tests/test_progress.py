"""Progress of long steps: none for small corpora, a line per tenth elsewhere, the same on every run."""
from __future__ import annotations

from wiretrace import progress
from wiretrace.annotate import annotate
from wiretrace.corpus import Article, Corpus


def test_no_bar_below_the_threshold(capsys):
    assert list(progress.steps(range(999), 999, "counting")) == list(range(999))
    assert capsys.readouterr().err == ""


def test_a_line_at_every_tenth_and_nothing_about_time(capsys):
    assert sum(progress.steps(iter(range(1000)), 1000, "counting", "thing")) == sum(range(1000))
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "counting: 0/1000 things"
    assert lines[1] == "counting: 100/1000 things (10%)" and lines[-1] == "counting: 1000/1000 things (100%)"
    assert len(lines) == 11


def test_parts_of_a_large_corpus_are_shown_when_asked(capsys):
    list(progress.steps(range(4), 4, "figures", "part", shown=True))
    assert capsys.readouterr().err.splitlines()[-1] == "figures: 4/4 parts (100%)"


def test_annotating_many_articles_reports_progress_identically(capsys, monkeypatch):
    monkeypatch.setattr(progress, "FROM", 20)
    corpus = Corpus([Article(f"a{i:02d}", f"a{i:02d}.txt", "0" * 64, f"Story {i}.\n\nIt rained in Orrow.\n", "utf-8",
                             30, (), {}) for i in range(20)], None, "test")
    annotate(corpus)
    first = capsys.readouterr().err
    annotate(corpus)
    assert first == capsys.readouterr().err and "annotating: 20/20 articles (100%)" in first
