"""Web pages, URLs and feeds, offline against a local http.server (tests/newssite.py) serving pages in
the shape of real news pages and RSS/Atom feeds (tests/newspages.py): the metadata and none of the
furniture, a rebuild that fetches and parses nothing, `kg update` adding only what is new, robots.txt
and the per-host rate, every bad case on one line, and the seeds as HTML giving the seeds' graph."""
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import RDF

import kg
import kg.cli
from kg.cli import EXIT_SKIPPED, main
from kg.fetch import FetchPolicy, Fetcher
from kg.namespaces import PROV, SDO
from newspages import FURNITURE, atom_feed, news_page, rss_feed, seed_page
from newssite import NewsSite

ROOT = Path(__file__).resolve().parents[1]
FAST = dict(retries=1, backoff=0.01)          # tests do not wait out real back-off

STORIES = [
    dict(path="/world/oecd-tax-council.html", headline="OECD and Portugal meet in Lisbon", site="Daily Courier",
         author="Ann Lee", date="2022-01-12", paragraphs=[
             "LISBON, Jan 12 (Reuters) - OECD Secretary General Harold Dunmore met Portuguese Deputy Finance "
             "Minister Ines Walcott in Lisbon on Wednesday for the first tax council in two years.",
             "The talks lasted four hours, and both sides agreed to keep talking, an OECD official said after the meeting."]),
    dict(path="/world/ottawa-talks.html", headline="Canadian and Mexican envoys hold talks in Ottawa", site="Daily Courier",
         author="Bo Chan", date="2022-01-10", paragraphs=[
             "OTTAWA, Jan 10 (Reuters) - Canadian Deputy Trade Minister Tom Hale met Mexican Deputy Economy "
             "Minister Pablo Ferreyra in Ottawa on Monday to discuss steel tariffs.",
             "Mexico demands guarantees that Canada will drop its new steel quotas, Ferreyra told reporters after the talks."]),
    dict(path="/world/kessler-nairobi.html", headline="EU envoy Kessler visits Kenya", site="Daily Courier",
         author=None, date=None, feed_author="Cy Diaz", feed_date="2022-01-05", paragraphs=[
             "NAIROBI, Jan 5 (Reuters) - The European Union's trade envoy Marta Kessler began a tour of Kenya on "
             "Wednesday to promote farm exports, her office said.",
             "Kessler met Kenyan Trade Minister Samuel Otieno in Nairobi and travelled to the tea estates in the west."]),
]


@pytest.fixture
def site():
    s = NewsSite()
    s.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    yield s
    s.close()


@pytest.fixture
def fast_cli(monkeypatch):
    """The CLI with back-off cut to milliseconds (rate and time-out still come from its options)."""
    def make(out, rate, timeout):
        return Fetcher(Path(out) / ".downloads", FetchPolicy(rate=rate, timeout=timeout, **FAST))
    monkeypatch.setattr(kg.cli, "make_fetcher", make)


def put_story(site: NewsSite, s: dict) -> str:
    return site.put(s["path"], news_page(s["headline"], s["paragraphs"], site=s["site"], author=s["author"],
                                         date=s["date"], canonical=f"https://courier.example{s['path']}"))


def feed_items(stories) -> list[dict]:
    return [dict(link=s["path"], title=s["headline"] + " (feed)", date=s.get("feed_date") or s["date"],
                 author=s.get("feed_author") or s["author"]) for s in stories]


def put_rss(site: NewsSite, stories, path="/rss.xml") -> str:
    return site.put(path, rss_feed("Daily Courier: World", site.base, feed_items(stories)), content_type="application/rss+xml")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def articles(graph_ttl: Path) -> dict:
    """Article nodes of a graph by URL: headline, date, outlet, authors."""
    g = Graph().parse(graph_ttl)
    out = {}
    for a in g.subjects(RDF.type, SDO.NewsArticle):
        out[str(g.value(a, SDO.url))] = dict(
            headline=str(g.value(a, SDO.headline)), date=str(g.value(a, SDO.datePublished)),
            publisher=str(g.value(g.value(a, SDO.publisher), SDO.name)),
            authors=sorted(str(g.value(p, SDO.name)) for p in g.objects(a, SDO.author)))
    return out


def test_pages_and_feeds_give_headline_date_outlet_and_author_and_none_of_the_furniture(site, tmp_path):
    for s in STORIES:
        put_story(site, s)
    rss = put_rss(site, STORIES[:2])
    atom = site.put("/atom.xml", atom_feed("Daily Courier", site.base, feed_items(STORIES[1:])), content_type="text/html")
    fetcher = Fetcher(tmp_path / "dl", FetchPolicy(rate=100, **FAST))
    report = kg.read([rss, atom], fetcher=fetcher)
    assert report.errors == [] and report.web.feeds == [rss, atom]
    assert len(report.articles) == 3                          # the story both feeds list is read once
    for a in report.articles:
        assert not [f for f in FURNITURE if f in a.text], a.text
        assert a.text.startswith(("LISBON", "OTTAWA", "NAIROBI"))
    g = kg.build(report)
    g.write(tmp_path / "out")
    got = articles(tmp_path / "out" / "graph.ttl")
    assert got == {
        f"https://courier.example{STORIES[0]['path']}": dict(headline="OECD and Portugal meet in Lisbon", date="2022-01-12",
                                                             publisher="Daily Courier", authors=["Ann Lee"]),
        f"https://courier.example{STORIES[1]['path']}": dict(headline="Canadian and Mexican envoys hold talks in Ottawa",
                                                             date="2022-01-10", publisher="Daily Courier", authors=["Bo Chan"]),
        # this page prints no date or byline in its markup: the feed entry's are used
        f"https://courier.example{STORIES[2]['path']}": dict(headline="EU envoy Kessler visits Kenya", date="2022-01-05",
                                                             publisher="Daily Courier", authors=["Cy Diaz"]),
    }
    text = (tmp_path / "out" / "graph.ttl").read_text()
    assert not [f for f in FURNITURE if f in text]
    people = {str(g.rdf.value(p, SDO.name)) for p in g.rdf.subjects(RDF.type, SDO.Person)}
    assert {"Harold Dunmore", "Ines Walcott", "Pablo Ferreyra", "Marta Kessler"} <= people


def test_a_rebuild_fetches_nothing_and_parses_nothing(site, tmp_path, fast_cli):
    for s in STORIES[:2]:
        put_story(site, s)
    feed = put_rss(site, STORIES[:2])
    out = tmp_path / "out"
    first = run("build", feed, "--out", out, "--rate", 50)
    assert first.exit_code == 0, first.output
    assert "parsed: 2 articles" in first.output and "4 requests: 4 downloaded" in first.output
    assert sorted(h.status for h in site.hits) == [200] * 4    # robots.txt, the feed, two pages
    assert all(h.headers["User-Agent"].startswith(f"kg/{kg.__version__} ") for h in site.hits)
    graph = (out / "graph.ttl").read_bytes()
    n = len(site.hits)
    again = run("build", feed, "--out", out, "--rate", 50)
    assert again.exit_code == 0, again.output
    assert [h.status for h in site.hits[n:]] == [304] * 4      # each asked with its ETag, none sent again
    assert all(h.headers.get("If-None-Match") for h in site.hits[n:])
    assert "parsed: 0 articles, from cache: 2" in again.output and "4 requests: 0 downloaded, 4 not modified" in again.output
    assert (out / "graph.ttl").read_bytes() == graph


def test_update_adds_only_the_new_entry_of_a_feed_that_grew(site, tmp_path, fast_cli):
    for s in STORIES:
        put_story(site, s)
    feed = put_rss(site, STORIES[:2])
    out = tmp_path / "out"
    assert run("build", feed, "--out", out, "--rate", 50).exit_code == 0
    put_rss(site, STORIES)                                     # the feed grows by one entry
    n = len(site.hits)
    res = run("update", out, feed, "--rate", 50)
    assert res.exit_code == 0, res.output
    assert "1 new, 2 unchanged, 0 failed; 3 articles in the graph" in res.output
    assert sorted(site.paths(n)) == sorted(["/robots.txt", "/rss.xml", STORIES[2]["path"]])
    assert "parsed: 1 articles, from cache: 2" in res.output
    assert len(articles(out / "graph.ttl")) == 3
    # cron's form: no feed named, the build's own; a feed that dropped entries keeps them in the graph
    put_rss(site, STORIES[2:])
    n = len(site.hits)
    res = run("update", out, "--quiet", "--rate", 50)
    assert res.exit_code == 0, res.output
    assert res.output.strip() == f"kg: update {out}: 0 new, 3 unchanged, 0 failed; 3 articles in the graph"
    assert sorted(site.paths(n)) == ["/robots.txt", "/rss.xml"]
    assert len(articles(out / "graph.ttl")) == 3


def test_update_names_a_failed_entry_and_tries_it_again_next_time(site, tmp_path, fast_cli):
    put_story(site, STORIES[0])
    feed = put_rss(site, STORIES[:2])                           # the second story's page is not there yet
    out = tmp_path / "out"
    res = run("update", out, feed, "--rate", 50, "--quiet")
    assert res.exit_code == EXIT_SKIPPED
    assert f"kg: skipped {site.url(STORIES[1]['path'])}: HTTP 404 Not Found" in res.output
    assert "1 new, 0 unchanged, 1 failed" in res.output
    put_story(site, STORIES[1])
    res = run("update", out, "--rate", 50, "--quiet")
    assert res.exit_code == 0 and "1 new, 1 unchanged, 0 failed; 2 articles" in res.output


def test_robots_txt_disallow_is_honoured(site, tmp_path, fast_cli):
    ok = put_story(site, STORIES[0])
    private = site.put("/private/memo.html", news_page("Private", STORIES[1]["paragraphs"]))
    sneaky = site.redirect("/go/memo", "/private/memo.html")
    res = run("build", ok, private, sneaky, "--out", tmp_path / "out", "--rate", 50)
    assert res.exit_code == EXIT_SKIPPED, res.output
    assert f"kg: skipped {private}: disallowed by robots.txt\n" in res.output
    assert f"kg: skipped {sneaky}: disallowed by robots.txt (redirected to {private})" in res.output
    assert "/private/memo.html" not in site.paths()
    assert len(articles(tmp_path / "out" / "graph.ttl")) == 1


def test_requests_to_one_host_keep_to_the_rate(site):
    urls = [site.put(f"/p{i}.html", news_page(f"Story {i}", STORIES[i % 3]["paragraphs"])) for i in range(5)]
    report = kg.read(urls, fetcher=Fetcher(None, FetchPolicy(rate=5)))
    assert len(report.articles) == 5
    times = [h.at for h in site.hits]                            # arrival times, as the server saw them
    assert len(times) == 6                                      # robots.txt and five pages
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.2 - 0.02, gaps                         # 5 per second: 0.2 s apart
    assert all(sum(1 for t in times if s <= t < s + 1 - 0.02) <= 5 for s in times)   # 0.02 s: arrival jitter


def test_a_robots_txt_crawl_delay_slows_the_host_further(site):
    site.put("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    urls = [site.put(f"/p{i}.html", news_page(f"Story {i}", STORIES[i]["paragraphs"])) for i in range(2)]
    kg.read(urls, fetcher=Fetcher(None, FetchPolicy(rate=50)))
    pages = [h.at for h in site.hits if h.path.startswith("/p")]
    assert pages[1] - pages[0] >= 1.0 - 0.02


def test_retries_back_off_then_succeed(site):
    url = site.put("/busy.html", news_page("Busy", STORIES[0]["paragraphs"]), fail_first=2)
    report = kg.read([url], fetcher=Fetcher(None, FetchPolicy(rate=100, retries=2, backoff=0.1)))
    assert report.errors == [] and len(report.articles) == 1
    busy = [h for h in site.hits if h.path == "/busy.html"]
    assert [h.status for h in busy] == [503, 503, 200]
    assert busy[1].at - busy[0].at >= 0.1 - 0.02 and busy[2].at - busy[1].at >= 0.2 - 0.02


def test_every_bad_case_is_one_line_and_the_rest_is_built(site, tmp_path, fast_cli):
    good = put_story(site, STORIES[0])
    short = site.redirect("/s/1", STORIES[0]["path"])                        # a redirect to a good page is followed
    bad = {
        site.url("/gone.html"): "HTTP 404 Not Found",
        site.put("/broken.html", "oops", status=500, content_type="text/plain"): "HTTP 500",
        site.put("/slow.html", news_page("Slow", STORIES[1]["paragraphs"]), delay=1.2): "timed out after 0.5 s",
        site.put("/report.pdf", b"%PDF-1.7 ...", content_type="application/pdf"):
            "not an HTML page or a feed (content type application/pdf)",
        site.put("/menu.html", news_page("Only furniture", [])): "no main text found in the page",
        site.put("/huge.html", news_page("Huge", STORIES[1]["paragraphs"] * 25_000), send_length=False):
            "page is over the 5,000,000-byte limit",
        site.put("/bad-feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Cut',
                 content_type="application/rss+xml"): "feed does not parse",
        site.redirect("/loop-a", "/loop-b"): "redirect loop",
    }
    site.redirect("/loop-b", "/loop-a")
    res = run("build", good, short, *bad, "--out", tmp_path / "out", "--rate", 100, "--timeout", 0.5)
    assert res.exit_code == EXIT_SKIPPED, res.output
    skipped = [ln for ln in res.output.splitlines() if ln.startswith("kg: skipped")]
    assert len(skipped) == len(bad)
    for url, problem in bad.items():
        [line] = [ln for ln in skipped if ln.startswith(f"kg: skipped {url}: ")]
        assert problem in line, line
    assert "Traceback" not in res.output
    assert len(articles(tmp_path / "out" / "graph.ttl")) == 1                 # the good page, once


def test_last_modified_revalidation_and_a_damaged_cache_entry(site, tmp_path):
    url = site.put("/old.html", news_page("Old", STORIES[0]["paragraphs"]), etag=False)
    for _ in range(2):
        f = Fetcher(tmp_path / "dl", FetchPolicy(rate=100))
        got = f.get(url)
    assert got.how == "not modified" and b"Dunmore" in got.body
    last = [h for h in site.hits if h.path == "/old.html"][-1]
    assert last.status == 304 and last.headers["If-Modified-Since"] == "Wed, 12 Jan 2022 10:00:00 GMT"
    for body in (tmp_path / "dl").rglob("*.body"):
        body.write_bytes(b"damaged")                              # a damaged entry is a miss: fetched whole again
    got = Fetcher(tmp_path / "dl", FetchPolicy(rate=100)).get(url)
    assert got.how == "downloaded" and b"Dunmore" in got.body and site.hits[-1].status == 200


def test_a_forbidden_robots_txt_keeps_kg_off_the_site(site):
    site.put("/robots.txt", "no", status=403, content_type="text/plain")
    url = site.put("/a.html", news_page("A", STORIES[0]["paragraphs"]))
    report = kg.read([url], fetcher=Fetcher(None, FetchPolicy(rate=100)))
    assert [e.problem for e in report.errors] == ["robots.txt is forbidden (HTTP 403), so the site is not fetched"]
    assert site.paths() == ["/robots.txt"]


def test_feeds_are_told_by_their_content_and_a_feed_broken_half_way_gives_its_entries():
    from kg.feeds import is_feed, parse_feed
    rss = rss_feed("T", "https://s.example/", [dict(link="/a.html", title="A", date="2022-01-04"), dict(link="/b.html", title="B")])
    atom = atom_feed("T", "https://s.example/", [dict(link="https://s.example/c.html", title="C", author="Ann Lee")])
    assert is_feed(b"\xef\xbb\xbf" + rss.encode()) and is_feed(atom.encode())
    assert not is_feed(news_page("A page", ["Text of a page that mentions <rss> and <feed> in passing."]).encode())
    feed, problems = parse_feed(atom.encode(), "https://s.example/atom.xml")
    assert (feed.entries[0].link, feed.entries[0].authors, problems) == ("https://s.example/c.html", ("Ann Lee",), [])
    cut = rss[:rss.index("/b.html")].encode()
    feed, problems = parse_feed(cut, "https://s.example/rss.xml", "application/rss+xml")
    assert [(e.link, e.published) for e in feed.entries] == [("https://s.example/a.html", "2022-01-04")]
    assert [p.problem for p in problems] == ["feed is broken (no element found, line 2); the entries before the break are read"]


def test_too_many_redirects_and_an_unreachable_host(site):
    for i in range(7):
        site.redirect(f"/r{i}", f"/r{i + 1}")
    site.put("/r7", news_page("End", STORIES[0]["paragraphs"]))
    report = kg.read([site.url("/r0"), "http://127.0.0.1:9/nothing.html"],
                     fetcher=Fetcher(None, FetchPolicy(rate=100, timeout=1, **FAST)))
    msgs = [str(e) for e in report.errors]
    assert msgs[0].startswith(f"{site.url('/r0')}: more than 5 redirects")
    assert msgs[1].startswith("http://127.0.0.1:9/nothing.html: robots.txt could not be read (connection failed")
    assert report.articles == []


def test_a_file_of_urls(site, tmp_path, fast_cli):
    a, b = put_story(site, STORIES[0]), put_story(site, STORIES[1])
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# Monday's reading\n{a}\n\nnot a url\n{b}\n")
    res = run("build", "--urls", listing, "--out", tmp_path / "out", "--rate", 50)
    assert res.exit_code == EXIT_SKIPPED
    assert f"kg: skipped {listing}:4: not an http(s) URL: 'not a url'" in res.output
    assert len(articles(tmp_path / "out" / "graph.ttl")) == 2


def test_build_from_a_url_in_the_python_api(site):
    url = put_story(site, STORIES[1])
    g = kg.build([url])                                           # the default, polite fetcher
    [a] = g.facts
    assert a.meta.url == f"https://courier.example{STORIES[1]['path']}" and a.meta.published == "2022-01-10"
    assert {x.name for x in g.actors} >= {"Tom Hale", "Pablo Ferreyra"}


def fact_triples(g: Graph) -> set:
    """The graph's triples less what describes articles (their nodes, outlets and bylines)."""
    arts = set(g.subjects(RDF.type, SDO.NewsArticle))
    meta = {o for a in arts for p in (SDO.publisher, SDO.author, SDO.contributor) for o in g.objects(a, p)}
    return {t for t in g if t[0] not in arts and t[0] not in meta}


def test_the_seeds_as_html_pages_give_the_graph_of_the_txt_seeds(seeds_build, tmp_path):
    from conftest import build_to
    pages = tmp_path / "pages"
    pages.mkdir()
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        (pages / f"{f.stem}.html").write_text(seed_page(f))
    txt_out, txt_graph = seeds_build
    html_graph = build_to([pages], tmp_path / "out")
    for t, h in zip(txt_graph.facts, html_graph.facts):
        assert (t.id, t.actors, t.roles, t.events, t.positions) == (h.id, h.actors, h.roles, h.events, h.positions)
    g_txt, g_html = Graph().parse(txt_out / "graph.ttl"), Graph().parse(tmp_path / "out" / "graph.ttl")
    facts = fact_triples(g_txt)
    assert len(facts) > 400 and facts == fact_triples(g_html)
    assert len(set(g_html.subjects(PROV.wasDerivedFrom, None))) == len(set(g_txt.subjects(PROV.wasDerivedFrom, None)))
    # what the pages add: a URL for every article, a day for the two whose text prints none, a headline for the one without
    urls = {str(o) for o in g_html.objects(None, SDO.url)}
    assert urls == {f"https://news.example/{f.stem}" for f in (ROOT / "seeds").glob("*.txt")}
    assert len(list(g_html.objects(None, SDO.datePublished))) == 5 > len(list(g_txt.objects(None, SDO.datePublished)))
    assert len(list(g_html.objects(None, SDO.headline))) == 5


def test_an_output_folder_inside_the_source_folder_is_not_read(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a1.txt").write_text("Ministers meet in Rome\n\nROME, March 6 (Reuters) - Italian Foreign Minister Anna Rossi "
                                "will meet French Foreign Minister Paul Martin in Rome on Friday, her ministry said.\n")
    out = src / "out"
    for _ in range(2):
        res = run("build", src, "--out", out)
        assert res.exit_code == 0, res.output
        assert "kg: 1 articles" in res.output and "skipped" not in res.output
    assert res.output.count("not reading") == 1 and f"kg: note: not reading {out}: it is a kg output folder" in res.output
    assert [p.name for p in (out / "articles").iterdir()] == ["a1.ttl"]
