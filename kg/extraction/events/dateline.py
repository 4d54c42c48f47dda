"""The place an article is filed from, read from its dateline: where an event told as happening here
or today took place."""
from __future__ import annotations

import re

from kg.extraction.actors import actor_key
from kg.extraction.events.context import ArticleContext
from kg.extraction.events.places import PLACE_TYPES
from kg.extraction.syntax import doc_text
from kg.names import fold

DATELINE_RX = re.compile(r"^(?P<place>[A-Z][A-Za-z.'\- ]{1,30}?(?:,\s*[A-Z][A-Za-z.\- ]{1,25}?)?)\s*"
                         r"(?:,\s*[A-Z][a-z]{2,8}\.?\s*\d{1,2}(?:,?\s*\d{4})?\s*)?(?:\([^)]{1,30}\)\s*)?"
                         r"(?:•|--|—|–|:|-|\.?\s*/[A-Z][A-Za-z-]{1,12}/\.?)(?:\s|$)")


def dateline_place(ctx: ArticleContext, meta_dateline: str | None) -> str | None:
    """The place an article is filed from: its dateline ('LYON, France --', 'OSLO •', 'Nairobi:', 'ASTANA, June 5. /TASS/.').
    Notes the sentences the dateline governs (its own, or the next when it stands alone) and the
    tokens it spans (no actors of events)."""
    texts = [meta_dateline] if meta_dateline else []
    ctx.dateline_sents = {0, 1} if meta_dateline else set()
    for n, sent in enumerate(ctx.sents[:6]):
        rest = doc_text(ctx.doc)[sent.start_char:]
        lead = len(rest) - len(rest.lstrip())
        m = DATELINE_RX.match(rest.lstrip())
        if m and not meta_dateline:
            texts.append(m["place"])
            end = sent.start_char + lead + m.end()
            ctx.dateline_tokens = {t.i for t in ctx.doc[sent.start:] if t.idx < end}
            after = next((t for t in ctx.doc[sent.start:] if t.idx >= end and not t.is_space and not t.is_punct), None)
            last = ctx.sent_no.get(after.i, n) if after is not None else n
            ctx.dateline_sents = set(range(n, last + 1))
            break
    for text in texts:
        first = text.split(",")[0].strip()
        for key, a in ctx.idx.actors.items():
            if a.type in PLACE_TYPES and any(fold(n) == fold(first) for n in a.names):
                return key
        if ctx.gz.city(first.title()):
            return ctx.city_key(first.title())
        c = ctx.gz.country(first)
        if c and actor_key("Country", c) in ctx.idx.actors:
            return actor_key("Country", c)
    return None
