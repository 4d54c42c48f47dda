"""The seeds page as a newcomer sees it, in a real headless Chromium (driven by chromedriver) at
1400x900: every figure is computed from vis-network's own state once the page has settled (scale,
node positions, font sizes, label boxes), never from what the page says about itself."""
import os
import shutil
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if (CHROMIUM is None or DRIVER is None) and os.environ.get("CI"):
    raise RuntimeError("CI must install Debian's chromium and chromium-driver for the browser tests (see .ci/run)")
pytestmark = pytest.mark.skipif(CHROMIUM is None or DRIVER is None, reason="chromium or chromedriver is not installed")

# Read from vis-network: for every node shown, its font size on screen (font size x scale), its
# position and its label's box in CSS pixels of the canvas, and its links among the edges shown.
FIGURES = """
var s = network.getScale(), rect = document.getElementById('mynetwork').getBoundingClientRect(), out = [];
nodes.get({filter: function (n) { return !n.hidden; }}).forEach(function (n) {
  var bn = network.body.nodes[n.id], size = bn.labelModule.size;
  var tl = network.canvasToDOM({x: size.left, y: size.top});
  var p = network.canvasToDOM(network.getPositions([n.id])[n.id]);
  var links = network.getConnectedEdges(n.id).filter(function (e) { return !edges.get(e).hidden; }).length;
  out.push({id: n.id, kind: n.kind, label: n.label, px: bn.options.font.size * s, x: p.x, y: p.y, links: links,
            box: [tl.x, tl.y, tl.x + size.width * s, tl.y + size.height * s]});
});
return {scale: s, width: rect.width, height: rect.height, nodes: out,
        edges: edges.get({filter: function (e) { return !e.hidden; }}).map(function (e) { return e.kind; })};
"""


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--window-size=1400,900"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    yield driver
    driver.quit()


def open_page(driver, url: str, timeout: float = 30) -> None:
    """Load URL and wait until the page says its first view is drawn."""
    driver.get("about:blank")
    driver.get(url)
    deadline = time.monotonic() + timeout
    while driver.execute_script("return document.body && document.body.dataset.settled") != "1":
        assert time.monotonic() < deadline, "the page never settled"
        time.sleep(0.05)
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def overlaps(a, b) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def test_first_view_is_readable(seeds_build, browser):
    out, _ = seeds_build
    open_page(browser, (out / "graph.html").as_uri())
    f = browser.execute_script(FIGURES)
    W, H = f["width"], f["height"]
    in_view = lambda b: b[0] >= 0 and b[1] >= 0 and b[2] <= W and b[3] <= H
    shown = f["nodes"]
    assert shown and {n["kind"] for n in shown} == {"actors", "meetings"}      # positions are edges by default
    assert "stance" in f["edges"] and "position" not in f["edges"]
    best = sorted(shown, key=lambda n: -n["links"])[:10]
    assert all(n["px"] >= 10 and in_view(n["box"]) for n in best), [(n["label"], n["px"]) for n in best]
    legible = [n for n in shown if n["label"] and n["px"] >= 10 and in_view(n["box"])]
    assert len(legible) >= 20
    overlapping = [n for n in legible if any(overlaps(n["box"], m["box"]) for m in legible if m is not n)]
    assert len(overlapping) <= 0.1 * len(legible), [n["label"] for n in overlapping]
    assert all(n["links"] > 0 for n in shown)                       # unconnected nodes wait behind a toggle
    main = [n for n in shown if in_view(n["box"])]
    xs, ys = [n["x"] for n in main], [n["y"] for n in main]
    assert (max(xs) - min(xs)) / W >= 0.6 or (max(ys) - min(ys)) / H >= 0.8  # the main group fills the view
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "seeds-graph.png"))
    print(f"\nseeds page: scale {f['scale']:.2f}, {len(shown)} nodes shown, {len(legible)} legible labels, "
          f"{len(overlapping)} overlapping, best-connected labels {min(n['px'] for n in best):.1f} px or more")


def test_layout_is_the_same_on_every_load(seeds_build, browser):
    out, _ = seeds_build
    url = (out / "graph.html").as_uri()
    got = []
    for _ in range(2):
        open_page(browser, url)
        got.append(browser.execute_script("return [network.getScale(), network.getPositions()]"))
    assert got[0] == got[1]


def test_clicking_a_meeting_opens_its_panel(seeds_build, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    out, _ = seeds_build
    open_page(browser, (out / "graph.html").as_uri())
    council = browser.execute_script(
        "var n = nodes.get({filter: function (n) { return n.label.indexOf('NATO-Russia Council meeting') === 0; }})[0];"
        "var p = network.canvasToDOM(network.getPositions([n.id])[n.id]); return [n.id, p.x, p.y];")
    canvas = browser.find_element(By.CSS_SELECTOR, "#mynetwork canvas")
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(council[1] - canvas.size["width"] / 2), int(council[2] - canvas.size["height"] / 2)).click().perform()
    panel = browser.find_element(By.ID, "kg-panel")
    assert panel.is_displayed() and panel.get_attribute("data-node") == council[0]
    text = panel.text
    assert "NATO-Russia Council meeting" in text and "2022-01-12" in text and "in Brussels" in text
    assert "Jens Stoltenberg" in text and "Wendy Sherman" in text               # participants
    assert "Sources" in text and "NATO" in text


def test_search_in_the_address_zooms_to_the_match(seeds_build, browser):
    out, _ = seeds_build
    url = (out / "graph.html").as_uri()
    open_page(browser, url)
    fitted = browser.execute_script("return network.getScale()")
    open_page(browser, url + "#search=Stoltenberg")
    got = browser.execute_script(
        "var id = document.getElementById('kg-status').getAttribute('data-focus');"
        "var p = network.canvasToDOM(network.getPositions([id])[id]);"
        "var r = document.getElementById('mynetwork').getBoundingClientRect();"
        "return {label: nodes.get(id).label, scale: network.getScale(), x: p.x, y: p.y, w: r.width, h: r.height,"
        "        selected: network.getSelectedNodes(), status: document.getElementById('kg-status').textContent,"
        "        font: network.body.nodes[id].options.font.size};")
    assert got["label"] == "Jens Stoltenberg" and "match" in got["status"]
    assert got["scale"] > fitted * 1.3                                      # zoomed in, not the fit-all view
    assert abs(got["x"] - got["w"] / 2) < 5 and abs(got["y"] - got["h"] / 2) < 5   # centred on the match
    assert got["font"] * got["scale"] >= 14


def test_toggles_bring_back_position_nodes_and_unconnected_nodes(seeds_build, browser):
    from selenium.webdriver.common.by import By
    out, _ = seeds_build
    open_page(browser, (out / "graph.html").as_uri())
    before = browser.execute_script(FIGURES)
    browser.find_element(By.ID, "kg-position-nodes").click()
    browser.find_element(By.ID, "kg-isolated").click()
    after = browser.execute_script(FIGURES)
    kinds = [n["kind"] for n in after["nodes"]]
    assert kinds.count("positions") >= 20 and "stance" not in after["edges"] and "position" in after["edges"]
    assert any(n["links"] == 0 for n in after["nodes"]) and len(after["nodes"]) > len(before["nodes"])


def test_legend_lists_only_what_occurs(seeds_build, browser):
    from selenium.webdriver.common.by import By
    from rdflib import Graph
    from kg.namespaces import KG
    out, _ = seeds_build
    open_page(browser, (out / "graph.html").as_uri())
    legend = browser.find_element(By.ID, "kg-legend").text.splitlines()
    g = Graph().parse(out / "graph.ttl")
    occurring = {str(s).rsplit("/", 1)[1] for s in g.objects(None, KG.stance)}
    listed = {line for line in legend if line in {"support", "agree", "offer", "demand", "request", "condition",
                                                  "reject", "oppose", "deny", "accuse", "warn", "threaten", "assert"}}
    assert listed == occurring and "request" in listed
    colours = browser.execute_script(
        "return Array.from(document.querySelectorAll('#kg-legend span')).map(function (s) {"
        " return getComputedStyle(s).color === 'rgb(0, 0, 0)' && s.className === 'mark' ? '' :"
        " (s.className === 'line' ? getComputedStyle(s).backgroundColor : getComputedStyle(s).color); });")
    assert len(colours) == len(set(colours))                              # one colour per kind and per stance
