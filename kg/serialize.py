"""Serialisers: one registry keyed by format name, each turning triples into the bytes of one file.

Turtle is written by Oxigraph from sorted triples (deterministic and fast at a million triples);
N-Triples sorted line by line; JSON-LD compacted with an @context of the project's prefixes;
GraphML and GEXF through networkx for Gephi and Cytoscape. Node ids are the Turtle's IRIs in every format.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Callable, Iterable

import networkx as nx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.errors import KgError
from kg.graph import TripleIndex, build_triples, term
from kg.namespaces import KG, PREFIXES, SDO, STANCE_PROPERTY, bind
from kg.records import ArticleFacts
from kg.resolve import merge


@dataclass(frozen=True)
class Serializer:
    """A file format kg writes: its name, file suffix, media type and the function that renders it."""
    name: str
    suffix: str
    media_type: str
    render: Callable[[Iterable], bytes]
    text: bool = True


SERIALIZERS: dict[str, Serializer] = {}


def register(name: str, suffix: str, media_type: str, text: bool = True):
    """Decorator: add a render function to the registry under NAME."""
    def wrap(fn):
        SERIALIZERS[name] = Serializer(name, suffix, media_type, fn, text)
        return fn
    return wrap


def serializer(name: str) -> Serializer:
    """The serialiser of a format name, or a KgError listing the known ones."""
    try:
        return SERIALIZERS[name]
    except KeyError:
        raise KgError(f"unknown format '{name}' (one of {', '.join(SERIALIZERS)})") from None


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def rdflib_term(t):
    """rdflib's term for an Oxigraph term."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        return Literal(t.value) if dt == XSD_STRING else Literal(t.value, datatype=URIRef(dt))
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    return t


def as_graph(triples) -> Graph:
    """An rdflib Graph of TRIPLES (Oxigraph or rdflib terms; a Graph is returned as is), with the
    project's prefixes bound."""
    if isinstance(triples, Graph):
        return triples
    g = Graph()
    bind(g)
    for s, p, o in triples:
        g.add((rdflib_term(s), rdflib_term(p), rdflib_term(o)))
    return g


def ox_triples(triples) -> list[tuple]:
    """TRIPLES as tuples of Oxigraph terms (from an rdflib Graph or rdflib terms when need be)."""
    rows = list(triples)
    if rows and isinstance(rows[0][0], (ox.NamedNode, ox.BlankNode)):
        return rows
    return [(term(s), term(p), term(o)) for s, p, o in rows]


def sorted_triples(triples) -> list[tuple]:
    """Triples once each, in a fixed order (subject, predicate, object, each by its text), so that
    outputs are byte-stable."""
    index = triples if isinstance(triples, TripleIndex) else TripleIndex(ox_triples(triples))
    return index.sorted()


@register("ttl", ".ttl", "text/turtle")
def turtle_bytes(triples) -> bytes:
    """Deterministic Turtle with the project's prefixes, written by Oxigraph."""
    return ox.serialize((ox.Triple(s, p, o) for s, p, o in sorted_triples(triples)),
                        format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def turtle(triples) -> str:
    """Deterministic Turtle text (see turtle_bytes)."""
    return turtle_bytes(triples).decode("utf-8")


def article_turtle(facts: ArticleFacts) -> str:
    """One article's own facts as Turtle (what articles/<id>.ttl holds)."""
    return turtle(build_triples(merge([facts])))


@register("nt", ".nt", "application/n-triples")
def ntriples_bytes(triples) -> bytes:
    """N-Triples, one triple per line, lines sorted."""
    data = as_graph(triples).serialize(format="nt")
    return "".join(sorted(data.splitlines(keepends=True))).encode("utf-8")


@register("jsonld", ".jsonld", "application/ld+json")
def jsonld_bytes(triples) -> bytes:
    """JSON-LD compacted with an @context of the project's prefixes (short keys, not full IRIs)."""
    g = as_graph(triples)
    return g.serialize(format="json-ld", context=dict(PREFIXES), indent=2, sort_keys=True).encode("utf-8")


def _local(t) -> str:
    return str(t).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


STANCE_OF_PROPERTY = {str(KG[prop]): stance for stance, prop in STANCE_PROPERTY.items()}
EDGE_STANCE_FROM = (KG.holder, KG.target, KG.statedAt)      # a position's own edges carry its stance too


def to_networkx(triples) -> nx.MultiDiGraph:
    """Resources as nodes (id = IRI) with their name, type and literal properties (and the local
    name of an IRI that is no resource of its own, as a position's `stance`); links between
    resources as edges with `label` (the property's local name) and `kind`: 'stance' for the direct
    stance edges (kg:rejects, ...), whose `stance` attribute names the stance, as it does on a
    position's holder and target edges, so that Gephi can colour positions; 'metWith' for meetings;
    the property's local name otherwise."""
    g = as_graph(triples)
    G = nx.MultiDiGraph()
    resources = {s for s in g.subjects() if not isinstance(s, BNode)}
    for s in sorted(resources, key=str):
        attrs = {"label": str(g.value(s, SDO.name) or g.value(s, SDO.headline) or _local(s)),
                 "type": ",".join(sorted(_local(t) for t in g.objects(s, RDF.type)))}
        for p, o in sorted(g.predicate_objects(s), key=lambda po: (str(po[0]), str(po[1]))):
            if (isinstance(o, Literal) and p != SDO.name) or (isinstance(o, URIRef) and p != RDF.type and o not in resources):
                key = _local(p)
                value = str(o) if isinstance(o, Literal) else _local(o)
                attrs[key] = (attrs[key] + " | " + value) if key in attrs else value
        G.add_node(str(s), **attrs)
    for s, p, o in sorted(g, key=lambda t: tuple(map(str, t))):
        if isinstance(o, URIRef) and p != RDF.type and s in resources and o in resources:
            attrs = {"label": _local(p), "kind": _local(p)}
            if str(p) in STANCE_OF_PROPERTY:
                attrs.update(kind="stance", stance=STANCE_OF_PROPERTY[str(p)])
            elif p in EDGE_STANCE_FROM and g.value(s, KG.stance) is not None:
                attrs["stance"] = _local(g.value(s, KG.stance))
            G.add_edge(str(s), str(o), key=_local(p), **attrs)
    return G


@register("graphml", ".graphml", "application/graphml+xml")
def graphml_bytes(triples) -> bytes:
    """GraphML of the resource graph (see to_networkx)."""
    buf = io.BytesIO()
    nx.write_graphml(to_networkx(triples), buf)
    return buf.getvalue()


@register("gexf", ".gexf", "application/gexf+xml")
def gexf_bytes(triples) -> bytes:
    """GEXF of the resource graph (see to_networkx)."""
    buf = io.BytesIO()
    nx.write_gexf(to_networkx(triples), buf)
    return buf.getvalue()


def read_turtle(path) -> Graph:
    """An rdflib Graph parsed from a Turtle file, with the project's prefixes bound."""
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as e:
        raise KgError(f"{path}: cannot be read as Turtle ({str(e).splitlines()[0][:160]})") from None
    bind(g)
    return g
