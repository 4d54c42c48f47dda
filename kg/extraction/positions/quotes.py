"""Direct quotations: where they open and close, whether they quote whole sentences or a few words,
which quotation goes on from which, and the verbs outside quotations that attribute them. Who
speaks a quotation is a question of holders (holders.speaker): a quoted 'we' is its speaker."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extraction.positions.context import PositionContext
from kg.extraction.positions.words import is_saying
from kg.extraction.syntax import sentence_of
from kg.lexicon import table

MIN_QUOTE_WORDS = 3


@dataclass(frozen=True)
class Quotation:
    """A direct quotation: its tokens [start, end), and whether a closing mark ends it (an unclosed one
    runs to the end of its paragraph and may go on in the next)."""
    start: int
    end: int
    start_char: int
    end_char: int
    closed: bool


def quotations(doc: Doc, text: str | None = None) -> list[Quotation]:
    """The direct quotations of a doc (whose TEXT may be given, joining a doc's tokens is costly), from
    an opening mark to its closing mark or, when the writer leaves it open, to the end of the paragraph."""
    text = doc.text if text is None else text
    spans, start = [], None
    for m in re.finditer(r"[“”\"]|\n", text):
        ch = m.group()
        if ch == '"':                    # a straight mark opens where it leans on the word after it
            before = text[m.start() - 1] if m.start() else " "
            after = text[m.end()] if m.end() < len(text) else " "
            ch = "“" if before.isspace() and not after.isspace() else \
                "”" if not before.isspace() and (after.isspace() or not after.isalnum()) else \
                ("”" if start is not None else "“")
        if ch == "\n":
            if start is not None:
                spans.append((start, m.start(), False))
                start = None
        elif ch == "“":
            if start is not None:
                spans.append((start, m.start(), False))
            start = m.end()
        elif start is not None:
            spans.append((start, m.start(), True))
            start = None
    if start is not None:
        spans.append((start, len(text), False))
    starts = doc.to_array("IDX").tolist()
    out = []
    for a, b, closed in spans:
        i, j = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        while i < j and doc[i].is_space:
            i += 1
        while j > i and doc[j - 1].is_space:
            j -= 1
        if i < j:
            out.append(Quotation(i, j, a, b, closed))
    return out


def whole(doc: Doc, quote: Quotation) -> bool:
    """A quotation of whole sentences: it opens its sentence or follows a colon or comma ('He said:
    “…”'), unlike a few words quoted inside the writer's own sentence ('called it “historic”')."""
    first = sentence_of(doc[quote.start])
    before = [t for t in first if t.i < quote.start and not t.is_space and t.text not in ('"', "“")]
    return not before or before[-1].text in (":", ",")


def goes_on(ctx: PositionContext, prev: Quotation, quote: Quotation) -> bool:
    """Whether QUOTE continues PREV: it opens the sentence right after the one PREV ends in
    ('“…,” he said. “And …”', or a new paragraph that opens with a quotation)."""
    first = sentence_of(ctx.doc[quote.start])
    if ctx.doc[quote.start].i - first.start > 1 or not whole(ctx.doc, prev):
        return False
    if ctx.line_of_its_own(first):
        return False                 # a quoted line with no stop: the title of a video or another story
    before = ctx.previous_sentence(first)
    return before is not None and before.start <= prev.end - 1 < before.end


def quote_in(ctx: PositionContext, sent: Span) -> str | None:
    """The quoted words of a sentence (its longest quotation of three words or more)."""
    best = None
    for n in dict.fromkeys(ctx.quote_at[t.i] for t in sent if t.i in ctx.quote_at):
        q = ctx.quotes[n]
        a, b = max(q.start_char, sent.start_char), min(q.end_char, sent.end_char)
        text = ctx.text[a:b].strip()
        if len(text.split()) >= MIN_QUOTE_WORDS and (best is None or len(text) > len(best)):
            best = text
    return best


def says(ctx: PositionContext, tok: Token) -> bool:
    """A verb that attributes speech (saying, or a stance verb such as warn or urge), outside quotes."""
    if tok.pos_ not in ("VERB", "AUX") or ctx.in_quote(tok) is not None:
        return False
    return is_saying(tok) or tok.lemma_.lower() in table("stance_verbs.tsv")
