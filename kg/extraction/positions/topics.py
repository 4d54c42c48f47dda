"""What a position is about: the object or clause of its stance word, as short text (asides, dates
and relative clauses trimmed), or the opening of the quotation that states it."""
from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extraction.positions.clauses import content_clause
from kg.extraction.positions.context import PositionContext
from kg.extraction.positions.labels import CONTENT_DEPS, DATE_DEPS, NOUN_PREFIX_DEPS, PREP_DEPS, TRIM_DEPS
from kg.extraction.positions.words import is_pronoun

MAX_TOPIC_WORDS = 25


def topic_tokens(ctx: PositionContext, verb: Token) -> list[Token]:
    """What a stance verb is about: its object or clause (dates and 'according to' left out)."""
    parts = [c for c in verb.children if c.dep_ in CONTENT_DEPS and (c.i > verb.i or c.dep_ != "prep")
             and not (c.dep_ == "prep" and (c.lower_ == "according" or any(g.i in ctx.dates for g in c.children)))]
    return sorted({x for c in parts for x in c.subtree}, key=lambda t: t.i)


def passive_topic(tok: Token) -> list[Token]:
    """What a passive stance verb is about: its passive subject, or the noun it describes."""
    subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if subj:
        return sorted({x for s in subj for x in s.subtree}, key=lambda t: t.i)
    head = tok.head
    return sorted([head] + [c for c in head.children if c.dep_ in NOUN_PREFIX_DEPS and c.i < head.i],
                  key=lambda t: t.i)


def informative(toks: list[Token]) -> bool:
    """Whether a topic says something: a word of content that is not a pronoun ('refugees', not 'it')."""
    return any(t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM") and not is_pronoun(t) for t in toks)


def topic_text(toks: list[Token]) -> str:
    """The words of a topic, short: its head clause or noun phrase without relative clauses,
    appositions, asides in brackets or dashes and dates, at most MAX_TOPIC_WORDS words."""
    if not toks:
        return ""
    inside = {t.i for t in toks}
    drop = set()
    for t in toks:
        if t.i in drop or t.i == toks[0].i:
            continue
        aside = t.dep_ in TRIM_DEPS and t.head.i in inside and not content_clause(t)
        when = t.ent_type_ in ("DATE", "TIME") and t.dep_ in DATE_DEPS
        if aside or when:
            drop |= {x.i for x in t.subtree}
    for t in toks:                      # a preposition left without its object goes too
        if t.dep_ in PREP_DEPS and all(c.i in drop for c in t.children if c.dep_ == "pobj") and \
                any(c.dep_ == "pobj" for c in t.children):
            drop.add(t.i)
    kept = [t for t in toks if t.i not in drop]
    text = "".join(t.text_with_ws if n + 1 == len(kept) or kept[n + 1].i == t.i + 1 else t.text + " "
                   for n, t in enumerate(kept)).strip(" ,;:\"“”'‘’—–-")
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    words = text.split()
    if len(words) > MAX_TOPIC_WORDS:
        text = " ".join(words[:MAX_TOPIC_WORDS]) + " …"
    return " ".join(text.split())


def short(text: str) -> str:
    """Quoted words as a topic: without the quotation's own punctuation, at most MAX_TOPIC_WORDS words."""
    words = text.strip(" ,.;:\"“”'‘’—–-\n").split()
    return " ".join(words[:MAX_TOPIC_WORDS]) + (" …" if len(words) > MAX_TOPIC_WORDS else "")
