"""wiretrace: reproducible news forensics for stories copied, rewritten and re-dated across outlets.

Start with :func:`open_case` (a corpus, one set of parameters, an optional story profile; every
layer computed once), or :func:`load_corpus` and :func:`annotate`; every annotation is a span
``(article_id, start, end)`` into an article's raw text.
"""
__version__ = "0.1.0"

from .annotate import Annotations, annotate  # noqa: E402
from .case import Case, open_case  # noqa: E402
from .corpus import Article, Corpus, CorpusError, load_corpus  # noqa: E402

__all__ = ["Annotations", "Article", "Case", "Corpus", "CorpusError", "annotate", "load_corpus", "open_case"]
