"""Rules on small parsed sentences: actors, roles and events (positions: test_positions.py)."""
from datetime import date

from kg.extraction.events import extract_events
from kg.extraction.roles import extract_roles

REF = date(2022, 1, 4)


def names(idx):
    return {a.name: a.type for a in idx.actors.values()}


def test_actor_types_and_canonical_names(parse):
    doc, idx = parse("The U.S. and Russia met in Geneva while the Kremlin said Kiev was arming.")
    got = names(idx)
    assert got["United States"] == "Country" and got["Russia"] == "Country"
    assert got["Geneva"] == "City" and got["Kyiv"] == "City"
    russia = next(a for a in idx.actors.values() if a.name == "Russia")
    assert "Kremlin" in russia.names            # a seat of government stands for its state


def test_surname_joins_full_name_and_title_words_are_not_actors(parse):
    doc, idx = parse("US Assistant Secretary of State Laura Pryce met farmers. Pryce said the visit was useful.")
    assert "State" not in names(idx)
    pryce = [a for a in idx.actors.values() if a.type == "Person"]
    assert len(pryce) == 1 and set(pryce[0].names) == {"Laura Pryce", "Pryce"}


def test_roles_before_name_and_in_apposition(parse):
    doc, idx = parse("Chilean Deputy Foreign Minister Pablo Ferreyra met Ana Lucero, spokeswoman for the "
                     "Chilean Foreign Ministry, and OECD Secretary General Harold Dunmore.")
    roles = {(r.person.split(":")[1], r.title.lower(), r.org) for r in extract_roles(doc, idx)}
    assert ("pabloferreyra", "deputy foreign minister", "Country:chile") in roles
    assert ("analucero", "spokeswoman", "Organization:chileanforeignministry") in roles
    assert ("harolddunmore", "secretary general", "Organization:oecd") in roles


def test_role_of_possessive_country(parse):
    doc, idx = parse("Harold Dunmore spoke with Kenya's President Ines Walcott about the drought.")
    roles = extract_roles(doc, idx)
    assert [(r.title, r.org) for r in roles] == [("President", "Country:kenya")]


def test_meeting_with_date_place_and_participants(parse):
    doc, idx = parse("Peruvian and Chilean officials will hold fishing talks on March 10 in Lima.")
    [ev] = extract_events(doc, idx, REF)
    assert ev.date.iso == "2022-03-10" and ev.location == "Place:lima"
    assert {"Country:peru", "Country:chile"} <= set(ev.attendees)


def test_weekday_direction_follows_tense(parse):
    doc, idx = parse("The finance chiefs will hold a video call with bankers on Friday.")
    [ev] = extract_events(doc, idx, REF)
    assert ev.kind == "Call" and ev.date.iso == "2022-01-07"
    doc, idx = parse("In a phone call on Sunday, Harold Dunmore told Kenya's President Ines Walcott that aid would come.")
    [ev] = extract_events(doc, idx, REF)
    assert ev.date.iso == "2022-01-02" and {"Person:harolddunmore", "Person:ineswalcott"} & set(ev.attendees)


def test_mentions_of_one_meeting_merge_and_undated_stray_talk_is_dropped(parse):
    doc, idx = parse("The board meeting will take place in Lisbon on March 12. "
                     "Spanish officials will attend the OECD meeting in Lisbon. "
                     "Both sides have called for talks for weeks.")
    evs = extract_events(doc, idx, REF)
    assert len(evs) == 1 and "Country:spain" in evs[0].attendees and len(evs[0].evidence) == 2


def test_a_call_for_restraint_is_not_a_call(parse):
    doc, idx = parse("The minister made a call for restraint on Monday.")
    assert extract_events(doc, idx, REF) == []


def test_words_tagged_as_names_and_demonyms_tagged_as_places(nlp):
    from spacy.tokens import Span
    from kg.extraction.actors import extract_actors
    doc = nlp("Naturally, the Ukrainian officials disagreed.")
    doc.ents = [Span(doc, 0, 1, "PERSON"), Span(doc, 3, 4, "GPE")]
    idx = extract_actors(doc)
    assert [(a.type, a.name) for a in idx.actors.values()] == [("Country", "Ukraine")]
