"""Positions on small sentences written for the tests: reported speech, stance words, holders and topics."""
from datetime import date

from kg.extraction.positions import extract_positions
from kg.extraction.roles import extract_roles

REF = date(2022, 1, 4)


def stances(parse, text):
    doc, idx = parse(text)
    ps = extract_positions(doc, idx, roles=extract_roles(doc, idx))
    return {(p.holder, p.stance) for p in ps}, ps


def test_demand_deny_accuse(parse):
    got, ps = stances(parse, "Moscow wants guarantees that NATO will stop its eastward expansion.")
    assert ("Country:russia", "demand") in got
    assert any("expansion" in p.topic for p in ps)
    got, _ = stances(parse, "Russia denies claims that it is planning an invasion of Ukraine.")
    assert ("Country:russia", "deny") in got
    got, _ = stances(parse, "Russia accuses Ukraine of building up its forces in the east.")
    assert ("Country:russia", "accuse") in got


def test_negation_turns_agreement_into_rejection(parse):
    got, _ = stances(parse, "US Deputy Secretary of State Wendy Sherman said the United States will not agree that "
                            "NATO cannot expand any further.")
    assert ("Country:unitedstates", "reject") in got
    assert not any(s == "agree" for _, s in got)


def test_quote_speaker_after_the_quote_and_pronoun(parse):
    text = ('Jens Stoltenberg spoke to reporters. "Ukraine is not a threat to Russia, and we must say so," he said.')
    got, ps = stances(parse, text)
    assert any(h == "Person:jensstoltenberg" for h, _ in got)
    assert all(p.holder != "Country:ukraine" for p in ps)


def test_hedged_claims_are_not_positions(parse):
    got, _ = stances(parse, "Officials could warn that Moscow might be planning an invasion.")
    assert got == set()


def test_reporters_hold_nothing(parse):
    got, _ = stances(parse, "Reporters said the minister wants a deal on trade with Canada.")
    assert all(not h.startswith("Person:reporter") for h, _ in got)


def test_warn_support_reject_families(parse):
    got, _ = stances(parse, "Putin warned Biden that new sanctions could lead to a complete breakdown in relations.")
    assert ("Person:putin", "warn") in got
    got, _ = stances(parse, "Germany supports the sanctions against the regime in Minsk.")
    assert ("Country:germany", "support") in got
    got, _ = stances(parse, "US President Joe Biden rejected a military response in the event of an invasion.")
    assert ("Person:joebiden", "reject") in got


def test_content_of_a_demand_is_not_a_position_of_its_own(parse):
    got, _ = stances(parse, "Russia is seeking assurances that NATO will not agree to Ukraine's request for membership.")
    assert ("Country:russia", "demand") in got
    assert not any(h == "Organization:nato" for h, _ in got)


def test_conditional_clause_is_not_a_position(parse):
    got, _ = stances(parse, "The EU cannot stay neutral if Russia wants to discuss the security of Europe, Borrell said.")
    assert ("Country:russia", "demand") not in got


def test_statement_day_from_the_reporting_verb(parse):
    doc, idx = parse('"NATO\'s door remains open and we must say so," Jens Stoltenberg told reporters on Wednesday.')
    [p] = [p for p in extract_positions(doc, idx, date(2022, 1, 12)) if p.holder == "Person:jensstoltenberg"]
    assert p.date == "2022-01-12"
    doc, idx = parse("Russia denied on Monday that it plans an invasion.")
    [p] = extract_positions(doc, idx, REF)
    assert p.stance == "deny" and p.date == "2022-01-03"


def test_passive_purpose_and_ascribed_stances_are_not_positions(parse):
    got, _ = stances(parse, "Putin is most dangerous when backed into a corner by the West.")
    assert not any(s == "support" for _, s in got)
    got, _ = stances(parse, "Russia has begun diverting rail systems to support the military effort.")
    assert ("Country:russia", "support") not in got
    got, _ = stances(parse, "Antony Blinken warned that Russia was seeking to invade Ukraine.")
    assert ("Country:russia", "demand") not in got


def test_same_side_reports_keep_the_holder(parse):
    doc, idx = parse("Russian President Vladimir Putin spoke to reporters. The Kremlin said Putin warned that "
                     "new sanctions could lead to a complete breakdown in relations.")
    roles = extract_roles(doc, idx)
    got = {(p.holder, p.stance) for p in extract_positions(doc, idx, REF, roles=roles)}
    assert ("Person:vladimirputin", "warn") in got


def test_the_outlet_holds_nothing(parse):
    doc, idx = parse("The European Commission said on Monday that the sanctions must be lifted.")
    assert extract_positions(doc, idx, REF, outlets=("European Commission",)) == []
    assert extract_positions(doc, idx, REF) != []
    got, _ = stances(parse, "The sanctions must be lifted, Reuters said. The Moscow Times said the deal is unacceptable.")
    assert got == set()


def test_offers_and_quotes_over_two_sentences(parse):
    text = ('Jens Stoltenberg spoke in Brussels on Thursday. "We believe that dialogue is important," he said. '
            '"And we are ready to sit down with Russia."')
    got, ps = stances(parse, text)
    assert ("Person:jensstoltenberg", "offer") in got
    got, _ = stances(parse, "The allies will decide when Ukraine is ready to become a member.")
    assert not any(s == "offer" for _, s in got)


def test_light_verbs_and_gerund_holders(parse):
    got, ps = stances(parse, "President Joe Biden has signaled that the United States will not make any concessions.")
    assert ("Country:unitedstates", "reject") in got
    assert any("concessions" in p.topic for p in ps)
    got, ps = stances(parse, "Russia has continued to amass new troops near the border, despite President Joe Biden "
                             "urging Russian President Vladimir Putin to de-escalate tensions during a virtual meeting.")
    assert ("Person:joebiden", "demand") in got
