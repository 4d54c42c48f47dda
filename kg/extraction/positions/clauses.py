"""Shapes of clauses the position readers test, pure functions of the parse: main verbs, passives and
their agents, a sentence that only attributes, a relative verb of saying, a content clause."""
from __future__ import annotations

from spacy.tokens import Token

from kg.extraction.positions.labels import (ACTIVE_SUBJECT_DEPS, CLAUSE_SUBJECT_DEPS, NOUN_PREFIX_DEPS,
                                            OWN_CONTENT_DEPS, PASSIVE_DEPS)
from kg.extraction.syntax import conjuncts, sentence_of, subjects


def clause_roots(toks: list[Token]) -> list[Token]:
    """The main verbs of a stretch of tokens: those whose head lies outside it, and their conjuncts."""
    inside = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
    return roots + [c for r in roots for c in conjuncts(r) if c.i in inside and c not in roots]


def bare_attribution(verb: Token) -> bool:
    """'says X, a banker.' or 'he said.': a sentence that is only the verb of saying and its subject,
    attributing the quotation before it."""
    if verb.dep_ != "ROOT" or any(c.dep_ in OWN_CONTENT_DEPS for c in verb.children):
        return False
    subject = {x.i for s_ in subjects(verb) for x in s_.subtree}
    return all(t.i in subject or t.is_punct or t.is_space for t in sentence_of(verb) if t.i < verb.i)


def said_of_head(verb: Token) -> list[Token]:
    """'a visit the ministry said will ease tensions': a relative verb of saying whose clause lacks
    its subject says it of the noun it hangs on; that noun and the clause are the statement."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return []
    clause = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and
              not any(g.dep_ in CLAUSE_SUBJECT_DEPS for g in c.children)]
    if not clause:
        return []
    head = verb.head
    noun = [head] + [c for c in head.children if c.dep_ in NOUN_PREFIX_DEPS and c.i < head.i]
    return sorted(noun + [x for c in clause for x in c.subtree], key=lambda t: t.i)


def passive(tok: Token) -> bool:
    """'pushed into a deal', 'is supported by': the subject undergoes the verb, it holds nothing."""
    if any(c.dep_ in PASSIVE_DEPS for c in tok.children):
        return True
    own_subject = any(c.dep_ in ACTIVE_SUBJECT_DEPS for c in tok.children)
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
    return tok.tag_ == "VBN" and not own_subject and not perfect and tok.dep_ != "conj"


def agent(tok: Token) -> Token | None:
    """The 'by' agent of a passive stance verb ('backed by X', 'a plan proposed by X')."""
    if not (any(c.dep_ in PASSIVE_DEPS for c in tok.children) or (tok.tag_ == "VBN" and tok.dep_ == "acl")):
        return None
    for c in tok.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def content_clause(tok: Token) -> bool:
    """A clause that states the content of a noun ('claims that X'), not a relative clause about it
    ('claims that X made'): it opens with the conjunction 'that'."""
    first = min(tok.subtree, key=lambda t: t.i)
    return first.lower_ == "that" and first.tag_ == "IN"
