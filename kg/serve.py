"""A SPARQL endpoint for graph notebooks: the graph loaded into an Oxigraph server (its own process).

Bound to 127.0.0.1 and read-only unless asked otherwise. graph-notebook's %%sparql sends a
form-encoded POST query=... to http://host:port/query, which Oxigraph answers as SPARQL 1.1 Protocol.
"""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.io import graph_file


def oxigraph_binary() -> str:
    """The `oxigraph` server from the PyPI package of that name (next to this Python, or on PATH)."""
    here = Path(sys.executable).with_name("oxigraph")
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise KgError("the Oxigraph server is not installed (pip install oxigraph)")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on HOST now."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def check_port_free(host: str, port: int) -> None:
    """Raise a KgError when something already listens on HOST:PORT: the readiness check would be
    answered by that other server, and a notebook would query someone else's data."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)    # a closed server's TIME_WAIT is no owner
        try:
            s.bind((host, port))
        except OSError as e:
            raise KgError(f"cannot serve on {host}:{port}: {e.strerror or e} (another server is there?); "
                          "choose another --port, or --port 0 for a free one") from None


def notebook_config(host: str, port: int) -> dict:
    """What graph-notebook's %%graph_notebook_config takes to talk to this endpoint."""
    return {"host": host, "port": port, "ssl": False, "sparql": {"path": "query"}}


@dataclass
class Server:
    """A running Oxigraph server: its process, address and store folder."""
    process: subprocess.Popen
    host: str
    port: int
    store: Path
    temporary: bool

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://{self.host}:{self.port}"

    def stop(self) -> None:
        """Stop the server and remove a temporary store."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.temporary:
            shutil.rmtree(self.store, ignore_errors=True)


def load_store(graph: Path, store: Path) -> None:
    """Load a Turtle file into an Oxigraph store folder with the oxigraph command."""
    res = subprocess.run([oxigraph_binary(), "load", "--location", str(store), "--file", str(graph)],
                         capture_output=True, text=True)
    if res.returncode != 0:
        raise KgError(f"{graph}: Oxigraph could not load it ({(res.stderr or res.stdout).strip().splitlines()[-1:]})")


def wait_ready(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    """Wait until the server answers a query at URL, or raise when it stops or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
            raise KgError(f"the Oxigraph server stopped at start ({err.strip().splitlines()[-1:] or 'no message'})")
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=2).read()
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.2)
    raise KgError(f"the Oxigraph server did not answer at {url} within {timeout:.0f} s")


def start(graph: str | Path, port: int = 7878, host: str = "127.0.0.1", writable: bool = False,
          store: str | Path | None = None) -> Server:
    """Load GRAPH (a .ttl or an output folder) into a store and start serving it on HOST:PORT (PORT 0:
    a free port, see Server.port). A port already in use is an error, not someone else's endpoint."""
    g = graph_file(graph)
    port = port or free_port(host)
    check_port_free(host, port)
    temporary = store is None
    store_dir = Path(tempfile.mkdtemp(prefix="kg-store-")) if temporary else Path(store)
    load_store(g, store_dir)
    mode = "serve" if writable else "serve-read-only"
    proc = subprocess.Popen([oxigraph_binary(), mode, "--location", str(store_dir), "--bind", f"{host}:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = Server(proc, host, port, store_dir, temporary)
    try:
        wait_ready(server.url, proc)
        time.sleep(0.2)
        if proc.poll() is not None:          # it lost the port to another server after the check above
            raise KgError(f"the Oxigraph server stopped at start ({proc.stderr.read().decode('utf-8', 'replace').strip()[-200:]})")
    except BaseException:
        server.stop()
        raise
    return server


def banner(server: Server, writable: bool) -> str:
    """What kg serve prints: the endpoint and the graph-notebook configuration."""
    cfg = json.dumps(notebook_config(server.host, server.port))
    return "\n".join([
        f"kg: SPARQL endpoint at {server.url}/query ({'read-write' if writable else 'read-only'}); Ctrl-C stops it",
        "graph-notebook: paste into a cell, then use %%sparql:",
        f"%%graph_notebook_config\n{cfg}",
    ])
