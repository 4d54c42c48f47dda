"""Meetings, calls, visits and conferences: who, where and when, read from the event's own clause.

Triggers are nouns ('talks', 'a video call', 'the NATO-Russia Council meeting') and verbs ('met',
'visited', 'welcomes'). Each mention takes the dates, places and actors of its own clause; mentions
of one article that share date, place or name are merged into one event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from kg import dates
from kg.extraction.actors import ActorIndex, actor_key, state_of
from kg.extraction.syntax import governing_verb, subjects, tense
from kg.geo import gazetteer
from kg.names import fold
from kg.lexicon import table, word_set
from kg.records import DateValue, Event, compatible

PLACE_TYPES = ("City", "Place", "Country")
PLACE_PREPS = {"in", "at"}
CALL_COMPOUNDS = {"phone", "video", "telephone", "conference", "virtual", "zoom"}
CALL_PREPS = {"on", "in", "during"}
CALL_VERBS = {"chair", "hold", "have", "join", "host"}
VERB_NAMES = {"meet", "visit", "welcome", "host", "speak", "talk"}
GENERIC_NAME_WORDS = {"first", "further", "future", "other", "high-level", "two", "both", "meeting", "meetings", "talks", "talk", "call", "visit", "trip", "session", "the", "a", "an",
                      "this", "that", "negotiations", "conference", "its", "his", "her", "their"}


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


def trigger_kind(tok: Token) -> str | None:
    """The event kind a token names, or None ('call' only as a call, not as 'a call for restraint')."""
    if tok.pos_ in ("NOUN", "PROPN"):
        kind = table("event_nouns.tsv").get(tok.lower_) or table("event_nouns.tsv").get(tok.lemma_.lower())
        if kind is None:
            return None
        comps = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
        if tok.lemma_.lower() == "conference" and comps & {"news", "press"}:
            return "PressConference"
        if tok.lemma_.lower() == "conference" and comps & {"video", "tele"}:
            return "Call"
        if tok.lemma_.lower() == "call":
            if any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
                return None               # "a call for restraint"
            ok = bool(comps & CALL_COMPOUNDS) or (tok.dep_ == "pobj" and tok.head.lower_ in CALL_PREPS) \
                or (tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_ in CALL_VERBS)
            return kind if ok else None
        if tok.lemma_.lower() == "council":
            return kind if tok.text[:1].isupper() else None
        return kind
    if tok.pos_ == "VERB":
        kind = table("event_verbs.tsv").get(tok.lemma_.lower())
        if kind == "Call":
            with_ = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "to")]
            return kind if with_ else None
        return kind
    return None


def name_of(tok: Token, doc: Doc) -> str:
    """The event's name as written: the trigger with its compounds and adjectives ('bilateral security talks')."""
    if tok.ent_type_ == "ORG":
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            return re.sub(r"^the\s+", "", ent.text, flags=re.I)
    if tok.pos_ == "VERB":
        return tok.lemma_
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod") and c.ent_type_ != "DATE"]
    start = min([tok.i] + [min(t.i for t in c.subtree) for c in left])
    words = [t for t in doc[start:tok.i + 1] if t.ent_type_ != "DATE" and t.dep_ not in ("det", "poss", "case")]
    return " ".join(t.text for t in words).replace(" - ", "-").replace(" -", "-")


class EventReader:
    """Reads the event mentions of one parsed article."""

    def __init__(self, doc: Doc, idx: ActorIndex, ref: date | None, year_hint: int | None):
        self.doc, self.idx, self.ref, self.year_hint = doc, idx, ref, year_hint
        self.gz = gazetteer()
        ents = list(doc.ents)
        self.ents_by_token = {i: e for e in ents for i in range(e.start, e.end)}
        self.date_ents = [e for e in ents if e.label_ == "DATE"]
        self.by_sentence = [(sent, self.sentence_triggers(sent)) for sent in doc.sents]
        self.triggers = sorted(t.i for _, ts in self.by_sentence for t in ts)

    # --- attributes -------------------------------------------------------------------------------
    def resolve_date(self, ent: Span, verb: Token | None) -> DateValue | None:
        """A DATE entity resolved against the article's day, in the direction of VERB's tense."""
        return dates.resolve(ent.text, self.ref, tense(verb) if verb is not None else None, self.year_hint)

    def date_in(self, toks: list[Token], verb: Token | None, owner: Token | None = None) -> DateValue | None:
        """The first date among TOKS (day-level first); dates owned by a later trigger, durations and 'since' are skipped."""
        found = []
        for t in toks:
            e = self.ents_by_token.get(t.i)
            if e is not None and e.label_ == "DATE" and t.i == e.start:
                if owner is not None and (near := self.nearest_trigger_before(e.start)) is not None and near != owner.i \
                        and near > owner.i:
                    continue            # "held a video call ahead of the talks in Geneva on Monday": the talks' date
                if re.search(r"\b(days?|weeks?|months?|years?)\s+(after|before|later|earlier|ago)\b", e.text, re.I) \
                        and not re.search(r"\b(next|last|this)\b", e.text, re.I):
                    continue
                prev = self.doc[e.start - 1].lower_ if e.start else ""
                if prev == "since" or (prev == "for" and not re.search(
                        r"\b(next|last|this|coming|\w+day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", e.text, re.I)):
                    continue
                v = self.resolve_date(e, verb)
                if v is not None:
                    found.append(v)
        day = [v for v in found if v.granularity == "day"]
        return (day or found or [None])[0]

    def owned(self, toks: list[Token], owner: Token) -> list[Token]:
        """Tokens whose nearest trigger to the left is OWNER (or none)."""
        return [x for x in toks if (n := self.nearest_trigger_before(x.i)) is None or n <= owner.i]

    def date_ahead(self, toks: list[Token]) -> DateValue | None:
        """Dates of an event told as coming ('ahead of the talks on Monday') look forward."""
        for t in toks:
            e = self.ents_by_token.get(t.i)
            if e is not None and e.label_ == "DATE" and t.i == e.start:
                got = dates.resolve(e.text, self.ref, "future", self.year_hint)
                if got is not None:
                    return got
        return None

    def places_in(self, toks: list[Token], trigger: Token | None = None) -> list[str]:
        """Cities among TOKS that are told as where ('in Geneva', 'Geneva talks', 'Vienna-based')."""
        out = []
        for t in toks:
            key = self.idx.at(t)
            if key and self.idx.actors[key].type == "City":
                prep = self._prep_of(t)
                based = t.i + 2 < len(self.doc) and self.doc[t.i + 1].text == "-" and self.doc[t.i + 2].lower_ == "based"
                if prep in PLACE_PREPS or based or (t.dep_ == "compound" and (trigger is not None and t.head.i == trigger.i)):
                    out.append(key)
        return list(dict.fromkeys(out))

    def _prep_of(self, t: Token) -> str | None:
        head = t
        while head.dep_ in ("compound", "flat", "appos", "conj") and head.head.i != head.i:
            head = head.head
        if head.dep_ == "pobj":
            return head.head.lower_
        return None

    def actors_in(self, toks: list[Token], exclude: set[str]) -> list[str]:
        """Actors named among TOKS (capitals standing for their state), except EXCLUDE."""
        out = []
        for key in self.idx.in_span(toks):
            if key in exclude:
                continue
            out.append(self.as_participant(key))
        return list(dict.fromkeys(out))

    def as_participant(self, key: str) -> str:
        """A capital named as a participant stands for its state ('meetings with Moscow')."""
        return state_of(self.idx.actors, key)

    def split_pairs(self, name: str) -> list[str]:
        """'NATO-Russia', 'US-Russia': hyphenated names of two actors are both participants."""
        out = []
        for part in re.findall(r"[\w.]+(?:-[\w.]+)+", name):
            bits = part.split("-")
            keys = [self._key_by_name(b) for b in bits]
            if len(bits) >= 2 and all(keys):
                out += keys
        return out

    def _key_by_name(self, text: str) -> str | None:
        f = fold(text)
        for a in self.idx.actors.values():
            if a.type != "Person" and any(fold(n) == f for n in a.names):
                return self.as_participant(a.key)
        c = self.gz.country(text)
        return actor_key("Country", c) if c and actor_key("Country", c) in self.idx.actors else None

    # --- mentions ---------------------------------------------------------------------------------
    def sentence_triggers(self, sent: Span) -> list[Token]:
        """The tokens of a sentence that name an event ('the NATO-Russia Council meeting' counts once)."""
        triggers = [t for t in sent if trigger_kind(t)]
        if any(t.lemma_.lower() == "council" for t in triggers):
            triggers = [t for t in triggers if not (t.lemma_.lower() == "council" and t.i + 1 < len(self.doc)
                                                    and trigger_kind(self.doc[t.i + 1]))]
        return triggers

    def mentions(self) -> list[EventMention]:
        """Every event mention of the article, each read from its own clause."""
        out = []
        for sent, triggers in self.by_sentence:
            stop = {t.i for t in triggers}
            for t in triggers:
                m = self.read(t, sent, stop)
                if m is not None:
                    if m.date is None:
                        m.date = self.date_after(t, sent)
                    out.append(m)
        return out

    def nearest_trigger_before(self, i: int) -> int | None:
        """The last event trigger before token I."""
        before = [x for x in self.triggers if x < i]
        return before[-1] if before else None

    def date_after(self, t: Token, sent: Span) -> DateValue | None:
        """When the parse attaches a date elsewhere: a day-level date right after the trigger, with no
        other trigger between and not the date of a reporting verb ('..., Interfax reported Monday')."""
        for e in self.date_ents:
            if e.start <= t.i or e.start > t.i + 12 or e.end > sent.end:
                continue
            if self.nearest_trigger_before(e.start) != t.i:
                return None
            v = governing_verb(e.root)
            if v.lemma_ in REPORT_VERBS:
                continue
            got = self.resolve_date(e, v)
            if got is not None and got.granularity == "day":
                return got
        return None

    def read(self, t: Token, sent: Span, stop: set[int]) -> EventMention | None:
        """One event mention: its kind and name, then when, where and who from its own clause."""
        kind = trigger_kind(t)
        is_verb = t.pos_ == "VERB"
        verb = t if is_verb else governing_verb(t)
        if is_verb and kind == "Meeting" and t.lemma_ in ("welcome", "host"):
            objs = [c for c in t.children if c.dep_ == "dobj"]
            if not any(self.idx.in_span(list(o.subtree)) for o in objs):
                return None                 # "welcomed the prospect": no one was welcomed
        m = EventMention(kind=kind, name=name_of(t, self.doc), sent=sent)
        own_near = local_tokens(t, stop, NEAR_DEPS) if not is_verb else []
        own_wide = local_tokens(t, stop, NEAR_DEPS | ACTOR_DEPS) if not is_verb else []
        clause = local_tokens(verb, stop | {t.i}, CLAUSE_DEPS) if (is_verb or verb.i != t.i) else []
        m.date = self.when(t, verb, own_near, clause)
        m.location = self.where(t, verb, kind, own_near, own_wide, clause)
        if t.lemma_.lower() == "council" and m.date is None and m.location is None:
            return None                     # a council named as a body, not as a session
        self.who(m, t, verb, own_wide, stop)
        m.definite = (not is_verb) and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children)
        m.position = t.i
        return m

    def when(self, t: Token, verb: Token, own_near: list[Token], clause: list[Token]) -> DateValue | None:
        """The trigger's own date first, then its clause's; an event told as coming looks forward."""
        own_verb = verb if t.head.i == verb.i else None      # "ahead of the talks on Monday": no tense of its own
        ahead = t.dep_ == "pobj" and (t.head.lower_ == "before" or
                                      (t.head.lower_ == "of" and t.head.head.lower_ in ("ahead", "prior")))
        if ahead:
            return self.date_ahead(own_near) or self.date_ahead(self.owned(clause, t))
        return self.date_in(own_near, own_verb) or self.date_in(clause, verb, owner=t)

    def where(self, t: Token, verb: Token, kind: str, own_near, own_wide, clause) -> str | None:
        """A city in the trigger's own phrase ('talks in Geneva', 'Geneva talks', 'Vienna-based'), else in
        its clause; a visit may be to a country ('visited Ukraine')."""
        args = [x for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") for x in c.subtree] \
            if t.pos_ == "VERB" else []       # 'met Grushko in Brussels': the parser often hangs the place on the object
        locs = self.places_in(own_near + compounds_of(t), t) or self.places_in(clause) or \
            [k for k in self.places_in(own_wide, t) if self.idx.actors[k].type == "City"][:1] or self.places_in(args)
        if kind == "Visit" and not locs:
            objs = [c for c in verb.children if c.dep_ == "dobj"] + \
                   [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "in") for g in c.children if g.dep_ == "pobj"]
            for o in objs:
                own_ent = [o] + [c for c in o.children if c.dep_ in ("compound", "poss")]
                keys = [k for k in self.idx.in_span(own_ent) if self.idx.actors[k].type in ("City", "Country")]
                if keys:
                    return keys[0]
        return locs[0] if locs else None

    def who(self, m: EventMention, t: Token, verb: Token, own_wide: list[Token], stop: set[int]) -> None:
        """Attendees and organisers: actors of the trigger's phrase, the verb's subject when it holds,
        attends or convenes the event, its objects for 'meet'/'welcome', and 'who chaired the call'."""
        exclude = {m.location} if m.location else set()
        exclude |= {k for k in self.idx.in_span(compounds_of(t)) if self.idx.actors[k].type == "City"}
        parts = self.actors_in(own_wide, exclude) + self.split_pairs(m.name)
        lemma = verb.lemma_.lower()
        subj_keys = self.actors_in([x for s_ in subjects(verb) for x in s_.subtree if x.i not in stop], exclude)
        organizer_verbs, attend_verbs = word_set("organizer_verbs.txt"), word_set("attend_verbs.txt")
        if t.pos_ == "VERB":
            objs = [x for c in t.children if c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("with", "to"))
                    for x in c.subtree if x.ent_type_ != "DATE"]
            parts += subj_keys + [k for k in self.actors_in(objs, exclude)
                                  if not (m.kind == "Visit" and self.idx.type_of(k) in PLACE_TYPES)]
        else:
            role = t.dep_
            attached = role == "pobj" and t.head.head.i == verb.i
            if role in ("dobj", "nsubjpass") or attached:
                if lemma in organizer_verbs and role != "pobj":
                    m.organizers += subj_keys
                if lemma in attend_verbs or lemma in PARTICIPATE_VERBS:
                    parts += subj_keys
            if attached and t.head.lower_ == "for" and lemma in TRAVEL_VERBS:
                parts += subj_keys          # "Borrell is in Ukraine for a two-day visit"
            if attached and t.head.lower_ in ("at", "in", "during", "on"):
                # "In a phone call Sunday, Biden told Zelenskiy", "reaffirmed ... at today's session"
                parts += subj_keys
                if lemma in TELL_VERBS:
                    parts += self.actors_in([x for c in verb.children if c.dep_ in ("dobj", "dative") for x in c.subtree], exclude)
            agent = [x for c in verb.children if c.dep_ == "agent" for x in c.subtree]
            if agent and lemma in organizer_verbs:
                m.organizers += self.actors_in(agent, exclude)      # "a meeting announced by Stoltenberg"
            if verb.dep_ == "relcl" and role == "dobj":
                if lemma in organizer_verbs:
                    m.organizers += self.actors_in([verb.head], exclude)   # "Stoltenberg, who chaired the call"
                if lemma in attend_verbs:
                    parts += self.actors_in([verb.head], exclude)          # "Sherman, who attended the meeting"
        m.organizers = list(dict.fromkeys(m.organizers))
        m.attendees = [k for k in dict.fromkeys(parts + m.organizers) if self.idx.type_of(k) not in ("City", "Place")]


NEAR_DEPS = {"compound", "amod", "prep", "pobj", "npadvmod", "poss", "nmod", "appos", "nummod", "case", "det", "conj", "cc"}
ACTOR_DEPS = {"acl", "dobj", "pcomp"}
CLAUSE_DEPS = {"prep", "pobj", "npadvmod", "advmod", "obl", "nmod", "compound", "amod", "poss", "case", "det", "tmod"}
REPORT_VERBS = {"say", "report", "announce", "tell", "state", "add", "confirm"}
TRAVEL_VERBS = {"be", "travel", "fly", "arrive", "go", "head", "leave", "come"}
PARTICIPATE_VERBS = {"hold", "begin", "have", "host", "chair", "conduct", "resume", "continue", "start"}
TELL_VERBS = {"tell", "assure", "inform", "urge", "warn", "brief", "discuss"}


def local_tokens(root: Token, stop: set[int], deps: set[str]) -> list[Token]:
    """Tokens reachable from ROOT through the given dependency labels only, not entering other triggers."""
    out, todo = [], [root]
    while todo:
        t = todo.pop()
        if t.i != root.i:
            if t.i in stop or t.dep_ not in deps:
                continue
            out.append(t)
        todo.extend(t.children)
    return sorted(out, key=lambda x: x.i)


def compounds_of(t: Token) -> list[Token]:
    """'Geneva talks', 'Brussels talks': a place named in the trigger's own compound."""
    return [x for c in t.children if c.dep_ == "compound" for x in c.subtree]


def distinctive(name: str) -> str:
    """The words of an event name that tell it apart from other events ('NATO-Russia Council')."""
    if name.islower() and " " not in name and name in VERB_NAMES:
        return ""
    return " ".join(w for w in name.lower().split() if w not in GENERIC_NAME_WORDS)


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


def belongs(m: EventMention, e: Mention) -> bool:
    """Whether mention M tells the same event as E (both of one article)."""
    if not compatible(m.kind, e.kind):
        return False
    st = same_time(m.date, e.date)
    if st is False:
        return False
    if m.location and e.location and m.location != e.location:
        return False
    shared_place = bool(m.location and m.location == e.location)
    dm, de = distinctive(m.name), distinctive(e.name)
    shared_name = bool(dm and de and (dm in de or de in dm))
    shared_people = bool(set(m.attendees) & set(e.attendees))
    if st:
        return shared_place or shared_name or shared_people or not (m.location and e.location)
    persons = {k for k in set(m.attendees) & set(e.attendees) if not k.startswith("Country:")}
    return shared_place or shared_name or (m.kind in ("Visit", "Call") and bool(persons))


def fit(m: EventMention, c: list[Mention]) -> int:
    """How strongly mention M fits cluster C: shared names and actors count, a clash rules it out."""
    if not all(belongs(m, x) or belongs(x, m) for x in c if x.date):
        return 0
    if not any(belongs(m, x) for x in c):
        return 0
    shared = len(set(m.attendees) & {k for x in c for k in x.attendees})
    named = any(distinctive(m.name) and distinctive(m.name) == distinctive(x.name) for x in c)
    return 1 + shared + 2 * named


def merge_mentions(ms: list[EventMention]) -> list[list[EventMention]]:
    """Cluster mentions: day-dated first, then period-dated, then undated ones that fit one cluster
    (or, for 'the meeting'/'the call', the nearest cluster before them of a compatible kind)."""
    clusters: list[list[EventMention]] = []
    dated = [m for m in ms if m.date and m.date.granularity == "day"]
    period = [m for m in ms if m.date and m.date.granularity != "day"]
    def place(group):
        for m in group:
            scored = sorted(((fit(m, c), -i) for i, c in enumerate(clusters)), reverse=True)
            if scored and scored[0][0] > 0:
                clusters[-scored[0][1]].append(m)
            else:
                clusters.append([m])
    place(dated)
    for m in sorted((m for m in ms if not m.date), key=lambda m: m.position):
        home = [c for c in clusters if any(belongs(m, x) for x in c)]
        if len(home) == 1:
            home[0].append(m)
        elif not home and m.definite and not distinctive(m.name):
            before = [c for c in clusters if any(x.position < m.position for x in c)
                      and all(compatible(m.kind, x.kind) for x in c)]
            if before:
                max(before, key=lambda c: max(x.position for x in c if x.position < m.position)).append(m)
    joined = {id(m) for c in clusters for m in c}
    for m in sorted((m for m in ms if not m.date and m.location and id(m) not in joined), key=lambda m: m.position):
        home = [c for c in clusters if not any(x.date for x in c) and any(belongs(m, x) for x in c)]
        (home[0].append(m) if home else clusters.append([m]))
    place(period)
    return clusters


def to_event(c: list[EventMention]) -> Event:
    """One event from a cluster of mentions: the kind most told, the first day-level date, every participant."""
    day = [m.date for m in c if m.date and m.date.granularity == "day"]
    any_date = [m.date for m in c if m.date]
    kinds = [m.kind for m in c]
    kind = max(set(kinds), key=lambda k: (kinds.count(k), k != "Call", k))
    if "Call" in kinds and all(k in ("Call", "Meeting", "Conference") for k in kinds) and any(
            m.kind == "Call" and m.date for m in c):
        kind = "Call"
    loc = next((m.location for m in c if m.location), None)
    host = actor_key("Country", gazetteer().capital_of(loc.split(":", 1)[1]) or "") if loc else None
    att = list(dict.fromkeys(k for m in c for k in m.attendees if k not in (loc, host)))
    org = list(dict.fromkeys(k for m in c for k in m.organizers))
    names = tuple(dict.fromkeys(m.name for m in c if m.name))
    ev = tuple(dict.fromkeys(m.sent.text.strip() for m in c))
    return Event(kind=kind, names=names, date=(day or any_date or [None])[0], location=loc,
                 attendees=tuple(att), organizers=tuple(org), evidence=ev)


def extract_events(doc: Doc, idx: ActorIndex, ref: date | None, year_hint: int | None = None) -> list[Event]:
    """The events of one article, one per real event it tells (undated ones only if they joined a dated one)."""
    reader = EventReader(doc, idx, ref, year_hint)
    clusters = merge_mentions(reader.mentions())
    # undated mentions survive only with a place: the merge may join them to the dated event held there
    keep = [c for c in clusters if any(m.date and m.date.granularity == "day" for m in c) or any(m.location for m in c)]
    return [to_event(c) for c in keep]
