"""Load a graph into a real triplestore over the SPARQL 1.1 Graph Store HTTP Protocol.

ENDPOINT is the store's Graph Store service: Oxigraph `http://host:7878/store`, Fuseki
`http://host:3030/DATASET/data`, GraphDB `http://host:7200/repositories/REPO/rdf-graphs/service`,
Virtuoso `http://host:8890/sparql-graph-crud`. PUT replaces the target graph, POST adds to it.
"""
from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from kg.errors import KgError
from kg.io import graph_file


def target_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of a named graph, or of the default graph."""
    sep = "&" if "?" in endpoint else "?"
    return endpoint + sep + ("graph=" + urllib.parse.quote(graph, safe="") if graph else "default")


def publish(graph_path: str | Path, endpoint: str, graph: str | None = None, replace: bool = True,
            user: str | None = None, password: str | None = None, timeout: float = 600) -> int:
    """Send the Turtle file; returns the HTTP status. Raises KgError with the server's answer on failure."""
    src = graph_file(graph_path)
    size = src.stat().st_size
    headers = {"Content-Type": "text/turtle; charset=utf-8", "Content-Length": str(size)}
    if user:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password or ''}".encode()).decode()
    with open(src, "rb") as body:
        req = urllib.request.Request(target_url(endpoint, graph), data=body, method="PUT" if replace else "POST",
                                     headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", "replace").strip().splitlines()[:1]
            raise KgError(f"{endpoint}: the store refused the graph (HTTP {e.code}{': ' + detail[0] if detail else ''})") from None
        except (urllib.error.URLError, OSError) as e:
            raise KgError(f"{endpoint}: cannot reach the store ({getattr(e, 'reason', e)})") from None
