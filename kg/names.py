"""Name keys: folding for comparison, acronyms, and readable IRI-safe slugs."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

NAME_STOP_WORDS = {"of", "for", "and", "in", "the", "on", "to", "&"}


def strip_accents(text: str) -> str:
    """Text without combining marks ('Élysée' -> 'Elysee')."""
    t = unicodedata.normalize("NFKD", text)
    return "".join(c for c in t if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key ('U.S.' == 'US', 'the EU' == 'EU'); names repeat
    through a build, so keys are kept."""
    t = strip_accents(text).lower()
    t = re.sub(r"^the\s+", "", t.strip())
    t = re.sub(r"['’]s$", "", t)
    return re.sub(r"[^a-z0-9]+", "", t)


def initials(name: str | list[str]) -> str:
    """The acronym a name would have ('Organization for Security and Co-operation in Europe' -> 'OSCE')."""
    words = name.split() if isinstance(name, str) else name
    return "".join(w[0].upper() for w in words if w and w.lower() not in NAME_STOP_WORDS and w[0].isalpha())


def slug(text: str) -> str:
    """A readable, IRI-safe slug: ASCII letters and digits joined by hyphens (a hash if nothing is left)."""
    t = strip_accents(text).lower()
    s = re.sub(r"[^a-z0-9]+", "-", t).strip("-")[:80]
    return s or "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
