"""Who holds a position and what stance it takes, on sentences written for the tests: cases a wide
read of other news found wrong (a court is not its state, 'insist' that something is so asserts, a
different first name is a different person)."""
from kg.extraction.positions import extract_positions
from kg.extraction.positions.context import PositionContext
from kg.extraction.positions.people import known_person
from kg.extraction.roles import extract_roles


def stances(parse, text):
    doc, idx = parse(text)
    return {(p.holder, p.stance) for p in extract_positions(doc, idx, roles=extract_roles(doc, idx))}


def test_a_state_speaks_through_its_officials_not_its_courts_or_lawmakers(parse):
    assert ("Country:france", "reject") in stances(parse, "French officials rejected the request on Monday.")
    assert not any(h == "Country:france" for h, _ in stances(parse, "A French court rejected the request on Monday."))
    assert not any(h == "Country:france" for h, _ in stances(parse, "French lawmakers rejected the request on Monday."))


def test_insisting_demands_only_what_it_prescribes(parse):
    assert stances(parse, "Harold Dunmore insisted that the talks had gone well.") == {("Person:harolddunmore", "assert")}
    assert ("Person:harolddunmore", "demand") in stances(parse, "Harold Dunmore insisted that the envoys must leave.")
    assert ("Person:harolddunmore", "demand") in stances(parse, "Harold Dunmore insisted on a full inquiry.")


def test_having_to_say_something_is_no_demand(parse):
    got = stances(parse, 'Harold Dunmore said: "I have to admit that the talks were hard."')
    assert ("Person:harolddunmore", "demand") not in got
    assert ("Person:harolddunmore", "demand") in stances(parse, "Harold Dunmore said the ministry had to publish the report.")


def test_a_surname_with_another_first_name_is_someone_else(parse):
    doc, idx = parse("Harold Weber spoke on Monday.")
    ctx = PositionContext(doc, idx, None, None, [], frozenset(), doc.text, [])
    other, _ = parse("Jane Weber and Weber left.")       # tokens the actor filter might have set aside
    jane, bare = other[1], other[3]
    assert (jane.text, bare.text, jane.dep_) == ("Weber", "Weber", "nsubj")
    assert known_person(ctx, bare) == "Person:haroldweber"
    assert known_person(ctx, jane) is None


def test_a_quoted_title_on_its_own_line_is_nobodys_words(parse):
    text = ('Harold Dunmore criticised the budget on Monday.\n\n'
            '"The cuts he announced will hurt every school in the county," he said.\n\n'
            '"Watch: council leaders clash over school funding"')
    doc, idx = parse(text)
    ps = extract_positions(doc, idx, roles=extract_roles(doc, idx))
    assert any("every school" in (p.quote or "") for p in ps)
    assert not any("clash" in (p.quote or "") or "clash" in p.topic for p in ps)
