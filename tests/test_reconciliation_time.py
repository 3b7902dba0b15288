"""A conflict is two figures of one measure for the same day or two: figures dated only to a span
of weeks (an undated page, a story date of a season) cannot be told to conflict, and a later,
smaller figure is a fall or a revision, not a conflict of the same time. Bounds are shown as the
text gives them (5.7, not 6)."""
import pandas as pd

from wiretrace import figures


def claim(claim_id, text, value, earliest, latest, claimant="(the outlet)", measure="deaths in Velmora"):
    return {"claim_id": claim_id, "article_id": claim_id.split(":")[0], "start": 0, "end": len(text), "text": text,
            "sentence": text, "low": value, "high": value, "qualifier": "exact", "kind": "count",
            "counted": "people", "measure": measure, "measure_rule": "", "claimant": claimant,
            "as_of_earliest": earliest, "as_of_latest": latest, "as_of_rule": "", "role": "body", "carriers": ""}


def verdicts_of(*claims):
    _, verdicts = figures.reconcile(pd.DataFrame(list(claims)))
    return dict(zip(zip(verdicts.claim_a, verdicts.claim_b), verdicts.verdict)), list(verdicts.reasons)


def test_two_figures_of_the_same_day_conflict():
    verdicts, _ = verdicts_of(claim("a:f1", "912", 912, "2031-02-06", "2031-02-06", "the ministry"),
                              claim("b:f1", "1,500", 1500, "2031-02-06", "2031-02-07", "the mayor"))
    assert verdicts == {("a:f1", "b:f1"): "conflict"}


def test_figures_dated_only_to_weeks_cannot_be_told_to_conflict():
    verdicts, reasons = verdicts_of(claim("a:f1", "912", 912, "2031-02-06", "2031-02-06"),
                                    claim("b:f1", "40,462", 40462, "2031-02-01", "2031-02-18"))
    assert verdicts == {("a:f1", "b:f1"): "unknown_time"}
    assert "spans of 1 and 18 days" in reasons[0]


def test_a_later_smaller_figure_is_a_fall_not_a_conflict():
    verdicts, reasons = verdicts_of(claim("a:f1", "422", 422, "2031-03-28", "2031-03-28", measure="vessels held"),
                                    claim("b:f1", "61", 61, "2031-04-02", "2031-04-02", measure="vessels held"))
    assert verdicts == {("a:f1", "b:f1"): "down_over_time"}
    assert reasons[0].startswith("different figures as of different dates, the later smaller")


def test_bounds_are_shown_as_written():
    _, reasons = verdicts_of(claim("a:f1", "5.7", 5.7, "2031-02-06", "2031-02-06", measure="share"),
                             claim("b:f1", "5.75", 5.75, "2031-02-06", "2031-02-06", measure="share"))
    assert "[5.7, 5.7]" in reasons[0] and "[5.75, 5.75]" in reasons[0]
