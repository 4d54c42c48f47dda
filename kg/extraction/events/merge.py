"""Merges the mentions of one article into events: mentions that share a day, a place or a name, and
no clash of kind, time, place or principals, are one event; undated ones join the one event they fit."""
from __future__ import annotations

from datetime import date

from kg.extraction.actors import actor_key
from kg.extraction.events.context import ArticleContext, EventMention
from kg.extraction.events.places import place_within, places_agree, specificity
from kg.geo import gazetteer
from kg.records import DateValue, Event, compatible
from kg.lexicon import word_set


def distinctive(name: str) -> str:
    """The words of an event name that tell it apart from other events ('the Arctic Council session')."""
    if name.islower() and " " not in name and name in word_set("event_verb_names.txt"):
        return ""
    return " ".join(w for w in name.lower().split() if w not in word_set("generic_event_words.txt"))


def same_time(a: DateValue | None, b: DateValue | None) -> bool | None:
    """True/False when both dates are known; a week- or month-level date holds its days."""
    if a is None or b is None or a.iso is None or b.iso is None:
        return None
    if a.granularity == b.granularity:
        return a.iso == b.iso
    day, period = (a, b) if a.granularity == "day" else (b, a)
    if period.granularity == "week":
        d0 = date.fromisoformat(period.iso)
        return 0 <= (date.fromisoformat(day.iso) - d0).days < 7
    if period.granularity == "month":
        return day.iso[:7] == period.iso[:7]
    return False


def same_person(a: str, b: str, names: dict[str, str]) -> bool:
    """Whether two person keys may name one person ('Mr Sanchez' and 'Pedro Sanchez')."""
    if a == b:
        return True
    na, nb = names.get(a, a.split(":", 1)[1]).lower().split(), names.get(b, b.split(":", 1)[1]).lower().split()
    return bool(na and nb) and (na[-1] == nb[-1] or set(na) <= set(nb) or set(nb) <= set(na))


def distinct_parties(a, b, types: dict[str, str], names: dict[str, str], one_place: bool = False) -> bool:
    """Whether two same-day meetings are different ones by who took part: people on both sides and none
    in common (unless both are told at one place: each article may name other people of a large
    meeting), or two different pairs of principals (people and organisations: 'X met Y', 'X addressed
    Z'). States and unnamed parties say nothing."""
    typ = lambda k: types.get(k, k.split(":")[0])
    pa = [k for k in a if typ(k) == "Person"]
    pb = [k for k in b if typ(k) == "Person"]
    common = lambda xs, ys: [x for x in xs if any(same_person(x, y, names) if typ(x) == typ(y) == "Person" else x == y
                                                  for y in ys)]
    if pa and pb and not common(pa, pb) and not one_place:
        return True
    qa = list(dict.fromkeys(k for k in a if typ(k) in ("Person", "Organization")))
    qb = list(dict.fromkeys(k for k in b if typ(k) in ("Person", "Organization")))
    return len(qa) == len(qb) == 2 and len(common(qa, qb)) < 2


class Merger:
    """Clusters the mentions of one article into events (place compatibility knows what lies in what)."""

    def __init__(self, ctx: ArticleContext):
        self.types, self.names, self.known = ctx.types(), ctx.names(), ctx.contains
        self.ref = ctx.ref
        self.mentions = ctx.idx.mentions

    def agree(self, a: str | None, b: str | None) -> bool:
        """Whether two mention places can be one event's place."""
        return places_agree(a, b, self.types, self.names, self.known)

    def belongs(self, m: EventMention, e: EventMention) -> bool:
        """Whether mention M tells the same event as E (both of one article)."""
        if not compatible(m.kind, e.kind) or e.position in m.apart or m.position in e.apart:
            return False
        st = same_time(m.date, e.date)
        if st is False:
            return False
        if not self.agree(m.location, e.location):
            return False
        dm, de = distinctive(m.name), distinctive(e.name)
        shared_name = bool(dm and de and (dm in de or de in dm))
        if st:
            return shared_name or not self.distinct(m, e)
        persons = {k for k in set(m.attendees) & set(e.attendees) if not k.startswith("Country:")}
        same_place = bool(m.location and e.location) and (
            m.location == e.location or place_within(m.location, e.location, self.types, self.names, self.known)
            or place_within(e.location, m.location, self.types, self.names, self.known))
        return same_place or shared_name or (m.kind in ("Visit", "Call", "Signing") and bool(persons))

    def distinct(self, m: EventMention, e: EventMention) -> bool:
        """Two meetings of one day with other principals (see distinct_parties)."""
        return distinct_parties(m.attendees, e.attendees, self.types, self.names,
                                bool(m.location) and m.location == e.location)

    def fit(self, m: EventMention, c: list[EventMention]) -> int:
        """How strongly mention M fits cluster C: shared names and actors count, a clash rules it out."""
        if not all(self.belongs(m, x) or self.belongs(x, m) for x in c if x.date):
            return 0
        if not any(self.belongs(m, x) for x in c):
            return 0
        shared = len(set(m.attendees) & {k for x in c for k in x.attendees})
        named = any(distinctive(m.name) and distinctive(m.name) == distinctive(x.name) for x in c)
        return 1 + shared + 2 * named

    def merge(self, ms: list[EventMention]) -> list[list[EventMention]]:
        """Cluster mentions: day-dated first, then period-dated, then undated ones that fit one cluster
        (or, for 'the meeting'/'the call', the nearest cluster before them of a compatible kind)."""
        clusters: list[list[EventMention]] = []
        dated = [m for m in ms if m.date and m.date.granularity == "day"]
        period = [m for m in ms if m.date and m.date.granularity != "day"]

        def place(group, unique=False):
            for m in group:
                scored = sorted(((self.fit(m, c), -i) for i, c in enumerate(clusters)), reverse=True)
                if scored and scored[0][0] > 0 and not (unique and len(scored) > 1 and scored[1][0] == scored[0][0]):
                    clusters[-scored[0][1]].append(m)
                elif not unique or not scored or scored[0][0] == 0:
                    clusters.append([m])
        place(dated)
        for m in sorted((m for m in ms if not m.date), key=lambda m: m.position):
            open_ = [c for c in clusters if self.tense_fits(m, c)]
            home = [c for c in open_ if any(self.belongs(m, x) for x in c)]
            if not home:        # the one event of a compatible kind that two of its people are told at
                who = self.persons if m.kind not in ("Signing", "Visit") else (lambda x: set(x.attendees))
                home = [c for c in open_ if len(who(m) & {k for x in c for k in who(x)}) >= 2
                        and all(compatible(m.kind, x.kind) for x in c)]
            if len(home) == 1:
                home[0].append(m)
            elif not home and m.definite and not distinctive(m.name):
                kin = [c for c in open_ if all(compatible(m.kind, x.kind) for x in c)]
                before = [c for c in kin if any(x.position < m.position for x in c)]
                if before:
                    max(before, key=lambda c: max(x.position for x in c if x.position < m.position)).append(m)
                elif len(kin) == 1:
                    kin[0].append(m)       # "at the ceremony, ..." told before the signing
        joined = {id(m) for c in clusters for m in c}
        for m in sorted((m for m in ms if not m.date and m.location and id(m) not in joined), key=lambda m: m.position):
            home = [c for c in clusters if not any(x.date for x in c) and any(self.belongs(m, x) for x in c)]
            (home[0].append(m) if home else clusters.append([m]))
        place(period, unique=True)     # a week- or month-level mention joins the one event it fits best
        return clusters

    def persons(self, m: EventMention) -> set[str]:
        """The people among a mention's participants."""
        return {k for k in m.attendees if self.types.get(k, k.split(":")[0]) == "Person"}

    def tense_fits(self, m: EventMention, c: list[EventMention]) -> bool:
        """An undated mention told in the past is not of an event still to come, nor one told in the
        future of an event already held."""
        days = [x.date.iso for x in c if x.date and x.date.granularity == "day"]
        if not days or self.ref is None or m.tense is None:
            return True
        d = date.fromisoformat(days[0])
        return not (m.tense == "past" and d > self.ref or m.tense == "future" and d < self.ref)

    def to_event(self, c: list[EventMention]) -> Event:
        """One event from a cluster of mentions: the kind most told, the first day-level date, the most
        specific place, every participant."""
        day = [m.date for m in c if m.date and m.date.granularity == "day"]
        any_date = [m.date for m in c if m.date]
        kinds = [m.kind for m in c]
        kind = max(set(kinds), key=lambda k: (kinds.count(k), k != "Call", k))
        if "Call" in kinds and all(k in ("Call", "Meeting", "Conference") for k in kinds) and any(
                m.kind == "Call" and m.date for m in c):
            kind = "Call"
        locs = [m.location for m in c if m.location]
        loc = max(locs, key=lambda k: (specificity(k, self.types, self.names), -locs.index(k))) if locs else None
        around = {b for a, b in self.known if a == loc} | {k for k in locs if k != loc}
        host = actor_key("Country", gazetteer().capital_of(self.names.get(loc, loc.split(":", 1)[1])) or "") if loc else None
        spans = [(m.sent.start, m.sent.end) for m in c]
        named = {x.key for x in self.mentions if any(a <= x.start < b for a, b in spans)}
        if host in named:
            host = None                # 'Peru and Chile met in Lima': the host state named as a party is one
        att = list(dict.fromkeys(k for m in c for k in m.attendees if k not in (loc, host) and k not in around))
        org = list(dict.fromkeys(k for m in c for k in m.organizers if k != loc))
        names = tuple(dict.fromkeys(m.name for m in c if m.name))
        ev = tuple(dict.fromkeys(m.sent.text.strip() for m in c))
        return Event(kind=kind, names=names, date=(day or any_date or [None])[0], location=loc,
                     attendees=tuple(att), organizers=tuple(org), evidence=ev)
