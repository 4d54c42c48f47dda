"""Build the RDF graph from merged facts, following the graph contract (schema.org, PROV, kg:)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from kg.namespaces import KG, KGR, PROV, RDF, RDFS, SDO, STANCE, XSD
from kg.names import slug
from kg.records import ArticleFacts
from kg.resolve import Merged

SCHEMA_TYPE = {"Person": SDO.Person, "Organization": SDO.Organization, "Country": SDO.Country,
               "City": SDO.City, "Place": SDO.Place}
EVENT_TYPE = {"Meeting": KG.Meeting, "Call": KG.Call, "Visit": KG.Visit, "Conference": KG.Conference,
              "Summit": KG.Summit, "PressConference": KG.PressConference}


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_literal(text: str) -> str:
    """Text safe for any RDF literal and parser: no control characters or lone surrogates (everything
    else, right-to-left marks included, is kept so that evidence stays verbatim)."""
    return CONTROL.sub("", text)


def article_iri(aid: str) -> URIRef:
    """An article's IRI: its id slugged, with a short hash so that ids differing in case stay apart."""
    return KGR[f"article/{slug(aid)}-{hashlib.sha1(aid.encode('utf-8')).hexdigest()[:6]}"]


def actor_iri(typ: str, ident: str) -> URIRef:
    """An actor's IRI: its kind (cities are places) and its stable name."""
    group = {"City": "place", "Place": "place", "Country": "country"}.get(typ, typ.lower())
    return KGR[f"{group}/{slug(ident)}"]


def person_iri(name: str) -> URIRef:
    """The IRI of a person named in a byline or credit line."""
    return KGR[f"person/{slug(name)}"]


def add_article(g: Graph, f: ArticleFacts) -> URIRef:
    """The article node: id, headline, day, URL, dateline, publisher, authors and contributors."""
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


@dataclass
class Iris:
    """The IRI of every node of a merged graph: articles by id, actors by key, events and positions by object."""
    articles: dict = field(default_factory=dict)
    actors: dict = field(default_factory=dict)
    events: dict = field(default_factory=dict)        # id(MergedEvent) -> IRI
    positions: dict = field(default_factory=dict)     # id(MergedPosition) -> IRI


def iris_of(merged: Merged) -> Iris:
    """Readable, stable IRIs: kind prefix plus slug (plus a short hash where names may repeat)."""
    out = Iris(articles={f.id: article_iri(f.id) for f in merged.articles},
               actors={key: actor_iri(a.type, a.ident) for key, a in merged.actors.items()})
    for e in merged.events:
        day = e.date.iso if e.date and e.date.granularity == "day" else None
        base = f"{day or (e.date.iso if e.date else 'undated')}-{slug(e.names[0] if e.names else e.kind)}"
        loc = merged.actors[e.location].ident if e.location in merged.actors else ""
        out.events[id(e)] = KGR[f"event/{base}-{hashlib.sha1((base + loc + e.kind).encode()).hexdigest()[:6]}"]
    for p in merged.positions:
        if p.holder in out.actors:
            h = hashlib.sha1(f"{p.holder}|{p.stance}|{p.topic}".encode()).hexdigest()[:10]
            out.positions[id(p)] = KGR[f"position/{slug(merged.actors[p.holder].ident)}-{p.stance}-{h}"]
    return out


def add_actors(g: Triples, merged: Merged, iris: Iris) -> None:
    """Actors with their type, one name and every other name, articles, and roles."""
    iri = iris.actors
    for key, a in merged.actors.items():
        n = iri[key]
        g.add((n, RDF.type, SCHEMA_TYPE.get(a.type, SDO.Thing)))
        name = a.name
        g.add((n, SDO.name, Literal(clean_literal(name))))
        for alt in sorted(a.names):
            if alt != name:
                g.add((n, SDO.alternateName, Literal(clean_literal(alt))))
        for aid in sorted(a.articles):
            g.add((n, KG.mentionedIn, iris.articles[aid]))
        for title, org in sorted(a.roles, key=lambda r: (r[0], r[1] or "")):
            g.add((n, SDO.jobTitle, Literal(clean_literal(title))))
            if org and org in iri:
                g.add((n, SDO.worksFor, iri[org]))


def add_events(g: Triples, merged: Merged, iris: Iris) -> None:
    """Events typed schema:Event and their kg: kind, with day, place, participants, evidence and sources."""
    iri = iris.actors
    for e in merged.events:
        n = iris.events[id(e)]
        g.add((n, RDF.type, SDO.Event))
        g.add((n, RDF.type, EVENT_TYPE.get(e.kind, KG.Meeting)))
        label = event_label(e, merged)
        g.add((n, SDO.name, Literal(clean_literal(label))))
        for alt in e.names:
            if alt != label:
                g.add((n, SDO.alternateName, Literal(clean_literal(alt))))
        if e.date and e.date.granularity == "day":
            g.add((n, SDO.startDate, Literal(e.date.iso, datatype=XSD.date)))
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
        add_provenance(g, n, e.articles, e.evidence, iris)


def add_positions(g: Triples, merged: Merged, iris: Iris) -> None:
    """Positions: holder, one stance, topic, quote, targets, when and where stated, evidence and sources."""
    iri = iris.actors
    for p in merged.positions:
        if id(p) not in iris.positions:
            continue
        n = iris.positions[id(p)]
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
            if id(e) in iris.events:
                g.add((n, KG.statedAt, iris.events[id(e)]))
        add_provenance(g, n, p.articles, p.evidence, iris)


def add_provenance(g: Triples, n: URIRef, articles, evidence, iris: Iris) -> None:
    """Every article a fact was read from, and every sentence, verbatim."""
    for aid in sorted(articles):
        g.add((n, PROV.wasDerivedFrom, iris.articles[aid]))
    for s in evidence:
        g.add((n, KG.evidence, Literal(clean_literal(s))))


def build_triples(merged: Merged, iris: Iris | None = None) -> Triples:
    """The whole graph: articles, actors with roles, events and positions, each fact with its sources."""
    g = Triples()
    iris = iris or iris_of(merged)
    for f in merged.articles:
        add_article(g, f)
    add_actors(g, merged, iris)
    add_events(g, merged, iris)
    add_positions(g, merged, iris)
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


@dataclass(frozen=True)
class ActorNode:
    """An actor of the merged graph, for Python users: IRI, name, type, other names, roles, articles."""
    iri: str
    name: str
    type: str
    names: tuple[str, ...]
    roles: tuple[tuple[str, str | None], ...]     # (job title, name of whom the person serves)
    articles: tuple[str, ...]


@dataclass(frozen=True)
class MeetingNode:
    """A meeting or other event of the merged graph, with names of its place and participants."""
    iri: str
    kind: str
    name: str
    date: str | None                 # ISO day, when known to the day
    date_text: str | None
    location: str | None
    attendees: tuple[str, ...]
    organizers: tuple[str, ...]
    evidence: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass(frozen=True)
class PositionNode:
    """A position of the merged graph: who holds which stance on what, and where it was read."""
    iri: str
    holder: str
    stance: str
    topic: str
    quote: str | None
    targets: tuple[str, ...]
    stated_on: tuple[str, ...]
    evidence: tuple[str, ...]
    articles: tuple[str, ...]


def nodes(merged: Merged, iris: Iris) -> tuple[list[ActorNode], list[MeetingNode], list[PositionNode]]:
    """The merged graph's actors, meetings and positions as plain records (names, not keys)."""
    name = lambda k: merged.actors[k].name if k in merged.actors else None
    actors = [ActorNode(str(iris.actors[k]), a.name, a.type, tuple(sorted(a.names)),
                        tuple(sorted(((t, name(o)) for t, o in a.roles if t), key=lambda r: (r[0], r[1] or ""))), tuple(sorted(a.articles)))
              for k, a in merged.actors.items()]
    meetings = [MeetingNode(str(iris.events[id(e)]), e.kind, event_label(e, merged),
                            e.date.iso if e.date and e.date.granularity == "day" else None,
                            e.date.text if e.date else None, name(e.location),
                            tuple(n for k in e.attendees if k != e.location and (n := name(k))),
                            tuple(n for k in e.organizers if (n := name(k))), tuple(e.evidence), tuple(sorted(e.articles)))
                for e in merged.events]
    positions = [PositionNode(str(iris.positions[id(p)]), name(p.holder), p.stance, p.topic, p.quote,
                              tuple(n for k in p.targets if (n := name(k))), tuple(sorted(p.dates)),
                              tuple(p.evidence), tuple(sorted(p.articles)))
                 for p in merged.positions if id(p) in iris.positions]
    return sorted(actors, key=lambda a: a.iri), meetings, positions
