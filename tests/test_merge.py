"""Merging across articles: one node per real actor and meeting, distinct meetings kept apart."""
from rdflib import Graph

from kg.namespaces import PROV, RDF, SDO
from conftest import build_to as build

A1 = ("Envoys plan a busy week\n\nNAIROBI, March 1 (Reuters) - Kenyan and Ugandan officials will hold water "
      "talks on March 7 in Nairobi, a Kenyan official said on Tuesday. The Lake Victoria Basin Commission meeting "
      "will take place in Kampala on March 9. On March 10, talks will resume in Rome at the Food and Agriculture "
      "Organization (FAO). Talks stalled in 2021.\n")
A2 = ("Commission to meet\n\nKAMPALA, March 2 (Reuters) - The Lake Victoria Basin Commission meeting is scheduled "
      "for March 9 in Kampala, commission chair Harold Dunmore said on Wednesday. Dunmore will chair the meeting.\n")


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
    assert ev["2022-03-07"][0] == "Nairobi" and ev["2022-03-10"][0] == "Rome"
    assert ev["2022-03-09"] == ("Kampala", {"a1", "a2"})
    assert len(ev) == 3
    dunmore = [p for p in g.subjects(RDF.type, SDO.Person) if "Dunmore" in str(g.value(p, SDO.name))]
    assert len(dunmore) == 1
    fao = [o for o in g.subjects(RDF.type, SDO.Organization) if g.value(o, SDO.name) is not None
           and "FAO" in {str(x) for x in g.objects(o, SDO.alternateName)} | {str(g.value(o, SDO.name))}]
    assert len(fao) == 1


def test_other_names_of_an_organisation_and_a_place_tagged_as_an_organisation(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "b1.txt").write_text("Alliance meets\n\nThe Atlantic Alliance met in Brussels on Monday, officials said in "
                                "2022. Crimea was seized by Russia in 2014.\n")
    (src / "b2.txt").write_text("Alliance meets\n\nNATO foreign ministers met on Monday, officials said in 2022.\n")
    build([src], tmp_path / "out")
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    nato = [o for o in g.subjects(RDF.type, SDO.Organization)
            if {"NATO", "Atlantic Alliance"} & {str(x) for x in g.objects(o, SDO.name)} | {str(x) for x in g.objects(o, SDO.alternateName)}]
    assert len(nato) == 1


def test_old_city_names_are_not_aliases():
    from kg.geo import gazetteer
    gz = gazetteer()
    assert gz.city("Kiev") == "Kyiv" and gz.capital_of("Kiev") == "Ukraine"
    assert gz.city("Stalin") is None


def test_name_tagged_a_place_in_one_article_and_an_organisation_in_another_is_one_place():
    from kg.records import Actor, ArticleFacts, Metadata
    from kg.resolve import merge_actors
    f1 = ArticleFacts(id="a", source="a", meta=Metadata(), actors=(Actor("Place:crimea", "Crimea", "Place", ("Crimea",)),))
    f2 = ArticleFacts(id="b", source="b", meta=Metadata(), actors=(Actor("Organization:crimea", "Crimea", "Organization", ("Crimea",)),
                                                                  Actor("Organization:nato", "NATO", "Organization", ("NATO",))))
    merged, alias = merge_actors([f1, f2])
    assert alias["Organization:crimea"] == alias["Place:crimea"]
    assert merged[alias["Place:crimea"]].type == "Place" and merged[alias["Organization:nato"]].type == "Organization"
