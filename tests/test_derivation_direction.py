"""Who copied whom: direction of a derivation from dates, credits, wire style and how a page ends,
before length; a derivation's kind, parent and evidence always agree."""
from __future__ import annotations

import json

import wiretrace as wt
from wiretrace import provenance

STORY = ["The port city of Maren reopened its harbour on Monday after a storm closed it for a week.",
         "Shipping companies said dozens of vessels had waited offshore for the storm to pass.",
         "Harbour master Tomas Vell said repairs to the main pier would take another month.",
         "Fishermen complained that they had lost a week of income during the closure.",
         "The city council promised compensation for boat owners who can show their losses.",
         "Forecasters warned that another storm could reach the coast before the end of the month."]
OTHER = "A quite different report about elections in a distant country, with no harbour in it.\n"


def derive(tmp_path, pages: dict[str, str]):
    for name, text in {**pages, "other": OTHER}.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    result = provenance.build_provenance(wt.load_corpus(tmp_path))
    edges = result.derivations
    latent = set(result.originals.original)
    for e in edges.itertuples():  # kind, parent and evidence agree
        assert (e.kind == "copy of a latent original") == (e.parent in latent), e
        if e.kind == "copy of a latent original" and e.unique_passages == 0:
            assert not e.evidence.startswith("carries 0 passage"), e
    return edges.set_index("child"), result


def test_a_copy_with_the_same_passages_as_the_whole_copy_is_its_copy_not_a_latent_originals(tmp_path):
    body = "\n\n".join(STORY) + "\n"
    edges, result = derive(tmp_path, {"a": body, "b": body.replace("another month", "another  month"),
                                      "c": "\n\n".join(STORY[:4]) + "\n"})
    assert result.originals.empty
    assert (edges.at["b", "parent"], edges.at["b", "kind"]) == ("a", "copy")
    assert "the same 6 passage(s) as a" in edges.at["b", "evidence"]
    assert (edges.at["c", "parent"], edges.at["c", "kind"]) == ("a", "trimmed copy")


def test_a_fuller_copy_in_house_style_is_the_edited_copy_of_the_wire_styled_one(tmp_path):
    wire = "MAREN (Reuters) - " + "\n\n".join(STORY[:4]) + "\n"
    house = ("MAREN (REUTERS) - " + "\n\n".join(STORY[:4]).replace("Harbour master Tomas Vell", "Mr Tomas Vell")
             + "\n\nSeparately, the regional ferry line said it would add two crossings a day until the end of the month.\n")
    wire = wire.replace("Harbour master Tomas Vell", "Tomas Vell")
    edges, _ = derive(tmp_path, {"wire": wire, "house": house})
    assert (edges.at["house", "parent"], edges.at["house", "kind"]) == ("wire", "edited copy")
    assert "house style (Mr×1)" in edges.at["house", "evidence"]
    assert edges.at["wire", "kind"] == "copy of a latent original"  # not a trimmed copy of its own edit


def test_a_fuller_copy_that_adds_only_a_headline_is_not_the_source_of_a_trimmed_copy(tmp_path):
    body = "\n\n".join(STORY) + "\n"
    edges, _ = derive(tmp_path, {"plain": body, "titled": "Maren Harbour Reopens After Storm\n\n" + body})
    assert edges.at["plain", "kind"] == "copy of a latent original"
    assert "adds only headlines or datelines" in edges.at["plain", "evidence"]


def test_a_page_cut_mid_sentence_by_the_collector_is_not_a_trimmed_copy(tmp_path):
    full = "\n\n".join(STORY) + "\n"
    cut = "\n\n".join(STORY[:3]) + "\n\n" + STORY[3][:60]
    edges, _ = derive(tmp_path, {"full": full, "cut": cut})
    assert edges.at["cut", "kind"] == "copy of a latent original"
    assert "cut by the collector" in edges.at["cut", "evidence"]


def test_a_fuller_copy_dated_later_is_an_edited_copy_of_the_earlier_one(tmp_path):
    edges, _ = derive(tmp_path, {"early": "March 3, 2021\n\n" + "\n\n".join(STORY[:4]) + "\n",
                                 "later": "March 9, 2021\n\n" + "\n\n".join(STORY) + "\n"})
    assert (edges.at["later", "parent"], edges.at["later", "kind"]) == ("early", "edited copy")
    assert "early is dated before later" in edges.at["later", "evidence"]
    assert edges.at["early", "kind"] == "copy of a latent original"


def test_a_copy_crediting_the_other_pages_outlet_derives_from_it(tmp_path):
    rows = [{"id": "agency", "text": "\n\n".join(STORY[:4]) + "\n", "outlet": "Reuters"},
            {"id": "reprint", "text": "MAREN (Reuters) - " + "\n\n".join(STORY) + "\n"},
            {"id": "other", "text": OTHER}]
    (tmp_path / "pages.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = provenance.build_provenance(wt.load_corpus(tmp_path / "pages.jsonl"))
    edges = result.derivations.set_index("child")
    assert (edges.at["reprint", "parent"], edges.at["reprint", "kind"]) == ("agency", "edited copy")
    assert "the credit of reprint names Reuters, the outlet of agency" in edges.at["reprint", "evidence"]
    assert edges.at["agency", "kind"] == "copy of a latent original"


def test_evidence_never_closes_a_loop(tmp_path):
    edges, _ = derive(tmp_path, {"early": "March 3, 2021\n\n" + "\n\n".join(STORY[:4]) + "\n",
                                 "later": "March 9, 2021\n\n" + "\n\n".join(STORY) + "\n",
                                 "middle": "\n\n".join(STORY[:5]) + "\n"})
    parent = edges.parent.to_dict()
    for child in parent:
        seen = {child}
        while (child := parent.get(child)) in parent:
            assert child not in seen
            seen.add(child)
