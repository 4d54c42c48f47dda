"""kg export: JSON-LD and N-Triples hold the same triples; GraphML and GEXF hold the same node identities."""
import networkx as nx
from click.testing import CliRunner
from rdflib import Graph, URIRef

from kg.cli import main
from kg.namespaces import SDO


def test_rdf_exports_round_trip(seeds_build, tmp_path):
    out, _ = seeds_build
    g = Graph().parse(out / "graph.ttl")
    for fmt, parse_as in (("jsonld", "json-ld"), ("nt", "nt")):
        dest = tmp_path / f"g.{fmt}"
        res = CliRunner().invoke(main, ["export", str(out), "--format", fmt, "--out", str(dest)])
        assert res.exit_code == 0, res.output
        h = Graph().parse(dest, format=parse_as)
        assert len(h) == len(g) and set(h.subjects()) == set(g.subjects())


def test_graph_exports_keep_iris_as_node_ids(seeds_build, tmp_path):
    out, _ = seeds_build
    g = Graph().parse(out / "graph.ttl")
    stolt = next(s for s in g.subjects(SDO.name, None) if str(g.value(s, SDO.name)) == "Jens Stoltenberg")
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        dest = tmp_path / f"g.{fmt}"
        assert CliRunner().invoke(main, ["export", str(out), "--format", fmt, "--out", str(dest)]).exit_code == 0
        G = read(dest)
        assert str(stolt) in G.nodes and G.nodes[str(stolt)]["label"] == "Jens Stoltenberg"
        events = [n for n, d in G.nodes(data=True) if "Event" in d.get("type", "")]
        assert events and all(isinstance(URIRef(n), URIRef) and n.startswith("https://") for n in events)
        assert any(G.has_edge(e, str(stolt)) for e in events)
