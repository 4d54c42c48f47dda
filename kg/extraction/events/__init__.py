"""Meetings, calls, visits, summits and signings: who, where and when, read from the event's own clause.

Triggers are nouns ('talks', 'a video call', 'the signing ceremony') and verbs ('met', 'visited',
'welcomed', 'signed a treaty'). Each mention takes the dates, places and actors of its own clause
(and of the clause it is coordinated with or depends on when it has none of its own); mentions of
one article that share date, place or name are merged into one event.

Places: the most specific place the clause gives ('at the <venue> in <city>' is the venue, a seat of
government stands for its capital, a country only where no city is named); an event told as
happening today with no place of its own happened at the article's dateline. Participants: the
actors of the trigger's phrase, its verb's subject and objects (relative pronouns and 'the two
leaders' resolved), 'joined/accompanied by', 'which included', 'with X taking part'; hosts,
mediators and chairs are organisers; a place is never an attendee.

The modules, in the order a mention is read: triggers (what names an event), when, where, who (with
named_actors and pairs), mentions (one mention from its clause), merge (one article's mentions into
events); context holds what they share of one article, places the relations between places.
"""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from kg.extraction.actors import ActorIndex
from kg.extraction.events.merge import Merger, distinct_parties
from kg.extraction.events.mentions import article_context, read_mentions
from kg.extraction.events.places import implied_places, place_within, places_agree, specificity
from kg.records import Event

__all__ = ["extract_events", "implied_places", "distinct_parties", "place_within", "places_agree", "specificity"]


def extract_events(doc: Doc, idx: ActorIndex, ref: date | None, year_hint: int | None = None,
                   dateline: str | None = None) -> list[Event]:
    """The events of one article, one per real event it tells (undated ones only if they joined a dated
    one or have a place)."""
    ctx = article_context(doc, idx, ref, year_hint, dateline)
    merger = Merger(ctx)
    clusters = merger.merge(read_mentions(ctx))
    keep = [c for c in clusters if any(m.date and m.date.granularity == "day" for m in c) or any(m.location for m in c)]
    return [merger.to_event(c) for c in keep]
