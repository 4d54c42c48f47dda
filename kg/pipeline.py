"""The build: ingest -> clean -> nlp -> extract (per article, independent) -> resolve -> graph -> export."""
from __future__ import annotations

import time
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
from kg.ingest import IngestReport, ingest
from kg.nlp import DEFAULT_MODEL, load
from kg.records import Article, ArticleFacts, CleanArticle


PARTITION = 32   # articles per task when extraction is spread over processes or a cluster


@dataclass
class BuildResult:
    facts: list[ArticleFacts] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    graph: object = None
    written: list[Path] = field(default_factory=list)
    timings: dict = field(default_factory=dict)
    stats: dict = field(default_factory=dict)


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
    outlets = (c.meta.publisher, *c.meta.authors, *c.meta.contributors)
    positions = extract_positions(doc, idx, ref, year_hint, roles, outlets)
    warnings = () if ref else ("no publication or reference date: relative dates left unresolved",)
    return ArticleFacts(id=c.id, source=c.source, meta=c.meta, actors=tuple(idx.actors.values()),
                        roles=tuple(roles), events=tuple(events), positions=tuple(positions), warnings=warnings)


def article_year(a: Article) -> int | None:
    """The year an article is dated in: by its header, or by a dateline day its lead's weekday pins down."""
    y = explicit_year(a)
    if y is None and has_dateline(a):
        published = clean(a).meta.published
        y = int(published[:4]) if published else None
    return y


def has_dateline(a: Article) -> bool:
    """Whether one of the first lines opens with a dateline (only then can cleaning find a date)."""
    from kg.clean import AGENCY_LEAD, DATELINE
    head = [ln.strip() for ln in a.text.split("\n", 8)[:8] if ln.strip()]
    return any(DATELINE.match(ln) or AGENCY_LEAD.match(ln) for ln in head)


def build_year_hint(articles: Iterable[Article], cache=None) -> int | None:
    """The year most articles of the build are dated in: fills in the year other articles omit."""
    years = Counter(y for a in articles if (y := (cache.year(a, article_year) if cache else article_year(a))))
    return years.most_common(1)[0][0] if years else None


def extract_all(articles: list[Article], model: str = DEFAULT_MODEL, batch_size: int = 16, n_process: int = 1,
                progress: Callable[[int], None] | None = None, cache=None, engine=None,
                stats: dict | None = None) -> tuple[list[ArticleFacts], list[InputError]]:
    """Facts of every article: from the cache when seen before, else parsed with nlp.pipe in batches
    (or mapped over a cluster by ENGINE) and extracted one by one; a failing article is reported, not fatal."""
    hint = build_year_hint(articles, cache)
    found: dict[str, ArticleFacts] = {}
    todo = []
    for a in articles:
        got = cache.get(a, hint) if cache else None
        if got is not None:
            found[a.id] = got
            if progress:
                progress(1)
        else:
            todo.append(a)
    errors: list[InputError] = []
    if stats is not None:
        stats.update(cached=len(found), parsed=len(todo), year_hint=hint)
    if todo:
        if engine is None and n_process > 1 and len(todo) > 2 * PARTITION:
            from kg.engines import process_pool_engine
            engine = process_pool_engine(n_process, PARTITION, progress)
        results = engine(todo, model, hint, batch_size) if engine else \
            extract_articles(todo, model, hint, batch_size, progress)
        by_id = {a.id: a for a in todo}
        for item in results:
            if isinstance(item, ArticleFacts):
                found[item.id] = item
                if cache:
                    cache.put(by_id[item.id], hint, item)
            else:
                errors.append(item)
    return [found[a.id] for a in articles if a.id in found], errors


def extract_articles(articles: list[Article], model: str, hint: int | None, batch_size: int = 16,
                     progress: Callable[[int], None] | None = None) -> list[ArticleFacts | InputError]:
    """Clean, parse and extract articles in this process: the unit of work a worker process or a
    cluster task runs too (only articles go in and small facts come out, never spaCy Docs)."""
    nlp = load(model)
    out: list[ArticleFacts | InputError] = []
    cleaned = (clean(a, hint) for a in articles)
    for doc, c in nlp.pipe(((c.body, c) for c in cleaned), as_tuples=True, batch_size=batch_size):
        try:
            out.append(extract_article(doc, c, hint))
        except KgError as e:
            out.append(InputError(c.source, str(e)))
        except Exception as e:  # a bug on one article must not lose the others
            out.append(InputError(c.source, f"extraction failed ({type(e).__name__}: {e})"))
        if progress:
            progress(1)
    return out



class Stopwatch(dict):
    """Seconds spent per step of a build, in the order the steps ran."""

    def __init__(self):
        super().__init__()
        self._t = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self[step] = self.get(step, 0.0) + now - self._t
        self._t = now


def render_outputs(facts: list[ArticleFacts], clock: Stopwatch | None = None,
                   article_turtle: dict[str, str] | None = None) -> tuple[object, dict[str, str]]:
    """Every output file's content, rendered in memory before anything is written."""
    from kg.export import turtle
    from kg.graph import TripleIndex, build_triples
    from kg.html import render
    from kg.resolve import merge

    clock = clock if clock is not None else Stopwatch()
    merged = merge(facts)
    clock.lap("merge")
    g = TripleIndex(build_triples(merged))
    clock.lap("graph")
    files = {"graph.ttl": turtle(g)}
    clock.lap("turtle")
    for f in sorted(facts, key=lambda f: f.id):
        rendered = article_turtle.get(f.id) if article_turtle else None
        files[f"articles/{safe_file_name(f.id)}.ttl"] = rendered or turtle(build_triples(merge([f])))
    clock.lap("article turtle")
    files["graph.html"] = render(g)
    clock.lap("html")
    return g, files


def write_outputs(facts: list[ArticleFacts], out: Path, clock: Stopwatch | None = None,
                  article_turtle: dict[str, str] | None = None) -> tuple[object, list[Path]]:
    """Merge, build and write graph.ttl, articles/<id>.ttl and graph.html. All content is rendered
    first; each file then replaces its old version atomically, so a build killed at any point
    leaves every output file whole (the old one or the new one)."""
    from kg.export import atomic_write, remove_stale_temporaries

    out = Path(out)
    clock = clock if clock is not None else Stopwatch()
    g, files = render_outputs(facts, clock, article_turtle)
    if article_turtle is not None:          # hand the rendered per-article Turtle back to the caller's cache
        article_turtle.update({f.id: files[f"articles/{safe_file_name(f.id)}.ttl"] for f in facts})
    remove_stale_temporaries(out)
    written = []
    for rel, content in files.items():
        path = out / rel
        data = content.encode("utf-8")
        if not (path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data):
            atomic_write(path, data)           # unchanged files are left alone (incremental builds)
        written.append(path)
    keep = {out / rel for rel in files}
    for old in (out / "articles").glob("*.ttl") if (out / "articles").is_dir() else ():
        if old not in keep:
            old.unlink()                       # articles no longer in the build
    clock.lap("write")
    from kg.query import write_store
    write_store(out / "graph.ttl")
    clock.lap("store")
    return g, written


def safe_file_name(aid: str) -> str:
    """An article id as a file name: kept as is when it is plain, slugged otherwise."""
    import re
    from kg.graph import slug
    return aid if re.fullmatch(r"[\w.\-]{1,120}", aid) and not aid.startswith(".") else slug(aid)


def build(sources: "Iterable[str | Path] | IngestReport", out: Path, model: str = DEFAULT_MODEL, batch_size: int = 16,
          n_process: int = 1, progress: Callable[[int], None] | None = None, cache_dir: str | Path | None = None,
          use_cache: bool = True, engine=None) -> BuildResult:
    """The main job: read SOURCES (or take an IngestReport already read), extract every good article
    (cached per article), write the graph to OUT."""
    from kg.cache import Cache

    clock = Stopwatch()
    report = sources if isinstance(sources, IngestReport) else ingest(sources)
    clock.lap("ingest")
    result = BuildResult(errors=list(report.errors), timings=clock)
    if not report.articles:
        raise BuildError("no article could be read, nothing written", report.errors)
    cache = Cache(cache_dir or Path(out) / ".cache", model) if use_cache else None
    facts, errors = extract_all(report.articles, model, batch_size, n_process, progress, cache, engine, result.stats)
    clock.lap("extract")
    result.facts, result.errors = facts, result.errors + errors
    hint = result.stats.get("year_hint")
    ttl = {a.id: t for a in report.articles if cache and (t := cache.get_text(a, hint, "ttl"))}
    known = set(ttl)
    result.graph, result.written = write_outputs(facts, out, clock, ttl)
    if cache:
        for a in report.articles:
            if a.id not in known and a.id in ttl:
                cache.put_text(a, hint, "ttl", ttl[a.id])
    return result
