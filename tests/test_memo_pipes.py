"""The memoised attribute ruler and lemmatizer annotate exactly as the model's stock components do."""
from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from kg.memo_pipes import MemoAttributeRuler, MemoLemmatizer, memoise
from kg.nlp import DEFAULT_MODEL

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# sentences that reach the ruler's special patterns: contractions, two-word forms, 'there is',
# auxiliaries as main verbs, determiners as pronouns, pronoun objects, negation, get/got
TRICKY = [
    "We're gonna see whether they ain't ready, and y'all know it ain't nothin' new.",
    "Let's go: she's gotta sign it, c'mon, there are two options and there is no third.",
    "He did it because I asked him; they have had enough, and that was all they had.",
    "You told it to me, not to them, though I'd have got there if he gets the papers.",
    "Those who won't agree say this is his plan, whereas hers isn't on the table.",
    "The ministers met in Geneva on Tuesday and said the talks had been useful.",
]

ATTRS = ("tag_", "pos_", "morph", "lemma_", "dep_", "ent_iob_", "ent_type_")


def annotations(doc):
    return [(t.text, *(str(getattr(t, a)) for a in ATTRS), t.head.i) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    return spacy.load(DEFAULT_MODEL), memoise(spacy.load(DEFAULT_MODEL))


def test_memoise_replaces_both_components_in_place(pipelines):
    stock, fast = pipelines
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), MemoAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), MemoLemmatizer)
    assert fast.get_pipe("attribute_ruler").patterns == stock.get_pipe("attribute_ruler").patterns


def test_same_annotations_as_stock_on_tricky_sentences_and_seeds(pipelines):
    stock, fast = pipelines
    texts = TRICKY + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for _ in range(2):                                   # cold, then with every memo warm
        for text, a, b in zip(texts, stock.pipe(texts), fast.pipe(texts)):
            assert annotations(b) == annotations(a), text[:60]


def test_a_rule_of_the_ruler_shows_in_the_memoised_output(pipelines):
    _, fast = pipelines
    doc = fast("They ain't gonna wait.")
    assert [t.lemma_ for t in doc][:4] == ["they", "be", "not", "go"]


def test_patterns_beyond_one_token_keep_stock_semantics():
    """Operators, extension-free longer patterns and index -1 give the stock ruler's result."""
    patterns = [
        {"patterns": [[{"LOWER": "blue"}]], "attrs": {"TAG": "JJ", "LEMMA": "azure"}},
        {"patterns": [[{"LOWER": {"REGEX": "^re"}}]], "attrs": {"TAG": "VB"}},
        {"patterns": [[{"LOWER": "very", "OP": "+"}, {"LOWER": "blue"}]], "attrs": {"LEMMA": "deep"}, "index": -1},
        {"patterns": [[{"LOWER": "red"}, {"LOWER": "sky"}]], "attrs": {"LEMMA": "dusk"}, "index": 1},
        {"patterns": [[{"LOWER": {"IN": ["sky", "sea"]}}]], "attrs": {"TAG": "NN"}},
    ]
    blank = spacy.blank("en")
    stock = AttributeRuler(blank.vocab)
    stock.add_patterns(patterns)
    fast = MemoAttributeRuler(blank.vocab)
    fast.add_patterns(patterns)
    for text in ("a very very blue sky and a red sky", "red sea, blue sea, reread", "nothing here"):
        a, b = stock(blank(text)), fast(blank(text))
        assert [(t.tag_, t.lemma_) for t in b] == [(t.tag_, t.lemma_) for t in a], text
    assert [t.lemma_ for t in fast(blank("a very blue red sky"))][2:] == ["deep", "", "dusk"]
