"""The press: reporters, news outlets and wire services report what others say; they hold no position."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.extraction.actors import ActorIndex
from kg.extraction.positions.labels import NEAR_NAME_DEPS
from kg.lexicon import data_lines, word_set


@lru_cache(maxsize=1)
def outlet_name_rx() -> re.Pattern:
    """A word that makes a name the name of a news outlet ('… News', '… Times'): outlet_name_words.txt."""
    return re.compile(r"\b(" + "|".join(data_lines("outlet_name_words.txt")) + r")\b", re.I)


def is_press_noun(tok: Token) -> bool:
    """Whether a noun names the press ('reporters', 'the agency', 'state television'): press_nouns.txt."""
    return tok.lemma_.lower() in word_set("press_nouns.txt")


def press_actors(doc: Doc, idx: ActorIndex) -> frozenset:
    """Actors the article shows to be the press: outlets named like one ('… News', '… Times') or
    called one beside their name ('the X news agency', 'state broadcaster Y'), and journalists."""
    out = set()
    for m in idx.mentions:
        a = idx.actors[m.key]
        if a.type == "Person":       # 'correspondent Jane Doe', 'Jane Doe, a reporter': the press
            root = doc[m.start:m.end].root
            near = [c for c in root.children if c.dep_ in NEAR_NAME_DEPS] + \
                ([root.head] if root.dep_ == "appos" else [])
            if any(t.lemma_.lower() in word_set("journalist_nouns.txt") for t in near):
                out.add(m.key)
            continue
        if a.type != "Organization":
            continue
        if any(outlet_name_rx().search(n) or n.lower() in word_set("news_outlets.txt") for n in a.names):
            out.add(m.key)
            continue
        span = doc[m.start:m.end]
        near = [t for t in (span.root.head, *span.root.children, *(doc[m.end:m.end + 2]))
                if t.i < m.start or t.i >= m.end]
        if any(is_press_noun(t) for t in near if t.pos_ == "NOUN"):
            out.add(m.key)
    return frozenset(out)
