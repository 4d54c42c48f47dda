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
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from kg.names import fold, initials
from kg.lexicon import table
from kg.extraction.events import distinct_parties, place_within, places_agree, specificity
from kg.records import Actor, ArticleFacts, DateValue, Event, compatible



def capitals_as_written(names: Counter) -> Counter:
    """NAMES with a form in capitals ('OSLO', a dateline) counted for its mixed-case twin ('Oslo')
    where the article has one; acronyms without a twin stay."""
    if not any(n.isupper() for n in names):
        return names
    mixed = {n.lower(): n for n in sorted(names, reverse=True) if not n.isupper()}
    out = Counter()
    for n, c in names.items():
        out[mixed.get(n.lower(), n) if n.isupper() else n] += c
    return out


@dataclass
class MergedActor:
    """An actor across articles: every name with its count, the articles and roles."""
    key: str
    type: str
    names: Counter = field(default_factory=Counter)
    articles: set = field(default_factory=set)
    roles: set = field(default_factory=set)       # (title, org key)
    written: set = field(default_factory=set)     # titles as the texts write them
    within: set = field(default_factory=set)      # keys of the places that contain this one

    @property
    def name(self) -> str:
        """The name to show: a person's fullest, an organisation's acronym where it has one, else the
        commonest (kept until the type or the names change: names only ever gain counts)."""
        state = (self.type, id(self.names), len(self.names), self.names.total())
        if self.__dict__.get("_name_state") != state:
            self.__dict__["_name"], self.__dict__["_name_state"] = self._display_name(), state
        return self.__dict__["_name"]

    def _display_name(self) -> str:
        best = sorted(capitals_as_written(self.names).items(), key=lambda kv: (-kv[1], kv[0].isupper() and len(kv[0]) > 5, -len(kv[0]), kv[0]))
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


def without_initials(name: str) -> str:
    """A person's name without middle initials ('John Q. Public' -> 'John Public')."""
    words = name.split()
    return " ".join([words[0]] + [w for w in words[1:-1] if not re.fullmatch(r"[A-Z]\.?", w)] + words[-1:]) \
        if len(words) > 2 else name


def join_spelling_variants(uf: UnionFind, persons: list[str], seen: dict) -> None:
    """One person under two spellings of a full name (transliterations such as 'Oleksandr Kovalenko' /
    'Oleksandr Kovalenkoy', 'Mikhail' / 'Mihail Petrov', a middle initial or not): full names whose folded forms, middle
    initials aside, differ by one letter (two in names of 14 letters or more). Blocked by first and
    by last word, never all pairs."""
    full = [k for k in persons if len(seen[k].name.split()) > 1]
    folded = {k: fold(without_initials(seen[k].name)) for k in full}
    blocks = defaultdict(list)
    for k in full:
        words = without_initials(seen[k].name).split()
        blocks[("first", fold(words[0]))].append(k)
        blocks[("last", fold(words[-1])[:4])].append(k)
    for keys in blocks.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                fa, fb = folded[a], folded[b]
                limit = 2 if min(len(fa), len(fb)) >= 14 else 1
                if min(len(fa), len(fb)) >= 8 and Levenshtein.distance(fa, fb, score_cutoff=limit) <= limit:
                    uf.union(a, b)


def join_short_names(uf: UnionFind, persons: list[str], seen: dict, facts: list[ArticleFacts]) -> None:
    """A person an article names by one word only (a surname, a family name written first) is the person another article names
    in full with that word as surname (or as family name written first), when the two articles share
    other actors that not every article names; with several such full names, the one whose articles
    share the most. Two people of one surname in unrelated stories stay two."""
    articles_of = defaultdict(set)
    actors_in = defaultdict(set)
    for f in facts:
        for a in f.actors:
            articles_of[a.key].add(f.id)
            actors_in[f.id].add(a.key)
    common = len(facts) >= 10
    df = Counter(uf.find(k) for f in facts for k in {uf.find(a.key) for a in f.actors})
    frequent = {k for k, n in df.items() if common and n > 0.2 * len(facts)}

    def context(key: str) -> set:
        return {uf.find(k) for aid in articles_of[key] for k in actors_in[aid]} - frequent

    by_word = defaultdict(set)
    lasts = set()
    for k in persons:
        words = seen[k].name.split()
        if len(words) > 1:
            by_word[fold(words[-1])].add(k)
            lasts.add(fold(words[-1]))
    for k in persons:
        words = seen[k].name.split()
        if len(words) > 1 and fold(words[0]) not in lasts:
            by_word[fold(words[0])].add(k)
    for k in persons:
        name = seen[k].name
        cands = {uf.find(c) for c in by_word.get(fold(name), ())} - {uf.find(k)} if len(name.split()) == 1 else set()
        if not cands:
            continue
        mine = context(k) - {uf.find(k)}
        shared = sorted(((len(mine & (context(c) - {c})), c) for c in cands), reverse=True)
        if shared[0][0] >= 1 and (len(shared) == 1 or shared[0][0] > shared[1][0]):
            uf.union(shared[0][1], k)


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
            if typ == "Person" and len(n.split()) < 2:
                continue                   # a surname alone is shared by many people: see join_short_names
            by_fold[(typ, fold(without_initials(n) if typ == "Person" else n))].add(key)
    for keys in by_fold.values():
        ks = sorted(keys)
        for k in ks[1:]:
            uf.union(ks[0], k)
    persons = [k for k in seen if k.startswith("Person:")]
    join_spelling_variants(uf, persons, seen)
    join_short_names(uf, persons, seen, facts)
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
    for k in orgs:                         # a region tagged a place in one article, an organisation in another
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
            merged[alias[a.key]].within.update(alias[k] for k in a.within if k in alias and alias[k] != alias[a.key])
        for r in f.roles:
            if r.person in alias:
                merged[alias[r.person]].roles.add((r.title, alias.get(r.org) if r.org else None))
                if r.written and r.written != r.title:
                    merged[alias[r.person]].written.add(r.written)
    return merged, alias


class EventMerge:
    """Events of all articles merged: the same real event is the same day, a compatible kind, places
    that can be one (a city in its country, a venue whose city no one states) and a shared participant
    or name; two meetings of one day with other principals stay apart."""

    def __init__(self, alias: dict, actors: dict | None = None):
        actors = actors or {}
        self.alias = alias
        self.types = {k: a.type for k, a in actors.items()}
        self.names = {k: a.name for k, a in actors.items()}
        self.orgs = {k: {o for _, o in a.roles if o} for k, a in actors.items()}
        self.parts: dict[int, list] = {}     # merged event -> the participants of each event it holds

    def loc(self, e: Event) -> str | None:
        """An article event's place as a merged key."""
        return self.alias.get(e.location) if e.location else None

    def places_agree(self, a: str | None, b: str | None) -> bool:
        """Whether two places can be one event's place."""
        return places_agree(a, b, self.types, self.names)

    def same_place(self, a: str | None, b: str | None) -> bool:
        """The same place, or one known to lie in the other (a city in its country)."""
        return bool(a and b) and (a == b or place_within(a, b, self.types, self.names)
                                  or place_within(b, a, self.types, self.names))

    def distinct(self, a, b, one_place: bool = False) -> bool:
        """Other principals on the same day (events.distinct_parties)."""
        return distinct_parties(a, b, self.types, self.names, one_place)

    def same_event(self, a: MergedEvent, b: Event) -> bool:
        """Whether article event B is the merged event A (both of one day)."""
        if not compatible(a.kind, b.kind) and not compatible(b.kind, a.kind):
            return False
        bl = self.loc(b)
        if not self.places_agree(a.location, bl):
            return False
        b_att = [self.alias.get(k, k) for k in b.attendees]
        names = {fold(n) for n in a.names} & {fold(n) for n in b.names}
        named = bool(names - {"meeting", "talks", "call", "visit", "summit", "meet", "trip", "signing", "sign",
                              "ceremony", "dinner", "welcome", "session"})
        one_place = bool(bl) and a.location == bl
        if not named and any(self.distinct(part, b_att, one_place) for part in self.parts.get(id(a), [a.attendees])):
            return False
        if self.same_place(a.location, bl):
            return True
        widen = lambda keys: set(keys) | {o for k in keys for o in self.orgs.get(k, ())}
        shared = widen(a.attendees) & widen(b_att)
        bare = (not a.attendees and not a.location) or (not b.attendees and not bl)
        return bool(shared) or named or bare

    def absorb(self, m: MergedEvent, e: Event, aid: str) -> None:
        """Add an article's event to a merged one: names, the most specific place, participants, evidence."""
        _absorb(m, e, aid, self.alias)
        self.parts.setdefault(id(m), []).append([self.alias.get(k, k) for k in e.attendees])
        loc = self.loc(e)
        if loc and m.location and loc != m.location and \
                specificity(loc, self.types, self.names) > specificity(m.location, self.types, self.names) and \
                self.places_agree(loc, m.location):
            m.location = loc

    def countries_of_people(self, m: MergedEvent) -> None:
        """A person taking part brings the state they serve ('the Chilean president met X': Chile takes part)."""
        for k in list(m.attendees):
            if self.types.get(k) == "Person":
                for o in sorted(self.orgs.get(k, ())):
                    if self.types.get(o) == "Country" and o not in m.attendees and o != m.location:
                        m.attendees.append(o)


def merge_events(facts: list[ArticleFacts], alias: dict, actors: dict | None = None) -> list[MergedEvent]:
    """Events of all articles: blocked by day, merged when kind, place and participants agree
    (a person counts for the organisation they serve); undated and period-dated mentions join the one
    dated event that shares their place or two of their people."""
    em = EventMerge(alias, actors)
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
            home = next((m for m in by_day[e.date.iso] if f.id not in m.articles and em.same_event(m, e)), None)
            if home is None:
                home = MergedEvent(kind=e.kind, names=[], date=e.date, location=None, attendees=[], organizers=[],
                                   evidence={}, articles=set())
                by_day[e.date.iso].append(home)
            em.absorb(home, e, f.id)
    out = [m for day in sorted(by_day) for m in by_day[day]]
    dated = list(out)
    kept_undated: list[MergedEvent] = []
    kin = lambda m, e: compatible(m.kind, e.kind) or compatible(e.kind, m.kind)
    for aid, e in undated:
        # an undated mention joins the one dated event of its kind held at its place (or told with two of
        # its people); one that joins none stays an undated event when it names who took part, else it
        # is left out
        loc = em.loc(e)
        who = {alias[k] for k in e.attendees if k in alias} - {loc}
        people = {k for k in who if em.types.get(k) == "Person"}
        cands = [m for m in dated if loc and kin(m, e) and em.same_place(m.location, loc)
                 and not em.distinct(m.attendees, who, m.location == loc)]
        if not cands and not loc:
            cands = [m for m in dated if kin(m, e) and len(people & set(m.attendees)) >= 2]
        if len(cands) == 1:
            em.absorb(cands[0], e, aid)
            continue
        if cands or not (loc and who):
            continue
        home = next((m for m in kept_undated if m.location == loc and compatible(m.kind, e.kind)
                     and who & set(m.attendees)), None)
        if home is None:
            home = MergedEvent(kind=e.kind, names=[], date=None, location=None, attendees=[], organizers=[],
                               evidence={}, articles=set())
            kept_undated.append(home)
        em.absorb(home, e, aid)
    out += kept_undated
    for aid, e in periods:
        loc = em.loc(e)
        cands = [m for m in dated if loc and em.same_place(m.location, loc) and compatible(m.kind, e.kind)
                 and e.date and e.date.iso and _within(m.date.iso, e.date)]
        if len(cands) == 1:       # a week- or month-level mention that no dated event takes is left out
            em.absorb(cands[0], e, aid)
    for m in out:
        em.countries_of_people(m)
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


@lru_cache(maxsize=65536)
def topic_words(text: str) -> frozenset[str]:
    """The head words of a topic, normalised: its first content words, without inflection, for telling
    whether two positions state the same thing."""
    words = [w for w in re.findall(r"[a-z][a-z\-]{2,}", text.lower()) if w not in TOPIC_STOPWORDS]
    return frozenset(stem(w) for w in words[:HEAD_WORDS])


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
