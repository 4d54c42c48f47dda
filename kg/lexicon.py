"""Word lists and patterns shipped as data files under kg/data, loaded once."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


def data_text(name: str) -> str:
    """The text of a data file shipped in kg/data."""
    return resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")


def data_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    return [ln.strip() for ln in data_text(name).splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def patterns(name: str) -> tuple[re.Pattern, ...]:
    """A data file's lines as case-insensitive regular expressions."""
    return tuple(re.compile(p, re.I) for p in data_lines(name))


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """A data file's lines as a set of lower-case words or phrases."""
    return frozenset(w.lower() for w in data_lines(name))


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, str]:
    """A two-column tab-separated data file as a dict (first column lower-cased)."""
    out = {}
    for ln in data_lines(name):
        k, _, v = ln.partition("\t")
        out[k.strip().lower()] = v.strip()
    return out


@lru_cache(maxsize=1)
def title_rx() -> str:
    """One regular expression for every title of office, with its modifiers ('Deputy Foreign Minister')."""
    titles = sorted(data_lines("titles.txt") + [k for k in table("title_abbreviations.tsv") if len(k) > 2],
                    key=len, reverse=True)
    mods = "|".join(data_lines("title_modifiers.txt"))
    alt = "|".join(re.escape(t).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]") for t in titles)
    return rf"(?:(?:{mods})[\s-]+)*(?:{alt})(?![\w-])"


@lru_cache(maxsize=1)
def title_last_words() -> frozenset[str]:
    """The words a title of office can end with (lower case), to try the title pattern only there."""
    titles = data_lines("titles.txt") + [k for k in table("title_abbreviations.tsv") if len(k) > 2]
    return frozenset(re.split(r"[\s-]+", t.strip().lower())[-1] for t in titles if t.strip())


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Lemmas of the verbs of saying ('say', 'tell', 'add', 'tweet' ...): the one list every module uses."""
    return frozenset(ln.split("\t")[0].strip().lower() for ln in data_lines("reporting_verbs.txt"))


@lru_cache(maxsize=1)
def reporting_verb_forms() -> frozenset[str]:
    """Every form of the verbs of saying ('said', 'tells', 'tweeted' ...), for matching text that is not parsed."""
    out = set()
    for ln in data_lines("reporting_verbs.txt"):
        lemma, _, forms = ln.partition("\t")
        out |= {lemma.strip().lower(), *forms.lower().split()}
    return frozenset(out)
