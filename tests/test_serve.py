"""kg serve: a real Oxigraph server on a free loopback port, asked exactly as graph-notebook asks."""
import json
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.serve import free_port

ROOT = Path(__file__).resolve().parents[1]
ACCEPT = "application/sparql-results+json"


def post(url: str, data: dict, accept: str = ACCEPT):
    body = urllib.parse.urlencode(data).encode()
    req = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
    return urllib.request.urlopen(req, timeout=10)


@pytest.fixture
def server(seeds_build):
    out, _ = seeds_build
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(out), "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    banner = proc.stdout.readline()
    assert f"http://127.0.0.1:{port}/query" in banner, proc.stderr.read() if proc.poll() is not None else banner
    rest = [proc.stdout.readline() for _ in range(3)]
    yield f"http://127.0.0.1:{port}", rest
    proc.send_signal(signal.SIGTERM)
    proc.wait(20)


def test_graph_notebook_request_is_answered(server):
    url, rest = server
    assert json.loads(rest[2]) == {"host": "127.0.0.1", "port": int(url.rsplit(":", 1)[1]), "ssl": False,
                                   "sparql": {"path": "query"}}
    q = ('PREFIX schema: <https://schema.org/> SELECT ?date WHERE { ?e a schema:Event ; schema:startDate ?date ; '
         'schema:location/schema:name "Brussels" }')
    with post(url + "/query", {"query": q}) as r:
        assert r.headers["Content-Type"].startswith(ACCEPT)
        data = json.load(r)
    assert {b["date"]["value"] for b in data["results"]["bindings"]} == {"2022-01-12"}


def test_updates_are_refused_by_default(server):
    url, _ = server
    with pytest.raises(urllib.error.HTTPError) as e:
        post(url + "/update", {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, accept="*/*")
    assert e.value.code in (403, 404, 405)
    with post(url + "/query", {"query": "ASK { <urn:a> <urn:b> <urn:c> }"}) as r:
        assert json.load(r)["boolean"] is False


def test_missing_graph_is_a_clean_error(tmp_path):
    res = subprocess.run([sys.executable, "-m", "kg", "serve", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 1 and res.stderr.startswith("kg: error:") and "no graph here" in res.stderr


def test_publish_into_a_writable_store_over_graph_store_protocol(seeds_build, tmp_path):
    out, _ = seeds_build
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(out), "--port", str(port), "--writable"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "read-write" in proc.stdout.readline()
        url = f"http://127.0.0.1:{port}"
        res = subprocess.run([sys.executable, "-m", "kg", "publish", str(out), "--endpoint", url + "/store",
                              "--graph", "urn:kg:seeds"], cwd=ROOT, capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
        q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:kg:seeds> { ?s ?p ?o } }"
        with post(url + "/query", {"query": q}) as r:
            n = int(json.load(r)["results"]["bindings"][0]["n"]["value"])
        from rdflib import Graph
        assert n == len(Graph().parse(out / "graph.ttl"))
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)


def test_publish_to_a_read_only_store_is_refused(server, seeds_build):
    url, _ = server
    out, _ = seeds_build
    res = subprocess.run([sys.executable, "-m", "kg", "publish", str(out), "--endpoint", url + "/store"],
                         cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 1 and "refused the graph" in res.stderr


def test_taken_port_is_a_clean_error_not_someone_elses_endpoint(server, seeds_build):
    url, _ = server
    out, _ = seeds_build
    port = url.rsplit(":", 1)[1]
    res = subprocess.run([sys.executable, "-m", "kg", "serve", str(out), "--port", port], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 1 and "SPARQL endpoint at" not in res.stdout
    assert res.stderr.strip().splitlines() == [res.stderr.strip()]          # one line
    assert res.stderr.startswith(f"kg: error: cannot serve on 127.0.0.1:{port}") and "--port 0" in res.stderr


def test_port_zero_picks_a_free_port_and_prints_it(seeds_build):
    out, _ = seeds_build
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(out), "--port", "0"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        banner = proc.stdout.readline()
        port = int(banner.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
        assert port > 0
        with post(f"http://127.0.0.1:{port}/query", {"query": "ASK { ?s a <https://schema.org/Event> }"}) as r:
            assert json.load(r)["boolean"] is True
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)


def test_a_stop_right_after_the_banner_leaves_no_server_behind(seeds_build):
    out, _ = seeds_build
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(out), "--port", "0"], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        port = int(proc.stdout.readline().split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
        proc.send_signal(signal.SIGTERM)                 # at once, as a test or a supervisor may
        proc.wait(20)
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2)
