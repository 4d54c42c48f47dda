"""The stance a word or a clause takes: stance verbs (with their particle, negation turning them
round, light verbs taking it from their object), what reported words do (prescribe, warn, commit,
reject, judge or only report), and when a stance is no position of its own (embedded, unsaid)."""
from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extraction.positions.clauses import clause_roots, said_of_head
from kg.extraction.positions.labels import (CLAUSE_SUBJECT_DEPS, CONCESSIVE_MARK_DEPS, NEGATIVE_WORD_DEPS,
                                            OBJECT_OR_CLAUSE_DEPS, PARTICLE_DEPS, PREDICATE_DEPS, PURPOSE_DEPS,
                                            SAYING_ON_ITS_OWN_DEPS, SUBJECT_DEPS)
from kg.extraction.positions.words import CONCESSIVE, CONDITIONAL, MODALS, OBLIGATION, is_saying, lemmas
from kg.extraction.syntax import negated
from kg.lexicon import table, word_set

# A negated stance turns round, or says nothing ('does not want' is no demand).
NEGATED_STANCE = {"support": "oppose", "agree": "reject", "offer": "reject"}
PARTICLES = {"back", "forward", "up", "down", "out", "off"}
SIGNING_VERBS = {"sign", "ink"}                       # agreeing only when what is signed is an agreement
AIM_VERBS = {"want", "seek", "hope", "insist"}        # a demand only with an object, a clause or 'for'/'on'
INSIST_VERBS = {"insist"}                          # a demand with 'on' or a prescribing clause, else an assertion
ASSURANCE_NOUNS = {"assurance", "guarantee"}          # what they assure is their content, not a stance of its own


def stance_key(tok: Token) -> str:
    """The lemma a stance table is looked up by, with its particle where it has one ('push back')."""
    prt = next((c.lower_ for c in tok.children if c.dep_ in PARTICLE_DEPS and c.lower_ in PARTICLES), None)
    verbs = table("stance_verbs.tsv")
    for lemma in lemmas(tok):
        if prt and f"{lemma} {prt}" in verbs:
            return f"{lemma} {prt}"
        if lemma in verbs:
            return lemma
    return tok.lemma_.lower()


def light_stance(tok: Token) -> str | None:
    """The stance a light verb takes from its object ('make concessions', 'expressed gratitude')."""
    if tok.lemma_.lower() not in word_set("light_verbs.txt"):
        return None
    for c in tok.children:
        if c.dep_ == "dobj":
            lemma = c.lemma_.lower()
            st = table("stance_light_verbs.tsv").get(lemma) or table("stance_nouns.tsv").get(lemma)
            if st and not (lemma == "call" and not any(g.lower_ == "for" for g in c.children)):
                return st
    return None


def stance_of_verb(tok: Token) -> str | None:
    """The stance a verb states, negation applied ('will not agree' rejects); light verbs take it from
    their object ('will not give any guarantees')."""
    key = stance_key(tok)
    st = light_stance(tok) or table("stance_verbs.tsv").get(key)
    if st is None:
        return None
    lemma = key.split()[0]
    kids = list(tok.children)
    if lemma == "call" and not any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in kids):
        return None
    if lemma in SIGNING_VERBS and not any(c.dep_ == "dobj" and c.lemma_.lower() in word_set("agreement_nouns.txt")
                                            for c in kids):
        return None                 # signing an agreement is agreeing to it; signing a law or a player is not
    if lemma in INSIST_VERBS and not any(c.dep_ == "prep" and c.lower_ == "on" for c in kids):
        clauses = [c for c in kids if c.dep_ == "ccomp"]
        if clauses and not obligation(list(clauses[0].subtree)):
            return "assert"         # 'insisted that the talks went well' asserts; 'insisted on'/'that they must' demands
    if lemma in AIM_VERBS and not any(c.dep_ in OBJECT_OR_CLAUSE_DEPS or
                                      (c.dep_ == "prep" and c.lower_ in ("for", "on")) for c in kids):
        return None                 # wanting to do something oneself is an aim, not a demand on anyone
    if lemma == "thank" and any(c.dep_ == "dobj" and (c.pos_ in ("PRON", "DET") or
                                                      c.lemma_ in word_set("press_nouns.txt")) for c in kids):
        return None                 # thanks to the listener or the press are courtesy
    if negated(tok) or (tok.dep_ == "xcomp" and negated(tok.head)):
        return NEGATED_STANCE.get(st)
    return st


def obligation(toks: list[Token]) -> bool:
    """A clause that prescribes: its own verb under must/should/ought, or need/have to ('should they
    be needed', with the subject after the modal, is a condition, not a prescription)."""
    for v in clause_roots(toks):
        if v.pos_ not in ("VERB", "AUX"):
            continue
        subj = [c.i for c in v.children if c.dep_ in CLAUSE_SUBJECT_DEPS]
        if any(c.dep_ == "aux" and c.lower_ in OBLIGATION and not any(i > c.i for i in subj) for c in v.children):
            return True
        if v.lemma_ in ("need", "have") and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
                                                and not is_saying(c) for c in v.children):
            return True              # not 'I have to say', 'we need to admit': a way of saying, no demand
    return False


def consequence(toks: list[Token]) -> bool:
    """A clause that states what will happen if something else does ('they would respond if the rebels
    invaded'): a warning."""
    for t in clause_roots(toks):
        if any(c.dep_ == "nsubj" and c.lower_ == "i" for c in t.children):
            continue                     # "I would not be here if …": the speaker's own case
        if t.pos_ in ("VERB", "AUX") and \
                any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "wo") for c in t.children) and \
                any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                    and any(m.dep_ in SUBJECT_DEPS for m in c.children) for c in t.children):
            return True
    return False


def commitment(toks: list[Token]) -> str | None:
    """What the speaker's own 'we will …' commits to: a promise (offer), or with 'not' a refusal."""
    for t in clause_roots(toks):
        if t.pos_ != "VERB" or t.lemma_ in ("be", "see", "have"):
            continue
        if any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in t.children) and \
                any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall", "wo") for c in t.children):
            return "reject" if negated(t) else "offer"
    return None


def evaluative(toks: list[Token]) -> bool:
    """A reported clause that judges or prescribes (a modal, a negation, an adjective as predicate),
    not one that only reports a fact ('talks will be held on Monday')."""
    for t in toks:
        if t.lower_ in MODALS and t.dep_ == "aux":
            return True
        if t.dep_ == "neg" or (t.lower_ in ("no", "never", "nothing", "none") and
                               t.dep_ in NEGATIVE_WORD_DEPS):
            return True
        if t.pos_ == "ADJ" and t.dep_ in PREDICATE_DEPS or t.tag_ in ("JJR", "JJS", "RBR", "RBS"):
            return True
        if t.dep_ == "attr" and any(c.pos_ == "ADJ" and c.dep_ == "amod" for c in t.children):
            return True
    return False


def content_stance(toks: list[Token]) -> str:
    """The stance of reported words: a prescription demands, a rejection word rejects, the rest asserts."""
    if obligation(toks):
        return "demand"
    if consequence(toks):
        return "warn"
    will = commitment(toks)
    if will:
        return will
    low = toks[0].doc[toks[0].i:toks[-1].i + 1].text.lower() if toks else ""
    if any(re.search(rf"\b{re.escape(w)}", low) for w in word_set("rejection_words.txt")):
        return "reject"
    return "assert"


def unsaid(verb: Token) -> bool:
    """'did not say', 'declined to say', 'refused to comment': nothing was stated."""
    if negated(verb):
        return True
    return verb.dep_ == "xcomp" and (negated(verb.head) or
                                     verb.head.lemma_.lower() in word_set("withholding_words.txt"))


def worth_stating(verb: Token, toks: list[Token]) -> bool:
    """Whether an unquoted reported clause is a position: anything but a report of arrangements
    ('X said the ministers will meet in Lisbon'), unless even that is judged or prescribed."""
    if verb.lemma_.lower() in word_set("evaluative_verbs.txt") or evaluative(toks):
        return True
    return not any(r.pos_ in ("VERB", "AUX") and r.lemma_.lower() in word_set("arrangement_verbs.txt")
                   for r in clause_roots(toks))


def embedded(tok: Token) -> bool:
    """Not a position of its own: a conditional ('if the union wants'), a relative aside ('which it
    says'), a purpose ('troops sent to support'), or the content of another stance ('assurances
    that the bank will not raise rates'). A coordinated verb, a concessive clause ('although she rejected')
    and the clause of a verb of saying stand on their own."""
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL for c in tok.children):
        return True
    if tok.dep_ == "relcl" and (is_saying(tok) or tok.lemma_ in word_set("cognitive_verbs.txt")) and \
            not said_of_head(tok):
        return True
    if tok.dep_ in PURPOSE_DEPS and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return True
    if is_saying(tok) and tok.dep_ in SAYING_ON_ITS_OWN_DEPS:
        return False                 # "..., saying that ...": an attribution of its own
    t = tok
    for _ in range(5):
        if t.head.i == t.i:
            return False
        if t.dep_ == "advcl" and any(c.dep_ in CONCESSIVE_MARK_DEPS and c.lower_ in CONCESSIVE for c in t.children):
            return False
        head = t.head
        if t.dep_ == "conj":
            t = head
            continue
        lemma = head.lemma_.lower()
        if is_saying(head) or lemma in word_set("cognitive_verbs.txt"):
            return False
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL for c in t.children):
            return True
        if (head.pos_ == "VERB" and table("stance_verbs.tsv").get(stance_key(head)) not in (None, "assert")) or \
                (head.pos_ == "NOUN" and (lemma in table("stance_nouns.tsv") or lemma in ASSURANCE_NOUNS)):
            return True
        t = head
    return False
