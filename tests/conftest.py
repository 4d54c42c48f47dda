"""Shared fixtures: the spaCy pipeline, a parse helper, and one build of the seeds for end-to-end tests."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))   # the shared dev sets and scorer, if present


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load
    return load()


@pytest.fixture(scope="session")
def parse(nlp):
    """Parse a sentence and index its actors, as the pipeline does."""
    from kg.extraction.actors import extract_actors
    from kg.extraction.roles import title_spans

    def _parse(text: str):
        doc = nlp(text)
        return doc, extract_actors(doc, title_spans(doc))
    return _parse


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """kg build on the project's seeds/, once per test session."""
    out = tmp_path_factory.mktemp("seeds-out")
    return out, build_to([ROOT / "seeds"], out)


def build_to(sources, out: Path, cache: bool = True, **kw):
    """What `kg build SOURCES --out OUT` does, through the Python API: build, then write."""
    import kg
    g = kg.build([Path(s) for s in sources], cache=Path(out) / ".cache" if cache else None, **kw)
    g.write(out)
    return g


def score(graph: Path, gold: str, articles: Path) -> dict:
    """The shared scorer's figures (as JSON) for a built graph."""
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(graph), str(SHARED / "gold" / gold),
                          "--articles", str(articles), "--json"], capture_output=True, text=True, check=True)
    return json.loads(res.stdout)
