"""Where per-article extraction runs when one process is not enough: local worker processes, or a Dask cluster.

Each task cleans, parses and extracts a partition of articles with the same function the local
build uses (kg.worker.extract_articles); the merge, graph and outputs stay with the caller. Dask
workers need kg and the spaCy model installed (the same `pip install` as here).
"""
from __future__ import annotations

import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Callable

from kg.errors import KgError
from kg.records import ArticleFacts
from kg.serialize import article_turtle
from kg.worker import PARTITION, extract_articles, guided_partitions, partitions, prepare

Engine = Callable[[list, str, "int | None", int], list]


def start_method() -> str:
    """How worker processes start: forked on Linux, as spaCy's own nlp.pipe(n_process=N) does (they
    inherit the imported modules, so a worker is ready in a fraction of a second instead of importing
    spaCy and kg again, which costs seconds in a build of a few hundred articles); spawned elsewhere,
    and wherever this process runs other threads (a Jupyter kernel), which a fork would not copy."""
    return "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn"


def beside(render: Callable[[], str], timeout: float = 600.0) -> Callable[[], str]:
    """Start RENDER (text out, no side effects the caller needs) in a forked child process, so that it
    runs on another core while this process goes on; returns the function that waits for the text
    (its .cancel() stops the child instead).
    Where a fork is not safe (not Linux, other threads running) or the child fails or times out,
    RENDER runs here instead, so the caller always gets the same text."""
    if start_method() != "fork":
        return render
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:                                         # the child: render, send, leave without clean-up
        code = 1
        try:
            os.close(r)
            die_with_parent()
            data = render().encode("utf-8")
            with os.fdopen(w, "wb") as fh:
                fh.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(w)

    def result() -> str:
        chunks, deadline = [], time.monotonic() + timeout
        with os.fdopen(r, "rb") as fh:
            while select.select([fh], [], [], max(0.0, deadline - time.monotonic()))[0]:
                chunk = os.read(fh.fileno(), 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
            else:
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        return b"".join(chunks).decode("utf-8") if status == 0 else render()

    def cancel() -> None:
        """Stop the child and reap it (when the caller fails before it needs the text)."""
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(r)
    result.cancel, result.pid = cancel, pid
    return result


def die_with_parent() -> None:
    """In a worker process: end when the build that started it ends, even when that build is killed
    (Linux: the parent-death signal), so that no parse goes on for nobody."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)    # PR_SET_PDEATHSIG
        except OSError:
            pass


@dataclass(frozen=True)
class Rendered:
    """An article's facts with its own Turtle, rendered in the worker that extracted them."""
    facts: ArticleFacts
    turtle: str


def extract_and_render(articles: list, model: str, hint: int | None, batch_size: int) -> list:
    """extract_articles, each article's own Turtle rendered there too: in a worker process it runs
    beside the other workers' parsing instead of after it, in the one parent process."""
    return [Rendered(x, article_turtle(x)) if isinstance(x, ArticleFacts) else x
            for x in extract_articles(articles, model, hint, batch_size)]


def process_pool_engine(processes: int, partition: int = PARTITION, progress=None) -> Engine:
    """Extraction in PROCESSES local worker processes, each parsing and extracting whole partitions
    (smaller ones towards the end, so that no worker waits for another's last partition) and
    rendering their articles' Turtle (items come back as Rendered)."""
    def run(articles, model, hint, batch_size):
        parts = guided_partitions(articles, processes, partition)
        ctx = multiprocessing.get_context(start_method())
        if ctx.get_start_method() == "fork":
            prepare()                          # loaded once here, shared by the forked workers
        out = []
        with ProcessPoolExecutor(max_workers=processes, mp_context=ctx, initializer=die_with_parent) as pool:
            futures = [pool.submit(extract_and_render, p, model, hint, batch_size) for p in parts]
            for part, fut in zip(parts, futures):
                out += fut.result()
                if progress:
                    progress(len(part))
        return out
    return run


def dask_engine(scheduler: str | None = None, workers: int = 2, partition: int = PARTITION) -> Engine:
    """Extraction mapped over a Dask cluster: SCHEDULER is its address (tcp://host:8786); without one,
    a local cluster of WORKERS processes is started for the build and closed after it."""
    def run(articles, model, hint, batch_size):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise KgError("the Dask engine needs dask[distributed] (pip install 'dask[distributed]')") from None
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
            futures = client.map(extract_articles, partitions(articles, partition), model=model, hint=hint,
                                 batch_size=batch_size, pure=False)
            return [item for part in client.gather(futures) for item in part]
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    return run
