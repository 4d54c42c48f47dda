"""Actors from spaCy entities: typed, named canonically, metonyms resolved, junk filtered."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from spacy.tokens import Doc, Span, Token

from kg.extraction.syntax import doc_text, sentence_of
from kg.geo import gazetteer
from kg.names import fold, initials
from kg.lexicon import table, word_set
from kg.records import Actor

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


@dataclass(frozen=True)
class Mention:
    """One entity span resolved to an actor key."""
    start: int          # token offsets in the doc
    end: int
    key: str
    text: str
    start_char: int = 0
    end_char: int = 0


@dataclass
class ActorIndex:
    """The actors of one article and where each is mentioned."""
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)

    def add(self, span_start: int, span_end: int, text: str, name: str, typ: str, alias: str | None = None):
        """Record a mention of an actor (creating the actor, or adding ALIAS to its names) and return its key."""
        key = actor_key(typ, name)
        old = self.actors.get(key)
        names = tuple(dict.fromkeys((old.names if old else (name,)) + ((alias,) if alias else ())))
        self.actors[key] = Actor(key=key, name=old.name if old else name, type=typ, names=names,
                                 within=old.within if old else ())
        m = Mention(span_start, span_end, key, text, *self._chars(span_start, span_end))
        self.mentions.append(m)
        for i in range(span_start, span_end):
            self.by_token[i] = m
        return key

    doc: object = None

    def _chars(self, start: int, end: int) -> tuple[int, int]:
        if self.doc is None or end <= start:
            return 0, 0
        last = self.doc[end - 1]
        return self.doc[start].idx, last.idx + len(last)

    def type_of(self, key: str) -> str:
        """The type of an actor key, also for a state implied by its capital (not in the index)."""
        a = self.actors.get(key)
        return a.type if a else key.split(":", 1)[0]

    def at(self, token: Token) -> str | None:
        """The key of the actor mentioned at TOKEN, if any."""
        m = self.by_token.get(token.i)
        return m.key if m else None

    def in_span(self, span) -> list[str]:
        """Actor keys mentioned inside a span (or subtree token list), in order, once each."""
        toks = span if isinstance(span, (list, tuple)) else list(span)
        return list(dict.fromkeys(m.key for t in toks if (m := self.by_token.get(t.i))))


def state_of(actors: Mapping[str, Actor], key: str) -> str:
    """A capital acting or taking part stands for its state ('Moscow wants', 'talks with Moscow'),
    except cities that seat international bodies (Brussels, Geneva, Vienna). The state's key may
    name no actor of the article yet: `implied_actors` makes those."""
    a = actors[key]
    if a.type != "City" or a.name.lower() in word_set("international_seats.txt"):
        return key
    country = gazetteer().capital_of(a.name)
    return actor_key("Country", country) if country else key


def implied_actors(known: Mapping[str, Actor], keys: Iterable[str]) -> list[Actor]:
    """Actors that facts refer to without the text naming them: the states that capitals stand for."""
    out = {}
    for k in keys:
        if k and k not in known and k not in out and k.startswith("Country:"):
            name = gazetteer().countries.get(k.split(":", 1)[1])
            if name:
                out[k] = Actor(key=k, name=name, type="Country", names=(name,))
    return list(out.values())


def actor_key(typ: str, name: str) -> str:
    """Article-level identity of an actor: its kind (cities count as places) and folded name."""
    group = {"City": "Place"}.get(typ, typ)
    return f"{group}:{fold(name)}"


def clean_name(text: str) -> str:
    """Surface form without leading 'the', possessive, brackets and stray punctuation."""
    t = re.sub(r"^[\s(\[\"“‘'’]+|[\s)\]\"”’',.:;]+$", "", text)
    t = re.sub(r"^(the|The)\s+", "", t)
    t = re.sub(r"\s*['’]s?$", "", t)
    return " ".join(t.split())


def _joined_by_hyphen(t: Token) -> bool:
    """'min' in 'Lee Jae-min': a word joined to the one before it by a hyphen, no space between."""
    return t.i >= 2 and t.doc[t.i - 1].text == "-" and not t.doc[t.i - 1].whitespace_ and not t.doc[t.i - 2].whitespace_


def is_junk(span: Span, name: str) -> bool:
    """Names no one would call an actor: lower-case words, title fragments, sentence adverbs."""
    if not name or not any(c.isupper() for c in name) or len(name) < 2:
        return True
    if len(name.split()) == 1 and name.lower() in word_set("generic_names.txt"):
        return True
    if span.label_ == "PERSON":
        toks = [t for t in span if t.text not in ("'s", "’s")]
        if any(t.is_lower and t.is_alpha and t.text not in word_set("name_particles.txt") and not _joined_by_hyphen(t)
               for t in toks):
            return True
        if len(toks) == 1 and (toks[0].tag_ == "NNPS" or not toks[0].tag_.startswith("NN")):
            return True                   # 'Sadly, ...', 'Bold as it was, ...': a word, not a name
    return False


def split_person(span: Span) -> Span:
    """'Pavel Orlov & Poland's' -> 'Pavel Orlov': a name ends at a conjunction."""
    for t in span:
        if t.i > span.start and (t.text in ("&", "and", ",") or t.tag_ == "POS"):
            return Span(span.doc, span.start, t.i, label=span.label_)
    return span


def _as_written(surface: str, canonical: str) -> tuple[str, str | None]:
    """(name, other name): the surface form when it is the gazetteer's name written otherwise
    ('Bogota' for 'Bogotá'), else the gazetteer's name with the surface as another name."""
    if fold(surface) == fold(canonical):
        return surface, None
    return canonical, surface


def typed_name(span: Span, name: str) -> tuple[str, str, str | None] | None:
    """(type, canonical name, alternate surface) of an entity, or None when it names no actor."""
    gz = gazetteer()
    label = span.label_
    seat = table("seats_of_government.tsv").get(name.lower())
    if seat and label != "PERSON":
        return "Country", seat, name             # a seat of government stands for its state
    country = gz.country(name)
    if country and label in ("GPE", "ORG", "LOC", "NORP"):
        return ("Country", *_as_written(name, country))
    first = gz.country_by_first_word(re.sub(r"s$", "", name)) if " " not in name else None
    if first and label in ("NORP", "GPE", "ORG"):
        return "Country", first, None         # 'Saudi officials': the first word of a country's name
    if label in ("NORP", "GPE"):
        dem = gz.demonym(name) or gz.demonym(re.sub(r"s$", "", name))
        if dem:
            return "Country", dem, None           # "Russian officials", a demonym tagged as a place
        if label == "NORP":
            return None
    if label == "GPE":
        city = gz.city(name)
        if city:
            return ("City", *_as_written(name, city))
        if re.search(r"\d", name):
            return "Organization", name, None     # 'G7', 'G20': a group of states, not a place
        return "Place", name, None
    if label in ("LOC", "FAC"):
        return "Place", name, None
    if label == "ORG":
        return "Organization", name, None
    if label == "PERSON":
        return "Person", name, None
    return None


def person_names(doc: Doc, spans: list[Span]) -> dict[str, str]:
    """Shorter names of persons that the article gives in full, mapped to the full name: a surname
    ('Berg', 'van der Berg'), a family name written first ('Park' of 'Park Min-jun'), initials ('JDR'),
    a nickname in brackets or after 'known as'. Only where one full name fits."""
    full = list(dict.fromkeys(n for e in spans if len((n := clean_name(e.text)).split()) > 1))
    lasts = {f.split()[-1] for f in full}
    candidates: dict[str, set] = {}
    for f in full:
        words = f.split()
        for i in range(1, len(words)):
            if words[i][:1].isupper() or words[i] in word_set("name_particles.txt"):
                candidates.setdefault(" ".join(words[i:]), set()).add(f)
        if words[0] not in lasts:
            candidates.setdefault(words[0], set()).add(f)
        if len(words) > 2 or any(w in word_set("name_particles.txt") for w in words):
            candidates.setdefault(initials(words), set()).add(f)
    for nick, f in nicknames(doc, full):
        candidates.setdefault(nick, set()).add(f)
    honoured = {t.text for t in doc if t.i and doc[t.i - 1].lower_.rstrip(".") in word_set("honorifics.txt")}
    for word in honoured:                  # 'Mr Howard' names a surname, never a first name
        fits = {f for f in candidates.get(word, ()) if f.split()[-1] == word}
        if word in candidates:
            candidates[word] = fits
    longer = {f for f in full if any(f != g and g.endswith(" " + f) for g in full)}
    out = {k.lower(): next(iter(v)) for k, v in candidates.items() if len(v) == 1 and k not in full}
    out.update({f.lower(): next(g for g in full if g != f and g.endswith(" " + f)) for f in longer
                if sum(g.endswith(" " + f) for g in full if g != f) == 1})
    return out


GEO_HEADS = ("Strip", "Region", "Province", "Oblast", "Peninsula", "Valley", "Territory", "Territories")


def organisation_and_place_names(names: list[tuple[str, str]]) -> dict[str, str]:
    """Shorter names of organisations and places the article also gives in full: 'Senate' of 'Chilean
    Senate', 'Interior Ministry' of 'Peruvian Interior Ministry' (the longer name adds only a country,
    its demonym or another actor of the article), 'Sinai' of 'Sinai Peninsula' (a place plus a
    geographic head word). Only where one longer name fits."""
    gz = gazetteer()
    by_type: dict[str, set] = {}
    for typ, n in names:
        by_type.setdefault(typ, set()).add(n)
    known = {n for _, n in names}
    out = {}
    for typ, group in by_type.items():
        for short in group:
            fits = set()
            for long in group | (by_type.get("Place", set()) if typ == "City" else set()):
                if long == short:
                    continue
                if typ == "Organization" and long.endswith(" " + short):
                    head = long[: -len(short)].strip().rstrip("'’s").strip()
                    if gz.country(head) or gz.demonym(head) or head in known:
                        fits.add(long)
                if typ in ("Place", "City") and any(long == f"{short} {h}" for h in GEO_HEADS):
                    fits.add(long)
            if len(fits) == 1:
                out[short] = fits.pop()
    return out


NICKNAME = re.compile(r"\s*(?:\(\s*(?P<paren>[A-Z][\w.\-’']{1,30}(?:\s+[A-Z][\w.\-’']{1,30})?)\s*\)"
                      r"|,?\s+(?:also |better |widely |popularly )?known as\s+[\"“']?(?P<known>[A-Z][\w.\-’']{1,30}(?:\s+[A-Z][\w.\-’']{1,30})?))")
QUOTED_MIDDLE = re.compile(r"(?P<first>[A-Z][\w\-]+)\s+[\"“'‘](?P<nick>[A-Z][\w\-]+)[\"”'’]\s+(?P<last>[A-Z][\w\-]+)")


def nicknames(doc: Doc, full: list[str]) -> list[tuple[str, str]]:
    """(nickname, full name) pairs the article states: 'Juan Diego Rojas (JDR)', 'X, known as Y',
    'Roberto “Tito” Alvarez'."""
    text, out = doc_text(doc), []
    gz = gazetteer()
    for f in full:
        for m in re.finditer(re.escape(f), text):
            n = NICKNAME.match(text, m.end())
            nick = n and (n["paren"] or n["known"])
            if nick and not gz.country(nick) and not gz.city(nick) and nick != f:
                out.append((nick, f))
    for m in QUOTED_MIDDLE.finditer(text):
        plain = f"{m['first']} {m['last']}"
        if plain in full:
            out.append((m["nick"], plain))
    return out


def extract_actors(doc: Doc, title_spans: list[tuple[int, int]] = ()) -> ActorIndex:
    """Every actor entity of the doc, typed and named canonically: persons' shorter names joined to
    their full names, acronyms to the names they abbreviate."""
    idx = ActorIndex(doc=doc)
    inside_title = lambda s: any(a <= s.start_char and s.end_char <= b for a, b in title_spans)
    ents = [split_person(e) if e.label_ == "PERSON" else e for e in doc.ents if e.label_ in ACTOR_LABELS]
    people = person_names(doc, [e for e in ents if e.label_ == "PERSON" and not is_junk(e, clean_name(e.text))])
    acronyms = acronym_aliases(doc)
    long_forms = {v: k for k, v in acronyms.items()}
    people_full = {clean_name(e.text).lower() for e in ents if e.label_ == "PERSON" and len(e) > 1}
    typed_ents = []
    for e in ents:
        name = clean_name(e.text)
        if is_junk(e, name) or inside_title(e):
            continue
        long = acronyms.get(name)
        if long and e.label_ in ("ORG", "GPE") and gazetteer().country(long):
            name = long                        # an acronym spelled out as a country's name
        if long and long.lower() in people_full:
            typed = ("Person", long, clean_name(e.text))      # the initials of a person's name
        else:
            typed = typed_name(e, name)
            if typed and name != clean_name(e.text):
                typed = (*typed[:2], clean_name(e.text))
        if typed:
            typed_ents.append((e, typed))
    others = organisation_and_place_names([(typ, canon) for _, (typ, canon, _) in typed_ents if typ != "Person"])
    for e, (typ, canon, alias) in typed_ents:
        if typ == "Person" and canon.lower() in people:
            canon, alias = people[canon.lower()], canon
        elif canon in others:
            canon, alias = others[canon], canon
            typ = "Place" if typ == "City" else typ
        if typ == "Organization":
            long = acronyms.get(canon)
            if long:
                canon, alias = long, canon     # the acronym is another name of the long form
            elif canon in long_forms:
                alias = long_forms[canon]
        idx.add(e.start, e.end, e.text, canon, typ, alias)
    for key, inside in containment(idx).items():
        a = idx.actors[key]
        idx.actors[key] = Actor(a.key, a.name, a.type, a.names, tuple(sorted(set(a.within) | inside)))
    return idx


PLACE_TYPES = ("City", "Place", "Country")


def containment(idx: ActorIndex) -> dict[str, set]:
    """Which places the text puts in which: 'the X Palace in Y', 'X, Y' (a city and its country or
    region), "Y's X Palace". Keys of the contained place -> keys of the containers."""
    doc, text = idx.doc, doc_text(idx.doc)
    places = sorted((m for m in idx.mentions if m.end > m.start and idx.type_of(m.key) in PLACE_TYPES),
                    key=lambda m: m.start_char)
    gz = gazetteer()
    out: dict[str, set] = {}
    for a, b in zip(places, places[1:]):
        if a.key == b.key:
            continue
        gap = text[a.end_char:b.start_char]
        ta, tb = idx.type_of(a.key), idx.type_of(b.key)
        region = tb == "Country" or (tb == "Place" and gz.region(idx.actors[b.key].name))
        if re.fullmatch(r"\s*,\s*", gap) and ta in ("City", "Place") and region:
            out.setdefault(a.key, set()).add(b.key)            # 'Orange, Ohio', 'Hiroshima, Japan'
        elif re.fullmatch(r"\s+in\s+(?:the\s+)?", gap) and ta == "Place" and tb in PLACE_TYPES:
            out.setdefault(a.key, set()).add(b.key)            # 'the Blue Palace in Lima'
        elif re.fullmatch(r"\s*['’]s\s+(?:the\s+)?", gap) and ta in ("City", "Country") and tb == "Place":
            out.setdefault(b.key, set()).add(a.key)            # "Lima's Blue Palace"
    return out


def dateline_actors(dateline: str | None) -> list[Actor]:
    """The places of a dateline ('CAMP DAVID, Md.', 'HANOI, Vietnam'): where the story was filed."""
    if not dateline:
        return []
    gz = gazetteer()
    out: list[Actor] = []
    for part in [p.strip() for p in dateline.split(",") if p.strip()][:2]:
        shown = part.title() if part.isupper() else part
        country, city, region = gz.country(part), gz.city(part), gz.region(part)
        typ, name = ("Country", country) if country else ("City", city) if city else \
            ("Place", region[0]) if region else ("Place", shown)
        if typ == "Place" and not region and out:
            continue                            # an abbreviation after the place ('Md.') that we cannot read
        name, _ = _as_written(shown, name)
        names = tuple(dict.fromkeys((name, shown, part)))
        out.append(Actor(key=actor_key(typ, name), name=name, type=typ, names=names))
    if len(out) == 2:
        out[0] = Actor(out[0].key, out[0].name, out[0].type, out[0].names, within=(out[1].key,))
    return out


def acronym_aliases(doc: Doc) -> dict[str, str]:
    """'Organization for Security and Co-operation in Europe (OSCE)' -> {'OSCE': long name}."""
    out = {}
    for m in re.finditer(r"([A-Z][\w\-'’]*(?:\s+(?:[A-Z][\w\-'’]*|of|for|and|in|the|on|&)){1,9})\s*\(([A-Z]{2,8})\)", doc_text(doc)):
        words = m.group(1).split()
        for i in range(len(words)):
            cand = words[i:]
            if cand and cand[0][0].isupper() and initials(cand) == m.group(2):
                out[m.group(2)] = " ".join(cand)
                break
    return out
