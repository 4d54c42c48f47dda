"""Every evidence literal of every development set is a sentence of its article as written: an
exact substring of the article's text (whitespace and HTML entities aside), never a rewording."""
import html
import re
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

SETS = {"seeds": ROOT / "seeds", "cnn": SHARED / "corpus" / "cnn", "dev-a": SHARED / "corpus" / "dev-a",
        "dev-b": SHARED / "corpus" / "dev-b", "dev-c": SHARED / "corpus" / "dev-c"}
EVIDENCE = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
SELECT ?e WHERE { ?fact kg:evidence ?e }
"""


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_evidence_literal_is_verbatim_in_the_articles(name):
    import kg
    folder = SETS[name]
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html", ".htm"))
    text = "\n".join(squash(p.read_text(encoding="utf-8")) for p in files)
    g = kg.build(files, processes=1)
    evidence = [str(row["e"]) for row in g.query(EVIDENCE)]
    assert len(evidence) >= 5 * len(files)               # the set yields facts at all
    missing = [e for e in evidence if squash(e) not in text]
    assert missing == []
