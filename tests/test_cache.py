"""The per-article cache: a rebuild does no NLP, a new article costs only its own parse, and a
changed model or kg version (or a broken entry) misses cleanly."""
from pathlib import Path

import pytest

import kg.cache
import kg.api as api
from conftest import build_to

ARTICLE = ("Talks {n}\n\nROME, March 3 (Reuters) - Foreign Minister Anna Rossi of Italy met French Foreign "
           "Minister Paul Martin in Rome on Monday, officials said in 2022. Topic number {n}.\n")


@pytest.fixture
def parsed(monkeypatch):
    """Records the ids of the articles that reach the parser."""
    seen = []
    real = api.extract_articles

    def spy(articles, *a, **k):
        seen.extend(x.id for x in articles)
        return real(articles, *a, **k)
    monkeypatch.setattr(api, "extract_articles", spy)
    return seen


def write(folder: Path, n: int) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"a{i}.txt").write_text(ARTICLE.format(n=i))


def test_rebuild_does_no_nlp_and_gives_the_same_graph(tmp_path, parsed):
    write(tmp_path / "in", 3)
    build_to([tmp_path / "in"], tmp_path / "out")
    first = (tmp_path / "out" / "graph.ttl").read_bytes()
    assert sorted(parsed) == ["a0", "a1", "a2"]
    parsed.clear()
    build_to([tmp_path / "in"], tmp_path / "out")
    assert parsed == [] and (tmp_path / "out" / "graph.ttl").read_bytes() == first


def test_new_article_costs_only_its_own_parse(tmp_path, parsed):
    write(tmp_path / "in", 3)
    build_to([tmp_path / "in"], tmp_path / "out")
    parsed.clear()
    (tmp_path / "in" / "new.txt").write_text(ARTICLE.format(n=99))
    result = build_to([tmp_path / "in"], tmp_path / "out")
    assert parsed == ["new"] and len(result.facts) == 4


def test_changed_version_or_model_misses(tmp_path, parsed, monkeypatch):
    write(tmp_path / "in", 2)
    build_to([tmp_path / "in"], tmp_path / "out")
    parsed.clear()
    monkeypatch.setattr(kg.cache, "EXTRACTION_VERSION", "changed")
    build_to([tmp_path / "in"], tmp_path / "out")
    assert sorted(parsed) == ["a0", "a1"]
    assert kg.cache.Cache(tmp_path, "a_model").salt != kg.cache.Cache(tmp_path, "another_model").salt


def test_broken_entry_is_a_miss_and_no_cache_skips_it(tmp_path, parsed):
    write(tmp_path / "in", 1)
    build_to([tmp_path / "in"], tmp_path / "out")
    for f in (tmp_path / "out" / ".cache" / "facts").rglob("*.pickle"):
        f.write_bytes(b"not a pickle")
    parsed.clear()
    build_to([tmp_path / "in"], tmp_path / "out")
    assert parsed == ["a0"]
    parsed.clear()
    build_to([tmp_path / "in"], tmp_path / "out2", cache=False)
    assert parsed == ["a0"] and not (tmp_path / "out2" / ".cache").exists()
