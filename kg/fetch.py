"""Polite HTTP for web sources, with a download cache so that a rebuild fetches nothing that has not changed.

Every request names kg in its User-Agent, has a time-out, is retried with exponential back-off on
time-outs, dropped connections, 429 and 5xx answers, waits its turn so that a host gets at most
`rate` requests per second (longer when its robots.txt asks for a Crawl-delay), and is only sent
when the host's robots.txt (read with `urllib.robotparser`) allows it. Redirects are followed up
to a limit, loops are caught, and a body over the size limit is refused while it streams in.

The download cache keeps each answer by URL with its ETag and Last-Modified, and asks again with
If-None-Match / If-Modified-Since: a page that has not changed comes back as 304 with no body.
Anything refused is an InputError naming the URL, so a build reports it on one line and goes on.
"""
from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import urllib3
from urllib3 import exceptions as ux

from kg.errors import InputError
from kg.io import atomic_write
from kg.version import __version__

USER_AGENT = f"kg/{__version__} (news knowledge-graph builder; polite: robots.txt, rate-limited)"
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"
RETRY_STATUS = {429, 500, 502, 503, 504}
REDIRECT_STATUS = {301, 302, 303, 307, 308}
MAX_RETRY_AFTER = 60.0          # seconds: a server asking for a longer pause gets an error instead


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how patiently kg fetches: the knobs `kg build --rate/--timeout` turn."""
    user_agent: str = USER_AGENT
    timeout: float = 20.0           # seconds to connect, and between two reads of a response
    retries: int = 2                # further attempts after a time-out, a dropped connection, 429 or 5xx
    backoff: float = 1.0            # seconds before the first retry, doubled for each next one
    rate: float = 1.0               # requests per host per second, at most
    max_bytes: int = 5_000_000      # a page or feed larger than this is refused
    max_redirects: int = 5


@dataclass(frozen=True)
class Download:
    """A fetched page or feed: the URL asked for, where it ended up, its media type and body, and how
    it was got ('downloaded', 'not modified' after a 304, or 'stored' from the cache without asking)."""
    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes
    how: str


class HttpError(InputError):
    """An HTTP answer that is not the page (4xx/5xx); STATUS is the code."""

    def __init__(self, url: str, status: int, reason: str = ""):
        super().__init__(url, f"HTTP {status}" + (f" {reason}" if reason else ""))
        self.status = status


def media_type(header: str | None) -> tuple[str, str | None]:
    """('text/html', 'utf-8') from a Content-Type header; ('', None) when there is none."""
    if not header:
        return "", None
    kind, _, params = header.partition(";")
    charset = None
    for p in params.split(";"):
        k, _, v = p.strip().partition("=")
        if k.lower() == "charset" and v:
            charset = v.strip("\"' ").lower()
    return kind.strip().lower(), charset


def check_url(url: str) -> str:
    """URL when it is an absolute http(s) URL (the fragment dropped); InputError otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError(url, "not an http(s) URL")
    return urlunsplit(parts._replace(fragment=""))


def host_of(url: str) -> str:
    """The host (and port) requests to URL are counted against."""
    return urlsplit(url).netloc.lower()


class DownloadCache:
    """Answers by URL on disk: a JSON record (status, ETag, Last-Modified, media type, where a redirect
    points) and the body beside it; a missing, broken or mismatched entry is a miss."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        d = self.root / key[:2]
        return d / f"{key}.json", d / f"{key}.body"

    def get(self, url: str) -> tuple[dict, bytes | None] | None:
        """The record of URL and its body (None for a redirect), or None when nothing usable is stored."""
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("url") != url:
                return None
            if meta.get("location"):
                return meta, None
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        return (meta, body) if hashlib.sha256(body).hexdigest() == meta.get("sha256") else None

    def put(self, url: str, meta: dict, body: bytes | None = None) -> None:
        """Store the answer for URL (the body first, so a record never points at a missing body)."""
        meta_path, body_path = self._paths(url)
        meta = {**meta, "url": url, "stored": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        try:
            if body is not None:
                atomic_write(body_path, body)
                meta["sha256"] = hashlib.sha256(body).hexdigest()
            atomic_write(meta_path, json.dumps(meta, sort_keys=True))
        except OSError:
            pass                                  # a cache that cannot be written only costs requests


class HostClock:
    """Spaces the requests to each host: at most RATE per second, or one per Crawl-delay when longer."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        # a hair over 1/RATE, so that a request delayed on the way never lets the server see RATE + 1 in a second
        self.interval = 1.0 / rate + 0.005 if rate > 0 else 0.0
        self.delays: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self.clock, self.sleep = clock, sleep

    def wait(self, host: str) -> None:
        """Block until HOST may be sent its next request, and count that request as sent now."""
        gap = max(self.interval, self.delays.get(host, 0.0))
        if host in self.last:
            due = self.last[host] + gap - self.clock()
            if due > 0:
                self.sleep(due)
        self.last[host] = self.clock()


@dataclass
class _Answer:
    """One HTTP exchange's outcome."""
    status: int
    headers: dict = field(default_factory=dict)
    body: bytes | None = None


class Fetcher:
    """Fetches pages and feeds politely (see the module's docstring), through a download cache in
    CACHE_DIR when given. `counts` tallies requests sent, bodies downloaded, 304s and cache reads."""

    def __init__(self, cache_dir: str | Path | None = None, policy: FetchPolicy | None = None, *,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.policy = policy or FetchPolicy()
        self.cache = DownloadCache(cache_dir) if cache_dir else None
        self.memory: dict[str, tuple[dict, bytes | None]] = {}     # this run's answers, when there is no disk cache
        self.hosts = HostClock(self.policy.rate, clock, sleep)
        self.sleep = sleep
        self.robots: dict[str, RobotFileParser] = {}
        self.counts: Counter = Counter()
        # sent with every request (urllib3 drops a pool's own headers when a request names any)
        self.headers = {"User-Agent": self.policy.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
        self.http = urllib3.PoolManager(timeout=urllib3.Timeout(connect=self.policy.timeout, read=self.policy.timeout),
                                        retries=False)

    # --- the public side ---------------------------------------------------------------------------

    def get(self, url: str, accept: Callable[[str], bool] | None = None) -> Download:
        """URL's body, following redirects, from the cache when the server says it has not changed.
        ACCEPT, given a media type, says whether it is wanted (others are refused before the body is
        read). InputError, naming URL, for anything that is not a usable answer."""
        url = check_url(url)
        return self._follow(url, accept, robots=True)

    def stored(self, url: str) -> Download | None:
        """URL's body as the cache holds it, following stored redirects, without any request."""
        seen = set()
        current = check_url(url)
        while current not in seen:
            seen.add(current)
            got = self._recall(current)
            if got is None:
                return None
            meta, body = got
            if meta.get("location"):
                current = meta["location"]
                continue
            self.counts["stored"] += 1
            kind, charset = media_type(meta.get("content_type"))
            return Download(url, current, kind, charset, body, "stored")
        return None

    # --- redirects, robots.txt and the cache ------------------------------------------------------

    def _recall(self, url: str) -> tuple[dict, bytes | None] | None:
        return self.cache.get(url) if self.cache else self.memory.get(url)

    def _remember(self, url: str, meta: dict, body: bytes | None) -> None:
        if self.cache:
            self.cache.put(url, meta, body)
        else:
            self.memory[url] = (meta, body)

    def _follow(self, url: str, accept, robots: bool) -> Download:
        chain = [url]
        current = url
        for _ in range(self.policy.max_redirects + 1):
            if robots:
                self._check_robots(url, current)
            stored = self._recall(current)
            validators = stored[0] if stored and not stored[0].get("location") else {}
            ans = self._exchange(url, current, validators, accept)
            if ans.status in REDIRECT_STATUS:
                target = ans.headers.get("location")
                if not target:
                    raise InputError(url, f"HTTP {ans.status} redirect without a Location")
                try:
                    nxt = check_url(urljoin(current, target))
                except InputError:
                    raise InputError(url, f"redirected to a URL that is not http(s) ({target[:80]})")
                if nxt in chain:
                    raise InputError(url, "redirect loop (" + " -> ".join(chain + [nxt]) + ")")
                self._remember(current, {"status": ans.status, "location": nxt}, None)
                chain.append(nxt)
                current = nxt
                continue
            if ans.status == 304 and stored:
                self.counts["not modified"] += 1
                meta, body = stored
                kind, charset = media_type(meta.get("content_type"))
                return Download(url, current, kind, charset, body, "not modified")
            if ans.status != 200:
                raise HttpError(url, ans.status, ans.headers.get("kg-reason", ""))
            kind, charset = media_type(ans.headers.get("content-type"))
            meta = {"status": ans.status, "content_type": ans.headers.get("content-type", ""),
                    "etag": ans.headers.get("etag"), "last_modified": ans.headers.get("last-modified")}
            self._remember(current, meta, ans.body)
            self.counts["downloaded"] += 1
            return Download(url, current, kind, charset, ans.body or b"", "downloaded")
        raise InputError(url, f"more than {self.policy.max_redirects} redirects (" + " -> ".join(chain) + ")")

    def _check_robots(self, url: str, current: str) -> None:
        parts = urlsplit(current)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            self.robots[origin] = self._read_robots(origin)
        rules = self.robots[origin]
        if not rules.can_fetch(self.policy.user_agent, current):
            why = getattr(rules, "kg_reason", "disallowed by robots.txt")
            raise InputError(url, why if current == url else f"{why} (redirected to {current})")

    def _read_robots(self, origin: str) -> RobotFileParser:
        """The host's robots.txt rules: allow all when it has none (4xx), disallow all when it answers
        401/403 or cannot be read (RFC 9309); a Crawl-delay slows this host's clock."""
        rules = RobotFileParser(f"{origin}/robots.txt")
        try:
            got = self._follow(f"{origin}/robots.txt", None, robots=False)
            rules.parse(got.body.decode("utf-8", "replace").splitlines())
        except HttpError as e:
            if e.status in (401, 403):
                rules.disallow_all = True
                rules.kg_reason = f"robots.txt is forbidden (HTTP {e.status}), so the site is not fetched"
            elif 400 <= e.status < 500:
                rules.allow_all = True
            else:
                rules.disallow_all = True
                rules.kg_reason = f"robots.txt could not be read (HTTP {e.status}), so the site is not fetched"
        except InputError as e:
            rules.disallow_all = True
            rules.kg_reason = f"robots.txt could not be read ({e.problem}), so the site is not fetched"
        delay = rules.crawl_delay(self.policy.user_agent) if not (rules.allow_all or rules.disallow_all) else None
        if delay:
            self.hosts.delays[host_of(origin)] = float(delay)
        return rules

    # --- one request, retried ----------------------------------------------------------------------

    def _exchange(self, url: str, current: str, validators: dict, accept) -> _Answer:
        headers = {}
        if validators.get("etag"):
            headers["If-None-Match"] = validators["etag"]
        if validators.get("last_modified"):
            headers["If-Modified-Since"] = validators["last_modified"]
        attempt = 0
        while True:
            try:
                ans = self._request(url, current, headers, accept)
            except InputError as e:
                if not getattr(e, "retry", False) or attempt >= self.policy.retries:
                    raise
                pause = self.policy.backoff * 2 ** attempt
            else:
                if ans.status not in RETRY_STATUS:
                    return ans
                pause = max(self.policy.backoff * 2 ** attempt, retry_after(ans.headers.get("retry-after")) or 0.0)
                if attempt >= self.policy.retries or pause > MAX_RETRY_AFTER:
                    raise HttpError(url, ans.status, ans.headers.get("kg-reason", ""))
            attempt += 1
            self.sleep(pause)

    def _request(self, url: str, current: str, headers: dict, accept) -> _Answer:
        self.hosts.wait(host_of(current))
        self.counts["requests"] += 1
        try:
            r = self.http.request("GET", current, headers={**self.headers, **headers}, redirect=False,
                                  preload_content=False)
        except ux.NewConnectionError as e:
            raise _retryable(url, f"connection failed ({_short(e)})")
        except ux.TimeoutError:
            raise _retryable(url, f"timed out after {self.policy.timeout:g} s")
        except ux.HTTPError as e:
            raise _retryable(url, f"connection failed ({_short(e)})")
        done = False                # the whole response read: its connection can serve the next request
        try:
            hdrs = {k.lower(): v for k, v in r.headers.items()}
            hdrs["kg-reason"] = r.reason or ""
            if r.status != 200:
                r.drain_conn()      # redirects, 304s and errors: a short body, read and dropped
                done = True
                return _Answer(r.status, hdrs)
            kind, _ = media_type(hdrs.get("content-type"))
            if accept and kind and not accept(kind):
                raise InputError(url, f"not an HTML page or a feed (content type {kind})")
            body = self._read_body(url, r, hdrs)
            done = True
            return _Answer(200, hdrs, body)
        finally:
            if done:
                r.release_conn()
            else:
                r.close()           # a body refused or cut short: never hand that connection back to the pool

    def _read_body(self, url: str, r, hdrs: dict) -> bytes:
        limit = self.policy.max_bytes
        size = hdrs.get("content-length", "")
        if size.isdigit() and int(size) > limit:
            raise InputError(url, f"page is {int(size):,} bytes, over the {limit:,}-byte limit")
        chunks, total, start = [], 0, time.monotonic()
        try:
            for chunk in r.stream(64 * 1024):
                total += len(chunk)
                if total > limit:
                    raise InputError(url, f"page is over the {limit:,}-byte limit")
                if time.monotonic() - start > 3 * self.policy.timeout:
                    raise _retryable(url, f"timed out after {3 * self.policy.timeout:g} s reading the page")
                chunks.append(chunk)
        except ux.TimeoutError:
            raise _retryable(url, f"timed out after {self.policy.timeout:g} s")
        except (ux.ProtocolError, ux.DecodeError) as e:
            raise _retryable(url, f"connection broke off ({_short(e)})")
        return b"".join(chunks)


def _retryable(url: str, problem: str) -> InputError:
    e = InputError(url, problem)
    e.retry = True
    return e


def _short(e: Exception) -> str:
    """The last, human part of a urllib3 error ('[Errno 111] Connection refused')."""
    text = str(e.reason if getattr(e, "reason", None) else e)
    return text.rsplit(": ", 1)[-1].strip(" )'\"") or type(e).__name__


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number of seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
