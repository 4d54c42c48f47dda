"""What real users hit on the command line (issue 11): graph results in every format and engine,
parameters checked by name, exports to standard output, file modes that follow the umask, compacted
JSON-LD, and no stray progress line without a terminal."""
import json
import os
import stat

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from kg.cli import main
from kg.namespaces import PREFIXES

CONSTRUCT = ("PREFIX schema: <https://schema.org/> CONSTRUCT { ?p schema:name ?n } "
             "WHERE { ?p a schema:Person ; schema:name ?n }")
DESCRIBE = "DESCRIBE <https://w3id.org/kg-news/id/country/russia>"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def expected(out, query) -> Graph:
    """The graph rdflib itself answers, to compare the CLI's output with."""
    return Graph().parse(out / "graph.ttl").query(query).graph


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
def test_graph_results_in_every_format_and_engine(seeds_build, engine, query):
    out, _ = seeds_build
    want = expected(out, query)
    assert len(want) > 5
    answers = {}
    for fmt in ("ttl", "json", "csv", "table"):
        res = invoke("query", out, query, "--engine", engine, "--format", fmt)
        assert res.exit_code == 0 and "Traceback" not in res.output, res.output
        answers[fmt] = res.output
    assert set(Graph().parse(data=answers["ttl"], format="turtle")) == set(want)
    ld = json.loads(answers["json"])
    assert ld["@context"]["schema"] == "https://schema.org/"
    assert set(Graph().parse(data=answers["json"], format="json-ld")) == set(want)
    csv_lines = answers["csv"].strip().splitlines()
    assert csv_lines[0] == "subject,predicate,object" and len(csv_lines) == len(want) + 1
    table = answers["table"].strip().splitlines()
    assert table[0].split() == ["subject", "predicate", "object"] and table[-1] == f"({len(want)} rows)"
    assert any(line.startswith(("person:", "country:")) for line in table[2:-1])    # prefixed for reading


def test_select_as_turtle_is_a_clean_error(seeds_build):
    out, _ = seeds_build
    res = invoke("query", out, "--name", "roles", "--format", "ttl")
    assert res.exit_code == 1 and res.output.startswith("kg: error: --format ttl is for CONSTRUCT")


def test_mistyped_parameter_names_the_valid_ones(seeds_build):
    out, _ = seeds_build
    res = invoke("query", out, "--name", "positions-of", "--param", "actr=Stoltenberg")
    assert res.exit_code == 1
    assert res.output.strip().splitlines() == [
        "kg: error: unknown parameter 'actr': query 'positions-of' takes --param actor=… (e.g. Russia)"]
    res = invoke("query", out, "--name", "roles", "--param", "actor=Russia")
    assert res.exit_code == 1 and "unknown parameter 'actor'" in res.output and "takes no parameters" in res.output
    res = invoke("query", out, "SELECT ?s WHERE { ?s ?p $o } LIMIT 1", "--param", "x=1")
    assert res.exit_code == 1 and "unknown parameter 'x'" in res.output and "$o" in res.output


def test_missing_parameter_is_an_error_not_an_example_value(seeds_build):
    out, _ = seeds_build
    res = invoke("query", out, "--name", "attendees", "--param", "meeting=NATO-Russia Council")
    assert res.exit_code == 1
    assert "missing parameter 'date'" in res.output and "--param meeting=" in res.output and "--param date=" in res.output
    res = invoke("query", out, "--name", "attendees", "--param", "meeting=NATO-Russia Council",
                 "--param", "date=2022-01-12", "--format", "json")
    assert res.exit_code == 0 and {"Jens Stoltenberg", "NATO"} <= {r["attendee"] for r in json.loads(res.output)}


def test_unknown_query_name_lists_the_names(seeds_build):
    out, _ = seeds_build
    res = invoke("query", out, "--name", "meeting")
    assert res.exit_code == 1 and "no named query 'meeting'" in res.output and "meetings" in res.output
    res = invoke("query", out, "--name", "meetngs")             # a typo gets the nearest name
    assert res.exit_code == 1 and "did you mean 'meetings'?" in res.output
    res = invoke("query", out, "--name", "zzz")
    assert res.exit_code == 1 and "did you mean" not in res.output


@pytest.mark.parametrize("fmt", ["jsonld", "nt", "ttl", "graphml", "gexf"])
def test_export_dash_writes_to_standard_output(seeds_build, tmp_path, fmt, monkeypatch):
    out, _ = seeds_build
    monkeypatch.chdir(tmp_path)
    res = invoke("export", out, "--format", fmt, "--out", "-")
    assert res.exit_code == 0, res.output
    assert not (tmp_path / "-").exists() and list(tmp_path.iterdir()) == []
    text = res.stdout
    if fmt in ("jsonld", "nt", "ttl"):
        parsed = Graph().parse(data=text, format={"jsonld": "json-ld", "nt": "nt", "ttl": "turtle"}[fmt])
        assert len(parsed) == len(Graph().parse(out / "graph.ttl"))
    else:
        assert text.lstrip().startswith("<?xml") and ("<graphml" in text or "<gexf" in text)


def test_jsonld_export_is_compacted_with_the_project_prefixes(seeds_build, tmp_path):
    out, _ = seeds_build
    dest = tmp_path / "g.jsonld"
    assert invoke("export", out, "--format", "jsonld", "--out", dest).exit_code == 0
    doc = json.loads(dest.read_text())
    assert doc["@context"] == PREFIXES
    keys = {k for node in doc["@graph"] for k in node}
    assert "schema:name" in keys and "kg:holder" in keys
    assert not [k for k in keys if k.startswith("http")]             # no expanded IRIs as keys
    ids = {node["@id"] for node in doc["@graph"]}
    assert "person:jens-stoltenberg" in ids


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_outputs_honour_the_umask(tmp_path, mask, mode):
    from conftest import ROOT
    old = os.umask(mask)
    try:
        out = tmp_path / "out"
        res = invoke("build", ROOT / "seeds" / sorted(os.listdir(ROOT / "seeds"))[0], "--out", out, "--quiet")
        assert res.exit_code == 0, res.output
        assert invoke("export", out, "--format", "nt", "--out", out / "g.nt").exit_code == 0
    finally:
        os.umask(old)
    files = [out / "graph.ttl", out / "graph.html", out / "g.nt", *(out / "articles").glob("*.ttl"),
             *(p for p in (out / ".store").iterdir() if p.is_file())]
    assert {oct(stat.S_IMODE(f.stat().st_mode)) for f in files} == {oct(mode)}
    assert stat.S_IMODE((out / ".store").stat().st_mode) == mode | 0o111 & ~mask


def test_build_without_a_terminal_prints_no_progress_line(tmp_path):
    src = tmp_path / "in.jsonl"
    text = "LISBON, Jan 12 (Reuters) - OECD Secretary General Harold Dunmore met Ines Walcott on Wednesday."
    src.write_text("\n".join(json.dumps({"id": f"a{i}", "text": text + f" Talk {i}."}) for i in range(7)))
    res = CliRunner().invoke(main, ["build", str(src), "--out", str(tmp_path / "out"), "--no-cache"])
    assert res.exit_code == 0, res.output
    lines = res.stderr.splitlines()
    assert lines[0].startswith("kg: 7 articles ->"), lines
    assert not [ln for ln in lines if "articles" in ln and not ln.startswith(("kg:", "  "))]
    assert any("processes: 1" in ln for ln in lines)                # a small build: one process, and it says so


def test_every_core_by_default_for_a_large_build():
    from kg.api import default_processes
    assert default_processes(300) == (os.cpu_count() or 1) and default_processes(10) == 1
