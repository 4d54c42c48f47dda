"""The interactive view: a self-contained vis-network page built from the RDF graph, readable at first
sight and safe for any article text.

What a newcomer sees on opening: actors and meetings only, laid out once here in Python (seeded, so
the same graph always gives the same picture; labels pushed apart so that they do not overlap), the
main connected group fitted to the window, the best-connected nodes labelled largest. Positions are
drawn as stance-coloured edges from holder to target (or to the meeting where they were stated),
their topic and evidence in the edge's tooltip; a check box brings position nodes back, another the
nodes connected to nothing. Clicking a node opens a side panel: names, type, roles, meetings with
dates and places, positions with evidence, source headlines.

Safety: node ids are the RDF terms themselves; the page's data go in as JSON with <, > and &
escaped; labels are drawn on a canvas; tooltips and the side panel are set as text (never as
markup), so nothing from an article can run. vis-network is inlined (from the pyvis package), so the
page works offline.
"""
from __future__ import annotations

import hashlib
import html
import importlib.util
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx
import numpy as np

from kg.graph import KG, PROV, RDF, SDO, TripleIndex
from kg.serialize import ox_triples

MAX_NODES = 1000
SEED = 7
REMEMBER = 40              # groups this large keep their layout across builds (smaller ones are quick to lay out)
LAYOUT_VERSION = 1         # raise when _group_layout changes, so that remembered layouts are not reused

# Colour-blind-safe palettes (Paul Tol's "light" scheme for kinds, his "muted" scheme and Okabe-Ito
# for stances): every kind and every stance has its own colour, kinds pale and stances dark, and the
# kinds differ by shape as well.
KIND_STYLE = {  # kind: (colour, shape, legend label)
    "Person": ("#77AADD", "dot", "person"),
    "Organization": ("#EEDD88", "hexagon", "organisation"),
    "Country": ("#44BB99", "triangle", "country"),
    "Place": ("#BBCC33", "triangleDown", "city or place"),
    "Event": ("#EE8866", "diamond", "meeting, call, visit"),
    "Position": ("#DDDDDD", "square", "position"),
}
STANCE_COLOURS = {
    "support": "#117733", "agree": "#44AA99", "offer": "#0072B2", "demand": "#332288", "request": "#AA4499",
    "condition": "#999933", "reject": "#CC6677", "oppose": "#882255", "deny": "#D55E00", "accuse": "#000000",
    "warn": "#E69F00", "threaten": "#661100", "assert": "#888888",
}
RELATION = {SDO.attendee: "attends", SDO.organizer: "organises", SDO.location: "held in", SDO.worksFor: "works for"}
CHAR_WIDTH = 0.6          # a label's width per character, in font sizes (vis-network draws Arial)


def txt(t) -> str:
    """The text of a term: an IRI, or a literal's lexical form ('' for None)."""
    return "" if t is None else t.value


def _short(text: str, n: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _kind(types: set) -> str | None:
    for t, k in ((SDO.Person, "Person"), (SDO.Organization, "Organization"), (SDO.NewsMediaOrganization, None),
                 (SDO.Country, "Country"), (SDO.City, "Place"), (SDO.Place, "Place"), (SDO.Event, "Event"),
                 (KG.Position, "Position")):
        if t in types:
            return k
    return None


@dataclass
class View:
    """What the page draws: nodes and edges (vis-network's fields), the side panel's details by node
    id, the kinds and stances that occur (for the legend), and notes on what is not shown."""
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    details: dict = field(default_factory=dict)
    kinds: list[str] = field(default_factory=list)
    stances: list[str] = field(default_factory=list)
    cut: int = 0                   # nodes left out to keep the page fast
    untargeted: int = 0            # positions with no target or event: only in their holder's panel
    warning: str | None = None


class Reader:
    """The graph as the page reads it: kinds, names, headlines, and the positions by holder."""

    def __init__(self, g: TripleIndex):
        self.g = g
        types = defaultdict(set)
        for s, o in g.subject_objects(RDF.type):
            types[s].add(o)
        self.headline = {a: txt(g.value(a, SDO.headline) or g.value(a, SDO.identifier))
                         for a in g.subjects(RDF.type, SDO.NewsArticle)}
        bylines = {*g.objects(None, SDO.author), *g.objects(None, SDO.contributor), *g.objects(None, SDO.publisher)}
        self.kind = {n: k for n, ts in types.items() if (k := _kind(ts)) and (n not in bylines or k in ("Event", "Position"))}

    def name(self, n) -> str:
        """A node's display name."""
        return txt(self.g.value(n, SDO.name)) or txt(n).rsplit("/", 1)[-1]

    def stance(self, p) -> str:
        """A position's stance, as its concept's local name."""
        return txt(self.g.value(p, KG.stance)).rsplit("/", 1)[-1]

    def sources(self, n) -> list[str]:
        """Headlines of the articles a fact was read from (or an actor is mentioned in)."""
        arts = set(self.g.objects(n, PROV.wasDerivedFrom)) | set(self.g.objects(n, KG.mentionedIn))
        return sorted(self.headline.get(a, txt(a)) for a in arts)


def view_model(g, max_nodes: int = MAX_NODES, layouts=None) -> View:
    """Everything the page shows (from a TripleIndex, or any triples): actors and meetings as nodes,
    positions as stance edges (and as hidden nodes for the toggle), cut to the MAX_NODES
    best-connected nodes when the graph is larger, laid out and with the side panel's details.
    LAYOUTS (a mapping with get and item assignment) keeps large groups' layouts across builds."""
    if not isinstance(g, TripleIndex):
        g = TripleIndex(ox_triples(g))
    r = Reader(g)
    canvas = {n for n, k in r.kind.items() if k != "Position"}
    links = sorted({(s, p, o) for p in RELATION for s, o in g.subject_objects(p) if s in canvas and o in canvas},
                   key=lambda e: (e[0].value, e[1].value, e[2].value))
    positions = sorted((n for n, k in r.kind.items() if k == "Position" and g.value(n, KG.holder) in canvas),
                       key=txt)
    stance_links, untargeted = _stance_links(r, positions, canvas)
    degree = _degrees(links, stance_links)
    cut = 0
    if len(canvas) > max_nodes:
        keep = set(sorted(canvas, key=lambda n: (-degree[n], n.value))[:max_nodes])
        cut = len(canvas) - len(keep)
        canvas &= keep
        links = [e for e in links if e[0] in canvas and e[2] in canvas]
        stance_links = {k: v for k, v in stance_links.items() if k[0] in canvas and k[1] in canvas}
        positions = [p for p in positions if g.value(p, KG.holder) in canvas][: max_nodes // 2]
    view = View(cut=cut, untargeted=untargeted)
    view.warning = (f"{cut:,} nodes not shown: the page keeps the {len(canvas):,} best-connected; "
                    "query the Turtle for the rest") if cut else None
    pairs = [(s, o) for s, _, o in links] + [(h, t) for h, t, _ in stance_links]
    sizes = {n: node_size(r.kind[n], degree[n]) for n in canvas}
    pos, font, isolated = layout(sorted(canvas, key=txt), pairs, {n: _label(r, n) for n in canvas}, degree, sizes,
                                 layouts)
    for n in sorted(canvas, key=txt):
        view.nodes.append(_node(r, n, pos[n], font[n], degree[n], n in isolated))
        view.details[txt(n)] = details(r, n)
    for i, p in enumerate(positions):
        h = g.value(p, KG.holder)
        angle = 2 * math.pi * (i % 12) / 12
        hx, hy = pos[h]
        view.nodes.append(_position_node(r, p, (hx + 90 * math.cos(angle), hy + 90 * math.sin(angle))))
        view.details[txt(p)] = details(r, p)
    view.edges = [{"id": f"l{i}", "from": txt(s), "to": txt(o), "title": f"{r.name(s)} {RELATION[p]} {r.name(o)}",
                   "kind": "link", "dashes": p == SDO.worksFor, "width": 1, "color": {"color": "#B0B0B0"}}
                  for i, (s, p, o) in enumerate(links)]
    view.edges += _stance_edges(r, stance_links)
    view.edges += _position_edges(r, positions, canvas)
    view.kinds = [k for k in KIND_STYLE if k != "Position" and any(r.kind[n] == k for n in canvas)]
    view.stances = [s for s in STANCE_COLOURS if any(k[2] == s for k in stance_links)
                    or any(r.stance(p) == s for p in positions)]
    return view


def _stance_links(r: Reader, positions: list, canvas: set) -> tuple[dict, int]:
    """The positions behind each stance edge, by (holder, target, stance): to each target on the
    canvas, else to the meeting where it was stated; and how many positions have neither."""
    links, untargeted = defaultdict(list), 0
    for p in positions:
        h = r.g.value(p, KG.holder)
        targets = [t for t in r.g.objects(p, KG.target) if t in canvas and t != h] or \
                  [e for e in r.g.objects(p, KG.statedAt) if e in canvas]
        for t in sorted(set(targets), key=txt):
            links[(h, t, r.stance(p))].append(p)
        untargeted += not targets
    return links, untargeted


def _degrees(links: list, stance_links: dict) -> dict:
    """Each node's number of links on the canvas (relations and stance edges)."""
    degree = defaultdict(int)
    for s, _, o in links:
        degree[s] += 1
        degree[o] += 1
    for h, t, _ in stance_links:
        degree[h] += 1
        degree[t] += 1
    return degree


def _position_edges(r: Reader, positions: list, canvas: set) -> list[dict]:
    """Edges of the position nodes (hidden until the toggle): to the holder, and dashed to each target."""
    out = []
    for i, p in enumerate(positions):
        ends = [("holder", r.g.value(p, KG.holder))] + [("target", t) for t in sorted(r.g.objects(p, KG.target), key=txt)]
        out += [{"id": f"p{i}-{j}", "from": txt(p), "to": txt(t), "kind": "position", "hidden": True,
                 "title": f"{role}: {r.name(t)}", "color": {"color": STANCE_COLOURS.get(r.stance(p), "#888888")},
                 "dashes": role == "target", "arrows": "to" if role == "target" else ""}
                for j, (role, t) in enumerate(ends) if t in canvas]
    return out


def _label(r: Reader, n) -> str:
    """A node's label on the canvas: a name (an event's cut to 32 characters, with its day below)."""
    if r.kind[n] == "Event":
        return (_short(r.name(n), 32) + "\n" + txt(r.g.value(n, SDO.startDate))).strip()
    return _short(r.name(n), 40)


def _node(r: Reader, n, xy, font: int, degree: int, isolated: bool) -> dict:
    kind = r.kind[n]
    colour, shape, label = KIND_STYLE[kind]
    g = r.g
    return {"id": txt(n), "label": _label(r, n), "x": xy[0], "y": xy[1], "shape": shape, "color": colour,
            "size": node_size(kind, degree),
            "font": {"size": font}, "title": f"{label}: {r.name(n)}",
            "kind": "meetings" if kind == "Event" else "actors", "isolated": isolated, "hidden": isolated,
            "date": txt(g.value(n, SDO.startDate)), "degree": degree,
            "names": " | ".join([r.name(n)] + sorted(txt(x) for x in g.objects(n, SDO.alternateName)))}


def _position_node(r: Reader, p, xy) -> dict:
    stance = r.stance(p)
    topic = txt(r.g.value(p, KG.topic))
    return {"id": txt(p), "label": f"{stance}: {_short(topic, 30)}", "x": round(xy[0]), "y": round(xy[1]),
            "shape": "square", "size": 7, "color": STANCE_COLOURS.get(stance, "#888888"), "font": {"size": 11},
            "title": f"{r.name(r.g.value(p, KG.holder))} — {stance}: {_short(topic)}", "kind": "positions",
            "hidden": True, "date": "", "degree": 1, "names": f"{stance}: {topic}"}


def _stance_edges(r: Reader, stance_links: dict) -> list[dict]:
    """One edge per holder, target and stance, coloured by stance, its positions in the tooltip; two
    edges between the same pair curve apart."""
    out, per_pair = [], defaultdict(int)
    for i, ((h, t, stance), ps) in enumerate(sorted(stance_links.items(), key=lambda kv: (txt(kv[0][0]), txt(kv[0][1]), kv[0][2]))):
        k = per_pair[(h, t)]
        per_pair[(h, t)] += 1
        lines = [f"{r.name(h)} — {stance} → {r.name(t)}"]
        for j, p in enumerate(ps[:3]):
            lines.append("• " + _short(txt(r.g.value(p, KG.topic)), 120))
            ev = sorted(txt(x) for x in r.g.objects(p, KG.evidence))
            if ev and j < 2:
                lines.append("  “" + _short(ev[0], 160) + "”")
        if len(ps) > 3:
            lines.append(f"(+{len(ps) - 3} more: click {r.name(h)} for all)")
        out.append({"id": f"s{i}", "from": txt(h), "to": txt(t), "kind": "stance", "stance": stance, "arrows": "to",
                    "title": "\n".join(lines), "width": 1.5 + min(3, len(ps) - 1),
                    "color": {"color": STANCE_COLOURS.get(stance, "#888888")},
                    "smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.12 + 0.12 * k}})
    return out


def details(r: Reader, n) -> dict:
    """The side panel of one node: names, type, roles, meetings (date, place, participants), positions
    held or stated there (with evidence), source headlines. Plain strings, shown as text."""
    g, kind = r.g, r.kind[n]
    out = {"name": r.name(n), "type": KIND_STYLE[kind][2],
           "names": sorted(txt(x) for x in g.objects(n, SDO.alternateName))}
    roles = []
    for title in sorted(txt(x) for x in g.objects(n, SDO.jobTitle)):
        roles.append(title)
    for org in sorted(g.objects(n, SDO.worksFor), key=txt):
        roles.append("works for " + r.name(org))
    out["roles"] = roles
    if kind == "Event":
        out["meetings"] = [_meeting(r, n)]
        stated = [p for p in g.subjects(KG.statedAt, n) if p in r.kind]
    elif kind == "Position":
        out["meetings"] = [_meeting(r, e) for e in sorted(g.objects(n, KG.statedAt), key=txt)]
        stated = [n]
    else:
        events = {*g.subjects(SDO.attendee, n), *g.subjects(SDO.organizer, n)}
        out["meetings"] = sorted((_meeting(r, e) for e in events if e in r.kind), key=lambda m: (m["date"], m["name"]))[:30]
        stated = [p for p in g.subjects(KG.holder, n) if p in r.kind]
    out["positions"] = [_position(r, p) for p in sorted(stated, key=txt)][:15]
    out["more_positions"] = max(0, len(stated) - 15)
    out["sources"] = r.sources(n)[:12]
    out["more_sources"] = max(0, len(r.sources(n)) - 12)
    return out


def _meeting(r: Reader, e) -> dict:
    g = r.g
    place = g.value(e, SDO.location)
    who = sorted({r.name(a) for a in [*g.objects(e, SDO.attendee), *g.objects(e, SDO.organizer)]})
    return {"name": r.name(e), "date": txt(g.value(e, SDO.startDate)) or txt(g.value(e, KG.dateText)),
            "place": r.name(place) if place is not None else "", "participants": who}


def _position(r: Reader, p) -> dict:
    g = r.g
    return {"holder": r.name(g.value(p, KG.holder)), "stance": r.stance(p), "topic": txt(g.value(p, KG.topic)),
            "targets": sorted(r.name(t) for t in g.objects(p, KG.target)),
            "evidence": sorted(txt(x) for x in g.objects(p, KG.evidence))[:2]}


# --- layout -----------------------------------------------------------------------------------------

def layout(nodes: list, pairs: list, labels: dict, degree: dict, sizes: dict, layouts=None) -> tuple[dict, dict, set]:
    """Positions (canvas units) and font sizes of NODES, and the set of isolated ones. Each connected
    group is laid out by networkx's spring layout with a fixed seed; the largest group sits in the
    middle, the smaller ones in rows below it, isolated nodes (hidden by default) in rows under those.
    Font sizes grow with degree (the ten best-connected largest), and nodes are then pushed apart
    until their labels no longer overlap."""
    G = nx.Graph()
    G.add_nodes_from(nodes)
    G.add_edges_from((a, b) for a, b in pairs if a != b)
    ranked = sorted(nodes, key=lambda n: (-degree[n], n.value))
    top = set(ranked[:10])
    font = {n: 22 if n in top else 16 if degree[n] >= 3 else 14 for n in nodes}
    isolated = {n for n in nodes if G.degree(n) == 0}
    groups = sorted((sorted(c, key=txt) for c in nx.connected_components(G) if len(c) > 1),
                    key=lambda c: (-len(c), txt(c[0])))
    pos: dict = {}
    y = 0.0
    row: list = []
    for i, group in enumerate(groups):
        placed = _spread(remembered_layout(G.subgraph(group), group, i == 0, layouts), labels, font, sizes)
        if i == 0:
            pos.update(placed)
            y = max(p[1] for p in placed.values()) + 120
            continue
        row.append(placed)
    y = _rows(pos, row, y, labels, font, sizes)
    _rows(pos, [{n: (0.0, 0.0)} for n in sorted(isolated, key=txt)], y + 60, labels, font, sizes)
    return {n: (round(x), round(yy)) for n, (x, yy) in pos.items()}, font, isolated


def remembered_layout(sub, order: list, main: bool, layouts=None) -> dict:
    """_group_layout, kept in LAYOUTS for a group of REMEMBER or more nodes under a hash of everything
    it depends on (its nodes, links, place on the page): a rebuild whose new article leaves the group
    as it was reuses the layout, and the page is the same as one laid out afresh."""
    if layouts is None or len(order) < REMEMBER:
        return _group_layout(sub, order, main)
    index = {n: i for i, n in enumerate(order)}
    links = sorted(tuple(sorted((index[a], index[b]))) for a, b in sub.edges())
    key = hashlib.sha256(json.dumps([LAYOUT_VERSION, SEED, main, [txt(n) for n in order], links]).encode()).hexdigest()
    got = layouts.get(key)
    if isinstance(got, list) and len(got) == len(order):
        return {n: (float(x), float(y)) for n, (x, y) in zip(order, got)}
    out = _group_layout(sub, order, main)
    layouts[key] = [list(out[n]) for n in order]
    return out


def _group_layout(sub, order: list, main: bool) -> dict:
    """A seeded spring layout of one connected group, stretched to a box sized to its node count:
    the main group to about one window (1,100 x 800 canvas units, so that it opens near scale 1),
    growing with the square root of its size; smaller groups to their own small boxes."""
    if len(order) == 2:
        return {order[0]: (-90.0, 0.0), order[1]: (90.0, 0.0)}
    if not main and len(order) <= 6:  # a small group: its best-connected node in the middle, the others round it
        hub = max(order, key=lambda n: (sub.degree(n), -order.index(n)))
        rest = [n for n in order if n != hub]
        r = 100.0 + 15 * len(rest)
        out = {hub: (0.0, 0.0)}
        for i, n in enumerate(rest):
            a = 2 * math.pi * i / len(rest) + 0.3
            out[n] = (r * math.cos(a), r * math.sin(a) * 0.6)
        return out
    H = nx.Graph()
    H.add_nodes_from(order)
    H.add_edges_from(sub.edges())
    leaves = [n for n in order if H.degree(n) == 1] if len(order) > 150 else []
    core = H.subgraph([n for n in order if n not in set(leaves)]) if len(leaves) < len(order) - 2 else H
    # a small group settles in a few dozen rounds; each round costs the same fixed overhead
    raw = dict(nx.spring_layout(core, seed=SEED, iterations=30 if len(core) <= 12 else 100 if len(core) < 150
                                else 40 if len(core) < 300 else 15))
    if core is not H:                 # a large group: leaves go round their one neighbour, not into the layout
        ring = 0.5 / math.sqrt(len(core))
        around = defaultdict(list)
        for n in leaves:
            around[next(iter(H[n]))].append(n)
        for hub, ns in around.items():
            for i, n in enumerate(ns):
                a = 2 * math.pi * i / len(ns) + 0.3
                raw[n] = (raw[hub][0] + ring * math.cos(a), raw[hub][1] + ring * math.sin(a))
    xy = np.array([raw[n] for n in order], dtype=float)
    xy -= xy.mean(axis=0)
    span = np.maximum(np.abs(xy).max(axis=0), 1e-9)
    width = 1100 * max(1.0, math.sqrt(len(order) / 60)) if main else 150 * math.sqrt(len(order))
    xy = xy / span * (width / 2, width * 0.3)
    return {n: (float(xy[i, 0]), float(xy[i, 1])) for i, n in enumerate(order)}


def node_size(kind: str, degree: int) -> int:
    """A node's drawn size (radius, canvas units): larger with more links."""
    return 7 + min(12, 2 * degree) if KIND_STYLE[kind][1] == "dot" else 8 + min(14, 2 * degree)


def _extents(order: list, labels: dict, font: dict, sizes: dict) -> np.ndarray:
    """Each node's box around its centre, label below (left, up, right, down), in canvas units."""
    out = np.empty((len(order), 4))
    for i, n in enumerate(order):
        lines = labels[n].split("\n")
        r = sizes.get(n, 10)
        w = max(max(len(s) for s in lines) * font[n] * CHAR_WIDTH, 2 * r) + 14
        out[i] = (w / 2, r + 4, w / 2, r + 12 + len(lines) * font[n] * 1.2)
    return out


def _boxes(order: list, pos: dict, labels: dict, font: dict, sizes: dict) -> np.ndarray:
    """Each node's box with its label below it (x0, y0, x1, y1), in canvas units, a margin around."""
    ext = _extents(order, labels, font, sizes)
    xy = np.array([pos[n] for n in order], dtype=float).reshape(-1, 2)
    return np.column_stack([xy[:, 0] - ext[:, 0], xy[:, 1] - ext[:, 1], xy[:, 0] + ext[:, 2], xy[:, 1] + ext[:, 3]])


def _spread(pos: dict, labels: dict, font: dict, sizes: dict, rounds: int = 200, most: int = 250) -> dict:
    """Push nodes apart, a little each round, until no two label boxes overlap (or ROUNDS pass):
    the layout's shape stays, the labels become readable. In a large group only the MOST nodes with
    the largest labels move (the others' labels are too small to read before one zooms in anyway)."""
    order = sorted(pos, key=txt)
    if len(order) > most:
        order = sorted(sorted(order, key=lambda n: (-font[n], -sizes.get(n, 0), txt(n)))[:most], key=txt)
    if len(order) < 2:
        return pos
    xy = np.array([pos[n] for n in order], dtype=float)
    ext = _extents(order, labels, font, sizes)
    before = np.arange(len(order))[:, None] < np.arange(len(order))[None, :]
    for _ in range(rounds if len(order) <= 150 else rounds // 2):     # a big group: its hubs' labels, fewer rounds
        b = np.column_stack([xy[:, 0] - ext[:, 0], xy[:, 1] - ext[:, 1], xy[:, 0] + ext[:, 2], xy[:, 1] + ext[:, 3]])
        ox = np.minimum(b[:, None, 2], b[None, :, 2]) - np.maximum(b[:, None, 0], b[None, :, 0])
        oy = np.minimum(b[:, None, 3], b[None, :, 3]) - np.maximum(b[:, None, 1], b[None, :, 1])
        hit = (ox > 0) & (oy > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        dx = xy[:, None, 0] - xy[None, :, 0]
        dy = xy[:, None, 1] - xy[None, :, 1]
        # move along the axis that needs less, half each, away from the other node
        along_x = ox < oy
        sx = np.where(dx == 0, np.where(before, -1, 1), np.sign(dx))
        sy = np.where(dy == 0, np.where(before, -1, 1), np.sign(dy))
        mx = np.where(hit & along_x, sx * (ox / 2 + 1), 0).sum(axis=1)
        my = np.where(hit & ~along_x, sy * (oy / 2 + 1), 0).sum(axis=1)
        xy[:, 0] += np.clip(mx, -60, 60)
        xy[:, 1] += np.clip(my, -60, 60)
    return {**pos, **{n: (xy[i, 0], xy[i, 1]) for i, n in enumerate(order)}}


def _rows(pos: dict, groups: list[dict], y: float, labels: dict, font: dict, sizes: dict) -> float:
    """Place small groups side by side in rows starting at height Y, under what is placed; returns
    the height below them."""
    if not groups:
        return y
    xs = [p[0] for p in pos.values()] or [0.0]
    left, right = min(xs), max(max(xs), min(xs) + 1200)
    x, row_h = left, 0.0
    for grp in groups:
        order = sorted(grp, key=txt)
        b = _boxes(order, grp, labels, font, sizes)
        w, h = b[:, 2].max() - b[:, 0].min(), b[:, 3].max() - b[:, 1].min()
        if x + w > right and x > left:
            x, y, row_h = left, y + row_h + 40, 0.0
        for n in order:
            gx, gy = grp[n]
            pos[n] = (x - b[:, 0].min() + gx, y - b[:, 1].min() + gy)
        x += w + 40
        row_h = max(row_h, h)
    return y + row_h + 40


# --- the page ---------------------------------------------------------------------------------------

def safe_json(value) -> str:
    """JSON for inside a <script>: <, > and & escaped, so no article text can close the script."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            .replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network's standalone build, as shipped in the pyvis package (inlined: the page is offline)."""
    spec = importlib.util.find_spec("pyvis")          # found without importing pyvis (and all it imports)
    folder = Path(next(iter(spec.submodule_search_locations))) if spec and spec.submodule_search_locations else None
    if folder is None:
        return resources.files("pyvis").joinpath("lib", "vis-9.1.2", "vis-network.min.js").read_text(encoding="utf-8")
    return (folder / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text(encoding="utf-8")


def legend_html(view: View) -> str:
    """Legend entries for the kinds and stances that occur in the view, and nothing else."""
    marks = {"dot": "●", "hexagon": "⬢", "triangle": "▲", "triangleDown": "▼", "diamond": "◆", "square": "■"}
    items = [f'<li><span class="mark" style="color:{c}">{marks[s]}</span>{html.escape(label)}</li>'
             for k, (c, s, label) in KIND_STYLE.items() if k in view.kinds]
    if view.stances:
        items.append('<li class="head">positions (holder → target), by stance</li>')
        items += [f'<li><span class="line" style="background:{STANCE_COLOURS[s]}"></span>{html.escape(s)}</li>'
                  for s in view.stances]
    return "\n".join(items)


def notes_html(view: View) -> str:
    """The readable notes on what the view leaves out."""
    notes = []
    if view.warning:
        notes.append(f'<p class="warn" id="kg-cut">{html.escape(view.warning)}</p>')
    if view.untargeted:
        notes.append(f"<p>{view.untargeted} position{'s' if view.untargeted != 1 else ''} with no target or "
                     "meeting: listed in the holder's panel.</p>")
    return "\n".join(notes)


def render(g, title: str = "kg graph", max_nodes: int = MAX_NODES, layouts=None) -> str:
    """The whole HTML page as a string (offline: vis-network is inlined); LAYOUTS as in view_model."""
    view = view_model(g, max_nodes, layouts)
    hidden = sum(1 for n in view.nodes if n.get("isolated"))
    return (PAGE.replace("%TITLE%", html.escape(title))
            .replace("%LEGEND%", legend_html(view))
            .replace("%NOTES%", notes_html(view))
            .replace("%ISOLATED%", str(hidden))
            .replace("%POSITIONS%", str(sum(1 for n in view.nodes if n["kind"] == "positions")))
            .replace("%VIS%", vis_network_js().replace("</script", "<\\/script"))
            .replace("%DATA%", safe_json({"nodes": view.nodes, "edges": view.edges, "details": view.details,
                                          "colours": STANCE_COLOURS})))


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>%TITLE%</title>
<style>
 html, body { margin: 0; height: 100%; font: 13px/1.45 system-ui, sans-serif; color: #222; }
 #kg-side { position: absolute; top: 0; left: 0; bottom: 0; width: 230px; overflow-y: auto; padding: 10px 12px;
            box-sizing: border-box; border-right: 1px solid #ddd; background: #fafafa; }
 #mynetwork { position: absolute; top: 0; left: 230px; right: 0; bottom: 0; }
 #kg-panel { position: absolute; top: 0; right: 0; bottom: 0; width: 360px; overflow-y: auto; padding: 10px 14px;
             box-sizing: border-box; background: #fff; border-left: 1px solid #ccc; box-shadow: -2px 0 6px #0002; display: none; }
 #kg-panel h2 { font-size: 17px; margin: 4px 0; } #kg-panel h3 { font-size: 13px; margin: 12px 0 4px; color: #555; }
 #kg-panel ul { margin: 0; padding-left: 18px; } #kg-panel li { margin-bottom: 4px; }
 #kg-panel .ev { color: #555; font-style: italic; } #kg-close { float: right; }
 #kg-side h1 { font-size: 15px; margin: 0 0 8px; } #kg-side label { display: block; }
 #kg-side ul { list-style: none; margin: 4px 0; padding: 0; } #kg-side li.head { margin-top: 6px; color: #555; }
 .mark { display: inline-block; width: 18px; font-size: 15px; } .line { display: inline-block; width: 14px; height: 3px;
   margin: 0 4px 3px 0; vertical-align: middle; } .warn { color: #a00; } #kg-search { width: 140px; }
 #kg-status { color: #555; min-height: 1.2em; }
</style>
</head>
<body>
<div id="kg-side">
 <h1>%TITLE%</h1>
 <div><input id="kg-search" type="search" placeholder="find by name"> <button id="kg-find" type="button">Find</button></div>
 <div id="kg-status"></div>
 <label><input type="checkbox" class="kg-kind" value="actors" checked> actors</label>
 <label><input type="checkbox" class="kg-kind" value="meetings" checked> meetings</label>
 <label><input type="checkbox" id="kg-position-nodes"> positions as nodes (%POSITIONS%)</label>
 <label><input type="checkbox" id="kg-isolated"> unconnected nodes (%ISOLATED%)</label>
 <div>meetings from <input id="kg-from" type="date"><br>to <input id="kg-to" type="date"></div>
 <ul id="kg-legend">
%LEGEND%
 </ul>
 <div id="kg-notes">
%NOTES%
 </div>
 <p style="color:#666">Click a node for its details; drag to move, scroll to zoom.</p>
</div>
<div id="mynetwork"></div>
<div id="kg-panel"><button id="kg-close" type="button">close</button><div id="kg-panel-body"></div></div>
<script>%VIS%</script>
<script id="kg-data" type="application/json">%DATA%</script>
<script>
(function () {
  var data = JSON.parse(document.getElementById('kg-data').textContent);
  var nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
  var container = document.getElementById('mynetwork');
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, {
    physics: false, layout: {randomSeed: 7, improvedLayout: false},
    interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: data.nodes.length > 400},
    nodes: {borderWidth: 1, font: {face: 'arial', color: '#222', strokeWidth: 3, strokeColor: '#ffffff'}},
    edges: {smooth: false, color: {inherit: false}, selectionWidth: 2}
  });
  window.network = network; window.nodes = nodes; window.edges = edges;
  var status = document.getElementById('kg-status');
  function shownIds() {
    return nodes.getIds({filter: function (n) { return !n.hidden && n.kind !== 'positions'; }});
  }
  function mainIds() {          // the largest connected group of what is shown
    var seen = {}, best = [];
    shownIds().forEach(function (id) {
      if (seen[id]) { return; }
      var group = [], todo = [id]; seen[id] = true;
      while (todo.length) {
        var n = todo.pop(); group.push(n);
        network.getConnectedNodes(n).forEach(function (m) {
          var mn = nodes.get(m);
          if (!seen[m] && mn && !mn.hidden) { seen[m] = true; todo.push(m); }
        });
      }
      if (group.length > best.length) { best = group; }
    });
    return best;
  }
  function fitMain() {          // the main group fills the window; in a big graph, its hubs readable
    var ids = mainIds();
    network.fit({nodes: ids, animation: false, maxZoomLevel: 2.5});
    var top = nodes.get(ids).sort(function (a, b) { return b.degree - a.degree; }).slice(0, 10);
    if (top.length && network.getScale() * top[0].font.size < 10) {
      var at = network.getPositions(top.map(function (n) { return n.id; })), x = 0, y = 0;
      top.forEach(function (n) { x += at[n.id].x / top.length; y += at[n.id].y / top.length; });
      network.moveTo({position: {x: x, y: y}, scale: 12 / top[0].font.size, animation: false});
    }
  }

  // --- side panel: built with textContent only --------------------------------------------------
  var panel = document.getElementById('kg-panel'), body = document.getElementById('kg-panel-body');
  function el(tag, text, cls) { var e = document.createElement(tag); if (text) { e.textContent = text; } if (cls) { e.className = cls; } return e; }
  function section(title, items, render) {
    if (!items || !items.length) { return; }
    body.appendChild(el('h3', title));
    var ul = el('ul'); items.forEach(function (it) { var li = el('li'); render(li, it); ul.appendChild(li); });
    body.appendChild(ul);
  }
  function show(id) {
    var d = data.details[id];
    if (!d) { panel.style.display = 'none'; return; }
    body.textContent = '';
    body.appendChild(el('h2', d.name));
    body.appendChild(el('div', d.type, 'type'));
    if (d.names.length) { body.appendChild(el('div', 'also: ' + d.names.join(', '))); }
    section('Roles', d.roles, function (li, r) { li.textContent = r; });
    section(d.type.indexOf('meeting') === 0 ? 'Meeting' : 'Meetings', d.meetings, function (li, m) {
      li.appendChild(el('b', m.name));
      li.appendChild(el('div', [m.date || 'date unknown', m.place ? 'in ' + m.place : ''].join(' ').trim(), 'when'));
      if (m.participants.length) { li.appendChild(el('div', 'with ' + m.participants.join(', '), 'who')); }
    });
    section('Positions', d.positions, function (li, p) {
      li.appendChild(el('b', p.holder + ' — ' + p.stance + ': '));
      li.appendChild(document.createTextNode(p.topic + (p.targets.length ? ' (toward ' + p.targets.join(', ') + ')' : '')));
      p.evidence.forEach(function (s) { li.appendChild(el('div', '“' + s + '”', 'ev')); });
    });
    if (d.more_positions) { body.appendChild(el('div', '… and ' + d.more_positions + ' more (kg query --name positions-of)')); }
    section('Sources', d.sources, function (li, s) { li.textContent = s; });
    if (d.more_sources) { body.appendChild(el('div', '… and ' + d.more_sources + ' more articles')); }
    panel.style.display = 'block';
    panel.setAttribute('data-node', id);
  }
  network.on('click', function (p) { if (p.nodes.length) { show(p.nodes[0]); } else { panel.style.display = 'none'; } });
  document.getElementById('kg-close').addEventListener('click', function () { panel.style.display = 'none'; });

  // --- search ------------------------------------------------------------------------------------
  function find(text) {
    var q = (text || '').trim().toLowerCase();
    if (!q) { status.textContent = ''; network.unselectAll(); return []; }
    var hits = nodes.get({filter: function (n) { return String(n.names || n.label).toLowerCase().indexOf(q) >= 0 &&
                                                       (!n.hidden || n.isolated); }});
    var rank = function (n) { return (n.kind === 'actors' ? 0 : 2) + (String(n.names).toLowerCase().indexOf(q) === 0 ? 0 : 1) - n.degree / 1e4; };
    hits.sort(function (a, b) { return rank(a) - rank(b); });
    var ids = hits.map(function (n) { return n.id; });
    if (ids.length && nodes.get(ids[0]).hidden) { nodes.update({id: ids[0], hidden: false}); }
    network.selectNodes(ids.filter(function (id) { return !nodes.get(id).hidden; }));
    if (ids.length) {
      network.focus(ids[0], {scale: Math.max(1.5, network.getScale()), animation: false});
      show(ids[0]);
    }
    status.textContent = ids.length + (ids.length === 1 ? ' match: ' : ' matches: ') +
      hits.slice(0, 5).map(function (n) { return String(n.names || n.label).split(' | ')[0]; }).join(', ');
    status.setAttribute('data-matches', String(ids.length));
    status.setAttribute('data-focus', ids.length ? ids[0] : '');
    return ids;
  }
  function fromHash() {
    var m = /[#&]search=([^&]*)/.exec(window.location.hash);
    if (m) { var q = decodeURIComponent(m[1]); document.getElementById('kg-search').value = q; find(q); }
  }
  document.getElementById('kg-find').addEventListener('click', function () { find(document.getElementById('kg-search').value); });
  document.getElementById('kg-search').addEventListener('keydown', function (e) { if (e.key === 'Enter') { find(this.value); } });
  window.addEventListener('hashchange', fromHash);

  // --- filters -----------------------------------------------------------------------------------
  function applyFilters() {
    var kinds = {};
    document.querySelectorAll('.kg-kind').forEach(function (c) { kinds[c.value] = c.checked; });
    var asNodes = document.getElementById('kg-position-nodes').checked;
    var isolated = document.getElementById('kg-isolated').checked;
    kinds.positions = asNodes;
    var from = document.getElementById('kg-from').value, to = document.getElementById('kg-to').value;
    nodes.update(nodes.get().map(function (n) {
      var hide = !kinds[n.kind] || (n.isolated && !isolated) || (n.kind === 'meetings' && n.date &&
                 ((from && n.date < from) || (to && n.date > to)));
      return {id: n.id, hidden: hide};
    }));
    edges.update(edges.get().map(function (e) {
      return {id: e.id, hidden: e.kind === 'stance' ? asNodes : e.kind === 'position' ? !asNodes : false};
    }));
  }
  document.querySelectorAll('.kg-kind, #kg-from, #kg-to, #kg-position-nodes, #kg-isolated').forEach(function (c) {
    c.addEventListener('change', function () { applyFilters(); fitMain(); });
  });

  window.kgFind = find; window.kgShow = show; window.kgMainIds = mainIds;
  // first drawing: sizes are known, so fit the main group to the window, then follow a #search=
  network.once('afterDrawing', function () {
    fitMain();
    fromHash();
    network.once('afterDrawing', function () { document.body.setAttribute('data-settled', '1'); });
    network.redraw();
  });
})();
</script>
</body>
</html>
"""
