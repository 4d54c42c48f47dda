"""Actors: entity corrections only on evidence in the document, one node per person and place, on
sentences and records written for these tests."""
from spacy.tokens import Span

from kg.entity_rules import NameFacts, common_words_out, particle_names, states_by_gazetteer
from kg.records import Actor, ArticleFacts, Metadata
from kg.resolve import merge_actors


def spans_of(nlp, text, labelled):
    """A parsed doc (kg's own fixes off) with the given (words, label) entities set by hand."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "kg_entity_fixes":
            doc = proc(doc)
    out = []
    for words, label in labelled:
        start = text.index(words)
        out.append(doc.char_span(start, start + len(words), label=label))
    doc.ents = out
    return doc, out


def test_a_place_tagged_as_a_person_needs_no_person_evidence_to_be_retyped(nlp):
    doc, spans = spans_of(nlp, "Kyiv said the line held, and Mr Jordan agreed.", [("Kyiv", "PERSON"), ("Jordan", "PERSON")])
    got = {e.text: e.label_ for e in states_by_gazetteer(doc, spans, NameFacts.of(doc, spans))}
    assert got == {"Kyiv": "GPE", "Jordan": "PERSON"}       # a courtesy title is evidence of a person


def test_particles_carry_a_name_on(nlp):
    doc, spans = spans_of(nlp, "Minister Anna van der Berg met the press.", [("Anna van der", "PERSON"), ("Berg", "GPE")])
    got = particle_names(doc, spans, NameFacts.of(doc, spans))
    assert [(e.text, e.label_) for e in got][0] == ("Anna van der Berg", "PERSON")


def test_words_are_not_names(nlp):
    doc, spans = spans_of(nlp, "Officials met. Bold as it was, the plan held, officials said.",
                          [("Officials", "ORG"), ("Bold", "PERSON")])
    assert common_words_out(doc, spans, NameFacts.of(doc, spans)) == []


def test_shorter_names_initials_and_nicknames_join_the_full_name(parse):
    doc, idx = parse("Juan Diego Rojas (JDR) met Anna van der Berg and Park Min-jun in Lima. "
                     "Rojas spoke first. Van der Berg and Park answered, and JDR closed the meeting.")
    people = {a.name: set(a.names) for a in idx.actors.values() if a.type == "Person"}
    assert people["Juan Diego Rojas"] >= {"Rojas", "JDR"}
    assert "Van der Berg" in people["Anna van der Berg"] and "Park" in people["Park Min-jun"]
    assert len(people) == 3


def facts(aid, *actors):
    return ArticleFacts(id=aid, source=aid, meta=Metadata(), actors=tuple(actors))


def person(name):
    return Actor(key="Person:" + name.lower().replace(" ", ""), name=name, type="Person", names=(name,))


def country(name):
    return Actor(key="Country:" + name.lower(), name=name, type="Country", names=(name,))


def test_spelling_variants_and_surnames_in_the_same_story_are_one_person():
    merged, alias = merge_actors([
        facts("a", person("Oleksandr Kovalenko"), country("Peru")),
        facts("b", person("Oleksandr Kovalenkoy"), country("Chile")),
        facts("c", person("Kovalenko"), country("Peru")),
    ])
    assert len({alias[k] for k in ("Person:oleksandrkovalenko", "Person:oleksandrkovalenkoy", "Person:kovalenko")}) == 1


def test_two_people_sharing_a_surname_in_unrelated_stories_stay_two():
    merged, alias = merge_actors([
        facts("a", person("Maria Lopez"), country("Peru")),
        facts("b", person("Lopez"), country("Norway")),
    ])
    assert alias["Person:marialopez"] != alias["Person:lopez"]


def test_documents_are_not_actors_and_first_names_leave_organisations(parse):
    doc, idx = parse("Officials of the Presidential Administration Anton Vaino signed the Lima Accords "
                     "and discussed the Set of Measures.")
    names = {a.name: a.type for a in idx.actors.values()}
    assert names.get("Anton Vaino") == "Person" and "Presidential Administration" in names
    assert not any("Accords" in n or "Measures" in n for n in names)


def test_a_source_line_with_an_agency_and_a_date_is_not_text():
    from kg.clean import clean_text
    c = clean_text("Talks\n\nRiver News / Agency - 11th March, 2024\n\nThe two ministers met in Lima, officials said.\n")
    assert c.body == "The two ministers met in Lima, officials said."


def test_a_dateline_in_capitals_does_not_name_the_place():
    from kg.resolve import MergedActor
    a = MergedActor(key="City:oslo", type="City")
    a.names.update({"OSLO": 3, "Oslo": 1})
    assert a.name == "Oslo"
    org = MergedActor(key="Organization:nato", type="Organization")
    org.names.update({"NATO": 2, "North Atlantic Treaty Organization": 1})
    assert org.name == "NATO"                  # an acronym is no case variant of a longer name
