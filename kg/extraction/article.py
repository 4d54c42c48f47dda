"""All facts of one parsed article: actors, roles, events and positions, as one pure function."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from kg import dates
from kg.extraction.actors import dateline_actors, extract_actors, implied_actors
from kg.extraction.events import extract_events, implied_places
from kg.extraction.positions import extract_positions
from kg.extraction.roles import extract_roles, title_spans
from kg.records import ArticleFacts, CleanArticle

NO_DATE = "no publication or reference date: relative dates left unresolved"


def reference_date(c: CleanArticle, year_hint: int | None) -> date | None:
    """The day an article's relative dates count from: its publication date, else the day its lead's
    weekday and the dates it looks forward to pin down (see dates.reference_from_weekday)."""
    if c.meta.published:
        return date.fromisoformat(c.meta.published)
    if c.meta.weekday_hint is not None:
        return dates.reference_from_weekday(c.meta.weekday_hint, c.body, year_hint)
    return None


def extract_article(doc: Doc, c: CleanArticle, year_hint: int | None = None) -> ArticleFacts:
    """Every fact of one parsed article: a pure function of the doc (of C's body), the cleaned
    article and the build's year hint."""
    idx = extract_actors(doc, title_spans(doc))
    roles = extract_roles(doc, idx)
    ref = reference_date(c, year_hint)
    events = extract_events(doc, idx, ref, year_hint, c.meta.dateline)
    outlets = (c.meta.publisher, *c.meta.authors, *c.meta.contributors)
    positions = extract_positions(doc, idx, ref, year_hint, roles, outlets)
    referred = [k for e in events for k in (e.location, *e.attendees, *e.organizers)] + \
               [k for p in positions for k in (p.holder, *p.targets)] + [r.org for r in roles]
    known = dict(idx.actors)
    for a in dateline_actors(c.meta.dateline):
        old = known.get(a.key)
        known[a.key] = a if old is None else type(a)(old.key, old.name, old.type, tuple(dict.fromkeys(old.names + a.names)),
                                                      tuple(sorted(set(old.within) | set(a.within))))
    actors = tuple(known.values()) + tuple(implied_actors(known, referred)) + tuple(implied_places(known, referred))
    return ArticleFacts(id=c.id, source=c.source, meta=c.meta, actors=actors, roles=tuple(roles),
                        events=tuple(events), positions=tuple(positions), warnings=() if ref else (NO_DATE,))
