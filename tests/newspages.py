"""Pages and feeds in the shape of real news sites, for the web tests: a site header with navigation,
a cookie banner, a byline, a share bar, a newsletter box, a related-stories list and a footer around
the article's paragraphs, with OpenGraph, JSON-LD and canonical-link metadata; RSS 2.0 and Atom feeds."""
from __future__ import annotations

import html
import json
from email.utils import format_datetime
from datetime import datetime, timezone

# Page furniture: none of these strings may reach an article's text.
FURNITURE = ["World", "Business", "Opinion", "Accept all cookies", "Share on Facebook", "Share on X",
             "Copy link", "Sign up for the Morning Briefing", "Related stories",
             "Markets rally as inflation cools", "Storm closes schools across the north",
             "All rights reserved", "Privacy policy", "Contact us", "We use cookies"]


def news_page(headline: str, paragraphs: list[str], *, site: str = "Daily Courier", author: str | None = "Ann Lee",
              date: str | None = "2022-01-12", canonical: str | None = None) -> str:
    """An HTML news page around PARAGRAPHS, with the furniture of FURNITURE and full metadata."""
    esc = html.escape
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
          "publisher": {"@type": "NewsMediaOrganization", "name": site}}
    meta = [f'<meta property="og:title" content="{esc(headline)}">',
            f'<meta property="og:site_name" content="{esc(site)}">', '<meta property="og:type" content="article">']
    if date:
        ld["datePublished"] = f"{date}T09:30:00Z"
        meta.append(f'<meta property="article:published_time" content="{date}T09:30:00Z">')
    if author:
        ld["author"] = [{"@type": "Person", "name": author}]
        meta.append(f'<meta name="author" content="{esc(author)}">')
    if canonical:
        ld["url"] = canonical
        meta += [f'<link rel="canonical" href="{esc(canonical)}">', f'<meta property="og:url" content="{esc(canonical)}">']
    byline = (f'<div class="byline">By <a rel="author" href="/authors/x">{esc(author)}</a>'
              + (f' <time datetime="{date}">{date}</time>' if date else "") + "</div>") if author else ""
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(headline)} | {esc(site)}</title>
{chr(10).join(meta)}
<script type="application/ld+json">{json.dumps(ld)}</script>
<style>.share-bar a {{ margin: 4px; }}</style>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "world"}});</script>
</head>
<body>
<header class="site-header">
  <a class="logo" href="/">{esc(site)}</a>
  <nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
  <li><a href="/opinion">Opinion</a></li></ul></nav>
  <form class="search" action="/search"><input name="q" placeholder="Search"></form>
</header>
<div class="cookie-banner" id="cookies">We use cookies to improve your experience. <button>Accept all cookies</button></div>
<main>
<article class="story">
  <h1 class="headline">{esc(headline)}</h1>
  {byline}
  <div class="share-bar"><a href="#fb">Share on Facebook</a> <a href="#x">Share on X</a> <a href="#copy">Copy link</a></div>
  <div class="article-body">
{body}
  </div>
  <aside class="newsletter"><h3>Sign up for the Morning Briefing</h3><p>Get the day's top stories in your inbox.</p>
  <form><input type="email"><button>Subscribe</button></form></aside>
</article>
<section class="related">
  <h2>Related stories</h2>
  <ul>
    <li><a href="/business/markets">Markets rally as inflation cools</a></li>
    <li><a href="/uk/storm">Storm closes schools across the north</a></li>
  </ul>
</section>
</main>
<footer class="site-footer">
  <ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/contact">Contact us</a></li></ul>
  <p>© 2022 {esc(site)}. All rights reserved.</p>
</footer>
</body>
</html>
"""


def rss_feed(title: str, site: str, items: list[dict]) -> str:
    """An RSS 2.0 feed; each item has link, title and optionally date (ISO day) and author."""
    out = []
    for it in items:
        when = ""
        if it.get("date"):
            d = datetime.fromisoformat(it["date"]).replace(hour=9, minute=30, tzinfo=timezone.utc)
            when = f"<pubDate>{format_datetime(d, usegmt=True)}</pubDate>"
        author = f"<dc:creator>{html.escape(it['author'])}</dc:creator>" if it.get("author") else ""
        out.append(f"<item><title>{html.escape(it['title'])}</title><link>{html.escape(it['link'])}</link>"
                   f"<guid>{html.escape(it['link'])}</guid>{when}{author}<description>{html.escape(it['title'])}</description></item>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>{html.escape(title)}</title><link>{html.escape(site)}</link>"
            f"<description>Latest news</description>{''.join(out)}</channel></rss>\n")


def atom_feed(title: str, site: str, items: list[dict]) -> str:
    """An Atom 1.0 feed; each item has link, title and optionally date (ISO day) and author."""
    out = []
    for it in items:
        when = f"<updated>{it['date']}T09:30:00Z</updated><published>{it['date']}T09:30:00Z</published>" if it.get("date") else \
            "<updated>2022-01-01T00:00:00Z</updated>"
        author = f"<author><name>{html.escape(it['author'])}</name></author>" if it.get("author") else ""
        out.append(f'<entry><title>{html.escape(it["title"])}</title><link rel="alternate" href="{html.escape(it["link"])}"/>'
                   f"<id>{html.escape(it['link'])}</id>{when}{author}</entry>")
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{html.escape(title)}</title><link href=\"{html.escape(site)}\"/><id>{html.escape(site)}</id>"
            f"<updated>2022-01-12T10:00:00Z</updated>{''.join(out)}</feed>\n")


# What each seed's page says of itself (the outlet, day and byline a real page would carry).
SEED_PAGES = {
    "000": dict(site="Reuters", date="2022-01-04", author="Jo Wren"),
    "001": dict(site="Voice of America", date="2022-01-04", author=None),
    "002": dict(site="Politico", date="2022-01-04", author=None,
                headline="Alliance ministers to confer by video"),
    "003": dict(site="Reuters", date="2022-01-07", author="Jo Wren"),
    "004": dict(site="Euronews", date="2022-01-12", author=None),
}


def seed_page(path) -> str:
    """A seed .txt wrapped in a news page: its headline (the first line, when the text has one, as kg
    reads it) in <h1>, each further line a paragraph, SEED_PAGES' metadata in the head."""
    from kg.clean import split_headline
    from kg.records import Article
    text = path.read_text(encoding="utf-8")
    meta = dict(SEED_PAGES[path.stem[:3]])
    headline, lines = split_headline(Article(id=path.stem, text=text, source=str(path)), text.split("\n"))
    headline = headline or meta.pop("headline")
    meta.pop("headline", None)
    return news_page(headline, [ln.strip() for ln in lines if ln.strip()],
                     canonical=f"https://news.example/{path.stem}", **meta)
