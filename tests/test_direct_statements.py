"""Direct statements beside the n-ary nodes (issue 11): kg:metWith between the participants of each
meeting and a stance property from each position's holder to its target, declared in the ontology
under kg:stanceToward, checked by the shapes, and seen by SPARQL, networkx and the exports."""
from pathlib import Path

import networkx as nx
import pyshacl
import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

import kg
from kg import query as q
from kg.cli import main
from kg.namespaces import KG, SDO, STANCE_PROPERTY

ROOT = Path(__file__).resolve().parents[1]
MEETINGS = {KG.Meeting, KG.Call, KG.Visit, KG.Conference, KG.Summit}


@pytest.fixture(scope="module")
def seeds_graph(seeds_build):
    out, _ = seeds_build
    return Graph().parse(out / "graph.ttl")


def participants(g, e):
    return set(g.objects(e, SDO.attendee)) | set(g.objects(e, SDO.organizer))


def test_met_with_joins_exactly_the_participants_of_each_meeting(seeds_graph):
    g = seeds_graph
    want = set()
    for e in set(g.subjects(RDF.type, SDO.Event)):
        if MEETINGS & set(g.objects(e, RDF.type)):
            who = participants(g, e)
            want |= {(a, b) for a in who for b in who if a != b}
    got = set(g.subject_objects(KG.metWith))
    assert got == want and len(got) > 20
    assert all((b, a) in got for a, b in got)                         # symmetric, written both ways
    names = {(str(g.value(a, SDO.name)), str(g.value(b, SDO.name))) for a, b in got}
    assert ("Jens Stoltenberg", "Alexander Grushko") in names


def test_each_targeted_position_gives_its_stance_edge_and_nothing_else(seeds_graph):
    g = seeds_graph
    want = set()
    for p in set(g.subjects(RDF.type, KG.Position)):
        prop = KG[STANCE_PROPERTY[str(g.value(p, KG.stance)).rsplit("/", 1)[1]]]
        want |= {(g.value(p, KG.holder), prop, t) for t in g.objects(p, KG.target) if t != g.value(p, KG.holder)}
    props = {KG[name] for name in STANCE_PROPERTY.values()}
    got = {(s, p, o) for s, p, o in g if p in props}
    assert got == want and len(got) > 20
    assert {p for _, p, _ in got} >= {KG.demandsOf, KG.rejects}


def test_ontology_declares_every_stance_property_under_stance_toward():
    onto = Graph().parse(ROOT / "ontology" / "kg.ttl")
    subs = set(onto.subjects(RDFS.subPropertyOf, KG.stanceToward))
    assert subs == {KG[name] for name in STANCE_PROPERTY.values()}
    for stance, name in STANCE_PROPERTY.items():
        assert str(onto.value(KG[name], KG.stanceConcept)).endswith("/" + stance)
    assert (KG.metWith, RDF.type, URIRef("http://www.w3.org/2002/07/owl#SymmetricProperty")) in onto


def test_shapes_refuse_a_one_way_or_unbacked_direct_statement(seeds_graph):
    shapes = str(ROOT / "ontology" / "shapes.ttl")       # the whole build conforms: test_graph_and_cli.py
    g = Graph() + seeds_graph
    a, b = next(iter(g.subject_objects(KG.metWith)))
    g.remove((b, KG.metWith, a))
    ok, _, report = pyshacl.validate(g, shacl_graph=shapes)
    assert not ok and "without its reverse" in report
    g = Graph() + seeds_graph
    h, t = next(iter(g.subject_objects(KG.rejects)))
    g.add((t, KG.supports, h))
    ok, _, report = pyshacl.validate(g, shacl_graph=shapes)
    assert not ok and "without a position of that holder, stance and target" in report


def test_plain_spo_query_and_networkx_see_the_actor_network():
    g = kg.build(["LISBON, Jan 12 (Reuters) - OECD Secretary General Harold Dunmore met Portuguese Deputy "
                  "Foreign Minister Ines Walcott in Lisbon on Wednesday."])
    rows = g.query("PREFIX kg: <https://w3id.org/kg-news/ontology#> PREFIX schema: <https://schema.org/> "
                   "SELECT ?a ?b WHERE { ?x kg:metWith ?y . ?x schema:name ?a . ?y schema:name ?b }")
    assert {"a": "Harold Dunmore", "b": "Ines Walcott"} in rows
    G = g.to_networkx()
    met = [(u, v) for u, v, d in G.edges(data=True) if d["kind"] == "metWith"]
    names = {(G.nodes[u]["label"], G.nodes[v]["label"]) for u, v in met}
    assert ("Ines Walcott", "Harold Dunmore") in names


def test_actor_network_query_gives_subject_predicate_object_rows(seeds_build):
    out, _ = seeds_build
    res = q.run(out, q.named_queries()["actor-network"].fill({}))
    assert res.variables == ["subject", "predicate", "object"]
    preds = {r[1].rsplit("#", 1)[1] for r in res.rows}
    assert "metWith" in preds and preds & {"rejects", "demandsOf"}
    met = [(s, o) for s, p, o in res.rows if p.endswith("#metWith")]
    assert len(met) == len(set(met)) and not [1 for s, o in met if (o, s) in set(met)]   # one edge per pair
    stances = q.run(out, q.named_queries()["stances"].fill({}))
    assert ("Russia", "demandsOf", "NATO") in {tuple(r) for r in stances.rows}


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_exports_keep_stance_as_edge_kind_and_attribute(seeds_build, tmp_path, fmt, read):
    out, _ = seeds_build
    dest = tmp_path / f"g.{fmt}"
    assert CliRunner().invoke(main, ["export", str(out), "--format", fmt, "--out", str(dest)]).exit_code == 0
    G = read(dest)
    stance_edges = [d for _, _, d in G.edges(data=True) if d.get("kind") == "stance"]
    assert len(stance_edges) > 20 and {d["stance"] for d in stance_edges} >= {"demand", "reject"}
    assert all(d["label"] == STANCE_PROPERTY[d["stance"]] for d in stance_edges)
    n_positions = len(set(Graph().parse(out / "graph.ttl").subjects(RDF.type, KG.Position)))
    positions = [n for n, d in G.nodes(data=True) if "Position" in d["type"]]
    assert len(positions) == n_positions > 10 and all(G.nodes[n]["stance"] in STANCE_PROPERTY for n in positions)
    held = [d for u, _, d in G.edges(data=True) if d.get("label") == "holder"]
    assert len(held) == n_positions and all(d.get("stance") for d in held)
    assert any(d.get("kind") == "metWith" for _, _, d in G.edges(data=True))
