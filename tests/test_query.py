"""SPARQL from the command line: named queries answer the users' questions on the seeds, the same
answers whichever engine runs them."""
import json

import pytest
from click.testing import CliRunner

from kg import query as q
from kg.cli import main


def rows(out, name, **params):
    text = q.fill(q.named_queries()[name].text, params)
    res = q.run(out, text)
    return [dict(zip(res.variables, r)) for r in res.rows]


def test_list_shows_every_named_query_with_a_description():
    res = CliRunner().invoke(main, ["query", "--list"])
    assert res.exit_code == 0
    for name in ("meetings", "attendees", "positions-of", "roles", "who-met-whom", "fact-sources"):
        line = next(ln for ln in res.output.splitlines() if ln.startswith(name))
        assert len(line.split(None, 1)[1]) > 20


def test_meetings_by_date_with_place(seeds_build):
    out, _ = seeds_build
    got = {(r["date"], r["place"]) for r in rows(out, "meetings")}
    assert {("2022-01-10", "Geneva"), ("2022-01-12", "Brussels"), ("2022-01-13", "Vienna")} <= got


def test_attendees_of_the_council(seeds_build):
    out, _ = seeds_build
    who = {r["attendee"] for r in rows(out, "attendees", meeting="NATO-Russia Council", date="2022-01-12")}
    assert {"Russia", "NATO", "Jens Stoltenberg", "Wendy Sherman"} <= who


def test_positions_of_russia_carry_evidence_and_article(seeds_build):
    out, _ = seeds_build
    got = rows(out, "positions-of", actor="Russia")
    assert any(r["stance"] == "demand" and "guarantee" in r["topic"] for r in got)
    assert any(r["stance"] in ("deny", "reject") and "invad" in r["topic"] for r in got)
    assert all(r["evidence"] and r["article"] for r in got)


def test_roles_and_who_met_whom(seeds_build):
    out, _ = seeds_build
    assert any(r["person"] == "Jens Stoltenberg" and r["organisation"] == "NATO" for r in rows(out, "roles"))
    pairs = {(r["a"], r["b"]) for r in rows(out, "who-met-whom")}
    assert ("Joe Biden", "Volodymyr Zelenskiy") in pairs


def test_fact_sources_counts_articles(seeds_build):
    out, _ = seeds_build
    council = next(r for r in rows(out, "fact-sources") if r["fact"] == "NATO-Russia Council meeting")
    assert int(council["articles"]) >= 4


@pytest.mark.parametrize("name", sorted(q.named_queries()))
def test_engines_agree(seeds_build, name):
    out, _ = seeds_build
    text = q.fill(q.named_queries()[name].text, {})
    a, b = q.run(out, text, "oxigraph"), q.run(out, text, "rdflib")
    norm = lambda res: sorted(tuple(sorted(str(v).split("; ")) if v and "; " in str(v) else
                                    (sorted(str(v).split(", ")) if v and ", " in str(v) and k in ("dates", "sources") else v)
                                    for k, v in zip(res.variables, r)) for r in res.rows)
    assert a.variables == b.variables and norm(a) == norm(b)


def test_cli_formats_and_errors(seeds_build, tmp_path):
    out, _ = seeds_build
    r = CliRunner()
    res = r.invoke(main, ["query", str(out), "--name", "roles", "--format", "json"])
    assert res.exit_code == 0 and any(x["person"] == "Joe Biden" for x in json.loads(res.output))
    res = r.invoke(main, ["query", str(out / "graph.ttl"), "ASK { ?s a <https://schema.org/Event> }"])
    assert res.output.strip() == "true"
    res = r.invoke(main, ["query", str(out), "SELEC nothing"])
    assert res.exit_code == 1 and res.output.startswith("kg: error: query is not valid SPARQL")
    res = r.invoke(main, ["query", str(tmp_path), "--name", "roles"])
    assert res.exit_code == 1 and "no graph here" in res.output
    res = r.invoke(main, ["query", str(out), "--name", "roles", "--format", "csv"])
    assert res.output.splitlines()[0] == "person,title,organisation"
