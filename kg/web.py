"""Articles from the web: page URLs and feed URLs (RSS/Atom, told apart by their content), fetched
politely through kg.fetch, read with kg.feeds and kg.pages; and the record of what a build was made
from (its sources and the article pages they gave), which `kg update` extends."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Iterable
from urllib.parse import urlsplit

from kg.errors import InputError
from kg.feeds import Feed, is_feed, parse_feed
from kg.fetch import Download, Fetcher, check_url
from kg.ingest import check_text
from kg.io import atomic_write
from kg.names import slug
from kg.pages import article_of_html, page_text
from kg.records import Article

HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
SNIFFED_TYPES = {"", "text/plain", "application/octet-stream"}      # served without a useful type: look inside
URL = re.compile(r"^https?://\S+$", re.I)
MANIFEST = ".kg-sources.json"     # in the output folder: what the build was made from
DOWNLOADS = ".downloads"          # in the output folder: the download cache


def is_url(item) -> bool:
    """Whether ITEM is a string that is one http(s) URL (and nothing else)."""
    return isinstance(item, str) and bool(URL.match(item.strip()))


def wanted(kind: str) -> bool:
    """Media types worth downloading: HTML pages, feeds, and untyped bodies to look into."""
    return kind in HTML_TYPES or kind in FEED_TYPES or kind in SNIFFED_TYPES


def article_id(url: str) -> str:
    """A stable, readable article id for a page URL: host, last path segment and a short hash of the URL
    ('news-example-nato-talks-3f2a9c1b')."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    stem = re.sub(r"\.(s?html?|php|aspx?)$", "", segments[-1], flags=re.I) if segments else "index"
    host = re.sub(r"^www\.", "", parts.hostname or "")
    return f"{slug(host)[:30]}-{slug(stem)[:40]}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:8]}"


def read_url_file(path: str | Path) -> tuple[list[str], list[InputError]]:
    """The URLs of a file listing one per line (blank lines and # comments skipped), and an error for each
    line that is not an http(s) URL."""
    urls, errors = [], []
    try:
        lines = Path(path).read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError as e:
        return [], [InputError(path, f"file cannot be read ({e.strerror or e})")]
    for n, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if is_url(line):
            urls.append(line)
        else:
            errors.append(InputError(path, f"not an http(s) URL: {line[:80]!r}", n))
    return urls, errors


@dataclass
class WebReport:
    """What reading URLs gave: articles, one error per thing skipped, the article pages read (for the
    manifest) and the feeds among the URLs; NEW, UNCHANGED and FAILED count pages for `kg update`."""
    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    new: int = 0
    unchanged: int = 0
    failed: int = 0


class _Reader:
    """One pass over some URLs: each article page read once, however many feeds list it."""

    def __init__(self, fetcher: Fetcher, known: Collection[str]):
        self.fetcher, self.known = fetcher, set(known)
        self.report = WebReport()
        self.done: set[str] = set()

    def fail(self, e: InputError) -> None:
        self.report.errors.append(e)
        self.report.failed += 1

    def source(self, url: str) -> None:
        """A URL the user gave: a feed (its entries are read) or an article page."""
        try:
            url = check_url(url)
            if url in self.known:
                return self.page(url)
            got = self.fetcher.get(url, accept=wanted)
        except InputError as e:
            return self.fail(e)
        if is_feed(got.body):
            return self.feed(got)
        self.page(url, got)

    def feed(self, got: Download) -> None:
        try:
            feed, problems = parse_feed(got.body, got.final_url, got.content_type)
        except InputError as e:
            return self.fail(InputError(got.url, e.problem))
        self.report.feeds.append(got.url)
        for p in problems:
            self.fail(p)
        for entry in feed.entries:
            self.page(entry.link, hints=_hints(feed, entry))

    def page(self, url: str, got: Download | None = None, hints: dict | None = None) -> None:
        """An article page: from the cache without a request when the build already has it, else fetched."""
        if url in self.done:
            return
        self.done.add(url)
        known = url in self.known
        try:
            got = got or (self.fetcher.stored(url) if known else None) or self.fetcher.get(url, accept=wanted)
            a = article_of_download(got, hints)
        except InputError as e:
            return self.fail(e)
        if a.url and a.url != url and a.url in self.done and not known:
            return                                   # the same story under another address
        self.done.add(a.url or url)
        self.report.articles.append(a)
        self.report.pages.append(url)
        if known:
            self.report.unchanged += 1
        else:
            self.report.new += 1


def read_web(urls: Iterable[str], fetcher: Fetcher, known: Collection[str] = ()) -> WebReport:
    """Articles from URLS, pages and feeds alike. KNOWN are article pages a build already has (`kg update`):
    they are read from the download cache without a request and always kept, whether or not a feed
    still lists them; the others are fetched. Every failure is one error, the rest goes on."""
    r = _Reader(fetcher, known)
    for url in urls:
        r.source(url)
    for url in sorted(known):
        r.page(url)
    return r.report


def article_of_download(got: Download, hints: dict | None = None) -> Article:
    """An Article from a fetched page (InputError when it is not an HTML page or has no main text)."""
    head = got.body[:2048].lower()
    if not (got.content_type in HTML_TYPES or (got.content_type in SNIFFED_TYPES and b"<html" in head)):
        raise InputError(got.url, f"not an HTML page or a feed (content type {got.content_type or 'unknown'})")
    a = article_of_html(page_text(got.body, got.charset), article_id(got.url), got.url, url=got.final_url, hints=hints)
    check_text(a.text, got.url)
    return a


def _hints(feed: Feed, entry) -> dict:
    """What a feed says of an entry, for what its page does not say itself."""
    return {"title": entry.title, "published": entry.published, "authors": entry.authors, "publisher": feed.title}


# --- the manifest: what a build was made from ----------------------------------------------------

def source_key(item) -> str:
    """A source as the manifest keeps it: a URL as given, a path made absolute (cron runs elsewhere)."""
    return item.strip() if is_url(item) else str(Path(item).resolve())


def load_manifest(out: str | Path) -> dict:
    """The sources OUT was built from and the article pages they gave ({'sources': [], 'pages': []})."""
    try:
        got = json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
        return {"sources": list(got.get("sources", [])), "pages": list(got.get("pages", []))}
    except (OSError, ValueError, AttributeError):
        return {"sources": [], "pages": []}


def save_manifest(out: str | Path, sources: Iterable, pages: Iterable[str]) -> None:
    """Record, in OUT, the sources of its build and the article pages read from the web."""
    data = {"sources": list(dict.fromkeys(source_key(s) for s in sources)), "pages": sorted(set(pages))}
    atomic_write(Path(out) / MANIFEST, json.dumps(data, indent=1) + "\n")
