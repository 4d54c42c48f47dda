"""Hardening: a killed build leaves the old output whole, odd names stay valid RDF, random input only
ever raises kg's own errors, and rebuilds are byte-identical."""
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Graph

from kg.clean import clean
from kg.errors import KgError
from kg.ingest import read_file
from conftest import build_to as build
from kg.records import Article

ROOT = Path(__file__).resolve().parents[1]


def article(i: int) -> str:
    return (f"Talks number {i}\n\nPARIS, March {i % 27 + 1} (Reuters) - Foreign Minister Anna Rossi of Italy will meet "
            f"her French counterpart Paul Martin in Rome on Friday for trade talks, her ministry said in 2022. "
            + "The two ministers also spoke about energy and migration with officials from Spain and Greece. " * 30)


def no_process_reads(folder: Path, wait: float = 10.0) -> bool:
    """Whether, within WAIT seconds, no process is left whose command line names FOLDER."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        alive = []
        for cmd in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if str(folder).encode() in cmd.read_bytes():
                    alive.append(cmd)
            except OSError:
                continue
        if not alive:
            return True
        time.sleep(0.2)
    return False


def test_killed_build_leaves_previous_output_whole(tmp_path):
    small, big, out = tmp_path / "small", tmp_path / "big", tmp_path / "out"
    small.mkdir()
    big.mkdir()
    (small / "a.txt").write_text(article(1))
    for i in range(120):
        (big / f"b{i:03}.txt").write_text(article(i))
    build([small], out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(big), "--out", str(out), "--quiet"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(4)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert no_process_reads(big), "worker processes outlived the killed build"
    for p, data in before.items():
        assert p.read_bytes() == data, p
    Graph().parse(out / "graph.ttl")


def test_odd_names_give_valid_iris_and_turtle(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / 'we"ird <id> 🚀.txt').write_text(
        "Leaders meet\n\nPresident Ana \"Quote\" O'Neil met Prime Minister Jörg Müller 🚀 and Minister דוד כהן "
        "<b>in</b> Berlin on Monday, officials said in 2022. OECD Secretary General Harold Dunmore said "
        "\"we must stay <united> & strong\".\n")
    (src / "empty-of-names.txt").write_text("Nothing here\n\nit rained all day and nobody said anything at all.\n")
    result = build([src], tmp_path / "out")
    assert len(result.facts) == 2 and not result.errors
    for f in [tmp_path / "out" / "graph.ttl", *(tmp_path / "out" / "articles").glob("*.ttl")]:
        data = f.read_bytes()
        Graph().parse(data=data, format="turtle")
        pyoxigraph.Store().load(data, format=pyoxigraph.RdfFormat.TURTLE)


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Title\n\nText.")

    def denied(self):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(Path, "read_bytes", denied)
    [err] = list(read_file(tmp_path / "a.txt"))
    assert "permission denied" in str(err)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_cleaning_random_text_never_raises(text):
    c = clean(Article(id="x", text=text, source="x.txt"))
    assert isinstance(c.body, str)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_ingest_random_bytes_only_raises_kg_errors(tmp_path, data):
    for name in ("r.txt", "r.jsonl", "r.html"):
        (tmp_path / name).write_bytes(data)
        try:
            for item in read_file(tmp_path / name):
                assert isinstance(item, (Article, KgError))
        except KgError:
            pass


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300))
def test_whatever_is_built_parses_and_conforms(tmp_path, text):
    import pyshacl
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    (src / "r.txt").write_text("Headline\n\n" + text + " Harold Dunmore met Ines Walcott in Lisbon on Monday.")
    out = tmp_path / "out"
    try:
        build([src], out)
    except KgError:
        return
    g = Graph().parse(out / "graph.ttl")
    ok, _, report = pyshacl.validate(g, shacl_graph=str(ROOT / "ontology" / "shapes.ttl"))
    assert ok, report


def test_per_article_turtle_is_deterministic(seeds_build, tmp_path):
    out, _ = seeds_build
    build([ROOT / "seeds"], tmp_path)
    for f in (out / "articles").glob("*.ttl"):
        assert (tmp_path / "articles" / f.name).read_bytes() == f.read_bytes()


def test_errors_cross_process_boundaries():
    import pickle
    from kg.errors import BuildError, InputError
    e = pickle.loads(pickle.dumps(InputError("a.txt", "empty article (no text)", 3)))
    assert str(e) == "a.txt:3: empty article (no text)" and e.line == 3
    b = pickle.loads(pickle.dumps(BuildError("nothing written", [e])))
    assert str(b) == "nothing written" and str(b.errors[0]) == str(e)
