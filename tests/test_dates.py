"""The date resolver: expressions x reference dates, and expressions that must yield nothing."""
from datetime import date

import pytest

from kg.dates import infer_year, reference_from_weekday, resolve

TUE = date(2022, 1, 4)   # a Tuesday


@pytest.mark.parametrize("text,ref,direction,expected,gran", [
    ("January 12", TUE, None, "2022-01-12", "day"),
    ("Wednesday January 12", TUE, None, "2022-01-12", "day"),
    ("12 January", TUE, None, "2022-01-12", "day"),
    ("Jan 12 2022", None, None, "2022-01-12", "day"),
    ("on Friday", TUE, "future", "2022-01-07", "day"),
    ("Friday", TUE, None, "2022-01-07", "day"),
    ("Sunday", TUE, "past", "2022-01-02", "day"),
    ("Monday", TUE, "past", "2022-01-03", "day"),
    ("Monday", TUE, "future", "2022-01-10", "day"),
    ("Tuesday", TUE, "past", "2022-01-04", "day"),
    ("today", TUE, None, "2022-01-04", "day"),
    ("next week", TUE, None, "2022-01-10", "week"),
    ("last week", TUE, None, "2021-12-27", "week"),
    ("last month", TUE, None, "2021-12-01", "month"),
    ("later in January", TUE, "future", "2022-01-01", "month"),
    ("December 30", date(2022, 1, 2), None, "2021-12-30", "day"),
    ("2021-12-17", None, None, "2021-12-17", "day"),
])
def test_resolves(text, ref, direction, expected, gran):
    got = resolve(text, ref, direction)
    assert got is not None and (got.iso, got.granularity) == (expected, gran)


@pytest.mark.parametrize("text,ref", [
    ("Friday", None),                       # no reference day: unknown
    ("January 12", None),                   # no year and nothing pins it
    ("months", TUE),
    ("two days", TUE),
    ("Tuesday January 12 2022", None),      # contradicts itself: 12 Jan 2022 is a Wednesday
    ("the 1990s", TUE),
])
def test_unresolvable_yields_nothing(text, ref):
    assert resolve(text, ref) is None


def test_weekday_pins_the_year_of_a_month_day():
    assert resolve("Wednesday January 12", None, year_hint=2022).iso == "2022-01-12"
    assert infer_year(1, 7, 4, "in 2022 the ministers", None) == 2022     # Friday 7 January
    assert infer_year(1, 4, None, "no years here", None) is None


def test_reference_of_an_undated_article_from_its_lead_weekday():
    text = "The league said Tuesday that its board will meet on Wednesday March 9 and on March 10 in Lyon."
    assert reference_from_weekday(1, text, 2022) == date(2022, 3, 1)
