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
    got, ps = stances(parse, "Ankara wants guarantees that the new dam will not cut the flow of the river.")
    assert ("Country:turkey", "demand") in got
    assert any("dam" in p.topic for p in ps)
    got, _ = stances(parse, "Serbia denies reports that it is preparing a blockade of the river port.")
    assert ("Country:serbia", "deny") in got
    got, _ = stances(parse, "Peru accuses Bolivia of moving troops toward the shared lake.")
    assert ("Country:peru", "accuse") in got


def test_negation_turns_agreement_into_rejection(parse):
    got, _ = stances(parse, "Australian Trade Minister Harold Dunmore said Australia will not agree that "
                            "port fees must rise any further.")
    assert ("Country:australia", "reject") in got
    assert not any(s == "agree" for _, s in got)


def test_quote_speaker_after_the_quote_and_pronoun(parse):
    text = ('Harold Dunmore spoke to reporters. "Latvia is no danger to its neighbours, and we should keep saying it," '
            'he said.')
    got, ps = stances(parse, text)
    assert any(h == "Person:harolddunmore" for h, _ in got)
    assert all(p.holder != "Country:latvia" for p in ps)


def test_hedged_claims_are_not_positions(parse):
    got, _ = stances(parse, "Harold Dunmore could warn that Caracas might be preparing a blockade.")
    assert got == set()
    got, _ = stances(parse, "Harold Dunmore warned that Caracas is preparing a blockade.")
    assert got == {("Person:harolddunmore", "warn")}             # the same claim, not hedged


def test_reporters_hold_nothing(parse):
    got, _ = stances(parse, "Reporters said the minister wants a deal on trade with Canada.")
    assert all(not h.startswith("Person:reporter") for h, _ in got)


def test_warn_support_reject_families(parse):
    got, _ = stances(parse, "Harold Dunmore warned Ines Walcott that higher tariffs could cause a collapse in trade.")
    assert ("Person:harolddunmore", "warn") in got
    got, _ = stances(parse, "Germany supports the sanctions against the regime in Minsk.")
    assert ("Country:germany", "support") in got
    got, _ = stances(parse, "Brazilian President Harold Dunmore rejected a trade boycott in case of a default.")
    assert ("Person:harolddunmore", "reject") in got


def test_content_of_a_demand_is_not_a_position_of_its_own(parse):
    got, _ = stances(parse, "Turkey is seeking assurances that the European Union will not agree to Greece's plan "
                            "for a new fence.")
    assert ("Country:turkey", "demand") in got
    assert not any(h == "Organization:europeanunion" for h, _ in got)


def test_conditional_clause_is_not_a_position(parse):
    got, _ = stances(parse, "The league cannot stay silent if Egypt wants guarantees on the waters of the Nile.")
    assert ("Country:egypt", "demand") not in got
    got, _ = stances(parse, "The league cannot stay silent because Egypt wants guarantees on the waters of the Nile.")
    assert ("Country:egypt", "demand") in got                    # the same want, not a condition


def test_statement_day_from_the_reporting_verb(parse):
    doc, idx = parse('"The door stays open to them and we will keep saying it," Harold Dunmore told reporters on Wednesday.')
    [p] = [p for p in extract_positions(doc, idx, date(2022, 1, 12)) if p.holder == "Person:harolddunmore"]
    assert p.date == "2022-01-12"
    doc, idx = parse("Serbia denied on Monday that it plans a blockade.")
    [p] = extract_positions(doc, idx, REF)
    assert p.stance == "deny" and p.date == "2022-01-03"


def test_passive_purpose_and_ascribed_stances_are_not_positions(parse):
    got, _ = stances(parse, "The junta turns reckless once backed into a corner by Algeria.")
    assert not any(s == "support" for _, s in got)
    got, _ = stances(parse, "The junta is backed by Algeria.")
    assert got == {("Country:algeria", "support")}             # the same verb in a main clause
    got, _ = stances(parse, "Chile has begun shifting its cargo ships to support the rescue effort.")
    assert ("Country:chile", "support") not in got
    got, _ = stances(parse, "Harold Dunmore warned that Venezuela was seeking guarantees on the islands.")
    assert ("Country:venezuela", "demand") not in got and ("Person:harolddunmore", "warn") in got


def test_same_side_reports_keep_the_holder(parse):
    doc, idx = parse("French President Harold Dunmore spoke to reporters. The Elysee said Dunmore warned that "
                     "higher tariffs could wreck trade between the two nations.")
    roles = extract_roles(doc, idx)
    got = {(p.holder, p.stance) for p in extract_positions(doc, idx, REF, roles=roles)}
    assert ("Person:harolddunmore", "warn") in got


def test_the_outlet_holds_nothing(parse):
    doc, idx = parse("The European Commission said on Monday that all sanctions must be lifted.")
    assert extract_positions(doc, idx, REF, outlets=("European Commission",)) == []
    assert extract_positions(doc, idx, REF) != []
    got, _ = stances(parse, "The sanctions must be lifted, Reuters said. The Moscow Times said the deal is unacceptable.")
    assert got == set()


def test_offers_and_quotes_over_two_sentences(parse):
    text = ('Harold Dunmore spoke in Lisbon on Thursday. "We think that talks can help," he said. '
            '"And we remain ready to meet the strikers."')
    got, ps = stances(parse, text)
    assert ("Person:harolddunmore", "offer") in got
    got, _ = stances(parse, "The members will decide when Moldova is ready to sign the accord.")
    assert not any(s == "offer" for _, s in got)


def test_light_verbs_and_gerund_holders(parse):
    got, ps = stances(parse, "Prime Minister Harold Dunmore has signaled that Canada will not make further concessions.")
    assert ("Country:canada", "reject") in got
    assert any("concessions" in p.topic for p in ps)
    got, ps = stances(parse, "Serbia went on sending police to the frontier, despite President Harold Dunmore "
                             "repeatedly urging Serbian President Ines Walcott to pull them back.")
    assert ("Person:harolddunmore", "demand") in got


# --- reported speech as the backbone ---------------------------------------------------------------

def positions(parse, text):
    doc, idx = parse(text)
    return extract_positions(doc, idx, REF, roles=extract_roles(doc, idx))


def test_one_reporting_verb_list_for_every_module():
    from kg.lexicon import reporting_verb_forms, reporting_verbs
    assert {"say", "tell", "tweet", "write", "announce", "confirm"} <= reporting_verbs()
    assert {"said", "told", "tweeted", "wrote", "says"} <= reporting_verb_forms()
    assert not {"warn", "urge", "deny"} & reporting_verbs()          # those take a stance of their own


def test_reported_judgement_is_a_statement_and_reported_arrangements_are_not(parse):
    got, ps = stances(parse, "Trade Minister Liesje Schreinemacher said the new tariffs were unfair to farmers.")
    assert got == {("Person:liesjeschreinemacher", "assert")} and "unfair" in ps[0].topic
    got, _ = stances(parse, "Trade Minister Liesje Schreinemacher said the delegations will meet in Oslo on Friday.")
    assert got == set()


def test_prescriptions_demand_and_conditional_consequences_warn(parse):
    got, _ = stances(parse, "Trade Minister Liesje Schreinemacher said Dutch firms should invest more in Africa.")
    assert got == {("Person:liesjeschreinemacher", "demand")}
    got, _ = stances(parse, "Governor Gavin Newsom told reporters that California would sue if the agency cut the funds.")
    assert got == {("Person:gavinnewsom", "warn")}


def test_a_quotation_over_sentences_and_paragraphs_is_its_speakers_one_statement(parse):
    text = ('Health Minister Anna Berg spoke in Oslo on Monday. "The plan is a good start and it deserves support.\n\n'
            '"But the details still matter a great deal to the towns," she said.')
    ps = positions(parse, text)
    assert {p.holder for p in ps} == {"Person:annaberg"} and len(ps) == 2
    assert len({p.topic for p in ps}) == 1 and all("details" in p.quote for p in ps)
    text = ('"We will not leave the table. The offer stands," Angela Merkel said.\n\n'
            '"And we remain ready to talk with the unions."')
    got, _ = stances(parse, text)
    assert ("Person:angelamerkel", "offer") in got


def test_first_person_stance_in_a_quotation_is_the_speakers(parse):
    got, _ = stances(parse, '"We reject this ultimatum from Moscow," Finnish Foreign Minister Pekka Haavisto said.')
    assert ("Person:pekkahaavisto", "reject") in got
    got, _ = stances(parse, '"We will send more doctors to the region," Health Minister Anna Berg said.')
    assert got == {("Person:annaberg", "offer")}
    got, _ = stances(parse, '"We will not pay the fine," Health Minister Anna Berg said.')
    assert got == {("Person:annaberg", "reject")}


def test_pronouns_resolve_to_the_speaker_above_or_the_last_subject_of_their_sex(parse):
    got, _ = stances(parse, "Prime Minister Jacinda Ardern said she would not accept the proposal.")
    assert got == {("Person:jacindaardern", "reject")}
    got, _ = stances(parse, "Prime Minister Mark Rutte met Prime Minister Sanna Marin in The Hague on Tuesday. "
                            "Ms Marin spoke first. Mr Rutte spoke after her. She said the talks were frank and useful.")
    assert {h for h, _ in got} == {"Person:sannamarin"}


def test_a_title_stands_for_the_one_person_holding_it(parse):
    text = ("Prime Minister Mark Rutte met Finnish President Sauli Niinisto in The Hague. "
            "The Dutch prime minister said the two countries must share more intelligence.")
    got, _ = stances(parse, text)
    assert got == {("Person:markrutte", "demand")}


def test_a_group_stands_for_each_of_its_members(parse):
    got, _ = stances(parse, "Canada and Mexico signed a trade accord on Monday. "
                            "The two countries agreed to cut tariffs on steel.")
    assert got == {("Country:canada", "agree"), ("Country:mexico", "agree")}
    got, _ = stances(parse, "OSLO: Norway and Iceland agreed to share fishing data.")
    assert got == {("Country:norway", "agree"), ("Country:iceland", "agree")}      # not the dateline


def test_officials_sources_passive_agents_and_modifiers_name_their_body(parse):
    got, _ = stances(parse, "A European Union official said the sanctions were working.")
    assert got == {("Organization:europeanunion", "assert")}
    got, ps = stances(parse, "The truce, proposed by Qatar, took effect at dawn.")
    assert got == {("Country:qatar", "offer")} and "truce" in ps[0].topic
    got, _ = stances(parse, "Japanese stock markets said nothing, but Japanese negotiators said the offer was too low.")
    assert got == {("Country:japan", "assert")}                   # markets do not speak for a state
    got, ps = stances(parse, "Analysts weighed Canadian concerns about the pipeline route.")
    assert got == {("Country:canada", "oppose")} and ps[0].topic.startswith("concerns about")


def test_news_outlets_hold_nothing(parse):
    got, _ = stances(parse, "Xinhua said the visit would deepen trust between the two nations. "
                            "The Daily Herald said the deal was unfair.")
    assert got == set()


def test_concessive_and_coordinated_stances_stand_on_their_own(parse):
    got, _ = stances(parse, "Prime Minister Mark Rutte agreed to resume talks with the unions, although he rejected "
                            "calls for a ban on strikes.")
    assert got == {("Person:markrutte", "agree"), ("Person:markrutte", "reject")}
    got, _ = stances(parse, "Hungary denies the allegations and accuses Brussels of double standards.")
    assert got == {("Country:hungary", "deny"), ("Country:hungary", "accuse")}


def test_an_outlet_or_it_reporting_a_stance_does_not_claim_it(parse):
    got, _ = stances(parse, "Turkey rejects the plan to expand the base, the agency said. "
                            "Poland supports the embargo on oil, it said.")
    assert got == {("Country:turkey", "reject"), ("Country:poland", "support")}


def test_stance_lexicon_praise_invite_push_back_hope_and_courtesy(parse):
    got, _ = stances(parse, "Spain praised the volunteers for their courage. Spain invited Portugal to join the project.")
    assert got == {("Country:spain", "support"), ("Country:spain", "offer")}
    got, _ = stances(parse, "Ottawa pushed back on the proposal to raise fees. Kenya hoped for a quick settlement.")
    assert got == {("Country:canada", "reject"), ("Country:kenya", "request")}
    got, _ = stances(parse, "Senator Ted Cruz thanked reporters for coming.")
    assert got == set()


def test_wanting_to_act_oneself_is_no_demand(parse):
    got, _ = stances(parse, "Sweden wants to be a bridge between the blocs.")
    assert got == set()
    got, _ = stances(parse, "Sweden wants guarantees from Turkey on its borders.")
    assert got == {("Country:sweden", "demand")}


def test_topics_are_short_head_phrases(parse):
    _, [p] = stances(parse, "Chile rejected the treaty, which was signed in 2019 by six nations.")
    assert p.topic == "the treaty"
    got, ps = stances(parse, "Moscow dismissed British claims that its troops are massing on the border.")
    [p] = [p for p in ps if p.stance == "reject"]
    assert p.topic.startswith("British claims that")          # a content clause is the topic
    assert ("Country:unitedkingdom", "assert") in got         # and the claim asserts its clause


def test_a_one_word_name_opening_a_sentence_is_the_known_person(parse):
    got, _ = stances(parse, "Johanna Weber, the bank's chief economist, spoke in Frankfurt. "
                            "Weber, who joined the bank in 2010, said inflation was too high.")
    assert got == {("Person:johannaweber", "assert")}


def test_same_holder_stance_and_head_words_merge_across_articles():
    from kg.records import ArticleFacts, Metadata, Position
    from kg.resolve import merge_positions
    a = ArticleFacts(id="a", source="a", meta=Metadata(), positions=(
        Position("Country:chile", "reject", "the new fishing treaty with Peru", "Chile rejected the new fishing treaty."),))
    b = ArticleFacts(id="b", source="b", meta=Metadata(), positions=(
        Position("Country:chile", "reject", "fishing treaties with Peru", "Chile rejects fishing treaties with Peru."),
        Position("Country:chile", "reject", "a tax on copper", "Chile rejects a tax on copper.")))
    alias = {"Country:chile": "Country:chile"}
    got = merge_positions([a, b], alias)
    assert len(got) == 2 and got[0].articles == {"a", "b"} and len(got[0].evidence) == 2


def test_what_was_not_said_is_no_statement(parse):
    got, _ = stances(parse, "Trade Minister Liesje Schreinemacher declined to say what the tariffs would be.")
    assert got == set()
    got, _ = stances(parse, "Trade Minister Liesje Schreinemacher did not say that the tariffs were unfair.")
    assert got == set()


def test_states_with_a_preposition_that_decides(parse):
    got, ps = stances(parse, "Canada and Mexico are aligned against the tariff plan.")
    assert got == {("Country:canada", "oppose"), ("Country:mexico", "oppose")} and ps[0].topic == "the tariff plan"
    got, _ = stances(parse, "Spain is aligned with France on the budget.")
    assert got == {("Country:spain", "support")}


def test_what_is_announced_and_what_is_said_of_a_noun(parse):
    got, ps = stances(parse, "Peru and Chile announced the launch of a ferry service between their ports.")
    assert got == {("Country:peru", "assert"), ("Country:chile", "assert")} and "ferry" in ps[0].topic
    got, ps = stances(parse, "The minister will tour the border, a trip the European Union said will calm the region.")
    assert got == {("Organization:europeanunion", "assert")} and "calm the region" in ps[0].topic


def test_lines_left_in_from_the_page_state_nothing(parse):
    text = ("The finance ministers met in Lima on Monday.\n\n"
            "Read more: Chile and Peru agree to cut tariffs on copper\n\n"
            "They said the plan must be revised.")
    got, _ = stances(parse, text)
    assert got == set()                  # neither the link's 'agree' nor a group taken from it


def test_pronoun_after_an_unnamed_title_stands_for_no_one(parse):
    text = ("Harold Dunmore said the vote was unfair. The prime minister said on Monday that he rejects the plan.")
    got, ps = stances(parse, text)
    assert ("Person:harolddunmore", "assert") in got
    assert not any(p.stance == "reject" for p in ps)        # 'he' is the unnamed prime minister
    got, _ = stances(parse, "Harold Dunmore said the vote was unfair. He said he rejects the plan.")
    assert ("Person:harolddunmore", "reject") in got


def test_a_qualified_title_is_another_office(parse):
    got, _ = stances(parse, "Shadow chancellor Harold Dunmore spoke on Monday. The chancellor said the budget must be cut.")
    assert not got
    got, _ = stances(parse, "Chancellor Harold Dunmore spoke on Monday. The chancellor said the budget must be cut.")
    assert ("Person:harolddunmore", "demand") in got
    got, _ = stances(parse, "Deputy Prime Minister Ines Walcott spoke on Monday. "
                            "The deputy prime minister said the budget must be cut.")
    assert ("Person:ineswalcott", "demand") in got
    got, _ = stances(parse, "Deputy Prime Minister Ines Walcott spoke on Monday. The prime minister said spending must be cut.")
    assert not got


def test_an_affiliation_without_a_title_does_not_break_title_lookup(parse):
    got, _ = stances(parse, "Microsoft's Harold Dunmore said the vote was unfair. The PM said the plan must go.")
    assert got == {("Person:harolddunmore", "assert")}
