"""An Oxigraph store beside graph.ttl (OUT/.store), so that queries open the graph instead of parsing it."""
from __future__ import annotations

import gc
import hashlib
import os
import shutil
import threading
from pathlib import Path

STORE = ".store"
STAMP = "kg-stamp"


def stamp(data: bytes | Path) -> str:
    """A hash of the Turtle's bytes: ties a store to the exact graph it was loaded from."""
    h = hashlib.sha256()
    if isinstance(data, bytes):
        h.update(data)
        return h.hexdigest()
    with open(data, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class StoreWriter:
    """Loads a graph's Turtle into a new store under a temporary name in a background thread (Oxigraph
    parses without holding the GIL, so the caller renders other outputs meanwhile); `install()` then
    swaps it in for OUT/.store, `discard()` drops it."""

    def __init__(self, out: Path, turtle: bytes):
        self.out, self.turtle = Path(out), turtle
        self.tmp = self.out / f"{STORE}.tmp-{os.getpid()}"
        self.error: BaseException | None = None
        remove_stale_stores(self.out)
        self.thread = threading.Thread(target=self._load, daemon=True)
        self.thread.start()

    def _load(self) -> None:
        import pyoxigraph as ox
        try:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.out.mkdir(parents=True, exist_ok=True)
            store = ox.Store(str(self.tmp))
            store.bulk_load(self.turtle, format=ox.RdfFormat.TURTLE)
            store.flush()
            del store
            gc.collect()
            (self.tmp / STAMP).write_text(stamp(self.turtle))
        except BaseException as e:       # reported by install()
            self.error = e

    def install(self) -> Path:
        """Wait for the load, then swap the new store in for OUT/.store."""
        self.thread.join()
        if self.error is not None:
            self.discard()
            raise self.error
        final, old = self.out / STORE, self.out / f"{STORE}.old-{os.getpid()}"
        if final.exists():
            final.rename(old)
        self.tmp.rename(final)
        shutil.rmtree(old, ignore_errors=True)
        return final

    def discard(self) -> None:
        """Wait for the load and remove what it made."""
        self.thread.join()
        shutil.rmtree(self.tmp, ignore_errors=True)


def remove_stale_stores(out: Path) -> None:
    """Half-made stores that a killed build left behind (their process is gone)."""
    for d in Path(out).glob(f"{STORE}.*-*"):
        pid = d.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(d, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def open_store(ttl: Path):
    """The stored copy of TTL when it is there and matches it exactly, else None."""
    import pyoxigraph as ox
    d = ttl.parent / STORE
    try:
        if (d / STAMP).read_text() == stamp(ttl):
            return ox.Store.read_only(str(d))
    except (OSError, ValueError):
        return None
    return None
