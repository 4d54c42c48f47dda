"""The press: reporters, news outlets and wire services report what others say; they hold no position."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extraction.actors import ActorIndex
from kg.lexicon import word_set

# Nouns for the press: a reporter, an outlet or a wire service reports, it holds no position.
OUTLET_WORDS = {"reporter", "journalist", "correspondent", "outlet", "newspaper", "agency", "media", "broadcaster",
                "television", "tv", "radio", "channel", "newswire", "magazine", "daily", "press", "tabloid"}
JOURNALISTS = {"correspondent", "reporter", "journalist", "columnist", "presenter", "anchor", "newsreader"}
OUTLET_NAME = re.compile(r"\b(news|agency|television|tv|radio|times|post|press|media|broadcasting|gazette|journal|"
                         r"herald|tribune|daily|newspaper|channel|network|wire)\b", re.I)


def press_actors(doc: Doc, idx: ActorIndex) -> frozenset:
    """Actors the article shows to be the press: outlets named like one ('… News', '… Times') or
    called one beside their name ('the X news agency', 'state broadcaster Y'), and journalists."""
    out = set()
    for m in idx.mentions:
        a = idx.actors[m.key]
        if a.type == "Person":       # 'correspondent Jane Doe', 'Jane Doe, a reporter': the press
            root = doc[m.start:m.end].root
            near = [c for c in root.children if c.dep_ in ("compound", "appos")] + \
                ([root.head] if root.dep_ == "appos" else [])
            if any(t.lemma_.lower() in JOURNALISTS for t in near):
                out.add(m.key)
            continue
        if a.type != "Organization":
            continue
        if any(OUTLET_NAME.search(n) or n.lower() in word_set("news_outlets.txt") for n in a.names):
            out.add(m.key)
            continue
        span = doc[m.start:m.end]
        near = [t for t in (span.root.head, *span.root.children, *(doc[m.end:m.end + 2]))
                if t.i < m.start or t.i >= m.end]
        if any(t.lemma_.lower() in OUTLET_WORDS for t in near if t.pos_ == "NOUN"):
            out.add(m.key)
    return frozenset(out)
