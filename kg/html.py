"""The interactive view: a self-contained pyvis page built from the RDF graph, safe for any article text.

Node ids are the RDF terms themselves (two nodes may share a label, never an id). Labels are
drawn on a canvas and tooltips are plain text (vis-network sets them as innerText), and the page's
data goes in as JSON with <, > and & escaped, so no markup from an article can run.
"""
from __future__ import annotations

import html
import json
import re
from collections import defaultdict

from pyvis.network import Network
from kg.graph import KG, PROV, RDF, SDO, TripleIndex
from kg.serialize import ox_triples

KIND_STYLE = {
    "Person": ("#4e79a7", "dot"), "Organization": ("#f28e2b", "dot"), "Country": ("#59a14f", "dot"),
    "City": ("#76b7b2", "dot"), "Place": ("#76b7b2", "dot"), "Event": ("#e15759", "diamond"),
    "Position": ("#b07aa1", "square"),
}
STANCE_COLOURS = {"support": "#59a14f", "agree": "#59a14f", "offer": "#8cd17d", "assert": "#bab0ac",
                  "demand": "#f28e2b", "request": "#f1ce63", "reject": "#e15759", "oppose": "#e15759",
                  "deny": "#ff9d9a", "accuse": "#b6992d", "warn": "#d37295", "threaten": "#9d7660",
                  "condition": "#79706e"}
EDGE_LABELS = {SDO.attendee: "attends", SDO.organizer: "organises", SDO.location: "in", SDO.worksFor: "works for",
               KG.holder: "holds", KG.target: "about"}
MAX_NODES = 1000


def _kind(types: set) -> str | None:
    for t, k in ((SDO.Person, "Person"), (SDO.Organization, "Organization"), (SDO.NewsMediaOrganization, None),
                 (SDO.Country, "Country"), (SDO.City, "City"), (SDO.Place, "Place"), (SDO.Event, "Event"),
                 (KG.Position, "Position")):
        if t in types:
            return k
    return None


def txt(t) -> str:
    """The text of a term: an IRI, or a literal's lexical form ('' for None)."""
    return "" if t is None else t.value


def _short(text: str, n: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def view_model(g, max_nodes: int = MAX_NODES) -> tuple[list[dict], list[dict], str | None]:
    """Nodes and edges for the page (from a TripleIndex, or any triples), and a warning when the graph
    was cut to its best-connected nodes."""
    if not isinstance(g, TripleIndex):
        g = TripleIndex(ox_triples(g))
    types = defaultdict(set)
    for s, o in g.subject_objects(RDF.type):
        types[s].add(o)
    headline = {a: txt(g.value(a, SDO.headline) or g.value(a, SDO.identifier)) for a in g.subjects(RDF.type, SDO.NewsArticle)}
    kinds = {n: k for n, ts in types.items() if (k := _kind(ts))}
    authorish = set(g.objects(None, SDO.author)) | set(g.objects(None, SDO.contributor)) | set(g.objects(None, SDO.publisher))
    kinds = {n: k for n, k in kinds.items() if n not in authorish or k in ("Event", "Position")}
    edges = [(s, p, o) for p in EDGE_LABELS for s, o in g.subject_objects(p) if s in kinds and o in kinds]
    degree = defaultdict(int)
    for s, _, o in edges:
        degree[s] += 1
        degree[o] += 1
    warning = None
    if len(kinds) > max_nodes:
        keep = set(sorted(kinds, key=lambda n: (-degree[n], n.value))[:max_nodes])
        warning = f"showing the {max_nodes} best-connected of {len(kinds)} nodes; query the Turtle for the rest"
        kinds = {n: k for n, k in kinds.items() if n in keep}
        edges = [e for e in edges if e[0] in kinds and e[2] in kinds]
    nodes = []
    for n in sorted(kinds, key=txt):
        k = kinds[n]
        name = txt(g.value(n, SDO.name))
        lines = [f"{k}: {name}" if name else k]
        alts = sorted(txt(x) for x in g.objects(n, SDO.alternateName))
        if alts:
            lines.append("also: " + ", ".join(alts))
        for t in sorted(txt(x) for x in g.objects(n, SDO.jobTitle)):
            lines.append("role: " + t)
        date = txt(g.value(n, SDO.startDate) or g.value(n, KG.dateText))
        if date:
            lines.append(f"date: {date}")
        stance = txt(g.value(n, KG.stance)).rsplit("/", 1)[-1] or None
        if stance is not None:
            lines.append(f"stance: {stance}")
            lines.append("topic: " + _short(txt(g.value(n, KG.topic))))
        for ev in sorted(txt(x) for x in g.objects(n, KG.evidence))[:3]:
            lines.append("“" + _short(ev, 220) + "”")
        srcs = sorted(headline.get(a, txt(a)) for a in set(g.objects(n, PROV.wasDerivedFrom)) | set(g.objects(n, KG.mentionedIn)))
        if srcs:
            lines.append("sources: " + "; ".join(_short(s, 70) for s in srcs[:5]) + (f" (+{len(srcs) - 5})" if len(srcs) > 5 else ""))
        if k == "Event":
            label = f"{name}\n{txt(g.value(n, SDO.startDate))}".strip()
        elif k == "Position":
            label = f"{stance}: {_short(txt(g.value(n, KG.topic)), 40)}"
        else:
            label = name or txt(n)
        colour, shape = KIND_STYLE[k]
        if k == "Position" and stance is not None:
            colour = STANCE_COLOURS.get(stance, colour)
        nodes.append({"id": txt(n), "label": _short(label, 60), "title": "\n".join(lines), "color": colour,
                      "shape": shape, "size": 10 + min(20, degree[n] * 2),
                      "kind": {"Event": "meetings", "Position": "positions"}.get(k, "actors"),
                      "date": txt(g.value(n, SDO.startDate)),
                      "names": " | ".join([name] + alts)})
    out_edges = [{"from": txt(s), "to": txt(o), "label": EDGE_LABELS[p]}
                 for s, p, o in sorted(edges, key=lambda e: (e[0].value, e[1].value, e[2].value))]
    return nodes, out_edges, warning


LEGEND = """
<div id="kg-legend" style="position:absolute;top:8px;left:8px;z-index:10;background:#fffe;padding:6px 10px;
 border:1px solid #ccc;font:13px sans-serif;line-height:1.6">
 <div><input id="kg-search" type="search" placeholder="find a node by name" size="22">
  <button id="kg-find" type="button">Find</button></div>
 <div id="kg-status" style="color:#555;min-height:1.2em"></div>
 <div><label><input type="checkbox" class="kg-kind" value="actors" checked> actors</label>
  <label><input type="checkbox" class="kg-kind" value="meetings" checked> meetings</label>
  <label><input type="checkbox" class="kg-kind" value="positions" checked> positions</label></div>
 <div>meetings from <input id="kg-from" type="date"> to <input id="kg-to" type="date"></div>
 {items}{warning}</div>
"""

CONTROLS = """
<script>
(function () {
  if (typeof network === 'undefined' || typeof nodes === 'undefined') { return; }
  network.once('stabilizationIterationsDone', function () {
    network.setOptions({physics: false});
    document.body.setAttribute('data-settled', '1');
  });
  var status = document.getElementById('kg-status');
  function find(text) {
    var q = (text || '').trim().toLowerCase();
    if (!q) { status.textContent = ''; network.unselectAll(); return []; }
    var hits = nodes.get({filter: function (n) { return !n.hidden && String(n.names || n.label).toLowerCase().indexOf(q) >= 0; }});
    var rank = function (n) { return (n.kind === 'actors' ? 0 : 2) + (String(n.names).toLowerCase().indexOf(q) === 0 ? 0 : 1); };
    hits.sort(function (a, b) { return rank(a) - rank(b); });
    var ids = hits.map(function (n) { return n.id; });
    network.selectNodes(ids);
    if (ids.length) { network.focus(ids[0], {scale: 1.2, animation: false}); }
    status.textContent = ids.length + (ids.length === 1 ? ' match: ' : ' matches: ') +
      hits.slice(0, 5).map(function (n) { return String(n.names || n.label).split(' | ')[0]; }).join(', ');
    status.setAttribute('data-matches', String(ids.length));
    return ids;
  }
  function applyFilters() {
    var kinds = {};
    document.querySelectorAll('.kg-kind').forEach(function (c) { kinds[c.value] = c.checked; });
    var from = document.getElementById('kg-from').value, to = document.getElementById('kg-to').value;
    nodes.update(nodes.get().map(function (n) {
      var hide = !kinds[n.kind] || (n.kind === 'meetings' && n.date &&
                 ((from && n.date < from) || (to && n.date > to)));
      return {id: n.id, hidden: hide};
    }));
  }
  document.getElementById('kg-find').addEventListener('click', function () { find(document.getElementById('kg-search').value); });
  document.getElementById('kg-search').addEventListener('keydown', function (e) { if (e.key === 'Enter') { find(this.value); } });
  document.querySelectorAll('.kg-kind, #kg-from, #kg-to').forEach(function (el) { el.addEventListener('change', applyFilters); });
  var m = /[#&]search=([^&]*)/.exec(window.location.hash);
  if (m) { var q = decodeURIComponent(m[1]); document.getElementById('kg-search').value = q; find(q); }
  window.kgFind = find;
})();
</script>
"""


def render(g, title: str = "kg graph", max_nodes: int = MAX_NODES) -> str:
    """The whole HTML page as a string (offline: vis-network is inlined)."""
    nodes, edges, warning = view_model(g, max_nodes)
    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line", notebook=False)
    for n in nodes:
        net.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
    for e in edges:
        net.add_edge(e["from"], e["to"], label=e["label"], arrows="to", font={"size": 9})
    net.set_options(json.dumps({
        "physics": {"stabilization": {"iterations": 300, "fit": True}, "barnesHut": {"gravitationalConstant": -8000}},
        "interaction": {"hover": True, "tooltipDelay": 120},
        "edges": {"smooth": False, "color": {"color": "#999"}},
    }))
    page = net.generate_html(name="graph.html", notebook=False)
    # pyvis links Bootstrap from a CDN even in line mode; the page does not need it and must work offline
    page = re.sub(r'<link[^>]+href="https?://[^"]*"[^>]*>\s*', "", page)
    page = re.sub(r'<script[^>]+src="https?://[^"]*"[^>]*>\s*</script>\s*', "", page)
    items = "".join(f'<span style="color:{c}">{"◆" if s == "diamond" else "■" if s == "square" else "●"}</span> {k}<br>'
                    for k, (c, s) in KIND_STYLE.items() if k != "Place")
    items += "<div>position colour = stance: " + " ".join(
        f'<span style="color:{c}">■</span>{k}' for k, c in STANCE_COLOURS.items() if k not in ("agree", "oppose", "request")) + "</div>"
    warn = f'<div style="color:#b00">{warning}</div>' if warning else ""
    page = page.replace("<body>", "<body>" + LEGEND.format(items=items, warning=warn), 1)
    page = page.replace("</body>", CONTROLS + "\n</body>", 1)
    return page.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)
