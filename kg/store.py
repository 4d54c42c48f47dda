"""An Oxigraph store beside graph.ttl (OUT/.store), so that queries open the graph instead of parsing it."""
from __future__ import annotations

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
    """Makes the store of a graph's Turtle under a temporary name in a background thread (Oxigraph
    works without holding the GIL, so the caller renders other outputs meanwhile); `install()` then
    swaps it in for OUT/.store, `discard()` drops it.

    When OUT/.store holds the previous graph.ttl exactly, the new store is that store's hard-linked
    copy with only the changed subjects rewritten (a rebuild that adds one article changes a few
    hundred triples of a hundred thousand); otherwise, or when the copy does not come out with
    TRIPLES triples, the Turtle is loaded whole."""

    def __init__(self, out: Path, turtle: bytes, triples: int | None = None):
        self.out, self.turtle, self.triples = Path(out), turtle, triples
        self.tmp = self.out / f"{STORE}.tmp-{os.getpid()}"
        self.error: BaseException | None = None
        self.incremental = False
        self.previous = previous_turtle(self.out) if triples is not None else None   # read now, before it is replaced
        remove_stale_stores(self.out)
        self.thread = threading.Thread(target=self._load, daemon=True)
        self.thread.start()

    def _load(self) -> None:
        import pyoxigraph as ox
        try:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.out.mkdir(parents=True, exist_ok=True)
            if self.previous is not None:
                try:
                    self.incremental = self._update(ox)
                except Exception:
                    self.incremental = False
                if not self.incremental:
                    shutil.rmtree(self.tmp, ignore_errors=True)
            if not self.incremental:
                store = ox.Store(str(self.tmp))
                store.bulk_load(self.turtle, format=ox.RdfFormat.TURTLE)
                store.flush()
                del store                # closed here: nothing else refers to it
            (self.tmp / STAMP).write_text(stamp(self.turtle))
        except BaseException as e:       # reported by install()
            self.error = e

    def _update(self, ox) -> bool:
        """Copy the previous store (hard links) and rewrite the subjects whose Turtle changed; whether
        the copy now holds exactly the new graph's number of triples."""
        header, old = subject_blocks(self.previous)
        _, new = subject_blocks(self.turtle)
        gone, came = old - new, new - old
        ox.Store.read_only(str(self.out / STORE)).backup(str(self.tmp))
        store = ox.Store(str(self.tmp))
        if gone:
            for quad in ox.parse(statements(header, gone), format=ox.RdfFormat.TURTLE):
                store.remove(quad)
        if came:
            store.extend(ox.parse(statements(header, came), format=ox.RdfFormat.TURTLE))
        store.flush()
        ok = len(store) == self.triples
        del store
        return ok

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


def previous_turtle(out: Path) -> bytes | None:
    """OUT/graph.ttl when OUT/.store was loaded from exactly it (and it has no blank nodes, whose labels
    are not stable from one build to the next), else None."""
    try:
        data = (out / "graph.ttl").read_bytes()
        if (out / STORE / STAMP).read_text() == stamp(data) and b"_:" not in data:
            return data
    except OSError:
        pass
    return None


def subject_blocks(turtle: bytes) -> tuple[bytes, set[bytes]]:
    """The prefix lines of Turtle as kg writes it, and its statements without their final ' .': one
    per subject (Oxigraph ends each subject's statement with ' .' at the end of a line, and a
    literal never spans lines, its line breaks escaped), so a byte split finds them."""
    head_end = 0
    while turtle.startswith(b"@prefix ", head_end):
        head_end = turtle.index(b"\n", head_end) + 1
    return turtle[:head_end], set(turtle[head_end:].split(b" .\n")) - {b""}


def statements(header: bytes, blocks: set[bytes]) -> bytes:
    """Turtle of BLOCKS (from subject_blocks) under the prefix lines HEADER."""
    return header + b"".join(b + b" .\n" for b in sorted(blocks))


def remove_stale_stores(out: Path) -> None:
    """Half-made stores that a killed build left behind (their process is gone)."""
    for d in Path(out).glob(f"{STORE}.*-*"):
        pid = d.name.rsplit("-", 1)[-1].removesuffix(".tmp")     # .tmp: a copy Oxigraph was making
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
