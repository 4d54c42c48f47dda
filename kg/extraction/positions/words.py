"""The word classes the position readers share: pronouns, modals and other closed classes, and the
verbs of saying, looked up by lemma (with stems for forms the model lemmatises wrongly)."""
from __future__ import annotations

from spacy.tokens import Token

from kg.lexicon import reporting_verbs

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
THING_PRONOUNS = {"it", "its"}
GROUP_PRONOUNS = {"they", "them", "their"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "ours"}
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON
NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4}
OBLIGATION = {"should", "must", "ought"}
MODALS = {"should", "must", "cannot", "can", "need", "ought", "could"}
HEDGES = {"could", "might", "may"}
PROSPECTIVE = {"will", "would", "could", "might", "may", "'ll", "shall", "wo"}
CONCESSIVE = {"although", "though", "while", "whereas", "but", "even", "despite"}
CONDITIONAL = {"if", "unless", "whether"}
WH_WORDS = {"what", "whether", "how", "why", "when", "where", "which", "who", "if"}


def is_pronoun(tok: Token) -> bool:
    """A personal or possessive pronoun ('he', 'their'), not a name spelt like one ('US')."""
    return tok.lower_ in PRONOUNS and tok.pos_ == "PRON"


def lemmas(tok: Token) -> list[str]:
    """The model's lemma of a verb, then stems cut from its inflected form ('hoped' -> 'hope'), for the
    forms the model lemmatises wrongly."""
    out, w = [tok.lemma_.lower()], tok.lower_
    if tok.tag_ in ("VBD", "VBN") and w.endswith("ed"):
        out += [w[:-1], w[:-2]] + ([w[:-3]] if len(w) > 5 and w[-3] == w[-4] else [])
    elif tok.tag_ == "VBZ" and w.endswith("s"):
        out += [w[:-1], w[:-2]]
    elif tok.tag_ == "VBG" and w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"]
    return out


def is_saying(tok: Token) -> bool:
    """Whether TOK is a verb of saying ('said', 'told', 'tweeted')."""
    return tok.pos_ in ("VERB", "AUX") and any(lemma in reporting_verbs() for lemma in lemmas(tok))
