"""Per-article overviews built from a corpus and its annotations (the tables of notebook 00)."""
from __future__ import annotations

import pandas as pd

from . import roles
from .annotate import Annotations
from .corpus import Corpus

ROLE_ORDER = list(roles.ROLES)


def article_overview(corpus: Corpus, annotations: Annotations) -> pd.DataFrame:
    """One row per article: id, source, words, ``story_words`` (words in the story's own roles: 0
    for a page that is all furniture, such as a consent wall or an error page), segments by role,
    sha256 prefix, encoding, notes."""
    segments = annotations.segments
    counts = (segments.groupby(["article_id", "role"]).size().unstack(fill_value=0)
              .reindex(columns=ROLE_ORDER, fill_value=0))
    story = segments[segments.role.isin(roles.STORY)]
    story_words = story.text.map(lambda t: len(str(t).split())).groupby(story.article_id).sum()
    rows = []
    for article in corpus:
        row = {"article_id": article.id, "source": article.source, "words": len(article.raw.split()),
               "story_words": int(story_words.get(article.id, 0)),
               "sentences": int((annotations.sentences.article_id == article.id).sum())}
        row.update({f"n_{role}": int(counts.at[article.id, role]) if article.id in counts.index else 0
                    for role in ROLE_ORDER})
        row.update({"sha256": article.sha256[:12], "encoding": article.encoding, "notes": "; ".join(article.notes)})
        rows.append(row)
    columns = (["article_id", "source", "words", "story_words", "sentences"] + [f"n_{r}" for r in ROLE_ORDER]
               + ["sha256", "encoding", "notes"])
    return pd.DataFrame(rows, columns=columns)


def without_story(overview: pd.DataFrame) -> str:
    """A Markdown warning naming the articles with no story text (every segment furniture), or ""."""
    ids = list(overview.loc[overview.story_words == 0, "article_id"])
    if not ids:
        return ""
    from .render import md_escape

    shown = ", ".join(md_escape(i) for i in ids[:20]) + (f" and {len(ids) - 20} more" if len(ids) > 20 else "")
    return (f"**{len(ids)} article(s) without story text**, every segment page furniture (a consent wall, an "
            f"error page or a menu?): {shown}. They are kept, and count as nothing in the analyses.")


def words_by_role(corpus: Corpus, annotations: Annotations) -> pd.DataFrame:
    """Words per article and segment role (articles as rows, roles as columns in reading order)."""
    frame = annotations.segments.assign(words=annotations.segments.text.map(lambda t: len(str(t).split())))
    table = frame.pivot_table(index="article_id", columns="role", values="words", aggfunc="sum", fill_value=0)
    return table.reindex(index=corpus.ids, columns=[r for r in ROLE_ORDER if r in table.columns], fill_value=0)


def entity_spellings(mentions: pd.DataFrame) -> pd.DataFrame:
    """Canonical entity x article: the spellings each article uses, with counts ("Hifter ×5")."""
    resolved = mentions[mentions.match.isin(["exact", "fuzzy"])]
    counts = resolved.groupby(["canonical", "article_id", "text"]).size().reset_index(name="n")
    counts["cell"] = counts.text + " ×" + counts.n.astype(str)
    table = counts.groupby(["canonical", "article_id"]).cell.agg(", ".join).unstack(fill_value="")
    variants = resolved.groupby("canonical").text.nunique().rename("spellings")
    return table.join(variants).sort_values(["spellings", "canonical"], ascending=[False, True]).reset_index()
