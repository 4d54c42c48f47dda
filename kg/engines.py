"""Where per-article extraction runs when one machine is not enough: a map over a Dask cluster.

Each task cleans, parses and extracts a partition of articles with the same function the local
build uses (kg.pipeline.extract_articles); the merge, graph and export stay on the client. Workers
need kg and the spaCy model installed (the same `pip install` as here).
"""
from __future__ import annotations

from typing import Callable

from kg.errors import KgError

PARTITION = 32


def dask_engine(scheduler: str | None = None, workers: int = 2, partition: int = PARTITION) -> Callable:
    """An engine for kg.pipeline.extract_all: SCHEDULER is a Dask scheduler address (tcp://host:8786);
    without one, a local cluster of WORKERS processes is started for the build and closed after it."""
    def run(articles, model, hint, batch_size):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise KgError("the Dask engine needs dask[distributed] (pip install 'dask[distributed]')") from None
        from kg.pipeline import extract_articles

        cluster = None
        try:
            if scheduler:
                client = Client(scheduler, timeout="5s")
            else:
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, host="127.0.0.1")
                client = Client(cluster)
        except (OSError, TimeoutError) as e:
            raise KgError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {e}") from None
        try:
            parts = [articles[i:i + partition] for i in range(0, len(articles), partition)]
            futures = client.map(extract_articles, parts, model=model, hint=hint, batch_size=batch_size, pure=False)
            return [item for part in client.gather(futures) for item in part]
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    return run


def process_pool_engine(processes: int, partition: int = PARTITION, progress=None) -> Callable:
    """Extraction in PROCESSES local worker processes, each parsing and extracting whole partitions:
    only the small per-article facts cross between processes, never spaCy Docs."""
    def run(articles, model, hint, batch_size):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from kg.pipeline import extract_articles

        parts = [articles[i:i + partition] for i in range(0, len(articles), partition)]
        ctx = multiprocessing.get_context("spawn")
        out = []
        with ProcessPoolExecutor(max_workers=processes, mp_context=ctx) as pool:
            futures = [pool.submit(extract_articles, p, model, hint, batch_size) for p in parts]
            for part, fut in zip(parts, futures):
                out += fut.result()
                if progress:
                    progress(len(part))
        return out
    return run
