"""kg's version, and the version of its extraction rules that keys the per-article cache."""

__version__ = "0.2.0"
# Bump when extraction output changes, so cached per-article results are not reused.
EXTRACTION_VERSION = "4"
