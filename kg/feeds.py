"""RSS and Atom feeds, read with feedparser: what a feed is (by its content, not its URL) and its entries."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser

from kg.errors import InputError

FEED_ROOTS = {"rss", "feed", "rdf:rdf"}
FIRST_ELEMENT = re.compile(rb"<([A-Za-z][\w:.\-]*)")
PROLOG = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", re.S | re.I)


@dataclass(frozen=True)
class Entry:
    """One item of a feed: the article's link, and what the feed says of it (fallbacks for the page's own)."""
    link: str
    title: str | None = None
    published: str | None = None        # ISO day
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title (the outlet, when a page does not name itself) and its entries."""
    url: str
    title: str | None
    entries: tuple[Entry, ...]


def is_feed(body: bytes) -> bool:
    """Whether BODY is an RSS or Atom document: its first element is <rss>, <feed> or <rdf:RDF>."""
    head = PROLOG.sub(b"", body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n"))
    m = FIRST_ELEMENT.search(head)
    return bool(m) and m.group(1).decode("ascii", "replace").lower() in FEED_ROOTS


def parse_feed(body: bytes, url: str, content_type: str = "application/xml") -> tuple[Feed, list[InputError]]:
    """The feed at URL and a list of problems: an InputError when it does not parse at all (nothing
    usable), one problem line when it is broken but entries could be saved, and one per entry
    without a link."""
    d = feedparser.parse(body, response_headers={"content-location": url, "content-type": content_type or "application/xml"})
    broken = d.get("bozo") and not isinstance(d.get("bozo_exception"), feedparser.ThingsNobodyCaresAboutButMe)
    problems: list[InputError] = []
    if broken or not d.get("version"):
        why = _why(d.get("bozo_exception")) if broken else "not an RSS or Atom feed"
        if not any(e.get("link") for e in d.entries):
            raise InputError(url, f"feed does not parse ({why})")
        problems.append(InputError(url, f"feed is broken ({why}); the entries before the break are read"))
    entries = []
    for n, e in enumerate(d.entries, start=1):
        if not e.get("link"):
            if not problems:                      # in a broken feed, the entry cut off by the break is no news
                problems.append(InputError(url, f"feed entry {n} has no link"))
            continue
        entries.append(Entry(link=urljoin(url, e["link"].strip()), title=(e.get("title") or "").strip() or None,
                             published=_day(e.get("published_parsed")), authors=_authors(e)))
    return Feed(url, (d.feed.get("title") or "").strip() or None, tuple(entries)), problems


def _day(t: time.struct_time | None) -> str | None:
    """A feed's parsed date (UTC) as an ISO day."""
    return time.strftime("%Y-%m-%d", t) if t else None


def _authors(e) -> tuple[str, ...]:
    names = [a.get("name", "").strip() for a in e.get("authors", []) if isinstance(a, dict)]
    names = [n for n in names if n] or ([e["author"].strip()] if e.get("author") else [])
    return tuple(dict.fromkeys(names))


def _why(exc) -> str:
    """A parse error in a few words ('unclosed token, line 3')."""
    if exc is None:
        return "unknown error"
    msg = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
    line = exc.getLineNumber() if hasattr(exc, "getLineNumber") else None
    return f"{msg}, line {line}" if line else msg
