"""A local news site for the web tests: Python's http.server in a thread on 127.0.0.1, serving what a
test puts on it, with ETag/Last-Modified revalidation (304), redirects, slow, failing and oversized
answers, and a log of every request it received (its arrival time, path, answer and headers)."""
from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Wed, 12 Jan 2022 10:00:00 GMT"


@dataclass
class Route:
    """What one path answers."""
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0               # seconds to wait before answering (time-outs)
    fail_first: int = 0              # answer 503 this many times first (retries)
    send_length: bool = True         # False: no Content-Length, body streamed, connection closed
    validators: bool = True          # Last-Modified (and an ETag), and 304 when the request's match
    etag: bool = True                # False: Last-Modified only, revalidated by If-Modified-Since


class QuietServer(ThreadingHTTPServer):
    """A threaded server that does not print a traceback when a client hangs up (time-out and size tests)."""
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


@dataclass(frozen=True)
class Hit:
    """One request the site received."""
    at: float
    path: str
    status: int
    headers: dict


class NewsSite:
    """The site: `put(path, ...)` serves something, `url(path)` addresses it, `hits` lists requests."""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                site.answer(self)

            def log_message(self, *args):
                pass

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        """The absolute URL of PATH on this site."""
        return self.base + path

    def put(self, path: str, body: str | bytes = b"", **kw) -> str:
        """Serve BODY (and the Route options in KW) at PATH; returns its URL."""
        self.routes[path] = Route(body.encode("utf-8") if isinstance(body, str) else body, **kw)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 301) -> str:
        """A redirect from PATH to TO (a path or URL)."""
        return self.put(path, b"", status=status, headers={"Location": to}, validators=False)

    def paths(self, since: int = 0) -> list[str]:
        """The paths requested (from hit number SINCE on)."""
        return [h.path for h in self.hits[since:]]

    def answer(self, req: BaseHTTPRequestHandler) -> None:
        """Answer one request as its route says, and log it."""
        path = req.path.split("?")[0]
        route = self.routes.get(path)
        with self.lock:
            served = sum(1 for h in self.hits if h.path == path)
        if route and route.delay:
            time.sleep(route.delay)
        status, headers, body = self._response(route, req, served)
        with self.lock:
            self.hits.append(Hit(time.monotonic(), path, status, dict(req.headers)))
        try:
            req.send_response(status)
            for k, v in headers.items():
                req.send_header(k, v)
            if route and not route.send_length and status == 200:
                req.send_header("Connection", "close")
                req.close_connection = True
            else:
                req.send_header("Content-Length", str(len(body)))
            req.end_headers()
            req.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _response(self, route: Route | None, req, served: int) -> tuple[int, dict, bytes]:
        if route is None:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        if served < route.fail_first:
            return 503, {"Content-Type": "text/plain", "Retry-After": "0"}, b"busy"
        headers = {"Content-Type": route.content_type, **route.headers}
        if route.status != 200 or not route.validators:
            return route.status, headers, route.body
        headers["Last-Modified"] = LAST_MODIFIED
        if route.etag:
            headers["ETag"] = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            if req.headers.get("If-None-Match") == headers["ETag"]:
                return 304, {"ETag": headers["ETag"]}, b""
        elif req.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return 304, {}, b""
        return 200, headers, route.body

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()
