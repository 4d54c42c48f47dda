"""Write outputs atomically: every file goes to a temporary name first and is renamed into place."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Literal as RdfLiteral, URIRef

from kg.namespaces import KG, KGR, PROV, RDF, SDO, SKOS, STANCE, XSD


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


PREFIXES = {"schema": str(SDO), "kg": str(KG), "stance": str(STANCE), "prov": str(PROV),
            "skos": str(SKOS), "xsd": str(XSD), "rdf": str(RDF), "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            **{kind: f"{KGR}{kind}/" for kind in ("article", "person", "organization", "country", "place", "event", "position")}}


def _ox_term(t):
    import pyoxigraph as ox
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, RdfLiteral):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype))) if t.datatype else ox.Literal(str(t))
    raise ValueError(f"unsupported RDF term {t!r}")


def turtle(triples) -> str:
    """Deterministic Turtle, written by Oxigraph (fast at a million triples): triples sorted by
    subject, predicate and object, with the project's prefixes. Takes a Graph or any iterable of triples."""
    import pyoxigraph as ox
    rows = sorted(set(triples), key=lambda t: (str(t[0]), str(t[1]), str(t[2]), t[2].n3() if hasattr(t[2], "n3") else ""))
    data = ox.serialize((ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in rows),
                        format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return data.decode("utf-8")



def remove_stale_temporaries(out: Path) -> None:
    """Temporary files a killed build left behind (they never replaced anything)."""
    for d in (Path(out), Path(out) / "articles"):
        if d.is_dir():
            for f in d.glob(".*.tmp"):
                f.unlink(missing_ok=True)
