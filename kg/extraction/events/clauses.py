"""Walks over the dependency parse that event reading shares: a trigger's own phrase, its clause, the
clauses it shares a date and place with, and quotation marks."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extraction.syntax import governing_verb, negated
from kg.lexicon import word_set

# labels that keep to a trigger's own noun phrase ('bilateral talks in Oslo on Monday')
NEAR_DEPS = {"compound", "amod", "prep", "pobj", "npadvmod", "poss", "nmod", "appos", "nummod", "case", "det", "conj", "cc"}
# labels that widen a noun phrase to its participle and object ('talks held with X')
ACTOR_DEPS = {"acl", "dobj", "pcomp"}
# labels that keep to a verb's clause, not its subordinate clauses
CLAUSE_DEPS = {"prep", "pobj", "npadvmod", "advmod", "obl", "nmod", "compound", "amod", "poss", "case", "det", "tmod"}
# labels of the clauses a noun phrase's actors are not read from
PHRASE_SKIP = {"relcl", "advcl", "ccomp", "parataxis", "acl", "punct", "mark"}


def local_tokens(root: Token, stop: set[int], deps: set[str]) -> list[Token]:
    """Tokens reachable from ROOT through the given dependency labels only, not entering other triggers."""
    out, todo = [], [root]
    while todo:
        t = todo.pop()
        if t.i != root.i:
            if t.i in stop or t.dep_ not in deps:
                continue
            out.append(t)
        todo.extend(t.children)
    return sorted(out, key=lambda x: x.i)


def phrase(head: Token, stop: set[int] = frozenset()) -> list[Token]:
    """The tokens of a noun phrase without its clauses ('the palace, where the king will speak'),
    keeping 'led by'/'accompanied by' phrases that name its members."""
    out, todo = [], [head]
    while todo:
        t = todo.pop()
        out.append(t)
        for c in t.children:
            if c.i in stop:
                continue
            if c.dep_ in PHRASE_SKIP and not (c.dep_ == "acl" and c.lemma_.lower() in word_set("delegate_verbs.txt")):
                continue
            if c.dep_ == "prep" and c.lower_ in ("since", "after", "before", "during"):
                continue
            todo.append(c)
    return sorted(out, key=lambda x: x.i)


def compounds_of(t: Token) -> list[Token]:
    """'Oslo talks': a place named in the trigger's own compound."""
    return [x for c in t.children if c.dep_ == "compound" for x in c.subtree]


def sharing_verbs(verb: Token) -> list[Token]:
    """Verbs whose date and place VERB shares when it has none: those it is coordinated with ('met X
    and addressed the assembly in Oslo on Friday') and, for a non-finite verb, the clause it
    depends on ('..., ending their summit')."""
    out = []
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        out.append(verb.head)
    out += [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        out.append(verb.head)
        if verb.head.dep_ == "conj":
            out.append(verb.head.head)
    if verb.tag_ in ("VBG", "VBN") and verb.dep_ in ("advcl", "acl") and \
            not any(c.dep_ in ("mark", "nsubj") for c in verb.children):
        out.append(verb.head if verb.head.pos_ in ("VERB", "AUX") else governing_verb(verb.head))
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ == "with" and verb.head.head.pos_ in ("VERB", "AUX"):
        out.append(verb.head.head)       # "..., with X looking on": the time of the main clause
    return [v for v in dict.fromkeys(out) if v.i != verb.i and v.pos_ in ("VERB", "AUX")]


def part_anchor(t: Token) -> Token:
    """'the last day of talks', 'a round of negotiations': the noun that stands in the clause for the event."""
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in word_set("part_nouns.txt"):
        return t.head.head
    return t


def is_sequenced(t: Token) -> bool:
    """'ahead of the summit', 'before the talks', 'after the meeting': an event told as the one another
    comes before or after (so not the same event as its clause's)."""
    if t.dep_ != "pobj":
        return False
    p = t.head
    return p.lower_ in ("before", "after", "following") or (
        p.lower_ in ("of", "to") and p.head.lower_ in ("ahead", "prior"))


def clause_negated(verb: Token) -> bool:
    """Whether VERB's clause, or the clause it is the complement of, is negated ('not due to attend')."""
    t = verb
    for _ in range(3):
        if negated(t):
            return True
        if t.dep_ in ("xcomp", "conj") and t.head.i != t.i:
            t = t.head
            continue
        break
    return False


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks (straight or curly), each paragraph on its own."""
    out, inside = set(), False
    for t in doc:
        if "\n" in t.text:
            inside = False
            continue
        if t.text in ("“", "”", '"'):
            inside = (t.text == "“") or (t.text == '"' and not inside)
            continue
        if inside:
            out.add(t.i)
    return out
