"""A long article (a live blog, a transcript) is read once for its figures, not once a sentence."""
from __future__ import annotations

import wiretrace as wt
from wiretrace import figures, measures

LIVE = ("Floods live\n\n"
        "Rescue chief Irela Donn said 40 people were missing in Brennic. “We found 12 more,” Pavo Stenk told "
        "reporters.\n\n"
        "He said a further 300 homes were flooded. Meret Kallis warned that 25 bridges could fall.\n\n"
        "The Brennic Relief Council said 900 families had been moved. Another 60 were injured.\n\n"
        "Corvin Ashby refused to comment on the 7 missing divers. She added that 15 boats were at work.\n\n"
        "“It is the worst in 50 years,” said Odo Varrin, a member of the council. Donn said 41 were found.\n")


def _mentions_and_quotes(tmp_path, text: str):
    (tmp_path / "live.txt").write_text(text, encoding="utf-8")
    corpus = wt.load_corpus(tmp_path)
    annotations = wt.annotate(corpus)
    mentions = annotations.mentions.astype(object).where(annotations.mentions.notna(), None).to_dict("records")
    quotes = annotations.quotes.astype(object).where(annotations.quotes.notna(), None).to_dict("records")
    return corpus, annotations, mentions, quotes


def _last_speaker(raw, before, quotes, mentions):
    """The rescan ArticleSoFar replaces: the nearer of the last quotation's speaker and the last
    name followed by a speech verb before offset ``before``."""
    found = sorted([figures._quoted(q) for q in quotes if q["speaker"] and q["end"] <= before]
                   + [figures._said(x) for x in mentions if x["end"] <= before and figures._says(raw, x)])
    return found[-1][1] if found else None


def _last_subject(raw, before, mentions):
    """The rescan ArticleSoFar replaces: the last person named as a sentence's subject before ``before``."""
    for x in reversed(mentions):
        if x["end"] <= before and figures._opens_as_subject(raw, x):
            return figures.untitled(str(x["canonical"] or x["text"]))
    return None


def test_what_an_article_said_so_far_is_what_a_rescan_finds(tmp_path):
    corpus, annotations, mentions, quotes = _mentions_and_quotes(tmp_path, LIVE)
    raw = next(iter(corpus)).raw
    so_far = figures.ArticleSoFar(raw, quotes, mentions)
    for start in sorted(annotations.sentences.start):
        so_far.move_to(start)
        assert so_far.earlier() == [x for x in mentions if x["end"] <= start][-12:]
        assert so_far.speaker() == _last_speaker(raw, start, quotes, mentions)
        assert so_far.subject() == _last_subject(raw, start, mentions)
    assert so_far.speaker() == "Odo Varrin" and so_far.subject() == "Corvin Ashby"


def test_spans_and_quotations_over_a_sentence_are_what_a_rescan_finds(tmp_path):
    _, annotations, mentions, quotes = _mentions_and_quotes(tmp_path, LIVE)
    starting, over = figures.SpansAt(mentions), figures.OpenQuotes(quotes)
    for s in sorted(annotations.sentences.itertuples(), key=lambda s: s.start):
        assert starting.starting(s.start, s.end) == [x for x in mentions if s.start <= x["start"] < s.end]
        assert over.over(s.start, s.end) == [q for q in quotes if q["start"] < s.end and q["end"] > s.start]


def test_each_mention_of_a_long_article_is_read_once_for_its_speakers(tmp_path, monkeypatch):
    paragraph = ("Rescue chief Irela Donn said 40 people were missing. “We found 12 more,” Pavo Stenk told "
                 "reporters. He said a further 300 homes were flooded.\n\n")
    _, annotations, mentions, _ = _mentions_and_quotes(tmp_path, "Floods live\n\n" + paragraph * 60)
    calls = []
    said_after = figures.said_after
    monkeypatch.setattr(figures, "said_after", lambda raw, end: calls.append(end) or said_after(raw, end))
    claims = figures.extract_figures(wt.load_corpus(tmp_path), annotations)
    assert len(claims) == 180 and set(claims.claimant) == {"Rescue chief Irela Donn", "Pavo Stenk"}
    assert len(calls) <= 2 * len(mentions)  # rescanning every sentence would read them 90 times over


def test_a_count_takes_the_state_and_the_place_the_page_gave_before():
    def row(n, measure, text, places=False):
        return {"measure": measure, "measure_rule": "its own words", "text": text, "_sentence": n, "_places": places}
    rows = [row(0, "vessels held in Brennic", "160"), row(1, "vessels moving", "20"), row(3, "people another", "5"),
            row(4, "deaths", "12"), row(8, "deaths another", "3"), row(9, "vessels", "41")]
    measures.carry_forward(rows)
    assert [r["measure"] for r in rows] == ["vessels held in Brennic", "vessels moving in Brennic", "people",
                                            "deaths", "deaths more", "vessels moving in Brennic"]
