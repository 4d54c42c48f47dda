"""SPARQL over an exported graph: named queries with parameters, two engines, readable output.

pyoxigraph is the default engine (15-30x faster than rdflib's own SPARQL on large graphs); rdflib
is kept as a second engine so that answers can be checked to be the same whichever runs them.
"""
from __future__ import annotations

import csv
import io
import json
import re
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kg.errors import QueryError
from kg.io import graph_file
from kg.namespaces import PREFIXES
from kg.graph import term
from kg.serialize import jsonld_bytes, turtle
from kg.store import open_store

PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*=\s*(.*?)\s*$", re.M)


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped with kg: name, first comment line as description, text, parameters with defaults."""
    name: str
    description: str
    text: str
    params: dict

    def usage(self) -> str:
        """The query's parameters as the command line takes them, with their example values."""
        if not self.params:
            return f"'{self.name}' takes no parameters"
        return f"'{self.name}' takes " + ", ".join(f"--param {k}=… (e.g. {v})" for k, v in self.params.items())

    def fill(self, given: dict[str, str]) -> str:
        """The query text with every parameter replaced by its value from GIVEN. Each parameter must be
        given and no other: a mistyped name is refused rather than silently answered with an example."""
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            raise QueryError(f"unknown parameter '{unknown[0]}': query {self.usage()}")
        missing = [k for k in self.params if k not in given]
        if missing:
            raise QueryError(f"missing parameter '{missing[0]}': query {self.usage()}")
        return fill(self.text, given)


def named_queries() -> dict[str, NamedQuery]:
    """The queries shipped in kg/queries (also at the repository's top-level queries/)."""
    out = {}
    for f in sorted(resources.files("kg").joinpath("queries").iterdir(), key=lambda f: f.name):
        if f.name.endswith(".rq"):
            text = f.read_text(encoding="utf-8")
            first = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("#")), "")
            out[f.name[:-3]] = NamedQuery(f.name[:-3], first, text, dict(PARAM.findall(text)))
    return out


def literal(value: str) -> str:
    """A value as a SPARQL string literal (quotes and backslashes escaped)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fill(text: str, params: dict[str, str]) -> str:
    """Replace $name placeholders with literals: the query's own example values, overridden by PARAMS
    (the command line uses NamedQuery.fill, which wants every parameter given)."""
    values = dict(PARAM.findall(text)) | dict(params)
    unused = sorted(set(params) - set(re.findall(r"\$(\w+)", text)))
    if unused:
        used = sorted(set(re.findall(r"\$(\w+)", text)))
        raise QueryError(f"unknown parameter '{unused[0]}' (the query's parameters: {', '.join('$' + u for u in used) or 'none'})")
    def sub(m):
        if m.group(1) not in values:
            raise QueryError(f"query needs a value for parameter '{m.group(1)}' (--param {m.group(1)}=...)")
        return literal(values[m.group(1)])
    return re.sub(r"\$(\w+)", sub, text)


@dataclass
class Result:
    """A query's answer in plain Python: variables and rows of strings (None where unbound), a
    boolean for ASK, or the triples (Oxigraph terms) of CONSTRUCT/DESCRIBE."""
    variables: list[str] | None = None
    rows: list[tuple] | None = None
    boolean: bool | None = None
    triples: list[tuple] | None = None
    seconds: dict = field(default_factory=dict)     # 'load' and 'query' times, for --time

    @property
    def turtle(self) -> str | None:
        """A graph result as Turtle with the project's prefixes (None for SELECT and ASK)."""
        return None if self.triples is None else turtle(self.triples)


def run_oxigraph(path: Path, query: str) -> Result:
    """Answer QUERY with Oxigraph: from the stored copy beside the graph when it matches, else parsed."""
    import pyoxigraph as ox
    t0 = time.perf_counter()
    store = open_store(path)
    if store is None:
        store = ox.Store()
        try:
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
        except (SyntaxError, ValueError, OSError) as e:
            raise QueryError(f"{path}: cannot be read as Turtle ({e})") from None
    t1 = time.perf_counter()
    res = query_store(store, query)
    res.seconds.update(load=t1 - t0, query=time.perf_counter() - t1)
    return res


def query_store(store, query: str) -> Result:
    """Answer QUERY over an open Oxigraph store."""
    import pyoxigraph as ox
    try:
        return _answer(store.query(query), ox)
    except SyntaxError as e:
        raise QueryError(f"query is not valid SPARQL: {str(e).splitlines()[0]}") from None


def _answer(res, ox) -> Result:
    """Solutions, a boolean or triples as a plain Result (iterating the solutions runs the query)."""
    if isinstance(res, ox.QueryBoolean):
        return Result(boolean=bool(res))
    if isinstance(res, ox.QueryTriples):
        return Result(triples=[(t.subject, t.predicate, t.object) for t in res])
    names = [v.value for v in res.variables]
    rows = [tuple(None if row[n] is None else row[n].value for n in names) for row in res]
    return Result(variables=names, rows=rows)


def run_rdflib(path: Path, query: str) -> Result:
    """Answer QUERY with rdflib's own SPARQL engine (the second opinion)."""
    import pyoxigraph as ox
    from rdflib import BNode, Graph
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as e:
        raise QueryError(f"{path}: cannot be read as Turtle ({e})") from None
    try:
        res = g.query(query)
    except Exception as e:
        raise QueryError(f"query is not valid SPARQL: {str(e).splitlines()[0]}") from None
    if res.type == "ASK":
        return Result(boolean=bool(res.askAnswer))
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        return Result(triples=[tuple(ox.BlankNode(str(t)) if isinstance(t, BNode) else term(t) for t in triple)
                               for triple in res.graph])
    names = [str(v) for v in res.vars]
    rows = [tuple(None if row[i] is None else str(row[i]) for i in range(len(names))) for row in res]
    return Result(variables=names, rows=rows)


ENGINES = {"oxigraph": run_oxigraph, "rdflib": run_rdflib}


def run(graph: str | Path, query: str, engine: str = "oxigraph") -> Result:
    """Run QUERY over GRAPH (a .ttl or an output folder) with ENGINE."""
    return ENGINES[engine](graph_file(graph), query)


def short(iri: str) -> str:
    """An IRI with the project's prefix (schema:name, person:jens-stoltenberg) when one fits."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    return iri if best is None else next(k for k, v in PREFIXES.items() if v == best) + ":" + iri[len(best):]


def graph_rows(res: Result, prefixed: bool) -> Result:
    """A graph result as a subject/predicate/object table (IRIs prefixed when PREFIXED, for reading)."""
    import pyoxigraph as ox
    cell = lambda t: short(t.value) if prefixed and isinstance(t, ox.NamedNode) else (
        "_:" + t.value if isinstance(t, ox.BlankNode) else t.value)
    rows = [tuple(cell(t) for t in triple) for triple in sorted(res.triples, key=lambda t: tuple(str(x) for x in t))]
    return Result(variables=["subject", "predicate", "object"], rows=rows)


def format_result(res: Result, fmt: str = "table", width: int = 60) -> str:
    """A result as a table (cells cut at WIDTH), CSV or JSON; a graph result (CONSTRUCT, DESCRIBE) as
    Turtle (ttl), compacted JSON-LD (json), or subject/predicate/object rows (csv, table)."""
    if res.boolean is not None:
        return json.dumps(res.boolean) if fmt == "json" else ("true" if res.boolean else "false")
    if res.triples is not None:
        if fmt == "ttl":
            return res.turtle
        if fmt == "json":
            return jsonld_bytes(res.triples).decode("utf-8")
        res = graph_rows(res, prefixed=fmt == "table")
    if fmt == "json":
        return json.dumps([dict(zip(res.variables, r)) for r in res.rows], indent=2, ensure_ascii=False)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(res.variables)
        w.writerows(["" if v is None else v for v in r] for r in res.rows)
        return buf.getvalue()
    if fmt == "ttl":
        raise QueryError("--format ttl is for CONSTRUCT or DESCRIBE queries (SELECT answers as table, csv or json)")
    cut = lambda v: "" if v is None else (" ".join(str(v).split())[: width - 1] + "…" if len(str(v)) > width else " ".join(str(v).split()))
    cells = [[cut(v) for v in r] for r in res.rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(res.variables)]
    line = lambda r: "  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip()
    out = [line(res.variables), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out)
