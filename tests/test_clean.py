"""Page furniture out, metadata in: rules checked on furniture written in the tests' own words."""
from kg.clean import clean, credit_names, is_bio, is_furniture
from kg.records import Article


def make(text: str, **kw) -> Article:
    return Article(id="t1", text=text, source="t1.txt", **kw)


def test_subscription_share_and_comment_prompts_are_removed():
    text = ("Ministers meet to discuss the budget\n\n"
            "LONDON, March 3 (Reuters) - Finance ministers met on Monday to discuss the budget, officials said.\n\n"
            "Subscribe today for unlimited access to our journalism\n\n"
            "The talks will resume next month in Paris, according to a statement.\n\n"
            "Share this story on Facebook\n\nLeave a comment\n")
    c = clean(make(text))
    assert "Subscribe" not in c.body and "Share this" not in c.body and "comment" not in c.body
    assert "talks will resume" in c.body
    assert c.meta.publisher == "Reuters" and c.meta.dateline == "London"
    assert c.body.startswith("Finance ministers met")


def test_related_headlines_list_and_author_bio_are_removed():
    text = ("Leaders agree on a trade pact\n\nThe two leaders agreed on a trade pact in Tokyo on Friday.\n\n"
            "About the author\n\nI am a reporter with ten years on the trade beat. My work has won me many prizes.\n\n"
            "Related stories\n\nMarkets rally after surprise rate cut\nPrime minister faces vote on housing bill\n")
    c = clean(make(text))
    assert c.body == "The two leaders agreed on a trade pact in Tokyo on Friday."
    assert any("Markets rally" in r for r in c.removed)


def test_credit_lines_give_contributors_not_text():
    names, ok = credit_names("Reporting by Ann Lee; Additional reporting by Bo Chan and Cy Dorn; Editing by Di Eng")
    assert ok and names == ["Ann Lee", "Bo Chan", "Cy Dorn", "Di Eng"]
    c = clean(make("Headline here\n\nThe council met on Monday, its chair said.\n\nWriting by Ann Lee; Editing by Di Eng\n"))
    assert c.meta.contributors == ("Ann Lee", "Di Eng") and "Ann Lee" not in c.body


def test_source_and_by_lines_give_publisher_and_date():
    c = clean(make("A headline\nSource: Daily Planet, 2023-05-02\n\nThe mayor met the governor on Tuesday."))
    assert c.meta.publisher == "Daily Planet" and c.meta.published == "2023-05-02"
    c2 = clean(make("A headline\nBy Planetnews\n\nThe mayor met the governor on Tuesday in the capital."))
    assert c2.meta.publisher == "Planetnews" and "Planetnews" not in c2.body


def test_photo_caption_with_credit_is_removed():
    text = ("Protest in the capital\n\nThousands marched on Sunday, police said.\n\n"
            "Protesters march past parliament in Lisbon on May 1, 2023. REUTERS / Jo Smith\n")
    c = clean(make(text))
    assert "Jo Smith" not in c.body and "Protesters march" not in c.body


def test_dateline_year_is_pinned_by_the_weekday_of_the_lead():
    text = ("Summit set\n\nPARIS, Jan.4 (Reuters) - The summit will open next week, an official said on Tuesday. "
            "Sanctions imposed in 2021 remain.")
    assert clean(make(text)).meta.published == "2022-01-04"
    # no weekday, no year anywhere, no build hint: the year stays unknown rather than guessed
    assert clean(make("Summit set\n\nPARIS, Jan.4 (Reuters) - The summit will open soon, an official said.")).meta.published is None


def test_news_sentences_are_not_furniture():
    assert not is_furniture("The minister said the government would subscribe to the new treaty on Monday after weeks of talks.")
    assert not is_bio('"I will never accept this," the president told my colleague.')
    assert is_bio("I joined the paper in 2010 and my beat is politics.")


def test_other_outlets_datelines_and_stamps():
    c = clean(make("Talks resume\n\nWASHINGTON (AP) — The two sides met on Monday, officials said.\n"))
    assert c.meta.publisher == "AP" and c.meta.dateline == "Washington" and c.body.startswith("The two sides")
    c = clean(make("Talks resume\n\nKYIV — Officials met on Monday in the capital, a spokesman said.\n"))
    assert c.meta.dateline == "Kyiv" and c.body.startswith("Officials met")
    c = clean(make("Talks resume\nPublished 3:45 PM EST, January 12, 2022\nUpdated 5:10 PM EST, January 13, 2022\n\n"
                   "The ministers met on Wednesday, officials said.\n"))
    assert c.meta.published == "2022-01-12" and "Published" not in c.body and "Updated" not in c.body
