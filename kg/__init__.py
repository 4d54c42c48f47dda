"""kg: news articles in, a knowledge graph of actors, meetings and positions out."""

__version__ = "0.1.0"
# Bump when extraction output changes, so cached per-article results are not reused.
EXTRACTION_VERSION = "3"
