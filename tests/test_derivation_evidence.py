"""Every derivation carries the rule that decided it and the spans that are its evidence: the
passages compared (the first and the last, each with the parent's wording), the dates, the credit
or the house-style markers that gave its direction, and what kept a fuller copy from being its source."""
from __future__ import annotations

import json

import wiretrace as wt
from wiretrace import provenance

from test_derivation_direction import OTHER, STORY


def body(passages: list[str]) -> str:
    return "\n\n".join(passages) + "\n"


def derive(tmp_path, pages: dict[str, str]):
    for name, text in {**pages, "other": OTHER}.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    return checked(provenance.build_provenance(corpus), corpus)


def checked(result, corpus):
    """The derivations by child, with (article, words) of each child's evidence spans; every span
    is into its article's raw text, and both tables render the same spans."""
    edges = result.derivations.set_index("child")
    table = result.evidence_table().set_index(["article_id", "field"])
    cited = {}
    for child in edges.index:
        spans = result.evidence[child]["derived_from"].spans
        assert spans, child
        for s in spans:
            assert corpus[s["article_id"]].raw[s["start"]:s["end"]] == s["text"], s
        assert edges.at[child, "evidence_spans"] == provenance.render_spans(spans)
        assert table.at[(child, "derived_from"), "evidence"] == provenance.render_spans(spans, 4)
        cited[child] = [(s["article_id"], s["text"]) for s in spans]
    return edges, cited


def test_a_trimmed_copy_cites_its_first_and_last_passages_and_the_parents_wording_of_them(tmp_path):
    edges, cited = derive(tmp_path, {"full": body(STORY), "trim": body(STORY[:4])})
    assert (edges.at["trim", "kind"], edges.at["trim", "rule"]) == ("trimmed copy", "passages-subset")
    assert cited["trim"] == [("trim", STORY[0]), ("full", STORY[0]), ("trim", STORY[3]), ("full", STORY[3])]


def test_a_copy_with_the_same_passages_cites_them_in_both_copies(tmp_path):
    edges, cited = derive(tmp_path, {"a": body(STORY), "b": body(STORY).replace("another month", "another  month")})
    assert (edges.at["b", "kind"], edges.at["b", "rule"]) == ("copy", "same-passages")
    assert cited["b"] == [("b", STORY[0]), ("a", STORY[0]), ("b", STORY[5]), ("a", STORY[5])]


def test_an_edited_copy_by_date_cites_both_dates_then_the_passages_it_took(tmp_path):
    edges, cited = derive(tmp_path, {"early": "March 3, 2021\n\n" + body(STORY[:4]),
                                     "later": "March 9, 2021\n\n" + body(STORY)})
    assert (edges.at["later", "kind"], edges.at["later", "rule"]) == ("edited copy", "dated-before")
    assert cited["later"] == [("early", "March 3, 2021"), ("later", "March 9, 2021"),
                              ("later", STORY[0]), ("early", STORY[0]), ("later", STORY[3]), ("early", STORY[3])]
    # the earlier copy is no trimmed copy of its edit: the same dates are why
    assert edges.at["early", "rule"] == "no-trim"
    assert cited["early"] == [("early", "March 3, 2021"), ("later", "March 9, 2021")]


def test_an_edited_copy_by_credit_cites_its_credit(tmp_path):
    rows = [{"id": "agency", "text": body(STORY[:4]), "outlet": "Reuters"},
            {"id": "reprint", "text": "MAREN (Reuters) - " + body(STORY)},
            {"id": "other", "text": OTHER}]
    (tmp_path / "pages.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    corpus = wt.load_corpus(tmp_path / "pages.jsonl")
    edges, cited = checked(provenance.build_provenance(corpus), corpus)
    assert (edges.at["reprint", "kind"], edges.at["reprint", "rule"]) == ("edited copy", "credit")
    assert cited["reprint"][0] == ("reprint", "Reuters")  # the agency's outlet is metadata: no span
    assert cited["reprint"][1:] == [("reprint", STORY[0]), ("agency", STORY[0]), ("reprint", STORY[3]),
                                    ("agency", STORY[3])]


def test_an_edited_copy_by_style_cites_the_house_marker_and_the_wires_wording_of_its_passage(tmp_path):
    wire = "MAREN (Reuters) - " + body(STORY[:4]).replace("Harbour master Tomas Vell", "Tomas Vell")
    house = ("MAREN (REUTERS) - " + "\n\n".join(STORY[:4]).replace("Harbour master Tomas Vell", "Mr Tomas Vell")
             + "\n\nSeparately, the regional ferry line said it would add two crossings a day until the end of the month.\n")
    edges, cited = derive(tmp_path, {"wire": wire, "house": house})
    assert (edges.at["house", "kind"], edges.at["house", "rule"]) == ("edited copy", "wire-style")
    assert cited["house"][:2] == [("house", "Mr "), ("wire", STORY[2].replace("Harbour master ", ""))]
    assert cited["house"][2:] == [("house", STORY[0]), ("wire", STORY[0]), ("house", STORY[3]), ("wire", STORY[3])]


def test_a_fuller_copy_adding_only_a_headline_is_objected_to_by_its_headline(tmp_path):
    edges, cited = derive(tmp_path, {"plain": body(STORY), "titled": "Maren Harbour Reopens After Storm\n\n" + body(STORY)})
    assert (edges.at["plain", "kind"], edges.at["plain", "rule"]) == ("copy of a latent original", "no-trim")
    assert cited["plain"] == [("titled", "Maren Harbour Reopens After Storm")]


def test_a_page_cut_by_the_collector_is_objected_to_by_its_cut_passage(tmp_path):
    edges, cited = derive(tmp_path, {"full": body(STORY), "cut": body(STORY[:3]) + "\n" + STORY[3][:60]})
    assert (edges.at["cut", "kind"], edges.at["cut", "rule"]) == ("copy of a latent original", "no-trim")
    assert cited["cut"] == [("cut", STORY[3][:60])]


def test_a_copy_of_a_latent_original_cites_the_first_and_last_of_its_own_passages(tmp_path):
    own = "A spokesman for the port authority declined to comment on the repairs."
    edges, cited = derive(tmp_path, {"a": body(STORY[:4] + [own]), "b": body(STORY[1:])})
    assert (edges.at["a", "kind"], edges.at["a", "rule"]) == ("copy of a latent original", "latent-original")
    assert cited["a"] == [("a", STORY[0]), ("a", own)]
    assert cited["b"] == [("b", STORY[4]), ("b", STORY[5])]


def test_a_copy_of_the_whole_copy_that_is_another_copys_source_cites_passages_and_why(tmp_path):
    edges, cited = derive(tmp_path, {"early": "March 3, 2021\n\n" + body(STORY[:4]),
                                     "later": "March 9, 2021\n\n" + body(STORY[:5]), "whole": body(STORY)})
    assert (edges.at["early", "kind"], edges.at["early", "rule"]) == ("copy", "passages-in-whole")
    assert cited["early"] == [("early", STORY[0]), ("whole", STORY[0]), ("early", STORY[3]), ("whole", STORY[3]),
                              ("early", "March 3, 2021"), ("later", "March 9, 2021")]


def test_a_copy_whose_passages_are_spread_over_several_copies_cites_its_first_and_last(tmp_path):
    edges, cited = derive(tmp_path, {"a": body(STORY[:4]), "b": body(STORY[2:]),
                                     "c": body(STORY[:2] + STORY[4:])})
    assert (edges.at["c", "kind"], edges.at["c", "rule"]) == ("copy of a latent original", "spread-passages")
    assert cited["c"] == [("c", STORY[0]), ("c", STORY[5])]


def test_the_json_form_carries_the_derivations_spans(tmp_path):
    for name, text in {"full": body(STORY), "trim": body(STORY[:4]), "other": OTHER}.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    result = provenance.build_provenance(wt.load_corpus(tmp_path))
    trim = next(a for a in result.as_json() if a["article_id"] == "trim")
    assert trim["evidence"]["derived_from"]["rule"].startswith("trimmed copy")
    assert [s["text"] for s in trim["evidence"]["derived_from"]["spans"]] == [STORY[0], STORY[0], STORY[3], STORY[3]]
