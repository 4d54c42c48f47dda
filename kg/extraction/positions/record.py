"""One position record per holder: its stance, topic, evidence sentence, quoted words, targets and
the day it was stated."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg import dates
from kg.extraction.positions.context import PositionContext
from kg.extraction.positions.holders import speaker
from kg.extraction.positions.labels import STATED_WITHIN_DEPS, TIME_DEPS
from kg.extraction.positions.quotes import quote_in
from kg.records import Position

HOLDER_TYPES = ("Person", "Organization", "Country")


def make(ctx: PositionContext, holders, stance: str, topic: str, sent: Span, toks: list[Token], verb: Token | None,
         anchor: Token | None = None, words: str | None = None) -> list[Position]:
    """One position per holder that can hold one (a person, a body, a state: not a place). A stance
    word inside a quotation (ANCHOR) is the speaker's own only when its holder is the speaker or the
    speaker's side; else it is something the speaker claims."""
    q = ctx.in_quote(anchor) if anchor is not None else None
    if q is not None:
        spoken = speaker(ctx, q)
        holders = [h for h in holders if h in spoken or any(ctx.same_side(h, x) for x in spoken)]
    quote = words or quote_in(ctx, sent)
    targets = [k for k in ctx.idx.in_span(toks)]
    evidence = sent.text.strip()
    date = stated_on(ctx, verb) if verb is not None else None
    return [Position(holder=h, stance=stance, topic=topic, evidence=evidence, quote=quote,
                     targets=tuple(dict.fromkeys(k for k in targets if k != h)), date=date)
            for h in holders if h not in ctx.not_holders and ctx.idx.type_of(h) in HOLDER_TYPES]


def stated_on(ctx: PositionContext, verb: Token) -> str | None:
    """The day a statement was made: a date on the stance verb or on the verb of saying above it
    ('..., the mayor told a radio station on Tuesday'), resolved looking back from the article's day."""
    t = verb
    for _ in range(3):
        for c in t.children:
            cand = [c] if c.dep_ in TIME_DEPS else \
                [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "on" else []
            for x in cand:
                e = ctx.dates.get(x.i)
                if e is not None and ctx.ref is not None:
                    got = dates.resolve(e.text, ctx.ref, "past", ctx.year_hint)
                    if got is not None and got.granularity == "day":
                        return got.iso
        if t.dep_ not in STATED_WITHIN_DEPS or t.head.i == t.i:
            break
        t = t.head
    return None
