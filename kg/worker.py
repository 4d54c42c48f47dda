"""The unit of extraction work: clean articles in, parse them in batches, extract their facts.

The local build, its worker processes and Dask tasks all run `extract_articles`; only articles go in
and small fact records come out, never spaCy Docs.
"""
from __future__ import annotations

from typing import Callable

from spacy.language import Language

from kg.clean import clean, with_year_hint
from kg.errors import InputError, KgError
from kg.extraction.article import extract_article
from kg.extraction.events.places import city_countries
from kg.geo import gazetteer
from kg.nlp import load, with_fixed_entities
from kg.records import Article, ArticleFacts, CleanArticle

PARTITION = 32   # articles per task when extraction is spread over processes or a cluster


def extract_articles(articles: list[CleanArticle | Article], model: str | Language, hint: int | None,
                     batch_size: int = 16, progress: Callable[[int], None] | None = None) -> list[ArticleFacts | InputError]:
    """Clean (when not yet cleaned), parse and extract articles in this process (MODEL: a pipeline
    name, path or loaded Language); an article whose extraction fails is reported, never fatal to the
    others. Cleaning here rather than in the caller spreads it over the worker processes too."""
    nlp = load(model) if isinstance(model, str) else model
    out: list[ArticleFacts | InputError] = []
    dated = [with_year_hint(clean(c) if isinstance(c, Article) else c, hint) for c in articles]
    for doc, c in nlp.pipe(((c.body, c) for c in dated), as_tuples=True, batch_size=batch_size):
        try:
            out.append(extract_article(with_fixed_entities(doc), c, hint))
        except KgError as e:
            out.append(InputError(c.source, str(e)))
        except Exception as e:  # a bug on one article must not lose the others
            out.append(InputError(c.source, f"extraction failed ({type(e).__name__}: {e})"))
        if progress:
            progress(1)
    return out


def prepare() -> None:
    """Load the data every worker reads and would otherwise build for itself, about a second each:
    the gazetteer and its index of cities. Called before worker processes are forked, which then
    share it, as does this process when it merges their facts."""
    gazetteer()
    city_countries()


def partitions(items: list, size: int = PARTITION) -> list[list]:
    """ITEMS cut into consecutive lists of SIZE (the last may be shorter)."""
    return [items[i:i + size] for i in range(0, len(items), size)]


def guided_partitions(items: list, workers: int, size: int = PARTITION, smallest: int = 4) -> list[list]:
    """ITEMS cut into consecutive lists of at most SIZE that shrink towards the end (each at most a
    quarter of a worker's share of what is left), so that the workers finish together instead of
    one parsing a last full partition while the others wait."""
    out, i = [], 0
    while i < len(items):
        n = max(smallest, min(size, (len(items) - i) // (2 * max(1, workers))))
        out.append(items[i:i + n])
        i += n
    return out
