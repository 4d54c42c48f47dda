"""kg as a library: articles in, a knowledge graph in memory out, which a caller queries, draws or writes.

    >>> import kg
    >>> g = kg.build(["NATO Secretary General Jens Stoltenberg met Russian Deputy Foreign Minister "
    ...               "Alexander Grushko in Brussels on Wednesday."])
    >>> sorted(a.name for a in g.actors if a.type == "Person")
    ['Alexander Grushko', 'Jens Stoltenberg']

`kg build` is this module's `build(...)` followed by `KnowledgeGraph.write(out)`.
"""
from __future__ import annotations

import functools
import gc
import json
import os
import sys
import time
from collections import Counter
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Mapping

from rdflib import Graph
from spacy.language import Language
from spacy.tokens import Doc

from kg.cache import Cache
from kg.clean import clean, clean_text, explicit_year, has_dateline, with_year_hint
from kg.engines import Engine, Rendered, beside, process_pool_engine
from kg.errors import BuildError, InputError, KgError
from kg.fetch import Fetcher
from kg.extraction.article import extract_article
from kg.graph import GRAPH_VERSION, ActorNode, MeetingNode, PositionNode, TripleIndex, build_triples, iris_of, nodes
from kg.html import render
from kg.ingest import IngestReport, article_of_record, ingest
from kg.io import remove_stale_temporaries, safe_file_name, write_if_changed
from kg.nlp import DEFAULT_MODEL, load, with_fixed_entities
from kg.query import Result, query_store
from kg.records import Article, ArticleFacts, CleanArticle, Metadata
from kg.resolve import Merged, merge as merge_facts
from kg.serialize import article_turtle, as_graph, to_networkx, turtle
from kg.store import StoreWriter
from kg.web import DOWNLOADS, WebReport, is_url, load_manifest, read_web, save_manifest, source_key
from kg.worker import PARTITION, extract_articles

Item = str | Path | Article | Mapping
TTL_KIND = f"ttl-g{GRAPH_VERSION}"      # cached per-article Turtle, keyed by the graph's shape too


class Stopwatch(dict):
    """Seconds spent per step of a build, in the order the steps ran."""

    def __init__(self):
        super().__init__()
        self._t = time.perf_counter()

    def lap(self, step: str) -> None:
        """Charge the time since the last lap to STEP."""
        now = time.perf_counter()
        self[step] = self.get(step, 0.0) + now - self._t
        self._t = now


def gc_paused(fn):
    """Decorator: no cyclic garbage collection while FN runs. Merging and rendering a large graph
    allocate hundreds of thousands of small acyclic objects beside a million live ones, and each
    full collection walks them all: on the 2,225-article build the graph's triples take 0.3 s with
    collection paused against 0.9 s without. The collector is back on (if it was) when FN returns."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        was_on = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if was_on:
                gc.enable()
    return run


# --- reading what the caller hands over -----------------------------------------------------------

def read(items: Iterable[Item], *, fetcher: Fetcher | None = None, exclude: Iterable[str | Path] = (),
         known_pages: Iterable[str] = ()) -> IngestReport:
    """Articles from what a caller hands over: strings (each one article's text, or, when it is one
    http(s) URL, a web page or an RSS/Atom feed whose entries are read), `Article` records, dicts with
    `text` (and `id`, `title`, `published`, `publisher`, `url`, `authors`), or paths of
    .txt/.jsonl/.html files and folders. URLs are fetched politely by FETCHER (a kg.fetch.Fetcher; by
    default one with no download cache); KNOWN_PAGES are article pages to take from its cache without
    a request (`update`). Folders in EXCLUDE (an output folder) are not read. Unreadable items become
    errors; the rest are read."""
    items = list(items)
    report = IngestReport()
    width = max(3, len(str(len(items))))
    paths, urls = [], []
    for n, item in enumerate(items, start=1):
        default_id = f"article-{n:0{width}d}"
        if isinstance(item, Article):
            report.articles.append(item)
        elif isinstance(item, Path):
            paths.append(item)
        elif is_url(item):
            urls.append(item.strip())
        elif isinstance(item, str):
            if not item.strip():
                report.errors.append(InputError(f"item {n}", "empty article (no text)"))
            else:
                report.articles.append(Article(id=default_id, text=item, source=f"item {n}"))
        elif isinstance(item, Mapping):
            try:
                report.articles.append(article_of_record({"id": default_id, **item}, f"item {n}", None))
            except InputError as e:
                report.errors.append(e)
        else:
            report.errors.append(InputError(f"item {n}", f"cannot read a {type(item).__name__} as an article "
                                                         "(give text, a dict, an Article or a Path)"))
    if paths:
        got = ingest(paths, exclude)
        report.articles += got.articles
        report.errors += got.errors
        report.notes += got.notes
    known_pages = list(known_pages)
    if urls or known_pages:
        report.web = read_web(urls, fetcher or Fetcher(), known_pages)
        report.articles += report.web.articles
        report.errors += report.web.errors
    return _unique_ids(report)


def _unique_ids(report: IngestReport) -> IngestReport:
    """Refuse a second article with an id already seen (the first one stays)."""
    seen: dict[str, str] = {}
    keep = []
    for a in report.articles:
        if a.id in seen:
            report.errors.append(InputError(a.source, f"duplicate article id '{a.id}' (first in {seen[a.id]})"))
        else:
            seen[a.id] = a.source
            keep.append(a)
    report.articles = keep
    return report


# --- extraction -----------------------------------------------------------------------------------

def article_year(a: Article, c: CleanArticle | None = None) -> int | None:
    """The year an article is dated in: by its header, or by a dateline day its lead's weekday pins down."""
    y = explicit_year(a)
    if y is None and has_dateline(a):
        published = (c or clean(a)).meta.published
        y = int(published[:4]) if published else None
    return y


def model_name(nlp: str | Language) -> str:
    """A name for a pipeline, for the cache key: the package name or path, or a loaded pipeline's meta."""
    if isinstance(nlp, str):
        return nlp
    return f"{nlp.lang}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def default_processes(todo: int) -> int:
    """Every core for a build big enough to repay the worker start-up, one process otherwise (and
    when the calling program cannot be re-imported by worker processes, as from standard input)."""
    main = getattr(sys.modules.get("__main__"), "__file__", None)
    if main is not None and not os.path.exists(main):
        return 1
    return (os.cpu_count() or 1) if todo > 2 * PARTITION else 1


def extract_all(articles: list[Article], nlp: str | Language = DEFAULT_MODEL, *, processes: int | None = None,
                batch_size: int = 16, cache: Cache | None = None, engine: Engine | None = None,
                progress: Callable[[int], None] | None = None
                ) -> tuple[list[ArticleFacts], list[InputError], dict, dict[str, str]]:
    """Facts of every article, in input order: from the cache when seen before, else cleaned once,
    parsed in batches (in worker processes or on ENGINE when asked) and extracted; failures are
    reported, not fatal. Also returns figures (cached, parsed, processes, year hint) and the
    per-article Turtle that worker processes rendered, by article id."""
    cleaned: dict[str, CleanArticle] = {}

    def year(a: Article) -> int | None:
        y = explicit_year(a)
        if y is None and has_dateline(a):
            c = cleaned[a.id] = clean(a)
            y = article_year(a, c)
        return y

    years = Counter(y for a in articles if (y := (cache.year(a, year) if cache else year(a))))
    hint = years.most_common(1)[0][0] if years else None
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
    rendered: dict[str, str] = {}
    n = 1 if not isinstance(nlp, str) else (processes or default_processes(len(todo)))
    if engine is None and n > 1 and len(todo) > 2 * PARTITION:
        engine = process_pool_engine(n, PARTITION, progress)
    stats = {"cached": len(found), "parsed": len(todo), "year_hint": hint,
             "processes": n if engine is not None and n > 1 else 1}
    if todo:
        work = [cleaned.get(a.id) or a for a in todo]          # the others are cleaned where they are parsed
        results = engine(work, nlp, hint, batch_size) if engine else extract_articles(work, nlp, hint, batch_size, progress)
        by_id = {a.id: a for a in todo}
        for item in results:
            if isinstance(item, Rendered):
                rendered[item.facts.id] = item.turtle
                item = item.facts
            if isinstance(item, ArticleFacts):
                found[item.id] = item
                if cache:
                    cache.put(by_id[item.id], hint, item)
            else:
                errors.append(item)
    return [found[a.id] for a in articles if a.id in found], errors, stats, rendered


def extract(doc_or_text: Doc | str, meta: Metadata | Mapping | None = None, *, nlp: str | Language | None = None,
            year_hint: int | None = None) -> ArticleFacts:
    """The facts of one article. Text is cleaned, parsed with NLP (kg's pinned model by default) and
    read; a Doc from the caller's own pipeline is read as the article's body (META, or the doc's
    `doc._.kg_meta`, gives its date and outlet)."""
    if isinstance(doc_or_text, Doc):
        doc = doc_or_text
        meta = meta if meta is not None else (doc._.kg_meta if Doc.has_extension("kg_meta") else None)
        c = with_year_hint(replace(clean_text(doc.text, meta), body=doc.text), year_hint)
        return extract_article(with_fixed_entities(doc), c, year_hint)
    c = with_year_hint(clean_text(doc_or_text, meta), year_hint)
    pipeline = load(nlp or DEFAULT_MODEL) if isinstance(nlp, str) or nlp is None else nlp
    return extract_article(with_fixed_entities(pipeline(c.body)), c, year_hint)


# --- the graph ------------------------------------------------------------------------------------

class KnowledgeGraph:
    """A built graph in memory: the per-article facts, merged into one node per real actor, event and
    position. Read it as `.rdf` (rdflib), `.query(sparql)`, `.to_networkx()`, typed records
    (`.actors`, `.meetings`, `.positions`), `.turtle()` or `.html()`; `.write(folder)` writes what
    `kg build` writes."""

    def __init__(self, facts: Iterable[ArticleFacts], errors: Iterable[InputError] = (), stats: dict | None = None,
                 timings: Stopwatch | None = None):
        self.facts: list[ArticleFacts] = sorted(facts, key=lambda f: f.id)
        self.errors: list[InputError] = list(errors)
        self.stats: dict = dict(stats or {})
        self.timings: Stopwatch = timings if timings is not None else Stopwatch()
        self.article_turtle: dict[str, str] = {}     # rendered per-article Turtle, reused by write()
        self.layouts = None                          # where the page keeps large groups' layouts (a cache's)
        self.turtle_cache: ArticleTurtleCache | None = None       # per-article Turtle, in a build with a cache

    def __repr__(self) -> str:
        return (f"<KnowledgeGraph: {len(self.facts)} articles, {len(self.merged.actors)} actors, "
                f"{len(self.merged.events)} events, {len(self.merged.positions)} positions>")

    def __len__(self) -> int:
        return len(self.index)

    @cached_property
    @gc_paused
    def merged(self) -> Merged:
        """The facts of all articles merged (resolve.merge)."""
        got = merge_facts(self.facts)
        self.timings.lap("merge")
        return got

    @cached_property
    def iris(self):
        """The IRI of every node."""
        return iris_of(self.merged)

    @cached_property
    @gc_paused
    def triples(self) -> list:
        """Every triple of the graph, as rdflib terms."""
        got = build_triples(self.merged, self.iris)
        self.timings.lap("graph")
        return got

    @cached_property
    @gc_paused
    def index(self) -> TripleIndex:
        """The triples, indexed for the page and the summary."""
        return TripleIndex(self.triples)

    @cached_property
    @gc_paused
    def rdf(self) -> Graph:
        """The graph as an rdflib Graph with the project's prefixes bound."""
        return as_graph(self.triples)

    @cached_property
    def _records(self):
        return nodes(self.merged, self.iris)

    @property
    def actors(self) -> list[ActorNode]:
        """Every actor (person, organisation, country, city, place)."""
        return self._records[0]

    @property
    def meetings(self) -> list[MeetingNode]:
        """Every meeting and other event."""
        return self._records[1]

    @property
    def positions(self) -> list[PositionNode]:
        """Every position."""
        return self._records[2]

    @cached_property
    def _store(self):
        import pyoxigraph as ox
        store = ox.Store()
        store.extend(ox.Quad(s, p, o) for s, p, o in self.index.triples)
        return store

    def query(self, sparql: str) -> list[dict] | bool | Graph:
        """Run SPARQL (with Oxigraph): a list of {variable: value} rows for SELECT, a bool for ASK,
        an rdflib Graph for CONSTRUCT and DESCRIBE."""
        res: Result = query_store(self._store, sparql)
        if res.boolean is not None:
            return res.boolean
        if res.turtle is not None:
            return Graph().parse(data=res.turtle, format="turtle")
        return [dict(zip(res.variables, row)) for row in res.rows]

    def to_networkx(self):
        """The graph as a networkx MultiDiGraph: resources as nodes (id = IRI), links as labelled edges."""
        return to_networkx(self.rdf)

    @gc_paused
    def turtle(self) -> str:
        """The merged graph as deterministic Turtle (what graph.ttl holds)."""
        if "_turtle" not in self.__dict__:
            self._turtle = turtle(self.index)
            self.timings.lap("turtle")
        return self._turtle

    @gc_paused
    def html(self) -> str:
        """The interactive page (self-contained, offline)."""
        if "_html" not in self.__dict__:
            self._html = render(self.index, layouts=self.layouts)
            self.timings.lap("html")
        return self._html

    def article_text(self, f: ArticleFacts) -> str:
        """One article's own Turtle: rendered in this build, else from the cache, else rendered now
        (and cached)."""
        text = self.article_turtle.get(f.id)
        if text is None and self.turtle_cache is not None:
            text = self.turtle_cache.get(f.id)
            if text is None:
                text = article_turtle(f)
                self.turtle_cache.put(f.id, text)
        if text is None:
            text = article_turtle(f)
        self.article_turtle[f.id] = text
        return text

    @gc_paused
    def write(self, out: str | Path) -> list[Path]:
        """Write graph.ttl, articles/<id>.ttl, graph.html and the query store into OUT. Everything is
        rendered first (the page in a forked process and the store in a thread, beside the Turtle);
        each file then replaces its old version atomically, unchanged files are left alone (article
        files whose cache key is the one recorded at the last write are not even rendered), and the
        store is swapped in last, so a build killed at any point leaves every output whole."""
        if not self.facts:
            raise BuildError("no article could be read, nothing written", self.errors)
        out = Path(out)
        self.index                                                               # merged, before the fork
        page = self.html if "_html" in self.__dict__ else beside(self.html)     # on another core meanwhile
        try:
            ttl = self.turtle()
            store = StoreWriter(out, ttl.encode("utf-8"), len(self))
        except BaseException:
            getattr(page, "cancel", lambda: None)()
            raise
        try:
            before = written_keys(out) if self.turtle_cache else {}
            if not self.turtle_cache:
                (out / WRITTEN).unlink(missing_ok=True)  # files written now are not vouched for by any key
            present = {f"articles/{e.name}" for e in os.scandir(out / "articles")} \
                if before and (out / "articles").is_dir() else set()
            keys, files = {}, {"graph.ttl": ttl}
            for f in self.facts:
                rel = f"articles/{safe_file_name(f.id)}.ttl"
                keys[rel] = self.turtle_cache.key(f.id) if self.turtle_cache else None
                if keys[rel] is None or before.get(rel) != keys[rel] or rel not in present:
                    files[rel] = self.article_text(f)      # new or changed: an unchanged one is left alone
            self.timings.lap("article turtle")
            files["graph.html"] = self._html = page()
            self.timings.lap("html")
            remove_stale_temporaries(out)
            for rel, content in files.items():
                write_if_changed(out / rel, content)
            written = [out / rel for rel in ("graph.ttl", *keys, "graph.html")]
            keep = set(written)
            for old in (out / "articles").glob("*.ttl") if (out / "articles").is_dir() else ():
                if old not in keep:
                    old.unlink()                       # articles no longer in the build
            if self.turtle_cache:
                save_written_keys(out, {k: v for k, v in keys.items() if v})
            self.timings.lap("write")
        except BaseException:
            if "_html" not in self.__dict__:
                getattr(page, "cancel", lambda: None)()
            store.discard()
            raise
        store.install()
        self.timings.lap("store")
        return written


# --- the public entry points ----------------------------------------------------------------------

def build(items: Iterable[Item] | IngestReport, *, nlp: Language | None = None, model: str | None = None,
          processes: int | None = None, cache: str | Path | None = None, engine: Engine | None = None,
          progress: Callable[[int], None] | None = None, batch_size: int = 16,
          fetcher: Fetcher | None = None) -> KnowledgeGraph:
    """Build a knowledge graph from ITEMS (texts, dicts, `Article`s, paths, page or feed URLs; see
    `read`), in memory.

    NLP is a loaded spaCy pipeline to use as is, MODEL the name or path of one to load (kg's pinned
    model by default). PROCESSES worker processes parse (default: every core for a large build, one
    for a small one). CACHE, a folder, keeps per-article facts across builds. URLs are fetched by
    FETCHER (`kg.fetch.Fetcher(download_cache_folder, FetchPolicy(...))`; by default politely and
    with no download cache). Inputs that cannot be read are in `.errors`; BuildError when none can."""
    clock = Stopwatch()
    report = items if isinstance(items, IngestReport) else read(items, fetcher=fetcher)
    clock.lap("ingest")
    if not report.articles:
        raise BuildError("no article could be read, nothing written", report.errors)
    pipeline: str | Language = nlp if nlp is not None else (model or DEFAULT_MODEL)
    store = Cache(cache, model_name(pipeline)) if cache else None
    facts, errors, stats, rendered = extract_all(report.articles, pipeline, processes=processes,
                                                 batch_size=batch_size, cache=store, engine=engine, progress=progress)
    clock.lap("extract")
    g = KnowledgeGraph(facts, list(report.errors) + errors, stats, clock)
    g.article_turtle.update(rendered)
    if store:
        g.layouts = store.layouts()
        g.turtle_cache = ArticleTurtleCache(store, report.articles, stats.get("year_hint"))
        for aid, text in rendered.items():
            g.turtle_cache.put(aid, text)
    return g


class ArticleTurtleCache:
    """Per-article Turtle kept in a build's cache: each article's key (what a write records beside the
    file it wrote), its cached text, and storing a new one."""

    def __init__(self, store: Cache, articles: Iterable[Article], hint: int | None):
        self.store, self.hint = store, hint
        self.articles = {a.id: a for a in articles}
        self.keys: dict[str, str] = {}

    def key(self, aid: str) -> str:
        """The cache key of an article's Turtle (its content, model, versions, year hint, graph shape)."""
        if aid not in self.keys:
            self.keys[aid] = f"{self.store.key(self.articles[aid], self.hint)}-{TTL_KIND}"
        return self.keys[aid]

    def get(self, aid: str) -> str | None:
        """The cached Turtle of an article, or None."""
        return self.store.get_text(self.articles[aid], self.hint, TTL_KIND)

    def put(self, aid: str, text: str) -> None:
        """Keep an article's Turtle."""
        self.store.put_text(self.articles[aid], self.hint, TTL_KIND, text)


WRITTEN = ".kg-written.json"


def written_keys(out: Path) -> dict[str, str]:
    """What the last write into OUT recorded: each article file's cache key."""
    try:
        got = json.loads((out / WRITTEN).read_text(encoding="utf-8"))
        return got if isinstance(got, dict) else {}
    except (OSError, ValueError):
        return {}


def save_written_keys(out: Path, keys: dict[str, str]) -> None:
    """Record each article file's cache key, so that the next write leaves unchanged ones alone."""
    write_if_changed(out / WRITTEN, json.dumps(keys, sort_keys=True, indent=0))


def merge(facts: Iterable[ArticleFacts]) -> KnowledgeGraph:
    """One graph from the facts of several articles (from `extract` or `doc._.kg_facts`)."""
    return KnowledgeGraph(facts)


def update(out: str | Path, feeds: Iterable[str] = (), *, fetcher: Fetcher | None = None, model: str | None = None,
           processes: int | None = None, batch_size: int = 16) -> tuple[KnowledgeGraph, WebReport]:
    """Add the new articles of FEEDS (and of the web sources OUT was built from) to the build in OUT and
    rewrite its outputs: what `kg update` runs, e.g. from cron. Article pages the build already has are
    taken from OUT's download cache without a request (and their facts from its cache); only the feeds
    and their new entries are fetched. Returns the graph and the web report (new, unchanged, failed)."""
    out = Path(out)
    manifest = load_manifest(out)
    sources = list(dict.fromkeys(manifest["sources"] + [source_key(f) for f in feeds]))
    if not any(is_url(s) for s in sources):
        raise KgError(f"{out}: nothing to update: give feed URLs (this build was made from none)")
    items = [s if is_url(s) else Path(s) for s in sources]
    report = read(items, fetcher=fetcher or Fetcher(out / DOWNLOADS), exclude=[out], known_pages=manifest["pages"])
    g = build(report, model=model, processes=processes, cache=out / ".cache", batch_size=batch_size)
    g.write(out)
    save_manifest(out, sources, manifest["pages"] + report.web.pages)
    return g, report.web
