"""An Oxigraph store beside graph.ttl (OUT/.store), so that queries open the graph instead of parsing it."""
from __future__ import annotations

import gc
import hashlib
import os
import shutil
from pathlib import Path

STORE = ".store"
STAMP = "kg-stamp"


def stamp(ttl: Path) -> str:
    """A hash of the Turtle file's bytes: ties a store to the exact graph it was loaded from."""
    h = hashlib.sha256()
    with open(ttl, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_store(ttl: Path) -> Path:
    """Load TTL into OUT/.store: built under a temporary name and swapped in, stamped with its hash."""
    import pyoxigraph as ox
    out = ttl.parent
    tmp = out / f"{STORE}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    store = ox.Store(str(tmp))
    store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    store.flush()
    del store
    gc.collect()
    (tmp / STAMP).write_text(stamp(ttl))
    final, old = out / STORE, out / f"{STORE}.old-{os.getpid()}"
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return final


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
