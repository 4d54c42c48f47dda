"""Word lists and patterns shipped as data files under kg/data, loaded once."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


def data_text(name: str) -> str:
    return resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    return [ln.strip() for ln in data_text(name).splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def patterns(name: str) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.I) for p in data_lines(name))


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in data_lines(name))


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, str]:
    """A two-column tab-separated data file as a dict (first column lower-cased)."""
    out = {}
    for ln in data_lines(name):
        k, _, v = ln.partition("\t")
        out[k.strip().lower()] = v.strip()
    return out
