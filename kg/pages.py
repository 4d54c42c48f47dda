"""HTML pages to articles through trafilatura: the page's main text, without its header, navigation,
share bars, related links and footer, and its metadata (title, date, author, site name, canonical URL).

kg's own cleaning still runs on the text afterwards (in-text furniture, datelines, credit lines);
the metadata found here goes into the Article's fields, which cleaning keeps over what the text
says for date, URL, headline and outlet, while the place still comes from the text's dateline.
"""
from __future__ import annotations

import logging
import re
from typing import Mapping

from kg.errors import InputError
from kg.records import Article

MAX_PAGE_BYTES = 5_000_000        # a page over this is refused before extraction
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Dates from the page's markup only (meta tags, JSON-LD, <time>, the URL): htmldate's extensive search
# would take any date printed in the text, such as a photo caption's, for the publication day.
DATE_PARAMS = {"extensive_search": False, "original_date": True}

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())     # no stray log lines on a user's terminal


def page_text(raw: bytes, charset: str | None = None) -> str | bytes:
    """A page's bytes as text by its declared CHARSET or as UTF-8; the bytes themselves otherwise, for
    trafilatura to decode by the page's own <meta charset>."""
    for enc in (charset, "utf-8"):
        if enc:
            try:
                return raw.decode(enc).removeprefix("\ufeff")
            except (LookupError, UnicodeDecodeError):
                continue
    return raw


def has_main_text(text: str) -> bool:
    """Whether extracted text holds at least one sentence of prose (a line of 8+ words with a full stop),
    not only menu items and headings."""
    return any(len(line.split()) >= 8 and re.search(r"[.!?…]", line) for line in text.split("\n"))


def extract_page(page: str | bytes, url: str | None = None):
    """trafilatura's reading of a page (main text plus metadata), tuned for news: precision over recall,
    no comments, tables or images, dates from markup only. None when it finds nothing."""
    import trafilatura
    return trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                                       include_tables=False, include_images=False, favor_precision=True,
                                       date_extraction_params=DATE_PARAMS)


def article_of_html(page: str | bytes, id: str, source: str, url: str | None = None,
                    hints: Mapping | None = None) -> Article:
    """An Article from an HTML page: trafilatura's main text as the body, its title, date, authors, site
    name and canonical URL as the record's fields. HINTS (a feed entry's title, published, authors,
    publisher) fill what the page does not say. InputError when the page has no main text."""
    hints = hints or {}
    if len(page) > MAX_PAGE_BYTES:
        raise InputError(source, f"page is {len(page):,} bytes, over the {MAX_PAGE_BYTES:,}-byte limit")
    try:
        doc = extract_page(page, url)
    except Exception as e:                  # a page that breaks the extractor is one bad input, not a crash
        raise InputError(source, f"page cannot be read as HTML ({type(e).__name__}: {e})"[:200])
    text = (doc.text or "") if doc is not None else ""
    if not has_main_text(text):
        raise InputError(source, "no main text found in the page (only navigation, headings or furniture)")
    title = _one_line(doc.title) or hints.get("title")
    published = doc.date if doc.date and ISO_DAY.match(doc.date) else hints.get("published")
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip()) or tuple(hints.get("authors") or ())
    site = _one_line(doc.sitename)
    publisher = site if site and site.lower() != (doc.hostname or "").lower() else hints.get("publisher")
    return Article(id=id, text=_without_title(text, title), source=source, title=title, published=published,
                   publisher=publisher, url=doc.url or url, authors=authors)


def _one_line(s: str | None) -> str | None:
    return re.sub(r"\s+", " ", s).strip() or None if s else None


def _without_title(text: str, title: str | None) -> str:
    """The body without leading lines that repeat the headline (trafilatura keeps an <h1> inside <article>)."""
    lines = text.split("\n")
    key = re.sub(r"\W+", "", title.lower()) if title else None
    while lines and (not lines[0].strip() or (key and re.sub(r"\W+", "", lines[0].lower()) == key)):
        lines.pop(0)
    return "\n".join(lines)
