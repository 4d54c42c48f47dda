"""notebooks/explore.ipynb runs top to bottom on the seeds (nbclient), in memory, and shows what it promises."""
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def test_explore_notebook_runs(tmp_path, monkeypatch):
    work = tmp_path / "notebooks"
    work.mkdir()
    monkeypatch.setenv("KG_SOURCES", str(ROOT / "seeds"))
    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(work)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "\n".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for o in outputs)
    assert "NATO-Russia Council meeting" in text          # the meetings table
    assert "betweenness" in text                          # centrality
    html = "\n".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "<iframe srcdoc=" in html and "&lt;script" in html
    assert any("image/png" in o.get("data", {}) for o in outputs)   # the timeline plot
    assert "nodes" in text and "edges" in text           # networkx
    assert list(work.iterdir()) == []                     # built in memory: nothing written
