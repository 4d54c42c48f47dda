"""Files: atomic writes that honour the umask, output-folder paths, and file names made from ids."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from kg.errors import QueryError
from kg.names import slug

GRAPH_FILE = "graph.ttl"
SAFE_NAME = re.compile(r"[\w.\-]{1,120}")


def _umask() -> int:
    """The process's umask (read by setting and restoring it: the only portable way)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: str | Path, data: str | bytes, mode: int = 0o666, durable: bool = True) -> Path:
    """Write DATA to PATH so that a reader sees either the old file or the whole new one, never half.
    The file gets MODE less the umask, as open() would give it (mkstemp's private 0600 is not kept).
    DURABLE: on disk before it replaces the old file, so that even a power cut leaves one of the two
    (a cache entry, which may be lost, skips that wait)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, mode & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """Atomically replace PATH unless it already holds DATA (incremental builds leave it alone)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.stat().st_size == len(raw) and path.read_bytes() == raw:
        return False
    atomic_write(path, raw)
    return True


def remove_stale_temporaries(folder: str | Path) -> None:
    """Temporary files a killed build left behind (they never replaced anything); the store's own
    folders, which a build's store thread may be making right now, are not files and stay."""
    for d in (Path(folder), Path(folder) / "articles"):
        if d.is_dir():
            for f in d.glob(".*.tmp"):
                if f.is_file() and not f.is_symlink():
                    f.unlink(missing_ok=True)


def graph_file(path: str | Path) -> Path:
    """The graph a user names: a .ttl file, or the graph.ttl of a kg output folder."""
    p = Path(path)
    if p.is_dir():
        p = p / GRAPH_FILE
    if not p.is_file():
        raise QueryError(f"{path}: no graph here (give a .ttl file or a kg output folder)")
    return p


def safe_file_name(aid: str) -> str:
    """An article id as a file name: kept as is when it is plain, slugged otherwise."""
    return aid if SAFE_NAME.fullmatch(aid) and not aid.startswith(".") else slug(aid)
