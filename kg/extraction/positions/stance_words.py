"""Positions told by a stance word and its holder: a stance verb ('Oslo wants guarantees', 'a plan
backed by X'), 'X called Y Z', an adjective of the holder's state ('ready to negotiate', 'concerned
about'), a stance noun with its possessor or agent ('the union's demands for higher pay')."""
from __future__ import annotations

from spacy.tokens import Token

from kg.extraction.positions.clauses import agent, content_clause, passive
from kg.extraction.positions.context import PositionContext
from kg.extraction.positions.holders import claimed_by_other, resolve, verb_holders
from kg.extraction.positions.labels import (CALLED_AS_DEPS, CONDITION_DEPS, DESCRIBING_DEPS, NOUN_COMPOUND_DEPS,
                                            NOUN_CONTENT_DEPS, OWNER_DEPS, PREDICATE_DEPS, PREP_DEPS)
from kg.extraction.positions.record import make
from kg.extraction.positions.stances import NEGATED_STANCE, embedded, evaluative, stance_of_verb
from kg.extraction.positions.topics import informative, passive_topic, topic_text, topic_tokens
from kg.extraction.positions.words import HEDGES
from kg.extraction.syntax import negated, sentence_of
from kg.lexicon import table, word_set
from kg.records import Position

COPULAS = {"be", "remain", "seem", "appear", "look", "feel", "become", "stay", "sound"}
STATE_PREPS = {"to", "for", "about", "over", "by", "at", "with", "on", "of", "against"}


def of_verb(ctx: PositionContext, tok: Token) -> list[Position]:
    """A position from a stance verb ('Oslo wants guarantees on quotas', 'the minister rejected the plan'),
    or from 'X called Y Z' (an assertion)."""
    st = stance_of_verb(tok)
    if st is None:
        return of_calling(ctx, tok) if tok.lemma_ == "call" else []
    if embedded(tok):
        return []
    if any(c.dep_ == "aux" and c.lower_ in HEDGES for c in tok.children):
        return []                      # "might be weighing" is not a fact
    sent = sentence_of(tok)
    by = agent(tok) if tok.lemma_ != "welcome" else None
    if by is not None and tok.dep_ == "acl" and tok.head.pos_ not in ("NOUN", "PROPN"):
        return []
    if by is not None:                 # "the plan, drafted by Norway": the agent holds it
        holders = resolve(ctx, by)
        toks = passive_topic(tok)
    else:
        if passive(tok):
            return []
        holders = verb_holders(ctx, tok)
        toks = topic_tokens(ctx, tok)
        if tok.lemma_ in word_set("cognitive_verbs.txt") or st == "assert":
            if any(c.dep_ == "ccomp" for c in tok.children) and not (
                    tok.lemma_ in word_set("evaluative_verbs.txt") or evaluative(toks) or
                    any(ctx.in_quote(t) is not None for t in toks)):
                return []
    if not holders:
        return []
    holders = tuple(h for h in holders if st == "assert" or not claimed_by_other(ctx, tok, h))
    if tok.lemma_ == "welcome" and any(ctx.idx.at(c) or any(g.dep_ == "prep" and g.lower_ == "to" for g in c.children)
                                       for c in tok.children if c.dep_ == "dobj"):
        return []                      # welcoming a visitor is hosting, not approval
    topic = topic_text(toks)
    if not informative(toks):
        return []
    return make(ctx, holders, st, topic, sent, toks, tok, anchor=tok)


def of_calling(ctx: PositionContext, tok: Token) -> list[Position]:
    """'X called the talks "useful"', 'what she called a cynical move': X asserts it."""
    obj = [c for c in tok.children if c.dep_ == "dobj"]
    pred = [c for c in tok.children if c.dep_ in CALLED_AS_DEPS]
    if tok.dep_ == "relcl" and pred and not obj:
        obj = [tok.head]
    if not obj or not pred or passive(tok) or embedded(tok):
        return []
    holders = verb_holders(ctx, tok)
    if not holders:
        return []
    toks = sorted({x for c in obj + pred for x in (c.subtree if c is not tok.head else [c])}, key=lambda t: t.i)
    topic = topic_text(toks)
    if len(topic.split()) < 2:
        return []
    return make(ctx, holders, "assert", topic, sentence_of(tok), toks, tok)


def of_adjective(ctx: PositionContext, tok: Token) -> list[Position]:
    """A stance told by the state its holder is in: 'we are ready to negotiate' (an offer), 'Tokyo is
    concerned about the tests', 'Oslo, alarmed by the spill, …' (opposition). The holder is
    the subject of the copula, or the noun the adjective describes."""
    adjectives = table("stance_adjectives.tsv")
    content = [c for c in tok.children if c.dep_ == "xcomp" or
               (c.dep_ in PREP_DEPS and c.lower_ in STATE_PREPS)]
    paired = [c for c in content if f"{tok.lower_} {c.lower_}" in adjectives]
    if paired:                       # 'aligned against' / 'aligned with': the preposition decides
        content = paired[:1]
    st = adjectives[f"{tok.lower_} {paired[0].lower_}"] if paired else adjectives.get(tok.lower_)
    if st is None or tok.pos_ not in ("ADJ", "VERB") or not content:
        return []
    if tok.dep_ in PREDICATE_DEPS and tok.head.lemma_ in COPULAS:
        anchor = tok.head
        holders = verb_holders(ctx, anchor)
    elif tok.dep_ in DESCRIBING_DEPS and tok.head.pos_ in ("NOUN", "PROPN"):
        anchor = tok
        holders = resolve(ctx, tok.head)
    elif tok.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in tok.children):
        anchor = tok
        holders = verb_holders(ctx, tok)
    else:
        return []
    if anchor.dep_ in CONDITION_DEPS or any(c.dep_ == "mark" for c in anchor.children):
        return []                      # "once Chile is ready to sign": a condition, not an offer
    if negated(anchor) or negated(tok):
        st = NEGATED_STANCE.get(st)
        if st is None:
            return []
    if embedded(anchor):
        return []
    holders = tuple(h for h in holders if not claimed_by_other(ctx, anchor, h))
    toks = sorted({x for c in content for x in c.subtree if x is not c or c.dep_ == "xcomp"}, key=lambda t: t.i)
    topic = topic_text(toks)
    if not holders or not topic:
        return []
    return make(ctx, holders, st, topic, sentence_of(tok), toks, anchor, anchor=tok)


def of_noun(ctx: PositionContext, tok: Token) -> list[Position]:
    """A position from a stance noun and its holder: a possessor ('the union's demands for higher pay',
    'her support for the bill'), a state or body modifying it ('Canadian concerns about …'), or an agent
    ('a proposal by France')."""
    st = table("stance_nouns.tsv").get(tok.lemma_.lower())
    if st is None or (tok.lemma_ == "call" and not any(c.lower_ == "for" for c in tok.children)):
        return []
    owners = [c for c in tok.children if c.dep_ == "poss"]
    if not owners:                   # "US concerns", "the Peruvian proposal" (not "Chile trade proposal")
        owners = [c for c in tok.children if c.dep_ in OWNER_DEPS and ctx.idx.at(c)
                  and ctx.idx.by_token[c.i].end == tok.i]
    owners += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
               for g in c.children if g.dep_ == "pobj"]
    owners += [g for c in tok.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
               for g in a.children]
    holders = tuple(dict.fromkeys(h for o in owners for h in resolve(ctx, o)))
    if not holders:
        return []
    owned = {x.i for o in owners for x in o.subtree}
    content = [c for c in tok.children if c.i not in owned and
               (c.dep_ in NOUN_CONTENT_DEPS or c.dep_ == "relcl" and content_clause(c)) and
               c.lower_ not in ("by", "from") and not any(a.dep_ == "agent" for a in c.children)]
    nouns = [c for c in tok.children if c.i not in owned and c.dep_ in NOUN_COMPOUND_DEPS and c.i < tok.i]
    if not content and len(nouns) < 2:
        return []                    # "several trade demands": no content to state
    kids = content + nouns + [c for c in tok.children if c.dep_ == "amod" and c.i not in owned]
    toks = sorted({tok} | {x for c in kids for x in c.subtree}, key=lambda t: t.i)
    topic = topic_text(toks)
    if len(topic.split()) < 2:
        return []
    return make(ctx, holders, st, topic, sentence_of(tok), toks, None, anchor=tok)
