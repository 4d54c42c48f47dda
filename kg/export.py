"""Write outputs atomically: every file goes to a temporary name first and is renamed into place."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph


def atomic_write(path: Path, data: str | bytes) -> Path:
    """Write DATA to PATH so that a reader sees either the old file or the whole new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def turtle(g: Graph) -> str:
    """Deterministic Turtle: rdflib's serializer sorts subjects and predicates."""
    return g.serialize(format="turtle")


def write_turtle(g: Graph, path: Path) -> Path:
    return atomic_write(path, turtle(g))


def remove_stale_temporaries(out: Path) -> None:
    """Temporary files a killed build left behind (they never replaced anything)."""
    for d in (Path(out), Path(out) / "articles"):
        if d.is_dir():
            for f in d.glob(".*.tmp"):
                f.unlink(missing_ok=True)
