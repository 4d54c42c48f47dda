"""Build the RDF graph from merged facts, following the graph contract (schema.org, PROV, kg:).

Triples are tuples of Oxigraph terms: made, hashed and sorted in native code, they keep a rebuild of
a graph of 100,000 triples well under a second; `serialize.as_graph` turns them into rdflib's terms.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox

from kg.namespaces import KG as KG_NS, KGR, PROV as PROV_NS, RDF as RDF_NS, RDFS as RDFS_NS, SDO as SDO_NS, \
    STANCE as STANCE_NS, STANCE_PROPERTY, XSD as XSD_NS
from kg.geo import gazetteer
from kg.names import fold, slug
from kg.records import ArticleFacts
from kg.resolve import Merged

class Vocabulary:
    """A vocabulary's terms as Oxigraph named nodes: `SDO.name`, `KG.evidence`; a typo in kg's own
    vocabularies raises, as their rdflib DefinedNamespace does."""

    def __init__(self, ns):
        self._ns = ns

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        node = _node(str(self._ns[name]))
        setattr(self, name, node)            # later lookups are plain attribute reads
        return node

    def __getitem__(self, name: str) -> ox.NamedNode:
        return _node(str(self._ns[name]))


@lru_cache(maxsize=4096)
def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def URIRef(iri: str) -> ox.NamedNode:
    """A named node."""
    return ox.NamedNode(str(iri))


def Literal(text: str, datatype: ox.NamedNode | None = None) -> ox.Literal:
    """A plain (xsd:string) literal, or one of DATATYPE."""
    return ox.Literal(text, datatype=datatype) if datatype is not None else ox.Literal(text)


SDO, KG, PROV, RDF, RDFS, STANCE, XSD = (Vocabulary(ns) for ns in (SDO_NS, KG_NS, PROV_NS, RDF_NS, RDFS_NS, STANCE_NS, XSD_NS))
ID = str(KGR)

SCHEMA_TYPE = {"Person": SDO.Person, "Organization": SDO.Organization, "Country": SDO.Country,
               "City": SDO.City, "Place": SDO.Place}
EVENT_TYPE = {"Meeting": KG.Meeting, "Call": KG.Call, "Visit": KG.Visit, "Conference": KG.Conference,
              "Summit": KG.Summit, "PressConference": KG.PressConference, "Signing": KG.Signing}


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_literal(text: str) -> str:
    """Text safe for any RDF literal and parser: no control characters or lone surrogates (everything
    else, right-to-left marks included, is kept so that evidence stays verbatim)."""
    return CONTROL.sub("", text)


def article_iri(aid: str) -> ox.NamedNode:
    """An article's IRI: its id slugged, with a short hash so that ids differing in case stay apart."""
    return URIRef(f"{ID}article/{slug(aid)}-{hashlib.sha1(aid.encode('utf-8')).hexdigest()[:6]}")


def actor_iri(typ: str, ident: str) -> ox.NamedNode:
    """An actor's IRI: its kind (cities are places) and its stable name."""
    group = {"City": "place", "Place": "place", "Country": "country"}.get(typ, typ.lower())
    return URIRef(f"{ID}{group}/{slug(ident)}")


def person_iri(name: str) -> ox.NamedNode:
    """The IRI of a person named in a byline or credit line."""
    return URIRef(f"{ID}person/{slug(name)}")


def add_article(g: Triples, f: ArticleFacts) -> ox.NamedNode:
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
        g.add((a, KG.dateline, Literal(m.dateline.title() if m.dateline.isupper() else m.dateline)))
    if m.publisher:
        p = URIRef(f"{ID}organization/{slug(m.publisher)}")
        g.add((p, RDF.type, SDO.NewsMediaOrganization))
        g.add((p, SDO.name, Literal(clean_literal(m.publisher))))
        g.add((a, SDO.publisher, p))
    for prop, names in ((SDO.author, m.authors), (SDO.contributor, m.contributors)):
        for n in names:
            is_person = len(n.split()) > 1 and not re.search(r"\b(Press|News|Agency|Reuters|Media|Times|Post)\b", n)
            p = person_iri(n) if is_person else URIRef(f"{ID}organization/{slug(n)}")
            g.add((p, RDF.type, SDO.Person if is_person else SDO.Organization))
            g.add((p, SDO.name, Literal(clean_literal(n))))
            g.add((a, prop, p))
    return a


class Triples(list):
    """A plain list of triples with Graph's add(): building without rdflib's store is several times faster."""

    def add(self, triple) -> None:
        """Add one triple (as rdflib's Graph.add)."""
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
        out.events[id(e)] = URIRef(f"{ID}event/{base}-{hashlib.sha1((base + loc + e.kind).encode()).hexdigest()[:6]}")
    for p in merged.positions:
        if p.holder in out.actors:
            h = hashlib.sha1(f"{p.holder}|{p.stance}|{p.topic}".encode()).hexdigest()[:10]
            out.positions[id(p)] = URIRef(f"{ID}position/{slug(merged.actors[p.holder].ident)}-{p.stance}-{h}")
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
            if title:
                g.add((n, SDO.jobTitle, Literal(clean_literal(title))))
            if org and org in iri and org != key:
                g.add((n, SDO.worksFor, iri[org]))
        for written in sorted(a.written):
            g.add((n, KG.titleAsWritten, Literal(clean_literal(written))))
        for c in containers(key, a, merged):
            g.add((n, SDO.containedInPlace, iri[c]))


def containers(key: str, a, merged: Merged) -> list[str]:
    """The places a place is in: those the texts state, and for a city or region its country as the
    gazetteer knows it, when that country is a node of the graph (no node is made for it)."""
    if a.type not in ("City", "Place"):
        return []
    out = [k for k in sorted(a.within) if k in merged.actors and merged.actors[k].type in ("City", "Place", "Country")]
    country = gazetteer().country_of(a.name)
    ckey = merged.alias.get(f"Country:{fold(country)}") if country else None
    if ckey in merged.actors and ckey not in out and not any(merged.actors[k].type == "Country" for k in out) \
            and merged.actors[ckey].articles & a.articles:      # a namesake abroad is not meant
        out.append(ckey)
    return out


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
            loc = merged.actors[e.location]
            for c in containers(e.location, loc, merged) if loc.type == "Place" else ():
                if merged.actors[c].type == "City":
                    g.add((n, SDO.location, iri[c]))          # the venue's city too: 'at the X Palace in Lima'
                    break
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


def add_provenance(g: Triples, n: ox.NamedNode, articles, evidence, iris: Iris) -> None:
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
    add_direct_statements(g, merged, iris)
    return g


# Bump when the triples made from the same facts change: it keys the cached per-article Turtle.
GRAPH_VERSION = "2"      # 2: direct statements (kg:metWith, stance properties)
MEETING_KINDS = {"Meeting", "Call", "Visit", "Conference", "Summit"}     # not press conferences


def stance_property(stance: str) -> ox.NamedNode:
    """The direct property of a stance (kg:rejects for 'reject'), kg:stanceToward for an unknown one."""
    return KG[STANCE_PROPERTY[stance]] if stance in STANCE_PROPERTY else KG.stanceToward


def add_direct_statements(g: Triples, merged: Merged, iris: Iris) -> None:
    """Actor-to-actor edges beside the n-ary nodes, as Wikidata's truthy statements beside its full
    ones: kg:metWith between every two participants of a meeting (both directions: the property is
    symmetric and a plain query should not need a reasoner), and the stance property of each position
    from its holder to each target (kg:demandsOf, kg:rejects, ... sub-properties of kg:stanceToward).
    A plain subject-predicate-object query, graph-notebook's Graph tab and networkx then see the
    actor network; date, evidence and sources stay on the event and position nodes."""
    iri = iris.actors
    seen = set()
    for e in merged.events:
        if e.kind not in MEETING_KINDS:
            continue
        who = sorted({iri[k] for k in [*e.attendees, *e.organizers] if k in iri and k != e.location},
                     key=lambda n: n.value)
        for a in who:
            for b in who:
                if a != b and (a, b) not in seen:
                    seen.add((a, b))
                    g.add((a, KG.metWith, b))
    for p in merged.positions:
        if id(p) not in iris.positions:
            continue
        prop, holder = stance_property(p.stance), iri[p.holder]
        for k in p.targets:
            if k in iri and iri[k] != holder and (holder, prop, iri[k]) not in seen:
                seen.add((holder, prop, iri[k]))
                g.add((holder, prop, iri[k]))


def event_label(e, merged: Merged) -> str:
    """A readable event name: its proper name when it has one ('EU-Mercosur Council meeting'), else
    what it was called with who took part and where ('Phone call (Ana Ruiz, Pavel Orlov)')."""
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


def term(t):
    """An Oxigraph term for T (rdflib's URIRef and Literal are converted; None stays None)."""
    if t is None or isinstance(t, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return t
    from rdflib import Literal as RdfLiteral
    if isinstance(t, RdfLiteral):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype))) if t.datatype else ox.Literal(str(t))
    return _node(str(t))


class TripleIndex:
    """A read-only, indexed set of triples with the part of rdflib's Graph API the view and the summary
    use (value, objects, subjects, subject_objects, predicate_objects, len, iteration). Terms are
    Oxigraph's; arguments may be rdflib terms (converted). Two indexes, by subject and by predicate,
    hold the triples themselves, so building it is two list appends per triple."""

    def __init__(self, triples):
        self.triples = list(dict.fromkeys(triples))
        by_s, by_p = defaultdict(list), defaultdict(list)
        for t in self.triples:
            by_s[t[0]].append(t)
            by_p[t[1]].append(t)
        self.by_s, self.by_p = by_s, by_p
        self._po: dict = {}
        self._sp: dict = {}
        self._scanned: dict = {}

    def __len__(self) -> int:
        return len(self.triples)

    def __iter__(self):
        return iter(self.triples)

    def _objects_of(self, s, p) -> list:
        """The objects of (S, P): from S's own triples until scanning them has cost as much as indexing
        P's triples by subject would, then from that index (a page reads a handful of predicates for a
        few thousand nodes, however large the graph: at most twice the work of the better choice)."""
        p = term(p)
        by_s = self._sp.get(p)
        if by_s is None:
            own = self.by_s.get(term(s), ())
            scanned = self._scanned.get(p, 0) + len(own)
            if scanned < len(self.by_p.get(p, ())):         # scanning so far cost less than indexing P would
                self._scanned[p] = scanned
                return [t[2] for t in own if t[1] == p]
            by_s = self._sp[p] = {}
            for t in self.by_p.get(p, ()):
                by_s.setdefault(t[0], []).append(t[2])
        return by_s.get(term(s), [])

    def value(self, s, p):
        """One object of (S, P), or None."""
        objs = self._objects_of(s, p)
        return objs[0] if objs else None

    def objects(self, s=None, p=None):
        """Objects of (S, P), or of P for any subject."""
        if s is None:
            return [t[2] for t in self.by_p.get(term(p), ())]
        return list(self._objects_of(s, p))

    def subjects(self, p=None, o=None):
        """Subjects of (P, O), or of P for any object."""
        p = term(p)
        if o is None:
            return [t[0] for t in self.by_p.get(p, ())]
        if p not in self._po:
            index = defaultdict(list)
            for t in self.by_p.get(p, ()):
                index[t[2]].append(t[0])
            self._po[p] = index
        return list(self._po[p].get(term(o), ()))

    def subject_objects(self, p):
        """(subject, object) pairs of P."""
        return [(t[0], t[2]) for t in self.by_p.get(term(p), ())]

    def predicate_objects(self, s):
        """(predicate, object) pairs of S."""
        return [(t[1], t[2]) for t in self.by_s.get(term(s), ())]

    def sorted(self) -> list[tuple]:
        """The triples in the fixed order of the serialisers (subject, predicate, object, by text)."""
        out = []
        order = lambda t: (t[1].value, t[2].value, str(t[2]))       # noqa: E731
        for s in sorted(self.by_s, key=lambda n: n.value):
            ts = self.by_s[s]
            out += sorted(ts, key=order) if len(ts) > 1 else ts
        return out


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
    actors = [ActorNode(iris.actors[k].value, a.name, a.type, tuple(sorted(a.names)),
                        tuple(sorted(((t, name(o)) for t, o in a.roles if t), key=lambda r: (r[0], r[1] or ""))), tuple(sorted(a.articles)))
              for k, a in merged.actors.items()]
    meetings = [MeetingNode(iris.events[id(e)].value, e.kind, event_label(e, merged),
                            e.date.iso if e.date and e.date.granularity == "day" else None,
                            e.date.text if e.date else None, name(e.location),
                            tuple(n for k in e.attendees if k != e.location and (n := name(k))),
                            tuple(n for k in e.organizers if (n := name(k))), tuple(e.evidence), tuple(sorted(e.articles)))
                for e in merged.events]
    positions = [PositionNode(iris.positions[id(p)].value, name(p.holder), p.stance, p.topic, p.quote,
                              tuple(n for k in p.targets if (n := name(k))), tuple(sorted(p.dates)),
                              tuple(p.evidence), tuple(sorted(p.articles)))
                 for p in merged.positions if id(p) in iris.positions]
    return sorted(actors, key=lambda a: a.iri), meetings, positions
