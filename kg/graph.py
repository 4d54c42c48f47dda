"""Build the RDF graph from merged facts, following the graph contract (schema.org, PROV, kg:)."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Graph, Literal, URIRef

from kg.namespaces import KG, KGR, PROV, RDF, RDFS, SDO, STANCE, XSD
from kg.records import ArticleFacts
from kg.resolve import Merged

SCHEMA_TYPE = {"Person": SDO.Person, "Organization": SDO.Organization, "Country": SDO.Country,
               "City": SDO.City, "Place": SDO.Place}
EVENT_TYPE = {"Meeting": KG.Meeting, "Call": KG.Call, "Visit": KG.Visit, "Conference": KG.Conference,
              "Summit": KG.Summit, "PressConference": KG.PressConference}


def slug(text: str) -> str:
    """A readable, IRI-safe slug: ASCII letters and digits joined by hyphens (a hash if nothing is left)."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", t).strip("-")[:80]
    return s or "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_literal(text: str) -> str:
    """Text safe for any RDF literal and parser: no control characters or lone surrogates (everything
    else, right-to-left marks included, is kept so that evidence stays verbatim)."""
    return CONTROL.sub("", text)


def article_iri(aid: str) -> URIRef:
    return KGR[f"article/{slug(aid)}-{hashlib.sha1(aid.encode('utf-8')).hexdigest()[:6]}"]


def actor_iri(typ: str, ident: str) -> URIRef:
    group = {"City": "place", "Place": "place", "Country": "country"}.get(typ, typ.lower())
    return KGR[f"{group}/{slug(ident)}"]


def person_iri(name: str) -> URIRef:
    return KGR[f"person/{slug(name)}"]


def add_article(g: Graph, f: ArticleFacts) -> URIRef:
    a = article_iri(f.id)
    m = f.meta
    g.add((a, RDF.type, SDO.NewsArticle))
    g.add((a, SDO.identifier, Literal(f.id)))
    if m.headline:
        g.add((a, SDO.headline, Literal(clean_literal(m.headline))))
    if m.published:
        g.add((a, SDO.datePublished, Literal(m.published, datatype=XSD.date)))
    if m.url:
        g.add((a, SDO.url, Literal(m.url)))
    if m.dateline:
        g.add((a, KG.dateline, Literal(m.dateline)))
    if m.publisher:
        p = KGR[f"organization/{slug(m.publisher)}"]
        g.add((p, RDF.type, SDO.NewsMediaOrganization))
        g.add((p, SDO.name, Literal(clean_literal(m.publisher))))
        g.add((a, SDO.publisher, p))
    for prop, names in ((SDO.author, m.authors), (SDO.contributor, m.contributors)):
        for n in names:
            is_person = len(n.split()) > 1 and not re.search(r"\b(Press|News|Agency|Reuters|Media|Times|Post)\b", n)
            p = person_iri(n) if is_person else KGR[f"organization/{slug(n)}"]
            g.add((p, RDF.type, SDO.Person if is_person else SDO.Organization))
            g.add((p, SDO.name, Literal(clean_literal(n))))
            g.add((a, prop, p))
    return a


class Triples(list):
    """A plain list of triples with Graph's add(): building without rdflib's store is several times faster."""

    def add(self, triple) -> None:
        self.append(triple)


def build_triples(merged: Merged) -> Triples:
    """The whole graph: articles, actors with roles, events and positions, each fact with its sources."""
    g = Triples()
    arts = {f.id: add_article(g, f) for f in merged.articles}
    iri = {}
    for key, a in merged.actors.items():
        iri[key] = actor_iri(a.type, a.ident)
    for key, a in merged.actors.items():
        n = iri[key]
        g.add((n, RDF.type, SCHEMA_TYPE.get(a.type, SDO.Thing)))
        name = a.name
        g.add((n, SDO.name, Literal(clean_literal(name))))
        for alt in sorted(a.names):
            if alt != name:
                g.add((n, SDO.alternateName, Literal(clean_literal(alt))))
        for aid in sorted(a.articles):
            g.add((n, KG.mentionedIn, arts[aid]))
        for title, org in sorted(a.roles, key=lambda r: (r[0], r[1] or "")):
            g.add((n, SDO.jobTitle, Literal(clean_literal(title))))
            if org and org in iri:
                g.add((n, SDO.worksFor, iri[org]))
    event_iri = {}
    for e in merged.events:
        day = e.date.iso if e.date and e.date.granularity == "day" else None
        base = f"{day or (e.date.iso if e.date else 'undated')}-{slug(e.names[0] if e.names else e.kind)}"
        loc = merged.actors[e.location].ident if e.location in merged.actors else ""
        n = KGR[f"event/{base}-{hashlib.sha1((base + loc + e.kind).encode()).hexdigest()[:6]}"]
        event_iri[id(e)] = n
        g.add((n, RDF.type, SDO.Event))
        g.add((n, RDF.type, EVENT_TYPE.get(e.kind, KG.Meeting)))
        label = event_label(e, merged)
        g.add((n, SDO.name, Literal(clean_literal(label))))
        for alt in e.names:
            if alt != label:
                g.add((n, SDO.alternateName, Literal(clean_literal(alt))))
        if day:
            g.add((n, SDO.startDate, Literal(day, datatype=XSD.date)))
        if e.date:
            g.add((n, KG.dateText, Literal(clean_literal(e.date.text))))
            g.add((n, KG.dateGranularity, Literal(e.date.granularity)))
            if e.date.granularity != "day" and e.date.iso:
                g.add((n, KG.periodStart, Literal(e.date.iso, datatype=XSD.date)))
        if e.location in iri:
            g.add((n, SDO.location, iri[e.location]))
        for k in e.attendees:
            if k in iri and k != e.location:
                g.add((n, SDO.attendee, iri[k]))
        for k in e.organizers:
            if k in iri:
                g.add((n, SDO.organizer, iri[k]))
        for aid in sorted(e.articles):
            g.add((n, PROV.wasDerivedFrom, arts[aid]))
        for s in e.evidence:
            g.add((n, KG.evidence, Literal(clean_literal(s))))
    for p in merged.positions:
        if p.holder not in iri:
            continue
        h = hashlib.sha1(f"{p.holder}|{p.stance}|{p.topic}".encode()).hexdigest()[:10]
        n = KGR[f"position/{slug(merged.actors[p.holder].ident)}-{p.stance}-{h}"]
        g.add((n, RDF.type, KG.Position))
        g.add((n, RDFS.label, Literal(clean_literal(f"{merged.actors[p.holder].name} {p.stance}: {p.topic}"[:160]))))
        g.add((n, KG.holder, iri[p.holder]))
        g.add((n, KG.stance, STANCE[p.stance]))
        g.add((n, KG.topic, Literal(clean_literal(p.topic))))
        if p.quote:
            g.add((n, KG.quote, Literal(clean_literal(p.quote))))
        for k in p.targets:
            if k in iri:
                g.add((n, KG.target, iri[k]))
        for d in sorted(p.dates):
            g.add((n, KG.statedOn, Literal(d, datatype=XSD.date)))
        for e in p.events:
            if id(e) in event_iri:
                g.add((n, KG.statedAt, event_iri[id(e)]))
        for aid in sorted(p.articles):
            g.add((n, PROV.wasDerivedFrom, arts[aid]))
        for s in p.evidence:
            g.add((n, KG.evidence, Literal(clean_literal(s))))
    return g


def event_label(e, merged: Merged) -> str:
    """A readable event name: its proper name when it has one ('NATO-Russia Council meeting'), else
    what it was called with who took part and where ('Phone call (Joe Biden, Volodymyr Zelenskiy)')."""
    proper = [n for n in e.names if any(c.isupper() for c in n)]
    if proper:
        return max(proper, key=lambda n: (len(n.split()), len(n), n))
    verbs = {"meet", "visit", "welcome", "host", "speak", "talk"}
    described = [n for n in e.names if n not in verbs]
    desc = max(described, key=lambda n: (len(n.split()), len(n), n)) if described else e.kind.lower()
    people = [merged.actors[k] for k in e.attendees if k in merged.actors]
    people.sort(key=lambda a: (a.type != "Person", a.type != "Country"))
    who = ", ".join(a.name for a in people[:3]) + (" …" if len(people) > 3 else "")
    place = merged.actors[e.location].name if e.location in merged.actors else None
    label = desc[:1].upper() + desc[1:]
    if who:
        label += f" ({who})"
    if place:
        label += f" in {place}"
    return label


class TripleIndex:
    """A read-only, indexed set of triples with the part of rdflib's Graph API the view and the summary
    use (value, objects, subjects, subject_objects, predicate_objects, len, iteration): building it
    is a few dict appends per triple, several times faster than rdflib's store at 100k triples."""

    def __init__(self, triples):
        from collections import defaultdict
        self.triples = list(dict.fromkeys(triples))
        self.sp = defaultdict(list)
        self.po = defaultdict(list)
        self.p = defaultdict(list)
        self.by_s = defaultdict(list)
        for s, p, o in self.triples:
            self.sp[(s, p)].append(o)
            self.po[(p, o)].append(s)
            self.p[p].append((s, o))
            self.by_s[s].append((p, o))

    def __len__(self) -> int:
        return len(self.triples)

    def __iter__(self):
        return iter(self.triples)

    def value(self, s, p):
        got = self.sp.get((s, p))
        return got[0] if got else None

    def objects(self, s=None, p=None):
        if s is None:
            return [o for _, o in self.p.get(p, ())]
        return list(self.sp.get((s, p), ()))

    def subjects(self, p=None, o=None):
        if o is None:
            return [s for s, _ in self.p.get(p, ())]
        return list(self.po.get((p, o), ()))

    def subject_objects(self, p):
        return list(self.p.get(p, ()))

    def predicate_objects(self, s):
        return list(self.by_s.get(s, ()))
