"""notebooks/explore.ipynb runs top to bottom on the seeds (nbclient), and shows what it promises."""
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def test_explore_notebook_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_OUT", str(tmp_path / "out"))
    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "\n".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for o in outputs)
    assert "NATO-Russia Council meeting" in text          # the meetings table
    assert "betweenness" in text                          # centrality
    html = "\n".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "<iframe srcdoc=" in html and "&lt;script" in html
    assert any("image/png" in o.get("data", {}) for o in outputs)   # the timeline plot
    assert (tmp_path / "out" / "graph.ttl").exists()
