"""Small helpers over spaCy's dependency parse shared by the event and position extractors."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.entity_rules import doc_text  # noqa: F401  (re-exported for the extractors)

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
FUTURE_AUX = {"will", "would", "'ll", "shall", "wo"}
FUTURE_LEMMAS = {"schedule", "plan", "expect", "set", "due", "prepare", "upcoming", "propose"}
NEGATIONS = {"not", "n't", "never", "no", "neither", "nor"}


def governing_verb(tok: Token) -> Token:
    """The verb whose clause holds TOK (the token itself when it is a verb)."""
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def tense(verb: Token) -> str | None:
    """'future', 'past' or None for the clause of VERB: will/scheduled look forward, -ed looks back."""
    t = verb
    for _ in range(3):
        kids = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
        if kids & FUTURE_AUX or t.lemma_ in FUTURE_LEMMAS or any(c.lower_ == "to" and c.dep_ == "aux" for c in t.children) and t.dep_ == "xcomp" and t.head.lemma_ in FUTURE_LEMMAS:
            return "future"
        if any(c.lemma_ in FUTURE_LEMMAS for c in t.children if c.dep_ in ("aux", "auxpass", "amod")):
            return "future"
        if t.dep_ in ("xcomp", "ccomp", "conj", "advcl", "relcl") and t.head.i != t.i:
            if t.tag_ in ("VBD",):
                return "past"
            t = t.head
            continue
        break
    if verb.tag_ == "VBD" or any(c.lower_ in ("has", "have", "had") and c.dep_ == "aux" for c in verb.children):
        return "past"
    if verb.tag_ == "VBN" and any(c.lemma_ == "be" and c.tag_ == "VBD" for c in verb.children):
        return "past"
    return None


def subjects(verb: Token) -> list[Token]:
    """The subjects of VERB, inherited from the verb it is conjoined with or complements."""
    subs = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not subs and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return subjects(verb.head)
    if not subs and verb.dep_ == "relcl":
        return [verb.head]
    return subs


def negated(tok: Token) -> bool:
    """Whether TOK is negated ('not', 'never', 'no')."""
    return any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in tok.children)


def sentence_of(tok_or_span) -> Span:
    """The sentence holding a token or span, from an index built once per doc (spaCy's .sent walks the doc)."""
    doc = tok_or_span.doc
    index = doc.user_data.get("kg_sent_index")
    if index is None:
        index = [None] * len(doc)
        for s in doc.sents:
            for i in range(s.start, s.end):
                index[i] = s
        doc.user_data["kg_sent_index"] = index
    i = tok_or_span.i if hasattr(tok_or_span, "i") else tok_or_span.start
    return index[i]


def conjuncts(tok: Token) -> tuple[Token, ...]:
    """The tokens coordinated with TOK ('X, Y and Z'), in either direction."""
    return tuple(tok.conjuncts)
