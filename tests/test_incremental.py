"""A rebuild that adds an article does only new work: unchanged article files are left alone, the
store is the previous one with the changed subjects rewritten, large page groups keep their layout,
and the page renders on another core; each gives what a full rebuild would."""
import gc
import os
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

import kg.html as html
from kg.api import gc_paused
from kg.engines import beside
from kg.graph import TripleIndex
from kg.serialize import turtle_bytes
from kg.store import STORE, StoreWriter, subject_blocks
from conftest import build_to

STORY = ("Port talks {n}\n\nLISBON, May 4 (Reuters) - Trade Minister Clara Nunes of Portugal met Spanish Trade "
         "Minister Diego Ferrer in Lisbon on Tuesday to discuss port fees, officials said in 2023. Item {n}.\n")


def write_articles(folder: Path, numbers) -> None:
    folder.mkdir(exist_ok=True)
    for i in numbers:
        (folder / f"s{i}.txt").write_text(STORY.format(n=i))


def stored_triples(out: Path) -> set:
    return {q.triple for q in ox.Store.read_only(str(out / STORE))}


def turtle_triples(path: Path) -> set:
    return {q.triple for q in ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE)}


def test_adding_an_article_rewrites_only_its_file_and_updates_the_store(tmp_path, monkeypatch):
    write_articles(tmp_path / "in", range(3))
    out = tmp_path / "out"
    build_to([tmp_path / "in"], out)
    files = sorted((out / "articles").glob("*.ttl"))
    stamps = {p.name: p.stat().st_mtime_ns for p in files}
    loads = []
    real = StoreWriter._load
    monkeypatch.setattr(StoreWriter, "_load", lambda self: (real(self), loads.append(self.incremental)))
    write_articles(tmp_path / "in", [7])
    os.utime(files[0], ns=(1, 1))                    # an untouched file keeps even an odd time stamp
    build_to([tmp_path / "in"], out)
    assert loads == [True]
    assert files[0].stat().st_mtime_ns == 1
    assert all(p.stat().st_mtime_ns == stamps[p.name] for p in files[1:])
    assert (out / "articles" / "s7.ttl").is_file()
    assert stored_triples(out) == turtle_triples(out / "graph.ttl")
    kept = (out / "articles" / "s1.ttl").read_bytes()
    (out / "articles" / "s1.ttl").unlink()           # a file deleted by hand is written again
    build_to([tmp_path / "in"], out)
    assert (out / "articles" / "s1.ttl").read_bytes() == kept
    fresh = tmp_path / "fresh"
    build_to([tmp_path / "in"], fresh, cache=False)  # and everything equals a build from nothing
    assert [p.read_bytes() for p in sorted((out / "articles").glob("*.ttl"))] == \
        [p.read_bytes() for p in sorted((fresh / "articles").glob("*.ttl"))]
    assert (out / "graph.ttl").read_bytes() == (fresh / "graph.ttl").read_bytes()


def test_store_update_falls_back_to_a_full_load_when_it_cannot_trust_the_copy(tmp_path):
    write_articles(tmp_path / "in", range(2))
    out = tmp_path / "out"
    build_to([tmp_path / "in"], out)
    write_articles(tmp_path / "in", [5])
    g = build_to([tmp_path / "in"], tmp_path / "other", cache=False)
    new = (tmp_path / "other" / "graph.ttl").read_bytes()
    wrong = StoreWriter(out, new, len(g) + 1)        # a count the copy cannot reach
    wrong.install()
    assert wrong.incremental is False and stored_triples(out) == turtle_triples(tmp_path / "other" / "graph.ttl")
    (out / "graph.ttl").write_bytes(new + b"\n")     # graph.ttl no longer the one the store holds
    w = StoreWriter(out, new, len(g))
    w.install()
    assert w.previous is None and w.incremental is False


def test_subject_blocks_cover_every_triple_once():
    text = turtle_bytes([(ox.NamedNode(f"https://schema.org/s{i % 3}"), ox.NamedNode(f"https://schema.org/p{i % 2}"),
                          ox.Literal(f"line {i} .\nnext ;")) for i in range(9)])
    header, blocks = subject_blocks(text)
    assert header.startswith(b"@prefix ") and len(blocks) == 3     # kg's Turtle: one statement per subject
    again = ox.parse(header + b"".join(b + b" .\n" for b in blocks), format=ox.RdfFormat.TURTLE)
    assert set(again) == set(ox.parse(text, format=ox.RdfFormat.TURTLE))


def test_a_large_group_keeps_its_layout_under_its_content_hash(monkeypatch):
    G = nx.connected_watts_strogatz_graph(html.REMEMBER + 5, 4, 0.2, seed=3)
    G = nx.relabel_nodes(G, {i: ox.NamedNode(f"http://x/n{i:02d}") for i in G})
    order = sorted(G, key=html.txt)
    layouts: dict = {}
    first = html.remembered_layout(G, order, True, layouts)
    assert len(layouts) == 1
    monkeypatch.setattr(html, "_group_layout", lambda *a: pytest.fail("laid out again"))
    assert html.remembered_layout(G, order, True, layouts) == first
    H = G.copy()
    H.add_edge(*next(nx.non_edges(G)))               # another group: laid out afresh
    monkeypatch.undo()
    html.remembered_layout(H, order, True, layouts)
    assert len(layouts) == 2


def test_render_beside_gives_the_same_text_and_falls_back_when_the_child_fails(monkeypatch):
    import kg.engines
    monkeypatch.setattr(kg.engines, "start_method", lambda: "fork")
    parent = os.getpid()
    pending = beside(lambda: f"page {len('abc')}")
    assert pending.pid != parent and pending() == "page 3"          # rendered in a child process

    def fails_in_child():
        if os.getpid() != parent:
            raise RuntimeError("child broke")
        return "rendered here"
    assert beside(fails_in_child)() == "rendered here"


def test_gc_paused_restores_the_collector():
    seen = []
    gc_paused(lambda: seen.append(gc.isenabled()))()
    assert seen == [False] and gc.isenabled()


def test_triple_index_answers_like_a_scan_before_and_after_indexing():
    triples = [(ox.NamedNode(f"http://x/s{i % 7}"), ox.NamedNode(f"http://x/p{i % 3}"), ox.Literal(str(i)))
               for i in range(200)]
    index = TripleIndex(triples)
    for round_ in range(3):                          # the first questions scan, later ones use the index
        for s in {t[0] for t in triples}:
            for p in {t[1] for t in triples}:
                assert index.objects(s, p) == [t[2] for t in triples if t[0] == s and t[1] == p]
    assert index._sp                                   # by now the predicates are indexed


def test_a_build_without_cache_withdraws_the_record_of_written_keys(tmp_path):
    """Files written without cache keys must be compared again by the next build with a cache."""
    from kg.api import WRITTEN
    write_articles(tmp_path / "in", range(2))
    out = tmp_path / "out"
    build_to([tmp_path / "in"], out)
    assert (out / WRITTEN).is_file()
    build_to([tmp_path / "in"], out, cache=False)
    assert not (out / WRITTEN).exists()


def test_a_cancelled_render_leaves_no_child_behind(monkeypatch):
    import time as clock
    import kg.engines
    monkeypatch.setattr(kg.engines, "start_method", lambda: "fork")     # other tests' threads may still run
    pending = beside(lambda: (clock.sleep(30), "never")[1])
    t0 = clock.monotonic()
    pending.cancel()
    assert clock.monotonic() - t0 < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pending.pid, os.WNOHANG)          # killed and already reaped
