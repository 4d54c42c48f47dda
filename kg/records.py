"""Small typed records that flow from one pipeline stage to the next (all frozen, all picklable)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One article as read from disk, before cleaning."""
    id: str
    text: str
    source: str                      # file path (and line for .jsonl)
    title: str | None = None
    published: str | None = None     # ISO date if the input says so
    publisher: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Metadata:
    """What the article's own furniture tells about it (dateline, credit lines, source line)."""
    headline: str | None = None
    published: str | None = None       # ISO date, only when fully known
    month_day: tuple[int, int] | None = None   # dateline day without a year
    weekday_hint: int | None = None
    publisher: str | None = None
    dateline: str | None = None        # the dateline's place as printed ('CAMP DAVID, Md.')
    authors: tuple[str, ...] = ()
    contributors: tuple[str, ...] = ()
    url: str | None = None


@dataclass(frozen=True)
class CleanArticle:
    """The article body with page furniture removed, and its metadata."""
    id: str
    source: str
    body: str
    meta: Metadata
    removed: tuple[str, ...] = ()      # lines taken out as furniture (for reports and tests)
    header_day: str | None = None      # a full date printed in the first lines of the body
    dated: bool = False                # the day is stated (record, stamp, source line or dateline with year)


@dataclass(frozen=True)
class Actor:
    """An actor as seen in one article: canonical name, type and every surface form."""
    key: str                          # resolution key: type + folded canonical name
    name: str
    type: str                         # Person, Organization, Country, City, Place
    names: tuple[str, ...] = ()
    within: tuple[str, ...] = ()      # keys of the places the text puts this place in


@dataclass(frozen=True)
class Role:
    """A person's role: 'WHO Director General Ana Ruiz' -> title + organisation key."""
    person: str                       # actor key
    title: str
    org: str | None                   # actor key
    evidence: str
    written: str = ""                 # the title as the text writes it ('Sec-Gen' for 'Secretary General')


@dataclass(frozen=True)
class DateValue:
    """A resolved date mention: ISO date, original words and granularity (day/week/month)."""
    iso: str | None
    text: str
    granularity: str = "day"


# Which kinds of event can be told of one real event: a summit is also a meeting, a call may be
# called a meeting or a conference; visits and press conferences only ever match their own kind.
COMPATIBLE_KINDS = {
    "Meeting": {"Meeting", "Summit", "Conference", "Call"},
    "Summit": {"Meeting", "Summit", "Conference"},
    "Conference": {"Meeting", "Summit", "Conference", "Call"},
    "Call": {"Call", "Meeting", "Conference"},
    "Visit": {"Visit"},
    "PressConference": {"PressConference"},
}


def compatible(a: str, b: str) -> bool:
    """Whether an event of kind B may be the same real event as one told as kind A."""
    return b in COMPATIBLE_KINDS.get(a, {a})


@dataclass(frozen=True)
class Event:
    """A meeting, call, visit or conference mentioned in one article (already merged in-article)."""
    kind: str                         # Meeting, Call, Visit, Conference, PressConference
    names: tuple[str, ...]
    date: DateValue | None
    location: str | None              # actor key of a place
    attendees: tuple[str, ...]        # actor keys
    organizers: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Position:
    """A stance an actor takes, with the sentence that says so."""
    holder: str                       # actor key
    stance: str
    topic: str
    evidence: str
    quote: str | None = None
    targets: tuple[str, ...] = ()     # actor keys the topic names
    date: str | None = None


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article: the unit that is cached and merged."""
    id: str
    source: str
    meta: Metadata
    actors: tuple[Actor, ...] = ()
    roles: tuple[Role, ...] = ()
    events: tuple[Event, ...] = ()
    positions: tuple[Position, ...] = ()
    warnings: tuple[str, ...] = field(default=())
