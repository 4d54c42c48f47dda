"""The build: ingest -> clean -> nlp -> extract (per article, independent) -> resolve -> graph -> export."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from spacy.tokens import Doc

from kg import dates
from kg.clean import clean, explicit_year
from kg.errors import BuildError, InputError, KgError
from kg.extract.actors import extract_actors
from kg.extract.events import extract_events
from kg.extract.positions import extract_positions
from kg.extract.roles import extract_roles, title_spans
from kg.ingest import ingest
from kg.nlp import DEFAULT_MODEL, load
from kg.records import Article, ArticleFacts, CleanArticle


@dataclass
class BuildResult:
    facts: list[ArticleFacts] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    graph: object = None
    written: list[Path] = field(default_factory=list)


def reference_date(c: CleanArticle, year_hint: int | None) -> date | None:
    """The day an article's relative dates count from: its publication date, else the day its lead's
    weekday and the dates it looks forward to pin down (see dates.reference_from_weekday)."""
    if c.meta.published:
        return date.fromisoformat(c.meta.published)
    if c.meta.weekday_hint is not None:
        return dates.reference_from_weekday(c.meta.weekday_hint, c.body, year_hint)
    return None


def extract_article(doc: Doc, c: CleanArticle, year_hint: int | None) -> ArticleFacts:
    """Every fact of one parsed article: a pure function of the doc, the cleaned article and the year hint."""
    idx = extract_actors(doc, title_spans(doc))
    roles = extract_roles(doc, idx)
    ref = reference_date(c, year_hint)
    events = extract_events(doc, idx, ref, year_hint)
    positions = extract_positions(doc, idx)
    warnings = () if ref else ("no publication or reference date: relative dates left unresolved",)
    return ArticleFacts(id=c.id, source=c.source, meta=c.meta, actors=tuple(idx.actors.values()),
                        roles=tuple(roles), events=tuple(events), positions=tuple(positions), warnings=warnings)


def build_year_hint(articles: Iterable[Article]) -> int | None:
    """The year most articles of the build are dated in (by their header, or by a dateline day that
    their lead's weekday pins down): fills in the year that other articles of the build omit."""
    years = Counter()
    for a in articles:
        y = explicit_year(a)
        if y is None:
            published = clean(a).meta.published
            y = int(published[:4]) if published else None
        if y:
            years[y] += 1
    return years.most_common(1)[0][0] if years else None


def extract_all(articles: list[Article], model: str = DEFAULT_MODEL, batch_size: int = 16, n_process: int = 1,
                progress: Callable[[int], None] | None = None) -> tuple[list[ArticleFacts], list[InputError]]:
    """Parse with nlp.pipe in batches and extract each article independently; one failing article is reported, not fatal."""
    nlp = load(model)
    hint = build_year_hint(articles)
    cleaned = [clean(a, hint) for a in articles]
    facts, errors = [], []
    texts = ((c.body, c) for c in cleaned)
    for doc, c in nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=n_process):
        try:
            facts.append(extract_article(doc, c, hint))
        except KgError as e:
            errors.append(InputError(c.source, str(e)))
        except Exception as e:  # a bug on one article must not lose the others
            errors.append(InputError(c.source, f"extraction failed ({type(e).__name__}: {e})"))
        if progress:
            progress(1)
    return facts, errors


def read_sources(sources: Iterable[str | Path]):
    return ingest(sources)


def render_outputs(facts: list[ArticleFacts]) -> tuple[object, dict[str, str]]:
    """Every output file's content, rendered in memory before anything is written."""
    from kg.export import turtle
    from kg.graph import build_graph, build_triples
    from kg.html import render
    from kg.resolve import merge

    g = build_graph(merge(facts))
    files = {f"articles/{safe_file_name(f.id)}.ttl": turtle(build_triples(merge([f]))) for f in sorted(facts, key=lambda f: f.id)}
    files["graph.ttl"] = turtle(g)
    files["graph.html"] = render(g)
    return g, files


def write_outputs(facts: list[ArticleFacts], out: Path) -> tuple[object, list[Path]]:
    """Merge, build and write graph.ttl, articles/<id>.ttl and graph.html. All content is rendered
    first; each file then replaces its old version atomically, so a build killed at any point
    leaves every output file whole (the old one or the new one)."""
    from kg.export import atomic_write, remove_stale_temporaries

    out = Path(out)
    g, files = render_outputs(facts)
    remove_stale_temporaries(out)
    written = [atomic_write(out / rel, content) for rel, content in files.items()]
    return g, written


def safe_file_name(aid: str) -> str:
    """An article id as a file name: kept as is when it is plain, slugged otherwise."""
    import re
    from kg.graph import slug
    return aid if re.fullmatch(r"[\w.\-]{1,120}", aid) and not aid.startswith(".") else slug(aid)


def build(sources: Iterable[str | Path], out: Path, model: str = DEFAULT_MODEL, batch_size: int = 16,
          n_process: int = 1, progress: Callable[[int], None] | None = None) -> BuildResult:
    """The main job: read SOURCES, extract every good article, write the graph to OUT."""
    report = ingest(sources)
    result = BuildResult(errors=list(report.errors))
    if not report.articles:
        raise BuildError("no article could be read, nothing written", report.errors)
    facts, errors = extract_all(report.articles, model, batch_size, n_process, progress)
    result.facts, result.errors = facts, result.errors + errors
    result.graph, result.written = write_outputs(facts, out)
    return result
