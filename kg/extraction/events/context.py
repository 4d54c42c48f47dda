"""What the event readers know of one article (its parse, actors, dates, triggers and the places they
imply), and the record of one event mention before the mentions of the article are merged."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from kg.extraction.actors import ActorIndex, actor_key
from kg.extraction.events.clauses import quoted_tokens
from kg.geo import gazetteer
from kg.records import Actor, DateValue


@dataclass
class EventMention:
    """One mention of an event in a sentence, before the mentions of one article are merged."""
    kind: str
    name: str
    sent: Span
    date: DateValue | None = None
    location: str | None = None
    attendees: list[str] = field(default_factory=list)
    organizers: list[str] = field(default_factory=list)
    definite: bool = False
    position: int = 0
    tense: str | None = None                              # of its clause: 'past', 'future' or None
    apart: set[int] = field(default_factory=set)          # triggers of events it is held beside ('on the sidelines of')


class ArticleContext:
    """One parsed article as the event readers see it: lookups built once, and what reading learns
    along the way (cities implied, what lies in what, each trigger's mention). The fields after the
    first block are filled in order by mentions.article_context."""

    def __init__(self, doc: Doc, idx: ActorIndex, ref: date | None, year_hint: int | None):
        self.doc, self.idx, self.ref, self.year_hint = doc, idx, ref, year_hint
        self.gz = gazetteer()
        ents = list(doc.ents)
        self.ents_by_token = {i: e for e in ents for i in range(e.start, e.end)}
        self.date_ents = [e for e in ents if e.label_ == "DATE"]
        self.sents = list(doc.sents)
        self.sent_no = {i: n for n, s in enumerate(self.sents) for i in range(s.start, s.end)}
        self.quoted = quoted_tokens(doc)
        self.implied: dict[str, Actor] = {}
        self.read_by_trigger: dict[int, EventMention] = {}
        self.surnames: dict[str, str] | None = None
        self.contains: set[tuple[str, str]] = set()
        self.day_dates: list[tuple[int, DateValue]] = []
        self.quote_ref: date | None = None
        self.dateline_sents: set[int] = set()
        self.dateline_tokens: set[int] = set()
        self.dateline: str | None = None
        self.pairs: list[tuple[int, tuple[str, str]]] = []
        self.by_sentence: list[tuple[Span, list[Token]]] = []
        self.triggers: list[int] = []

    def types(self) -> dict[str, str]:
        """Actor key -> type, for the article's actors and the places this reader implied."""
        out = {k: a.type for k, a in self.idx.actors.items()}
        out.update({k: a.type for k, a in self.implied.items()})
        return out

    def names(self) -> dict[str, str]:
        """Actor key -> canonical name."""
        out = {k: a.name for k, a in self.idx.actors.items()}
        out.update({k: a.name for k, a in self.implied.items()})
        return out

    def city_key(self, name: str) -> str | None:
        """The key of a city by name: the article's own actor, else a city the gazetteer knows (implied)."""
        city = self.gz.city(name) or name
        key = actor_key("City", city)
        if key in self.idx.actors:
            return key
        if self.gz.city(name):
            self.implied.setdefault(key, Actor(key=key, name=city, type="City", names=(city,)))
            return key
        return None

    def nearest_trigger_before(self, i: int) -> int | None:
        """The last event trigger before token I."""
        before = [x for x in self.triggers if x < i]
        return before[-1] if before else None
