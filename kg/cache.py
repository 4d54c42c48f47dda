"""A content-hash cache of per-article results, so that rebuilding does no NLP for articles seen before.

Keys cover everything an article's facts depend on: its text and metadata, the model (name and
version), the spaCy version, kg's extraction version and the build's year hint. A changed model or
kg version therefore misses cleanly. Entries are pickles written atomically, not waited onto disk (a
lost entry is only a miss); a broken entry is a miss too.
"""
from __future__ import annotations

import hashlib
import json
import pickle
from importlib import metadata
from pathlib import Path

import spacy

from kg.io import atomic_write
from kg.version import EXTRACTION_VERSION
from kg.records import Article, ArticleFacts


def model_key(model: str) -> str:
    """Name and version of a pipeline without loading it (package metadata or the folder's meta.json)."""
    p = Path(model)
    if (p / "meta.json").exists():
        meta = json.loads((p / "meta.json").read_text(encoding="utf-8"))
        return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    for name in (model, model.replace("_", "-")):
        try:
            return f"{model}-{metadata.version(name)}"
        except metadata.PackageNotFoundError:
            continue
    return model


def content_hash(a: Article) -> str:
    """A hash of everything an article's facts depend on in the article itself."""
    payload = json.dumps([a.id, a.text, a.title, a.published, a.publisher, a.url, list(a.authors)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Cache:
    """Per-article results on disk, keyed by content, model, spaCy and kg versions and the year hint."""

    def __init__(self, root: str | Path, model: str):
        self.root = Path(root)
        self.salt = f"kg-extract-{EXTRACTION_VERSION}|{model_key(model)}|spacy-{spacy.__version__}"
        self._keys: dict[tuple[int, int | None], tuple[Article, str]] = {}

    def key(self, a: Article, year_hint: int | None) -> str:
        """The cache key of an article's results in a build with this year hint (computed once per
        article object: a build asks for it when reading the facts and again when writing)."""
        got = self._keys.get((id(a), year_hint))
        if got is not None and got[0] is a:
            return got[1]
        key = hashlib.sha256(f"{self.salt}|{year_hint}|{content_hash(a)}".encode()).hexdigest()
        self._keys[(id(a), year_hint)] = (a, key)
        return key

    def _path(self, key: str, kind: str) -> Path:
        return self.root / kind / key[:2] / f"{key}.pickle"

    def _get(self, key: str, kind: str):
        try:
            with open(self._path(key, kind), "rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None

    def _put(self, key: str, kind: str, value) -> None:
        try:
            atomic_write(self._path(key, kind), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
        except OSError:
            pass                               # a cache that cannot be written only costs time

    def get(self, a: Article, year_hint: int | None) -> ArticleFacts | None:
        """The cached facts of an article, or None (a broken or foreign entry is a miss)."""
        got = self._get(self.key(a, year_hint), "facts")
        return got if isinstance(got, ArticleFacts) and got.id == a.id else None

    def put(self, a: Article, year_hint: int | None, facts: ArticleFacts) -> None:
        """Store an article's facts."""
        self._put(self.key(a, year_hint), "facts", facts)

    def get_text(self, a: Article, year_hint: int | None, kind: str) -> str | None:
        """A rendered output of one article (its Turtle), stored under the same key as its facts."""
        got = self._get(self.key(a, year_hint), kind)
        return got if isinstance(got, str) else None

    def put_text(self, a: Article, year_hint: int | None, kind: str, text: str) -> None:
        """Store a rendered output of one article (its Turtle)."""
        self._put(self.key(a, year_hint), kind, text)

    def layouts(self) -> "Layouts":
        """The page's remembered group layouts, kept beside the articles' results."""
        return Layouts(self)

    def year(self, a: Article, compute) -> int | None:
        """The year an article is dated in (for the build's year hint), computed once per content."""
        key = hashlib.sha256(f"year|{EXTRACTION_VERSION}|{content_hash(a)}".encode()).hexdigest()
        got = self._get(key, "years")
        if isinstance(got, dict):
            return got.get("year")
        y = compute(a)
        self._put(key, "years", {"year": y})
        return y


class Layouts:
    """Group layouts of the page by content hash (a mapping with get and item assignment, on disk)."""

    def __init__(self, cache: Cache):
        self.cache = cache

    def get(self, key: str, default=None):
        """The layout stored under KEY, or DEFAULT."""
        got = self.cache._get(key, "layouts")
        return default if got is None else got

    def __setitem__(self, key: str, value) -> None:
        self.cache._put(key, "layouts", value)
