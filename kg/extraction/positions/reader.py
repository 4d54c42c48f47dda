"""The reader of one article's positions: every sentence of running text read for statements, stance
verbs, nouns and adjectives and quotations, then one position kept per holder, stance and sentence."""
from __future__ import annotations

from spacy.tokens import Doc

from kg.extraction.actors import ActorIndex
from kg.extraction.positions.context import PositionContext
from kg.extraction.positions.press import press_actors
from kg.extraction.positions.quotes import quotations
from kg.extraction.positions.speech import of_quotation, of_saying
from kg.extraction.positions.stance_words import of_adjective, of_noun, of_verb
from kg.extraction.positions.stances import stance_of_verb
from kg.extraction.positions.words import is_saying
from kg.names import fold
from kg.records import Position


def read_positions(ctx: PositionContext) -> list[Position]:
    """Every position of the article: statements, stance verbs, nouns and adjectives, quotations.
    A question states nothing, and neither does a line of its own (a headline, a link, a caption)."""
    out = []
    for sent in ctx.sents:
        if sent.text.rstrip(" \n\"”’'").endswith("?") or ctx.line_of_its_own(sent):
            continue
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX"):
                out += of_saying(ctx, tok) if is_saying(tok) and not stance_of_verb(tok) else \
                    of_verb(ctx, tok) or (of_adjective(ctx, tok) if tok.tag_ == "VBN" else [])
            elif tok.pos_ in ("NOUN", "PROPN"):
                out += of_noun(ctx, tok)
            elif tok.pos_ == "ADJ":
                out += of_adjective(ctx, tok)
        out += of_quotation(ctx, sent)
    return out


def dedupe(ps: list[Position]) -> list[Position]:
    """One position per holder, stance and sentence (the reading with the fullest topic); a bare
    assertion gives way to a stance the same holder takes in the same sentence."""
    best: dict[tuple, Position] = {}
    for p in ps:
        k = (p.holder, p.stance, p.evidence)
        if k not in best or len(p.topic) > len(best[k].topic):
            best[k] = p
    stanced = {(p.holder, p.evidence) for p in best.values() if p.stance != "assert"}
    return [p for p in best.values() if p.stance != "assert" or (p.holder, p.evidence) not in stanced]


def extract_positions(doc: Doc, idx: ActorIndex, ref=None, year_hint: int | None = None, roles=(),
                      outlets: tuple[str, ...] = ()) -> list[Position]:
    """The positions of one parsed article. REF, the article's day, dates the statements; ROLES tie
    persons to the side they speak for and name who holds an office; OUTLETS (the article's
    publisher and credits) hold nothing."""
    banned = {fold(o) for o in outlets if o}
    not_holders = frozenset(a.key for a in idx.actors.values() if any(fold(n) in banned for n in a.names))
    text = doc.text                      # joined once: Doc.text joins every token on each call
    ctx = PositionContext(doc, idx, ref, year_hint, roles, not_holders | press_actors(doc, idx), text,
                          quotations(doc, text))
    return dedupe(read_positions(ctx))
