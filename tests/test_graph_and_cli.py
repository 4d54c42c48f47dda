"""The CLI end to end through click's CliRunner, the graph round-trip, SHACL conformance and determinism."""
from pathlib import Path

import pytest

import pyoxigraph
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import EXIT_SKIPPED, main
from kg.namespaces import KG, PROV, RDF, SDO

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ("Ministers meet in Rome\n\nROME, March 6 (Reuters) - Italian Foreign Minister Anna Rossi will meet "
           "French Foreign Minister Paul Martin in Rome on Friday, her ministry said on Monday.\n")


def test_build_via_cli_writes_graph_articles_and_page(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a1.txt").write_text(ARTICLE)
    (src / "bad.txt").write_text("")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["build", str(src), "--out", str(out)])
    assert res.exit_code == EXIT_SKIPPED, res.output
    assert "bad.txt: empty article" in res.output
    assert (out / "graph.ttl").exists() and (out / "articles" / "a1.ttl").exists() and (out / "graph.html").exists()
    g = Graph().parse(out / "graph.ttl")
    assert any("Rossi" in str(o) for o in g.objects(None, SDO.name))


def test_cli_error_is_one_line_and_nonzero(tmp_path):
    res = CliRunner().invoke(main, ["build", str(tmp_path / "nothing"), "--out", str(tmp_path / "o")])
    assert res.exit_code == 1
    lines = res.output.strip().splitlines()
    assert lines == [f"kg: skipped {tmp_path / 'nothing'}: no such file or folder",
                     "kg: error: no article could be read, nothing written"]
    assert not (tmp_path / "o").exists()


def test_unknown_model_is_a_clean_error(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    res = CliRunner().invoke(main, ["build", str(tmp_path), "--out", str(tmp_path / "o"), "--model", "no_such_model"])
    assert res.exit_code == 1 and "cannot be loaded" in res.output and "Traceback" not in res.output


def test_seeds_graph_round_trips_and_conforms(seeds_build):
    import pyshacl
    out, _ = seeds_build
    text = (out / "graph.ttl").read_text()
    store = pyoxigraph.Store()
    store.load(text.encode(), format=pyoxigraph.RdfFormat.TURTLE)
    g = Graph().parse(data=text, format="turtle")
    assert len(store) == len(g) > 500
    ok, _, report = pyshacl.validate(g, shacl_graph=str(ROOT / "ontology" / "shapes.ttl"))
    assert ok, report
    for f in (out / "articles").glob("*.ttl"):
        Graph().parse(f)


def test_turtle_parses_in_rapper(seeds_build):
    import shutil
    import subprocess
    if shutil.which("rapper") is None:
        import os
        assert not os.environ.get("CI"), "CI installs raptor2-utils (see .ci/run)"
        pytest.skip("rapper (raptor2-utils) is not installed")
    out, _ = seeds_build
    for f in [out / "graph.ttl", *sorted((out / "articles").glob("*.ttl"))]:
        res = subprocess.run(["rapper", "-i", "turtle", "-c", str(f)], capture_output=True, text=True)
        assert res.returncode == 0 and "returned" in res.stderr, res.stderr


def test_every_fact_has_provenance_and_one_stance(seeds_build):
    out, _ = seeds_build
    g = Graph().parse(out / "graph.ttl")
    facts = set(g.subjects(RDF.type, SDO.Event)) | set(g.subjects(RDF.type, KG.Position))
    assert facts and all(list(g.objects(f, PROV.wasDerivedFrom)) for f in facts)
    assert all(len(list(g.objects(p, KG.stance))) == 1 for p in g.subjects(RDF.type, KG.Position))


def test_rebuild_is_byte_identical(seeds_build, tmp_path):
    from conftest import build_to
    out, _ = seeds_build
    build_to([ROOT / "seeds"], tmp_path)
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_html_is_self_contained_and_escapes_article_text(tmp_path):
    from conftest import build_to
    src = tmp_path / "in"
    src.mkdir()
    (src / "x.txt").write_text("Talks\n\nThe ministers of <script>alert(1)</script> Canada met in Ottawa on Monday, "
                               "officials said on Tuesday.\n")
    build_to([src], tmp_path / "out")
    page = (tmp_path / "out" / "graph.html").read_text()
    assert "<script>alert(1)</script>" not in page
    assert "cdn.jsdelivr" not in page and "unpkg.com" not in page and "cdnjs" not in page
    assert "kg-legend" in page


def test_page_keeps_the_best_connected_nodes_and_says_so():
    from rdflib import Literal, URIRef
    from kg.html import view_model
    g = Graph()
    hub = URIRef("https://example.org/e/hub")
    g.add((hub, RDF.type, SDO.Event))
    g.add((hub, SDO.name, Literal("Hub meeting")))
    for i in range(2500):
        p = URIRef(f"https://example.org/p/{i}")
        g.add((p, RDF.type, SDO.Person))
        g.add((p, SDO.name, Literal(f"Person {i}")))
        if i < 100:
            g.add((hub, SDO.attendee, p))
    view = view_model(g, max_nodes=1000)
    ids = {n["id"] for n in view.nodes}
    assert len(view.nodes) == 1000 and str(hub) in ids and len(view.edges) == 100
    assert view.cut == 1501 and view.warning.startswith("1,501 nodes not shown")
    assert sum(n["isolated"] and n["hidden"] for n in view.nodes) == 1000 - 101   # unconnected: behind a toggle


def test_positions_link_the_event_they_were_stated_at(seeds_build):
    out, _ = seeds_build
    g = Graph().parse(out / "graph.ttl")
    linked = [(p, e) for p, e in g.subject_objects(KG.statedAt)]
    assert linked and all((e, RDF.type, SDO.Event) in g for _, e in linked)
    call = next(e for _, e in linked if str(g.value(e, SDO.startDate)) == "2022-01-02")
    holders = {str(g.value(g.value(p, KG.holder), SDO.name)) for p, e in linked if e == call}
    assert "Joe Biden" in holders
