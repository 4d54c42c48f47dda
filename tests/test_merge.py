"""Merging across articles: one node per real actor and meeting, distinct meetings kept apart."""
from rdflib import Graph

from kg.namespaces import PROV, RDF, SDO
from kg.pipeline import build

A1 = ("Diplomats prepare a week of talks\n\nGENEVA, March 1 (Reuters) - US and Russian officials will hold security "
      "talks on March 7 in Geneva, a US official said on Tuesday. The NATO-Russia Council meeting will take place "
      "in Brussels on March 9. On March 10, talks will continue in Vienna at the Organization for Security and "
      "Co-operation in Europe (OSCE). Talks broke down in 2021.\n")
A2 = ("Council to meet\n\nBRUSSELS, March 2 (Reuters) - The NATO-Russia Council meeting is scheduled for March 9 in "
      "Brussels, NATO Secretary General Jens Stoltenberg said on Wednesday. Stoltenberg will chair the meeting.\n")


def events(g):
    out = {}
    for e in g.subjects(RDF.type, SDO.Event):
        out[str(g.value(e, SDO.startDate))] = (str(g.value(g.value(e, SDO.location), SDO.name)),
                                              {str(g.value(a, SDO.identifier)) for a in g.objects(e, PROV.wasDerivedFrom)})
    return out


def test_same_meeting_once_nearby_meetings_apart(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a1.txt").write_text(A1)
    (src / "a2.txt").write_text(A2)
    build([src], tmp_path / "out")
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    ev = events(g)
    assert ev["2022-03-07"][0] == "Geneva" and ev["2022-03-10"][0] == "Vienna"
    assert ev["2022-03-09"] == ("Brussels", {"a1", "a2"})
    assert len(ev) == 3
    stolt = [p for p in g.subjects(RDF.type, SDO.Person) if "Stoltenberg" in str(g.value(p, SDO.name))]
    assert len(stolt) == 1
    osce = [o for o in g.subjects(RDF.type, SDO.Organization) if g.value(o, SDO.name) is not None
            and "OSCE" in {str(x) for x in g.objects(o, SDO.alternateName)} | {str(g.value(o, SDO.name))}]
    assert len(osce) == 1
