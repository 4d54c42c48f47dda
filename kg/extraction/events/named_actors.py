"""Which actors a phrase or a verb's subject names: its entities (a capital standing for its state, a
place told as where left out), a surname the model did not tag, a relative pronoun's antecedent,
'the two leaders' as the pair last named, and hyphenated pairs ('EU-China')."""
from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extraction.actors import actor_key, state_of
from kg.extraction.events.clauses import phrase
from kg.extraction.events.context import ArticleContext
from kg.extraction.events.pairs import is_pair_expression, pair_before
from kg.extraction.events.where import PLACE_PREPS, VISIT_PREPS, preposition_of, venue_named
from kg.extraction.syntax import governing_verb, subjects
from kg.names import fold

REL_PRONOUNS = {"who", "which", "that", "whom"}


def surname_of(ctx: ArticleContext, t: Token) -> str | None:
    """A person the model did not tag here but names elsewhere in the article: a capitalised word
    outside any entity that is the last name of exactly one person of the article."""
    if t.ent_type_ or not t.text[:1].isupper() or t.pos_ not in ("PROPN", "NOUN") or len(t.text) < 3:
        return None
    if ctx.surnames is None:
        by = {}
        for k, a in ctx.idx.actors.items():
            if a.type == "Person":
                for n in a.names:
                    by.setdefault(n.split()[-1], set()).add(k)
        ctx.surnames = {w: next(iter(ks)) for w, ks in by.items() if len(ks) == 1}
    return ctx.surnames.get(t.text)


def actors_in(ctx: ArticleContext, toks: list[Token], exclude: set[str]) -> list[str]:
    """Actors named among TOKS (capitals standing for their state, places left out), except EXCLUDE."""
    idx = ctx.idx
    out = []
    for t in toks:
        key = idx.at(t) or surname_of(ctx, t)
        if not key or key in exclude or t.i in ctx.dateline_tokens:
            continue
        if idx.type_of(key) in ("City", "Place") and preposition_of(ctx, t) in VISIT_PREPS:
            continue                        # "in Oslo": where, not who
        if idx.type_of(key) in ("Country", "Organization") and preposition_of(ctx, t) in PLACE_PREPS and \
                (idx.type_of(key) == "Country" or venue_named(ctx, key)):
            continue                        # "in Peru", "in the Throne Hall": where, not who
        out.append(as_participant(ctx, key))
    return list(dict.fromkeys(k for k in out if k not in exclude))


def actor_objects(ctx: ArticleContext, prep: Token) -> list[str]:
    """Actors that a preposition's object names."""
    return [k for g in prep.children if g.dep_ == "pobj" for k in actors_of(ctx, g)]


def actors_of(ctx: ArticleContext, head: Token, stop: set[int] = frozenset()) -> list[str]:
    """Actors of a noun phrase: its own words, coordination and apposition, not its clauses; a pair
    expression ('the two leaders', 'both sides') is the pair last named."""
    if is_pair_expression(head) and head.i not in ctx.quoted:
        pair = pair_before(ctx, head.i)
        if pair:
            return list(pair)
    return actors_in(ctx, phrase(head, stop), set())


def as_participant(ctx: ArticleContext, key: str) -> str:
    """A capital named as a participant stands for its state ('talks with Paris')."""
    if key in ctx.idx.actors:
        return state_of(ctx.idx.actors, key)
    return key


def subject_actors(ctx: ArticleContext, verb: Token, stop: set[int]) -> list[str]:
    """Actors of VERB's subjects: a relative pronoun is its antecedent, 'they'/'he' in a dependent
    clause is the subject of the clause it depends on, 'the two leaders' is the pair last named."""
    out = []
    subs = subjects(verb)
    if not subs and verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        subs = subjects(verb.head.head)      # "X flew home after meeting Y": X met Y
    for s in subs:
        out += resolve_subject(ctx, s, verb, stop)
    return list(dict.fromkeys(out))


def resolve_subject(ctx: ArticleContext, s: Token, verb: Token, stop: set[int]) -> list[str]:
    """Actors one subject token stands for."""
    if s.lower_ in REL_PRONOUNS:
        v = s.head
        while v.dep_ != "relcl" and v.head.i != v.i and v.dep_ in ("conj", "xcomp"):
            v = v.head
        return actors_of(ctx, v.head, stop) if v.dep_ == "relcl" else []
    if s.lower_ in ("they", "he", "she") and s.head.dep_ in ("advcl", "conj", "ccomp", "xcomp", "relcl") and \
            s.head.head.i != s.head.i:
        head = s.head.head if s.head.dep_ != "relcl" else governing_verb(s.head.head)
        outer = [x for x in head.children if x.dep_ in ("nsubj", "nsubjpass")]
        if outer and outer[0].lower_ not in ("they", "he", "she", "it", "who", "which"):
            got = actors_of(ctx, outer[0], stop)
            persons = [k for k in got if ctx.idx.type_of(k) == "Person"]
            if (s.lower_ == "they") == (len(persons) >= 2 or is_pair_expression(outer[0])):
                return got
        return []
    return actors_of(ctx, s, stop)


def pair_words(ctx: ArticleContext, t: Token) -> list[str]:
    """'the pair spoke', 'both leaders': the pair a subject or object stands for, if it is one."""
    return list(pair_before(ctx, t.i) or ()) if is_pair_expression(t) else []


def split_pairs(ctx: ArticleContext, name: str) -> list[str]:
    """'EU-China', 'India-Pakistan': hyphenated names of two actors are both participants."""
    out = []
    for part in re.findall(r"[\w.]+(?:-[\w.]+)+", name):
        bits = part.split("-")
        keys = [_key_by_name(ctx, b) for b in bits]
        if len(bits) >= 2 and all(keys):
            out += keys
    return out


def _key_by_name(ctx: ArticleContext, text: str) -> str | None:
    f = fold(text)
    for a in ctx.idx.actors.values():
        if a.type != "Person" and any(fold(n) == f for n in a.names):
            return as_participant(ctx, a.key)
    c = ctx.gz.country(text)
    return actor_key("Country", c) if c and actor_key("Country", c) in ctx.idx.actors else None
