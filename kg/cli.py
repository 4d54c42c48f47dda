"""The command line: a thin layer that parses options, calls the library and prints KgError as one line."""
from __future__ import annotations

import difflib
import sys
from collections import Counter
from pathlib import Path

import click

from kg.version import __version__
from kg.errors import KgError

EXIT_SKIPPED = 3      # the graph was written, but some inputs were skipped


def fail(e: Exception) -> None:
    """Print an error as one line and exit 1."""
    click.echo(f"kg: error: {e}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main():
    """kg: news articles in, a knowledge graph of actors, meetings and positions out."""


def fetch_options(f):
    """The options that say how politely URLs are fetched (build and update share them)."""
    f = click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(0.1, 600),
                     help="Seconds to wait for a web server to connect or send.")(f)
    f = click.option("--rate", default=1.0, show_default=True, type=click.FloatRange(0.01, 100),
                     help="Requests per host per second, at most (a robots.txt Crawl-delay slows it further).")(f)
    return f


def make_fetcher(out: Path, rate: float, timeout: float):
    """A polite fetcher with its download cache in OUT/.downloads."""
    from kg.fetch import FetchPolicy, Fetcher
    from kg.web import DOWNLOADS
    return Fetcher(Path(out) / DOWNLOADS, FetchPolicy(rate=rate, timeout=timeout))


def print_notes(report) -> None:
    """Each note of a read (an output folder left out) once, on stderr."""
    for note in dict.fromkeys(report.notes):
        click.echo(f"kg: note: {note}", err=True)


def web_summary(web, fetcher) -> str:
    """One line on what the web gave and what it cost: pages, feeds, requests, bodies, 304s."""
    c = fetcher.counts
    return (f"  web: {len(web.pages)} article pages, {len(web.feeds)} feeds; {c['requests']} requests: "
            f"{c['downloaded']} downloaded, {c['not modified']} not modified (304); "
            f"{c['stored']} pages from the download cache without a request")


def echo_skipped(errors) -> None:
    """One 'kg: skipped SOURCE: PROBLEM' line on stderr for each input that could not be read."""
    for err in errors:
        click.echo(f"kg: skipped {err}", err=True)


@main.command()
@click.argument("sources", nargs=-1)
@click.option("--out", "out", default="out", show_default=True, type=click.Path(path_type=Path), help="Output folder.")
@click.option("--urls", "url_file", type=click.Path(dir_okay=False, path_type=Path),
              help="A file of page or feed URLs, one per line.")
@click.option("--model", default=None, help="An installed spaCy pipeline (package name or path).")
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 1000))
@click.option("--processes", "n_process", default=None, type=click.IntRange(1, 64),
              help="Worker processes that parse (default: every core for a large build, 1 for a small one).")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Per-article cache folder (default: OUT/.cache).")
@click.option("--no-cache", is_flag=True, help="Parse every article again; neither read nor write the cache.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where per-article extraction runs: this machine, or a Dask cluster.")
@click.option("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a local cluster.")
@fetch_options
@click.option("--quiet", is_flag=True, help="No progress bar or summary.")
def build(sources, out, url_file, model, batch_size, n_process, cache_dir, no_cache, engine, scheduler, rate, timeout, quiet):
    """Build the graph from SOURCES: .txt, .jsonl, .html files or folders, web page URLs and RSS/Atom
    feed URLs (default: seeds/)."""
    from kg import api
    from kg.engines import dask_engine
    from kg.web import is_url, read_url_file, save_manifest

    urls, url_errors = read_url_file(url_file) if url_file else ([], [])
    sources = [s if is_url(s) else Path(s) for s in sources] + urls
    sources = sources or ([] if url_file else [Path("seeds")])
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler goes with --engine dask")
    runner = dask_engine(scheduler, workers=max(2, n_process or 2)) if engine == "dask" else None
    cache = None if no_cache else (cache_dir or Path(out) / ".cache")
    fetcher = make_fetcher(out, rate, timeout)
    try:
        report = api.read(sources, fetcher=fetcher, exclude=[out])     # read once: the count drives the progress bar
        report.errors[:0] = url_errors
        print_notes(report)
        kwargs = dict(model=model, processes=n_process, cache=cache, engine=runner, batch_size=batch_size)
        if show_progress(len(report.articles), quiet):
            with click.progressbar(length=len(report.articles), label="articles", file=sys.stderr) as bar:
                g = api.build(report, progress=bar.update, **kwargs)
        else:
            g = api.build(report, **kwargs)
        g.write(out)
        save_manifest(out, sources, report.web.pages if report.web else [])
    except KgError as e:
        echo_skipped(getattr(e, "errors", ()))
        fail(e)
        return
    echo_skipped(g.errors)
    if not quiet:
        click.echo(summary(g, out), err=True)
        if report.web:
            click.echo(web_summary(report.web, fetcher), err=True)
    if g.errors:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.argument("feeds", nargs=-1)
@click.option("--model", default=None, help="An installed spaCy pipeline (package name or path).")
@click.option("--processes", "n_process", default=None, type=click.IntRange(1, 64), help="Worker processes that parse.")
@fetch_options
@click.option("--quiet", is_flag=True, help="Only the one-line update summary (and problems).")
def update(out, feeds, model, n_process, rate, timeout, quiet):
    """Fetch FEEDS (and the web sources OUT was built from), add their new articles to the build in OUT
    and rewrite its outputs; what cron runs to keep a graph current."""
    from kg import api
    from kg.web import is_url

    bad = [f for f in feeds if not is_url(f)]
    if bad:
        raise click.UsageError(f"not an http(s) URL: {bad[0]}")
    fetcher = make_fetcher(out, rate, timeout)
    try:
        g, web = api.update(out, feeds, fetcher=fetcher, model=model, processes=n_process)
    except KgError as e:
        echo_skipped(getattr(e, "errors", ()))
        fail(e)
        return
    echo_skipped(g.errors)
    click.echo(f"kg: update {out}: {web.new} new, {web.unchanged} unchanged, {web.failed} failed; "
               f"{len(g.facts)} articles in the graph", err=True)
    if not quiet:
        click.echo(summary(g, out), err=True)
        click.echo(web_summary(web, fetcher), err=True)
    if g.errors:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.argument("query", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Read the query from a .rq file.")
@click.option("--name", "name", help="Run a named query (see --list).")
@click.option("--param", "params", multiple=True, help="NAME=VALUE for a named query's parameter.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "ttl"]), default="table", show_default=True)
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True)
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@click.option("--time", "show_time", is_flag=True, help="Print load and query seconds on stderr.")
def query(graph, query, query_file, name, params, fmt, engine, list_, show_time):
    """Run SPARQL over GRAPH (a .ttl file or a kg output folder): QUERY text, --file or --name."""
    from kg import query as q

    try:
        if list_:
            for nq in q.named_queries().values():
                extra = f"  [{', '.join(f'--param {k}=… (e.g. {v})' for k, v in nq.params.items())}]" if nq.params else ""
                click.echo(f"{nq.name:<14} {nq.description}{extra}")
            return
        if graph is None:
            raise click.UsageError("GRAPH is required (a .ttl file or an output folder)")
        given = [x for x in (query, query_file, name) if x]
        if len(given) != 1:
            raise click.UsageError("give exactly one of QUERY, --file or --name")
        pairs = {}
        for p in params:
            if "=" not in p:
                raise click.UsageError(f"--param wants NAME=VALUE, not '{p}'")
            k, _, v = p.partition("=")
            pairs[k.strip()] = v.strip()
        if name:
            queries = q.named_queries()
            if name not in queries:
                near = difflib.get_close_matches(name, list(queries), n=1)
                hint = f"did you mean '{near[0]}'? " if near else ""
                raise KgError(f"no named query '{name}' ({hint}one of {', '.join(queries)}; kg query --list describes them)")
            text = queries[name].fill(pairs)
        else:
            text = query_file.read_text(encoding="utf-8") if query_file else query
            text = q.fill(text, pairs) if (pairs or "$" in text) else text
        res = q.run(graph, text, engine)
        click.echo(q.format_result(res, fmt))
        if show_time and res.seconds:
            click.echo(f"kg: load {res.seconds['load'] * 1000:.0f} ms, query {res.seconds['query'] * 1000:.1f} ms", err=True)
    except KgError as e:
        fail(e)


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="0 picks a free port.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--writable", is_flag=True, help="Accept SPARQL updates (read-only by default).")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path), help="Keep the Oxigraph store in this folder.")
def serve(graph, port, host, writable, store):
    """Serve GRAPH (a .ttl or an output folder) as a SPARQL endpoint for graph notebooks."""
    import signal
    from kg import serve as sv

    def on_term(*_):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, on_term)      # before the server starts: a stop at any time stops it too
    try:
        server = sv.start(graph, port, host, writable, store)
    except KgError as e:
        fail(e)
        return
    except KeyboardInterrupt:
        sys.exit(130)
    try:
        click.echo(sv.banner(server, writable))
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonld", "nt", "ttl", "graphml", "gexf"]), required=True)
@click.option("--out", "out", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Output file (default: next to the graph; - for standard output).")
def export(graph, fmt, out):
    """Write GRAPH (a .ttl or an output folder) as JSON-LD, N-Triples, Turtle, GraphML or GEXF."""
    from kg.io import atomic_write, graph_file
    from kg.serialize import read_turtle, serializer

    try:
        src = graph_file(graph)
        writer = serializer(fmt)
        data = writer.render(read_turtle(src))
        if str(out) == "-":
            if not writer.text:
                raise KgError(f"{fmt} is not text: give --out FILE")
            click.echo(data, nl=False)
            return
        path = atomic_write(out or src.with_suffix(writer.suffix), data)
    except KgError as e:
        fail(e)
        return
    click.echo(f"kg: wrote {path}", err=True)


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--endpoint", required=True, help="Graph Store Protocol URL (Oxigraph: http://127.0.0.1:7878/store).")
@click.option("--graph", "graph_iri", help="Named graph IRI (default: the default graph).")
@click.option("--append", is_flag=True, help="Add to the graph (POST) instead of replacing it (PUT).")
@click.option("--user", help="User for HTTP basic authentication (password from KG_STORE_PASSWORD).")
def publish(graph, endpoint, graph_iri, append, user):
    """Load GRAPH (a .ttl or an output folder) into a triplestore over the SPARQL Graph Store Protocol."""
    import os
    from kg.publish import publish as run_publish

    try:
        status = run_publish(graph, endpoint, graph_iri, not append, user, os.environ.get("KG_STORE_PASSWORD"))
    except KgError as e:
        fail(e)
        return
    click.echo(f"kg: {'added to' if append else 'replaced'} {graph_iri or 'the default graph'} at {endpoint} (HTTP {status})", err=True)


def show_progress(articles: int, quiet: bool) -> bool:
    """A progress bar only past five articles and only on a terminal: click prints a hidden bar's
    label anyway, a stray line in a log."""
    return articles > 5 and not quiet and sys.stderr.isatty()


def summary(result, out: Path) -> str:
    """One screen: articles, actors by type, roles, events, positions, warnings."""
    from kg.namespaces import KG, RDF, SDO
    g = result.index
    by_type = Counter()
    for t, k in ((SDO.Person, "persons"), (SDO.Organization, "organisations"), (SDO.Country, "countries"),
                 (SDO.City, "cities"), (SDO.Place, "places")):
        by_type[k] = len(set(g.subjects(RDF.type, t)))
    lines = [f"kg: {len(result.facts)} articles -> {out}/graph.ttl ({len(g)} triples), {out}/graph.html, "
             f"{out}/articles/ (one .ttl each)",
             "  actors: " + ", ".join(f"{v} {k}" for k, v in by_type.items()),
             f"  roles: {len(set(g.subject_objects(SDO.jobTitle)))}  events: {len(set(g.subjects(RDF.type, SDO.Event)))}"
             f"  positions: {len(set(g.subjects(RDF.type, KG.Position)))}"]
    st = result.stats
    if st:
        lines.append(f"  parsed: {st.get('parsed', 0)} articles, from cache: {st.get('cached', 0)}, "
                     f"processes: {st.get('processes', 1)}")
    if result.timings:
        lines.append("  seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in result.timings.items()))
    warns = [f"{f.id}: {w}" for f in result.facts for w in f.warnings]
    if warns:
        lines.append(f"  warnings ({len(warns)}): " + "; ".join(warns[:5]) + (" …" if len(warns) > 5 else ""))
    if result.errors:
        lines.append(f"  skipped: {len(result.errors)} input(s), see messages above")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
