"""wiretrace: reproducible news forensics for stories copied, rewritten and re-dated across outlets.

Start with :func:`load_corpus` and :func:`annotate`; every annotation is a span
``(article_id, start, end)`` into an article's raw text.
"""
from .annotate import Annotations, annotate
from .corpus import Article, Corpus, CorpusError, load_corpus

__all__ = ["Annotations", "Article", "Corpus", "CorpusError", "annotate", "load_corpus"]
__version__ = "0.1.0"
