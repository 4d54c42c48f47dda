"""The HTML page in a real headless Chromium: it loads, draws, finds a node, and runs no article script
(test_page_view.py measures the first view and takes the screenshot)."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import build_to as build

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("CI"):
    raise RuntimeError("CI must install Debian's chromium for the browser tests (see .ci/run)")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"]


def chromium(tmp_path, url: str, *extra: str) -> tuple[str, str]:
    """(DOM after scripts ran, console log) of a page."""
    res = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *extra, url],
                         capture_output=True, text=True, timeout=120)
    console = "\n".join(line for line in res.stderr.splitlines() if "CONSOLE" in line)
    return res.stdout, console


EVIL = ("Talks on <script>document.title='PWNED1'</script> security\n\nROME, March 3 (Reuters) - Italian Foreign "
        "Minister Anna Rossi <img src=x onerror=\"document.title='PWNED2'\"> met French Foreign Minister Paul "
        "Martin in Rome on Monday, officials said in 2022. <a href=\"javascript:document.title='PWNED3'\">Carlo "
        "Bianchi</a> said \"we agree <script>document.body.dataset.pwned='1'</script>\".\n")


def test_article_markup_runs_nothing(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "evil.txt").write_text(EVIL)
    build([src], tmp_path / "out")
    dom, console = chromium(tmp_path, (tmp_path / "out" / "graph.html").as_uri() + "#search=Martin", "--dump-dom")
    assert "<title>kg graph</title>" in dom and "PWNED" not in dom.split("</title>")[0]
    assert 'data-pwned="1"' not in dom
    assert '<img src="x"' not in dom
    assert "<canvas" in dom
    status = dom.split('id="kg-status"', 1)[1].split("</div>", 1)[0]
    assert "matches: Paul Martin" in status or "match: Paul Martin" in status
    assert "Uncaught" not in console and "Error" not in console


def test_seeds_page_loads_draws_and_finds(seeds_build, tmp_path):
    out, _ = seeds_build
    page = (out / "graph.html").as_uri()
    dom, console = chromium(tmp_path, page + "#search=Stoltenberg", "--dump-dom")
    status = dom.split('id="kg-status"', 1)[1].split("</div>", 1)[0]
    assert "<canvas" in dom and "matches: Jens Stoltenberg" in status
    assert 'data-settled="1"' in dom          # physics switched off once the layout settled
    assert "Uncaught" not in console and "Error" not in console, console
