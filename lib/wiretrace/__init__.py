"""wiretrace: reproducible news forensics for stories copied, rewritten and re-dated across outlets."""
from .corpus import Article, Corpus, CorpusError, load_corpus

__all__ = ["Article", "Corpus", "CorpusError", "load_corpus"]
__version__ = "0.1.0"
