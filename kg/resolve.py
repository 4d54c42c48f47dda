"""Merge per-article facts into one graph's worth: one node per real actor, event and position.

Actors merge by name (a surname joins the unique full name, an acronym the name it abbreviates);
events by date, kind, place and participants (never by name alone); positions by holder, stance
and topic. Blocking keys keep every step linear in the number of articles.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from kg.names import fold, initials
from kg.lexicon import table
from kg.records import Actor, ArticleFacts, DateValue, Event, compatible



@dataclass
class MergedActor:
    """An actor across articles: every name with its count, the articles and roles."""
    key: str
    type: str
    names: Counter = field(default_factory=Counter)
    articles: set = field(default_factory=set)
    roles: set = field(default_factory=set)       # (title, org key)

    @property
    def name(self) -> str:
        """The name to show: a person's fullest, an organisation's acronym where it has one, else the commonest."""
        best = sorted(self.names.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
        if self.type == "Person":
            full = [n for n, _ in best if len(n.split()) > 1]
            return full[0] if full else best[0][0]
        if self.type == "Organization":
            long = [n for n, _ in best if len(n.split()) > 1 and initials(n) in self.names]
            short = [n for n, _ in best if n.isupper() and len(n) <= 8]
            if short and long:
                return short[0]
        return best[0][0]

    @property
    def ident(self) -> str:
        """The stable name an IRI is made from: for organisations with an acronym, the acronym."""
        if self.type == "Organization":
            short = sorted(n for n in self.names if n.isupper() and any(initials(m) == n for m in self.names))
            if short:
                return short[0]
        if self.type == "Person":
            return max((n for n in self.names), key=lambda n: (len(n.split()), len(n), n))
        return self.name


@dataclass
class MergedEvent:
    """An event across articles, with every sentence that tells it and the articles they are from."""
    kind: str
    names: list
    date: DateValue | None
    location: str | None
    attendees: list
    organizers: list
    evidence: dict            # sentence -> article ids
    articles: set


@dataclass
class MergedPosition:
    """A position across articles: holder, stance, topic and all its evidence."""
    holder: str
    stance: str
    topic: str
    quote: str | None
    targets: list
    evidence: dict            # sentence -> article ids
    articles: set
    words: set
    dates: set = field(default_factory=set)
    events: list = field(default_factory=list)   # MergedEvents whose sentences state it


@dataclass
class Merged:
    """The facts of all articles merged: actors by key, events, positions, and article keys to final keys."""
    actors: dict              # final key -> MergedActor
    events: list
    positions: list
    articles: list            # ArticleFacts
    alias: dict               # article-level key -> final key


class UnionFind:
    """Disjoint sets of keys (path-halving union-find) for merging actors."""
    def __init__(self):
        self.parent = {}

    def find(self, x):
        """The representative of X's set."""
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        """Join the sets of A and B (the smaller key represents them)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def merge_actors(facts: list[ArticleFacts]) -> tuple[dict, dict]:
    """One actor per real actor across articles: by folded name, surname, other names and acronyms (blocking keys, never all pairs)."""
    uf = UnionFind()
    seen: dict[str, Actor] = {}
    names: dict[str, Counter] = defaultdict(Counter)
    for f in facts:
        for a in f.actors:
            uf.find(a.key)
            seen.setdefault(a.key, a)
            for n in a.names:
                names[a.key][n] += 1
    # blocking: by folded name (all types of a group), by surname, by acronym
    by_fold = defaultdict(set)
    for key in seen:
        typ = key.split(":")[0]
        for n in names[key]:
            by_fold[(typ, fold(n))].add(key)
    for keys in by_fold.values():
        ks = sorted(keys)
        for k in ks[1:]:
            uf.union(ks[0], k)
    persons = [k for k in seen if k.startswith("Person:")]
    full_by_surname = defaultdict(set)
    for k in persons:
        n = seen[k].name
        if len(n.split()) > 1:
            full_by_surname[fold(n.split()[-1])].add(uf.find(k))
    for k in persons:
        n = seen[k].name
        if len(n.split()) == 1 and len(full_by_surname.get(fold(n), ())) == 1:
            uf.union(next(iter(full_by_surname[fold(n)])), k)
    orgs = [k for k in seen if k.startswith("Organization:")]
    by_alias = defaultdict(set)            # well-known other names of international organisations
    aliases = {fold(k): fold(v) for k, v in table("org_aliases.tsv").items()}
    for k in orgs:
        for n in names[k]:
            by_alias[aliases.get(fold(n), fold(n))].add(k)
    for keys in by_alias.values():
        ks = sorted(keys)
        for k in ks[1:]:
            uf.union(ks[0], k)
    places = {k.split(":", 1)[1]: k for k in seen if k.startswith(("Place:", "Country:"))}
    for k in orgs:                         # 'Crimea' tagged a place in one article, an organisation in another
        if k.split(":", 1)[1] in places and not seen[k].name.isupper():
            uf.union(places[k.split(":", 1)[1]], k)
    by_acr = defaultdict(set)
    for k in orgs:
        for n in names[k]:
            if len(n.split()) > 1:
                by_acr[initials(n)].add(k)
    for k in orgs:
        for n in names[k]:
            if n.isupper() and 2 <= len(n) <= 8 and n in by_acr:
                for other in by_acr[n]:
                    uf.union(k, other)
    merged: dict[str, MergedActor] = {}
    alias = {}
    for key in seen:
        root = uf.find(key)
        alias[key] = root
        m = merged.setdefault(root, MergedActor(key=root, type=seen[root].type))
        if seen[key].type == "City":
            m.type = "City" if m.type in ("City", "Place", "Organization") else m.type
        elif seen[key].type in ("Place", "Country") and m.type == "Organization":
            m.type = seen[key].type
        m.names.update(names[key])
    for f in facts:
        for a in f.actors:
            merged[alias[a.key]].articles.add(f.id)
        for r in f.roles:
            if r.person in alias:
                merged[alias[r.person]].roles.add((r.title, alias.get(r.org) if r.org else None))
    return merged, alias


def _same_event(a: MergedEvent, b: Event, alias: dict, orgs: dict | None = None) -> bool:
    if not compatible(a.kind, b.kind) and not compatible(b.kind, a.kind):
        return False
    bl = alias.get(b.location) if b.location else None
    if a.location and bl and a.location != bl:
        return False
    if a.location and a.location == bl:
        return True
    orgs = orgs or {}
    widen = lambda keys: set(keys) | {o for k in keys for o in orgs.get(k, ())}
    shared = widen(a.attendees) & widen(alias.get(k, k) for k in b.attendees)
    names = {fold(n) for n in a.names} & {fold(n) for n in b.names}
    bare = (not a.attendees and not a.location) or (not b.attendees and not bl)
    return bool(shared) or bool(names - {"meeting", "talks", "call"}) or bare


def merge_events(facts: list[ArticleFacts], alias: dict, actors: dict | None = None) -> list[MergedEvent]:
    """Events of all articles: blocked by day, merged when kind, place and participants agree
    (a person counts for the organisation they serve)."""
    orgs = {k: {o for _, o in a.roles if o} for k, a in (actors or {}).items()}
    by_day: dict[str, list[MergedEvent]] = defaultdict(list)
    periods = []
    undated = []
    for f in facts:
        for e in f.events:
            if e.date is None:
                undated.append((f.id, e))
                continue
            if e.date.granularity != "day":
                periods.append((f.id, e))
                continue
            home = next((m for m in by_day[e.date.iso] if _same_event(m, e, alias, orgs)), None)
            if home is None:
                home = MergedEvent(kind=e.kind, names=[], date=e.date, location=None, attendees=[], organizers=[],
                                   evidence={}, articles=set())
                by_day[e.date.iso].append(home)
            _absorb(home, e, f.id, alias)
    out = [m for day in sorted(by_day) for m in by_day[day]]
    dated = list(out)
    kept_undated: list[MergedEvent] = []
    for aid, e in undated:
        # an undated mention with a place joins the one dated event of its kind held there; one that
        # joins none stays an undated event when it names who took part, else it is left out
        loc = alias.get(e.location) if e.location else None
        cands = [m for m in dated if loc and m.location == loc and (compatible(m.kind, e.kind) or compatible(e.kind, m.kind))]
        if len(cands) == 1:
            _absorb(cands[0], e, aid, alias)
            continue
        who = {alias[k] for k in e.attendees if k in alias} - {loc}
        if cands or not (loc and who):
            continue
        home = next((m for m in kept_undated if m.location == loc and compatible(m.kind, e.kind)
                     and who & set(m.attendees)), None)
        if home is None:
            home = MergedEvent(kind=e.kind, names=[], date=None, location=None, attendees=[], organizers=[],
                               evidence={}, articles=set())
            kept_undated.append(home)
        _absorb(home, e, aid, alias)
    out += kept_undated
    for aid, e in periods:
        loc = alias.get(e.location) if e.location else None
        cands = [m for m in dated if loc and m.location == loc and compatible(m.kind, e.kind) and e.date and e.date.iso
                 and _within(m.date.iso, e.date)]
        if len(cands) == 1:       # a week- or month-level mention that no dated event takes is left out
            _absorb(cands[0], e, aid, alias)
    return out


def _within(day_iso: str, period: DateValue) -> bool:
    d, p = date.fromisoformat(day_iso), date.fromisoformat(period.iso)
    if period.granularity == "week":
        return 0 <= (d - p).days < 7
    return day_iso[:7] == period.iso[:7]


def _absorb(m: MergedEvent, e: Event, aid: str, alias: dict) -> None:
    m.names += [n for n in e.names if n not in m.names]
    m.location = m.location or (alias.get(e.location) if e.location else None)
    m.attendees += [alias[k] for k in e.attendees if k in alias and alias[k] not in m.attendees]
    m.organizers += [alias[k] for k in e.organizers if k in alias and alias[k] not in m.organizers]
    for s in e.evidence:
        m.evidence.setdefault(s, set()).add(aid)
    m.articles.add(aid)
    if e.kind == "Call" and m.kind != "Call" and compatible(m.kind, "Call"):
        m.kind = "Call"


TOPIC_STOPWORDS = {"that", "with", "from", "this", "these", "those", "will", "would", "their", "they", "have", "has",
                   "had", "which", "what", "about", "into", "over", "been", "were", "was", "are", "the", "and", "for",
                   "not", "but", "its", "his", "her", "our", "all", "any", "also", "said", "says", "can", "could",
                   "should", "must", "there", "here", "when", "then", "than", "them", "who", "whom", "other"}
HEAD_WORDS = 12


def stem(word: str) -> str:
    """A word without its inflection ('talks' -> 'talk', 'agreed' -> 'agre'), for comparing topics."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def topic_words(text: str) -> set[str]:
    """The head words of a topic, normalised: its first content words, without inflection, for telling
    whether two positions state the same thing."""
    words = [w for w in re.findall(r"[a-z][a-z\-]{2,}", text.lower()) if w not in TOPIC_STOPWORDS]
    return {stem(w) for w in words[:HEAD_WORDS]}


def same_topic(a: set[str], b: set[str]) -> bool:
    """Whether two topics' head words say the same: most of the shorter one's words are in the other."""
    shared = len(a & b)
    return shared >= min(2, len(a), len(b)) and shared / max(1, min(len(a), len(b))) >= 0.6


def merge_positions(facts: list[ArticleFacts], alias: dict) -> list[MergedPosition]:
    """Same holder, same stance and the same topic by its normalised head words, in one sentence or
    many articles: one position with all its evidence and sources."""
    blocks: dict[tuple, list[MergedPosition]] = defaultdict(list)
    out = []
    for f in facts:
        for p in f.positions:
            holder = alias.get(p.holder)
            if holder is None:
                continue
            words = topic_words(p.topic)
            home = next((m for m in blocks[(holder, p.stance)] if words and same_topic(words, m.words)), None)
            if home is None:
                home = MergedPosition(holder=holder, stance=p.stance, topic=p.topic, quote=p.quote, targets=[],
                                      evidence={}, articles=set(), words=set(words))
                blocks[(holder, p.stance)].append(home)
                out.append(home)
            if p.quote and len(p.quote) > len(home.quote or ""):
                home.quote = p.quote         # the fullest quotation of the statement
            home.targets += [alias[k] for k in p.targets if k in alias and alias[k] not in home.targets]
            home.evidence.setdefault(p.evidence, set()).add(f.id)
            home.articles.add(f.id)
            if p.date:
                home.dates.add(p.date)
    return out


def link_positions_to_events(positions: list[MergedPosition], events: list[MergedEvent]) -> None:
    """A position stated in a sentence that also tells an event ('at the summit, the minister said…')
    is linked to that event."""
    told = {}
    for e in events:
        for sentence, aids in e.evidence.items():
            for aid in aids:
                told.setdefault((aid, sentence), []).append(e)
    for p in positions:
        for sentence, aids in p.evidence.items():
            for aid in aids:
                for e in told.get((aid, sentence), ()):
                    if e not in p.events:
                        p.events.append(e)


def merge(facts: list[ArticleFacts]) -> Merged:
    """The facts of several articles merged into one node per real actor, event and position."""
    facts = sorted(facts, key=lambda f: f.id)
    actors, alias = merge_actors(facts)
    events, positions = merge_events(facts, alias, actors), merge_positions(facts, alias)
    link_positions_to_events(positions, events)
    return Merged(actors=actors, events=events, positions=positions, articles=facts, alias=alias)
