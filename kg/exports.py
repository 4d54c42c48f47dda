"""Other formats people expect: JSON-LD and N-Triples (rdflib, pyoxigraph), GraphML and GEXF (networkx,
for Gephi and Cytoscape). Node identities are the Turtle's IRIs in every format."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.errors import KgError
from kg.export import atomic_write
from kg.namespaces import SDO, bind

FORMATS = ("jsonld", "nt", "graphml", "gexf")


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """Resources as nodes (id = IRI) with their name, type and literal properties; links between
    resources as edges labelled with the property's local name."""
    G = nx.MultiDiGraph()
    def local(t) -> str:
        return str(t).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    for s in sorted(set(g.subjects()), key=str):
        if isinstance(s, BNode):
            continue
        attrs = {"label": str(g.value(s, SDO.name) or g.value(s, SDO.headline) or local(s)),
                 "type": ",".join(sorted(local(t) for t in g.objects(s, RDF.type)))}
        for p, o in sorted(g.predicate_objects(s), key=lambda po: (str(po[0]), str(po[1]))):
            if isinstance(o, Literal) and p != SDO.name:
                key = local(p)
                attrs[key] = (attrs[key] + " | " + str(o)) if key in attrs else str(o)
        G.add_node(str(s), **attrs)
    for s, p, o in sorted(g, key=lambda t: tuple(map(str, t))):
        if isinstance(o, URIRef) and p != RDF.type and isinstance(s, URIRef) and (o, None, None) in g:
            G.add_edge(str(s), str(o), key=local(p), label=local(p))
    return G


def export(graph_path: str | Path, fmt: str, out: str | Path) -> Path:
    from kg.query import graph_file
    src = graph_file(graph_path)
    if fmt not in FORMATS:
        raise KgError(f"unknown export format '{fmt}' (one of {', '.join(FORMATS)})")
    g = Graph()
    g.parse(src, format="turtle")
    bind(g)
    if fmt == "jsonld":
        data = g.serialize(format="json-ld", indent=2, sort_keys=True)
    elif fmt == "nt":
        data = "".join(sorted(g.serialize(format="nt").splitlines(keepends=True)))
    else:
        import io
        G = to_networkx(g)
        buf = io.BytesIO()
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(G, buf)
        data = buf.getvalue()
    return atomic_write(Path(out), data)
