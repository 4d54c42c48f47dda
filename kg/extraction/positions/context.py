"""What the position readers know of one article: its parse, actors, roles, dates and quotations,
lookups built once, what reading learns along the way (who speaks each quotation), and how to step
from one sentence of running text to the next."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.extraction.actors import ActorIndex


class PositionContext:
    """One parsed article as the position readers see it. QUOTES are its direct quotations (see
    quotes.quotations, over TEXT, the doc's text joined once); NOT_HOLDERS the actors that hold nothing
    (the publisher, its credits, the press); ROLES tie persons to the side they speak for."""

    def __init__(self, doc: Doc, idx: ActorIndex, ref, year_hint: int | None, roles, not_holders: frozenset,
                 text: str, quotes: list):
        self.doc, self.idx, self.ref, self.year_hint = doc, idx, ref, year_hint
        self.roles = list(roles)
        self.sides: dict[str, set] = {}
        for r in roles:                   # a person and the state or body they serve are one side
            if r.org:
                self.sides.setdefault(r.person, set()).add(r.org)
        self.not_holders = not_holders
        self.dates = {i: e for e in doc.ents if e.label_ == "DATE" for i in range(e.start, e.end)}
        self.text = text                  # joined once: Doc.text joins every token on each call
        self.quotes = quotes
        self.quote_at: dict[int, int] = {i: n for n, q in enumerate(quotes) for i in range(q.start, q.end)}
        self.speakers: dict[int, tuple] = {}       # quotation -> its speakers (holders.speaker)
        self.runs: dict[int, int] = {}             # quotation -> first quotation of its run (speech.run_of)
        self.sexes: dict | None = None             # person -> sexes the article shows (people.sex_of)
        self.lines: dict[int, bool] = {}           # sentence start -> a line of its own
        self.sents = list(doc.sents)
        self.sent_no = {s.start: n for n, s in enumerate(self.sents)}

    def in_quote(self, tok: Token) -> int | None:
        """The quotation TOK stands in, if any."""
        return self.quote_at.get(tok.i)

    def next_sentence(self, sent: Span) -> Span | None:
        """The sentence after SENT."""
        n = self.sent_no.get(sent.start)
        return self.sents[n + 1] if n is not None and n + 1 < len(self.sents) else None

    def previous_sentence(self, sent: Span) -> Span | None:
        """The sentence of running text before SENT (headlines and links left in the page skipped)."""
        n = self.sent_no.get(sent.start)
        while n:
            n -= 1
            if not self.line_of_its_own(self.sents[n]):
                return self.sents[n]
        return None

    def line_of_its_own(self, sent: Span) -> bool:
        """A paragraph of one sentence with no closing stop: a headline, a link to another story or a
        caption the page left in, not the article's running text."""
        if sent.start in self.lines:
            return self.lines[sent.start]
        raw = self.text[sent.start_char:sent.end_char]
        text = raw.strip()
        start = sent.start_char + len(raw) - len(raw.lstrip())
        end = start + len(text)
        alone = (start == 0 or "\n" in self.text[max(0, start - 2):start]) and \
            (end >= len(self.text) or "\n" in self.text[end:end + 2] or not self.text[end:end + 2].strip())
        self.lines[sent.start] = alone and not re.search(r"[.!?…][\"”’')\]]*$", text)
        return self.lines[sent.start]

    def same_side(self, a: str, b: str) -> bool:
        """Whether a person serves the other actor (or the other way round)."""
        return b in self.sides.get(a, ()) or a in self.sides.get(b, ())
