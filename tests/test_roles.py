"""Roles read from the syntax around names, in sentences written for these tests."""
import pytest

from kg.extraction.actors import implied_actors
from kg.extraction.roles import canonical_title, extract_roles


def roles(parse, text):
    doc, idx = parse(text)
    found = extract_roles(doc, idx)
    names = {a.key: a.name for a in [*idx.actors.values(), *implied_actors(idx.actors, [r.org for r in found])]}
    return {(names[r.person], r.title, names.get(r.org)) for r in found}


@pytest.mark.parametrize("text, expected", [
    # a title before the name, with the organisation or state right before it
    ("Kenyan Trade Minister Amina Otieno opened the fair.", ("Amina Otieno", "Trade Minister", "Kenya")),
    # a rank between the title and the name
    ("Army spokeswoman Maj. Lena Brooks declined to comment.", ("Lena Brooks", "Spokeswoman", "Army")),
    # an apposition whose noun is no title of office, but names its employer
    ("Tom Reyes, a Pacific Marine Institute oceanographer, said the reef was dying.",
     ("Tom Reyes", "Oceanographer", "Pacific Marine Institute")),
    # a title, then a comma, then the name; the host of an ambassador is not the employer
    ("Talks went on with Lisbon's envoy to the UN, Mr Rui Costa, among those present.",
     ("Rui Costa", "Envoy", "Portugal")),
    # the verb says the office
    ("Hannah Wolf was appointed as director of the Federal Water Agency last year.",
     ("Hannah Wolf", "Director", "Federal Water Agency")),
    # a modifier before the organisation belongs to the title
    ("Deputy Green Party leader Ola Berg resigned on Friday.", ("Ola Berg", "Deputy Leader", "Green Party")),
])
def test_roles_from_syntax(parse, text, expected):
    assert expected in roles(parse, text)


def test_a_title_before_the_next_name_is_not_this_persons(parse):
    got = roles(parse, "The talks were led by Mr Okafor, Canadian Foreign Minister Julie Marsh and two aides.")
    assert ("Julie Marsh", "Foreign Minister", "Canada") in got
    assert not any(name.endswith("Okafor") for name, _, _ in got)


def test_titles_are_written_one_way():
    assert canonical_title("Sec-Gen") == canonical_title("secretary-general") == "Secretary General"
    assert canonical_title("Capt") == "Captain"
