"""The seeds built end to end and scored with the shared scorer against the issue's bars."""

import pytest

from conftest import SHARED, score

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared not present")


@pytest.fixture(scope="module")
def figures(seeds_build):
    out, _ = seeds_build
    return score(out / "graph.ttl", "seeds.yaml", SHARED / "seeds")


def test_actor_bars(figures):
    e = figures["entities"]
    assert e["recall"] >= 0.90 and e["precision"] >= 0.80 and e["type_accuracy"] >= 0.90
    assert e["junk_nodes"] == 0 and e["overmerged_nodes"] == 0 and e["duplicate_nodes"] <= 2


def test_article_role_and_furniture_bars(figures):
    assert figures["articles"]["found"] == 5 and figures["articles"]["metadata_accuracy"] >= 0.8
    assert figures["roles"]["recall"] >= 0.6
    assert figures["provenance"]["boilerplate_leaks"] == 0


def test_event_precision_and_dates(figures):
    ev = figures["events"]
    assert ev["precision"] >= 0.75 and ev["off_gold_date"] == 0 and ev["recall"] >= 0.85
    assert ev["duplicate_nodes"] == 0 and ev["location_accuracy"] >= 0.85 and ev["participant_recall"] >= 0.65
    assert ev["source_recall"] >= 0.8


def test_position_bars(figures):
    p = figures["positions"]
    assert p["holder_precision"] >= 0.9 and p["recall"] >= 0.6 and p["precision"] >= 0.5
    assert figures["provenance"]["evidence_verbatim"] == 1.0 and figures["provenance"]["facts_with_source"] == 1.0
