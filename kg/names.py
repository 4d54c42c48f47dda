"""Name keys: folding for comparison, acronyms, and readable IRI-safe slugs."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

NAME_STOP_WORDS = {"of", "for", "and", "in", "the", "on", "to", "&"}


def strip_accents(text: str) -> str:
    """Text without combining marks ('Élysée' -> 'Elysee'); ASCII text is returned as it is (NFKD
    leaves it unchanged)."""
    if text.isascii():
        return text
    t = unicodedata.normalize("NFKD", text)
    return "".join(c for c in t if not unicodedata.combining(c))


LEADING_THE, POSSESSIVE, NOT_ALNUM = re.compile(r"^the\s+"), re.compile(r"['’]s$"), re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key ('U.S.' == 'US', 'the EU' == 'EU'); names repeat
    through a build, so keys are kept."""
    t = strip_accents(text).lower()
    t = LEADING_THE.sub("", t.strip())
    t = POSSESSIVE.sub("", t)
    return NOT_ALNUM.sub("", t)


def initials(name: str | list[str]) -> str:
    """The acronym a name would have ('Organization for Security and Co-operation in Europe' -> 'OSCE')."""
    words = name.split() if isinstance(name, str) else name
    return "".join(w[0].upper() for w in words if w and w.lower() not in NAME_STOP_WORDS and w[0].isalpha())


def slug(text: str) -> str:
    """A readable, IRI-safe slug: ASCII letters and digits joined by hyphens (a hash if nothing is left)."""
    t = strip_accents(text).lower()
    s = re.sub(r"[^a-z0-9]+", "-", t).strip("-")[:80]
    return s or "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
