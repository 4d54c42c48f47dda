"""The README's notebook set-up, run as a user runs it: graph-notebook 5.3.0 in its own venv (`make
notebooks`), its Jupyter executing notebooks/graph-notebook.ipynb headless against a real `kg serve`;
the actor-network cell must come back with a Graph tab drawing names and direct statements. The same
Jupyter runs kg's registered kernel (explore.ipynb's), and `jupyter lab` starts as the README says."""
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
JUPYTER = ROOT / ".venv-gn" / "bin" / "jupyter"
if not JUPYTER.exists() and os.environ.get("CI"):
    raise RuntimeError("CI must run `make notebooks` before the tests (see .ci/run)")
pytestmark = pytest.mark.skipif(not JUPYTER.exists(), reason="no .venv-gn (run `make notebooks`)")


def execute(notebook: Path, out: Path, env=None) -> nbformat.NotebookNode:
    """Execute NOTEBOOK with the graph-notebook venv's own Jupyter, widget state kept."""
    res = subprocess.run([str(JUPYTER), "nbconvert", "--to", "notebook", "--execute", "--output", str(out),
                          "--ExecutePreprocessor.store_widget_state=True", "--ExecutePreprocessor.timeout=180",
                          str(notebook)], capture_output=True, text=True, timeout=400, cwd=notebook.parent,
                         env={**os.environ, **(env or {})})
    assert res.returncode == 0, res.stderr[-3000:]
    nb = nbformat.read(out, as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    return nb


@pytest.fixture
def endpoint(seeds_build):
    out, _ = seeds_build
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(out), "--port", "0"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    banner = proc.stdout.readline()
    assert "SPARQL endpoint at" in banner, proc.stderr.read()
    yield int(banner.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
    proc.send_signal(signal.SIGTERM)
    proc.wait(20)


def test_graph_notebook_draws_the_actor_network_against_kg_serve(endpoint, tmp_path):
    nb = json.loads((ROOT / "notebooks" / "graph-notebook.ipynb").read_text())
    config = next(c for c in nb["cells"] if "".join(c["source"]).startswith("%%graph_notebook_config"))
    assert '"port": 7878' in "".join(config["source"])             # the README's port, as shipped
    config["source"] = "".join(config["source"]).replace('"port": 7878', f'"port": {endpoint}')
    assert any("".join(c["source"]).strip() == "%load_ext graph_notebook.magics" for c in nb["cells"])
    (tmp_path / "gn.ipynb").write_text(json.dumps(nb))
    done = execute(tmp_path / "gn.ipynb", tmp_path / "gn-out.ipynb")
    state = done.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    tabs = [m["state"].get("titles") for m in state.values() if m["model_name"] == "TabModel"]
    assert ["Table", "JSON", "Query Metadata"] in tabs                 # the SELECT cells answered
    assert any(t and "Graph" in t for t in tabs)
    [force] = [m["state"]["network"]["graph"] for m in state.values() if m["model_name"] == "ForceModel"]
    labels = {n.get("label") for n in force["nodes"]}
    assert {"Jens Stoltenberg", "Russia", "NATO"} <= labels
    kinds = {link["label"] for link in force["links"]}
    assert "kg:metWith" in kinds and kinds & {"kg:rejects", "kg:demandsOf", "kg:warns"}


def test_that_jupyter_runs_kgs_kernel(tmp_path):
    """explore.ipynb asks for the kernel "kg": in .venv-gn's Jupyter it must be kg's own .venv."""
    kernels = subprocess.run([str(JUPYTER), "kernelspec", "list", "--json"], capture_output=True, text=True)
    assert "kg" in json.loads(kernels.stdout)["kernelspecs"]
    explore = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    assert explore.metadata["kernelspec"]["name"] == "kg"
    probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import kg, sys; print(kg.__version__, sys.prefix)")],
                                     metadata={"kernelspec": explore.metadata["kernelspec"]})
    nbformat.write(probe, tmp_path / "probe.ipynb")
    done = execute(tmp_path / "probe.ipynb", tmp_path / "probe-out.ipynb")
    printed = done.cells[0].outputs[0]["text"]
    assert printed.split()[1] == str(ROOT / ".venv")           # the test of explore.ipynb itself: test_notebook.py


def test_jupyter_lab_of_the_readme_starts_without_an_activated_venv(tmp_path):
    import time
    import urllib.request
    from kg.serve import free_port
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV",)}
    env["PATH"] = "/usr/bin:/bin"                        # no venv on PATH, as in a fresh shell
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    proc = subprocess.Popen([str(JUPYTER), "lab", "notebooks", "--no-browser", f"--port={port}",
                             "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.ip=127.0.0.1"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/graph-notebook.ipynb", timeout=2) as r:
                    doc = json.load(r)
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
                assert time.monotonic() < deadline, "jupyter lab did not answer"
                time.sleep(0.3)
        assert doc["type"] == "notebook" and doc["name"] == "graph-notebook.ipynb"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernelspecs", timeout=5) as r:
            assert "kg" in json.load(r)["kernelspecs"]
    finally:
        proc.terminate()
        proc.wait(20)
