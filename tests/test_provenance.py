"""Provenance: the seed records the issue expects, and synthetic clusters with known derivations."""
from __future__ import annotations

import json

import pytest

import wiretrace as wt
from wiretrace import provenance
from wiretrace.resources import profile

from conftest import SEED_PROFILE, article_with


@pytest.fixture(scope="module")
def result(seeds, seed_annotations):
    with profile(SEED_PROFILE):
        return provenance.build_provenance(seeds, seed_annotations)


def record(result, seeds, needle):
    article = article_with(seeds, needle)
    return result.records.set_index("article_id").loc[article.id], result.evidence[article.id]


def test_trt_copy_of_the_ap_story(result, seeds):
    r, ev = record(result, seeds, "Source: AP")
    assert (r.outlet, r.wire, r.story_earliest, r.story_latest, r.story_how) == (
        "TRT World", "AP", "2019-12-05", "2019-12-05", "stated")
    assert ev["outlet"].spans[0]["text"] == "Fast News" and ev["wire"].rule == "source line"


def test_signed_copy_has_byline_and_its_caption_date_is_not_its_date(result, seeds):
    r, ev = record(result, seeds, "MAGGIE MICHAEL")
    assert (r.byline, r.wire) == ("Maggie Michael", "AP")
    assert r.story_earliest == "2019-12-05" and r.story_how == "inherited"
    # the photo's date only says the story is later than the photo
    photo = [s for s in ev["story_date"].spans if "2017" in s["text"]]
    assert photo and all(s["rule"].startswith("dated photo in a caption") for s in photo)


def test_copy_with_teasers_inherits_its_story_date_and_was_captured_later(result, seeds):
    r, ev = record(result, seeds, "CYBERSCAM")
    assert r.story_how == "inherited" and r.story_earliest == "2019-12-05"
    assert "inherited from" in ev["story_date"].rule
    assert r.capture_earliest >= "2025-01-01" and r.capture_latest <= "2025-01-31"
    assert ev["capture_date"].spans and r.capture_earliest > r.story_latest


def test_siala_and_troops_pieces(result, seeds):
    r, _ = record(result, seeds, "Siala")
    assert "2020-12-01" <= r.story_earliest <= r.story_latest <= "2020-12-31" and r.outlet == "TRT World"
    r, _ = record(result, seeds, "Regular Russian troops")
    assert r.story_earliest > "2021-01-31" and r.story_latest < "2021-12-24"


def test_ap_cluster_derives_from_a_latent_ap_original(result, seeds):
    ap = [a.id for a in seeds if "Schenker" in a.raw]
    edges = result.derivations.set_index("child")
    assert sorted(edges.index) == sorted(ap)
    assert set(edges.parent) == {result.originals.original.iloc[0]} and set(edges.kind) == {"copy of a latent original"}
    assert result.originals.wire.tolist() == ["AP"]
    assert (edges.unique_passages > 0).all()  # each copy carries text the others lack


def test_style_fingerprints(result, seeds):
    assert record(result, seeds, "Source: AP")[0]["style"].startswith("spelling: British")
    trimmed = record(result, seeds, "MAGGIE MICHAEL")[0]["style"]
    assert "U.S.×" in trimmed and "cease-fire×" in trimmed and "Hifter×" in trimmed


def test_changes_against_the_original_are_spans_of_the_copy(result, seeds):
    edits = result.changes[result.changes.kind.isin(["spelling", "minor", "added"])]
    assert len(edits) > 20
    for row in edits.itertuples():
        assert seeds[row.article_id].raw[int(row.start):int(row.end)] == row.copy_text
    spelling = result.changes[result.changes.kind == "spelling"]
    assert {("Hifter", "Haftar"), ("organization", "organisation"), ("specter", "spectre")} <= set(
        zip(spelling.original_text, spelling.copy_text))


def test_json_and_prov_exports(result):
    records = json.loads(json.dumps(result.as_json()))
    assert len(records) == 5 and set(records[0]) >= {"article_id", "outlet", "wire", "byline", "story_date",
                                                     "capture_date", "style", "cluster", "derived_from", "evidence"}
    assert all(set(r["story_date"]) == {"earliest", "latest", "stated"} for r in records)
    doc = provenance.prov_document(result)
    provn = doc.get_provn()
    assert provn.count("wasDerivedFrom(") == 3 and "wt:LatentOriginal" in provn and "agent(wt:agency/AP" in provn
    assert json.loads(doc.serialize(format="json"))["wasDerivedFrom"]


STORY = ["The port city of Maren reopened its harbour on Monday after a storm closed it for a week.",
         "Shipping companies said dozens of vessels had waited offshore for the storm to pass.",
         "The harbour master said repairs to the main pier would take another month.",
         "Fishermen complained that they had lost a week of income during the closure.",
         "The city council promised compensation for boat owners who can show their losses.",
         "Forecasters warned that another storm could reach the coast before the end of the month."]


def test_a_strict_trimmed_copy_derives_directly(tmp_path):
    (tmp_path / "full.txt").write_text("\n\n".join(STORY) + "\n\nSource: Reuters\n", encoding="utf-8")
    (tmp_path / "trim.txt").write_text("\n\n".join(STORY[:4]) + "\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("A quite different report about elections in a distant country.\n",
                                        encoding="utf-8")
    result = provenance.build_provenance(wt.load_corpus(tmp_path))
    edges = result.derivations.set_index("child")
    assert edges.at["trim", "parent"] == "full" and edges.at["trim", "kind"] == "trimmed copy"
    assert "full" not in edges.index and result.originals.empty  # the full copy is the source itself
    records = result.records.set_index("article_id")
    assert records.at["trim", "wire"] == "Reuters" and records.at["other", "derived_from"] is None
    assert result.evidence["full"]["derived_from"].rule.startswith("carries every passage")
    dropped = result.changes[(result.changes.article_id == "trim") & (result.changes.kind == "dropped")]
    assert len(dropped) == 2


def test_evidence_table(result, seeds):
    table = result.evidence_table()
    assert len(table) == 5 * 7 and set(table.field) == {"outlet", "wire", "byline", "story_date", "capture_date",
                                                          "style", "derived_from"}
    trt = article_with(seeds, "Source: AP").id
    row = table[(table.article_id == trt) & (table.field == "outlet")].iloc[0]
    assert "“Fast News”" in row.evidence and row.rule.startswith("TRT World's")


def test_the_original_is_worded_in_its_wires_style_so_the_ap_copy_changed_nothing_of_it(result, seeds):
    changes = result.changes
    ap_copy = article_with(seeds, "MAGGIE MICHAEL").id
    spelling = changes[changes.kind == "spelling"]
    mine = spelling[spelling.article_id == ap_copy]
    assert not ((mine.original_text == "US") & (mine.copy_text == "U.S.")).any()
    others = spelling[spelling.article_id != ap_copy]
    assert ((others.original_text == "U.S.") & (others.copy_text == "US")).any()  # the house-styled copies did


def test_a_siblings_photo_credit_alone_is_not_passed_on_as_the_wire(tmp_path):
    (tmp_path / "pic.txt").write_text("\n\n".join(STORY) + "\n\nA boat in the harbour. (AFP Photo/Ana Lima)\n",
                                      encoding="utf-8")
    (tmp_path / "copy.txt").write_text("\n\n".join(STORY) + "\n", encoding="utf-8")
    records = provenance.build_provenance(wt.load_corpus(tmp_path)).records.set_index("article_id")
    assert records.at["pic", "wire"] == "AFP"  # weak, its own photo credit
    assert records.at["copy", "wire"] is None  # not the sibling's photo agency


def test_a_plain_text_wire_datelines_credit_names_the_wire(tmp_path):
    (tmp_path / "wire.txt").write_text("MARLOW, Kent (AP) _\n\n" + "\n\n".join(STORY) + "\n", encoding="utf-8")
    records = provenance.build_provenance(wt.load_corpus(tmp_path)).records.set_index("article_id")
    assert records.at["wire", "wire"] == "AP"
