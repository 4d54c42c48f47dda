"""The page's data without a browser: a large connected group is laid out (networkx's sparse path),
the same graph gives the same page, the palette never repeats a colour, and article text reaches the
page only as escaped JSON."""
import json
import re

from rdflib import Graph, Literal, URIRef

from kg.html import KIND_STYLE, STANCE_COLOURS, render, safe_json, view_model, vis_network_js
from kg.namespaces import KG, RDF, SDO, STANCE


def web(n: int) -> Graph:
    """N people linked in one chain of meetings (one connected group of about 1.5 N nodes)."""
    g = Graph()
    for i in range(n):
        p = URIRef(f"https://example.org/p/{i}")
        g.add((p, RDF.type, SDO.Person))
        g.add((p, SDO.name, Literal(f"Person {i} <b>")))
        if i % 2 == 0:
            e = URIRef(f"https://example.org/e/{i}")
            g.add((e, RDF.type, SDO.Event))
            g.add((e, SDO.name, Literal(f"Meeting {i}")))
            for j in (i, i + 1, i + 2):
                if j < n:
                    g.add((e, SDO.attendee, URIRef(f"https://example.org/p/{j}")))
    return g


def test_a_large_group_is_laid_out_the_same_way_every_time():
    g = web(700)
    a, b = render(g), render(g)
    assert a == b
    view = view_model(g)
    xy = {(n["x"], n["y"]) for n in view.nodes}
    assert len(view.nodes) == 1000 and len(xy) > 990              # cut to 1,000, and spread out
    assert view.cut == 50 and "50 nodes not shown" in a


def test_palette_gives_every_kind_and_stance_its_own_colour():
    colours = [c for c, _, _ in KIND_STYLE.values()] + list(STANCE_COLOURS.values())
    assert len(colours) == len(set(c.lower() for c in colours))
    assert set(STANCE_COLOURS) == set(STANCE.__annotations__) | {"assert"}      # every stance of the ontology
    assert len({s for _, s, _ in KIND_STYLE.values()}) == len(KIND_STYLE)     # shapes differ too


def test_article_text_reaches_the_page_only_as_escaped_json():
    g = web(4)
    p = URIRef("https://example.org/position/x")
    g.add((p, RDF.type, KG.Position))
    g.add((p, KG.holder, URIRef("https://example.org/p/0")))
    g.add((p, KG.target, URIRef("https://example.org/p/1")))
    g.add((p, KG.stance, STANCE.reject))
    g.add((p, KG.topic, Literal("</script><script>alert(1)</script>")))
    g.add((p, KG.evidence, Literal("He said </script><img src=x onerror=alert(2)> & more\u2028")))
    page = render(g).replace(vis_network_js(), "")                 # the page less the inlined library
    assert "<script>alert(1)" not in page and "<img src=x" not in page and "<b>" not in page
    data = page.split('<script id="kg-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    parsed = json.loads(data)
    assert any("</script><script>alert(1)</script>" in e.get("title", "") for e in parsed["edges"])
    assert not re.search(r"[<>&]", data)
    assert json.loads(safe_json({"a": "<&>\u2028"})) == {"a": "<&>\u2028"}


def test_seeds_view_has_unique_ids_and_positions_as_stance_edges(seeds_build):
    out, _ = seeds_build
    view = view_model(Graph().parse(out / "graph.ttl"))
    assert len({n["id"] for n in view.nodes}) == len(view.nodes)
    assert len({e["id"] for e in view.edges}) == len(view.edges)       # vis-network refuses a repeated id
    stance = [e for e in view.edges if e["kind"] == "stance"]
    assert len(stance) > 20 and all(e["color"]["color"] == STANCE_COLOURS[e["stance"]] for e in stance)
    assert all(n["hidden"] for n in view.nodes if n["kind"] == "positions")
    assert set(view.stances) == {e["stance"] for e in stance} | {n["label"].split(":")[0] for n in view.nodes
                                                                  if n["kind"] == "positions"}
