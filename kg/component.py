"""kg's extraction as a spaCy component: `nlp.add_pipe("kg_facts")` sets `doc._.kg_facts` (ArticleFacts).

Registered through the `spacy_factories` entry point, so a spaCy user needs no `import kg`. The
article's metadata (publication date, outlet, title) comes from `nlp.pipe(..., as_tuples=True)`'s
context (a dict) or from `doc._.kg_meta`. Like `kg build`, the component reads the article's body
without page furniture or dateline: when cleaning changes the text, the body is parsed again by the
components before this one, so both paths give the same facts.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from spacy.language import Language
from spacy.tokens import Doc

from kg.clean import clean_text, with_year_hint
from kg.extraction.article import extract_article
from kg.nlp import PARAGRAPHS, SEGMENTED, mark_paragraphs, with_fixed_entities

FACTS = "kg_facts"
META = "kg_meta"
for _ext in (FACTS, META):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


class KgFacts:
    """The component: reads one article's facts from each doc."""

    def __init__(self, nlp: Language, name: str, year_hint: int | None = None):
        self.nlp, self.name, self.year_hint = nlp, name, year_hint

    def metadata(self, doc: Doc) -> Mapping | None:
        """The article's metadata: the as_tuples context when it is a dict, else doc._.kg_meta."""
        context = getattr(doc, "_context", None)
        return context if isinstance(context, Mapping) else doc._.get(META)

    def body_doc(self, doc: Doc, body: str) -> Doc:
        """The doc of the cleaned body: DOC itself when cleaning kept its text and kg's paragraph
        bounds were set before the parser (add "kg_paragraphs" before "parser" to save this), else the
        body run through the components before this one, with those bounds."""
        if body == doc.text and (doc.user_data.get(SEGMENTED) or "\n" not in body):
            return doc
        out = self.nlp.make_doc(body)
        names = [name for name, _ in self.nlp.pipeline]
        for name, proc in self.nlp.pipeline:
            if name == self.name:
                break
            if name == "parser" and PARAGRAPHS not in names:
                out = mark_paragraphs(out)
            out = proc(out)
        return out

    def __call__(self, doc: Doc) -> Doc:
        c = with_year_hint(clean_text(doc.text, self.metadata(doc)), self.year_hint)
        body = self.body_doc(doc, c.body)
        doc._.set(FACTS, extract_article(with_fixed_entities(body), replace(c, body=body.text), self.year_hint))
        return doc


@Language.factory(FACTS, assigns=[f"doc._.{FACTS}", "doc.ents"], requires=["doc.ents", "token.dep", "token.lemma"],
                  default_config={"year_hint": None})
def make_kg_facts(nlp: Language, name: str, year_hint: int | None) -> KgFacts:
    """Factory of the kg_facts component (YEAR_HINT dates datelines that print no year)."""
    return KgFacts(nlp, name, year_hint)
