"""Read articles from .txt, .jsonl and .html files or folders of them, one bad item never stopping the rest."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import InputError
from kg.records import Article

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f]")
SUFFIXES = {".txt", ".jsonl", ".html", ".htm"}
MAX_CHARS = 1_000_000          # spaCy's own max_length; longer texts are refused, not truncated
JSONL_FIELDS = {"id": str, "text": str, "title": str, "published": str, "publisher": str, "url": str}


@dataclass
class IngestReport:
    """Articles read, and one message per item that was skipped."""
    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def decode(raw: bytes, path) -> str:
    """Bytes to text: UTF-8 (BOM or not), else cp1252/Latin-1; binary data is refused."""
    if b"\x00" in raw:
        raise InputError(path, "binary file (contains NUL bytes), not an article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(CONTROL_CHARS.findall(text)) > len(text) / 100 + 2:
        raise InputError(path, "binary file (control characters), not an article")
    return text


def _check_text(text: str, path, line: int | None = None) -> str:
    if not text.strip():
        raise InputError(path, "empty article (no text)", line)
    if len(text) > MAX_CHARS:
        raise InputError(path, f"article has {len(text):,} characters, over the {MAX_CHARS:,} limit", line)
    return text


class _TextOfHtml(HTMLParser):
    """Visible text of an HTML page: paragraphs and headings, no scripts, styles or navigation."""
    SKIP = {"script", "style", "nav", "footer", "header", "aside", "form", "noscript", "figure", "button"}
    BLOCK = {"p", "h1", "h2", "h3", "h4", "li", "div", "br", "title", "article", "section", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: str | None = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        if tag == "title":
            self._in_title = True
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title = (self.title or "") + data
            return
        if not self.skip:
            self.parts.append(data)


def html_to_text(page: str) -> tuple[str | None, str]:
    """(title, body text) of an HTML page."""
    p = _TextOfHtml()
    p.feed(page)
    text = re.sub(r"[ \t]+", " ", "".join(p.parts))
    text = re.sub(r"\n\s*\n\s*", "\n\n", text).strip()
    title = html.unescape(p.title).strip() if p.title else None
    return title, text


def read_txt(path: Path) -> Article:
    """One article from a .txt file (its first line the headline when it is shaped like one)."""
    text = _check_text(decode(path.read_bytes(), path), path)
    return Article(id=path.stem, text=text, source=str(path))


def read_html(path: Path) -> Article:
    """One article from an HTML page's visible text."""
    title, body = html_to_text(decode(path.read_bytes(), path))
    _check_text(body, path)
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    return Article(id=path.stem, text=text, source=str(path))


def read_jsonl(path: Path) -> Iterator[Article | InputError]:
    """One Article per good line; an InputError for each bad line (the file goes on)."""
    text = decode(path.read_bytes(), path)
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(path, f"not valid JSON ({e.msg})", n)
            continue
        if not isinstance(rec, dict):
            yield InputError(path, "a line must be a JSON object", n)
            continue
        try:
            yield article_of_record(rec, path, n)
        except InputError as e:
            yield e


def article_of_record(rec: dict, path, n: int | None) -> Article:
    """An Article from a JSON record (a .jsonl line, or a dict a caller passes); PATH and line N name it in errors."""
    if "text" not in rec:
        raise InputError(path, "missing field 'text'", n)
    if "id" not in rec:
        raise InputError(path, "missing field 'id'", n)
    if isinstance(rec["id"], int) and not isinstance(rec["id"], bool):
        rec = {**rec, "id": str(rec["id"])}
    for key, typ in JSONL_FIELDS.items():
        if rec.get(key) is not None and not isinstance(rec[key], typ):
            raise InputError(path, f"field '{key}' must be a string, not {type(rec[key]).__name__}", n)
    authors = rec.get("authors") or ()
    if isinstance(authors, str):
        authors = (authors,)
    if not isinstance(authors, (list, tuple)) or not all(isinstance(a, str) for a in authors):
        raise InputError(path, "field 'authors' must be a list of strings", n)
    if not rec["id"].strip():
        raise InputError(path, "field 'id' is empty", n)
    text = _check_text(rec["text"].replace("\r\n", "\n"), path, n)
    title = rec.get("title")
    return Article(id=rec["id"].strip(), text=text, source=f"{path}:{n}" if n is not None else str(path), title=title,
                   published=rec.get("published"), publisher=rec.get("publisher"),
                   url=rec.get("url"), authors=tuple(authors))


def discover(sources: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Files to read under SOURCES (folders recursively, sorted), and errors for unusable paths."""
    files, errors = [], []
    for src in sources:
        p = Path(src)
        if not p.exists():
            errors.append(InputError(p, "no such file or folder"))
        elif p.is_dir():
            try:
                found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                               and not any(part.startswith(".") for part in f.relative_to(p).parts))
            except PermissionError:
                errors.append(InputError(p, "folder cannot be read (permission denied)"))
                continue
            if not found:
                errors.append(InputError(p, "folder holds no articles (.txt, .jsonl or .html files)"))
            files += found
        elif p.suffix.lower() in SUFFIXES:
            files.append(p)
        else:
            errors.append(InputError(p, f"unsupported file type '{p.suffix}' (use .txt, .jsonl or .html)"))
    return files, errors


def read_file(path: Path) -> Iterator[Article | InputError]:
    """The articles of one file, or an InputError naming the file and the problem."""
    try:
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from read_jsonl(path)
        elif suffix in (".html", ".htm"):
            yield read_html(path)
        else:
            yield read_txt(path)
    except InputError as e:
        yield e
    except PermissionError:
        yield InputError(path, "file cannot be read (permission denied)")
    except OSError as e:
        yield InputError(path, f"file cannot be read ({e.strerror or e})")


def ingest(sources: Iterable[str | Path]) -> IngestReport:
    """Every readable article under SOURCES; duplicates of an id already seen are refused."""
    report = IngestReport()
    files, report.errors = discover(sources)
    seen: dict[str, str] = {}
    for f in files:
        for item in read_file(f):
            if isinstance(item, InputError):
                report.errors.append(item)
            elif item.id in seen:
                path, _, line = item.source.rpartition(":") if f.suffix.lower() == ".jsonl" else (item.source, "", "")
                report.errors.append(InputError(path or item.source, f"duplicate article id '{item.id}' (first in {seen[item.id]})",
                                                int(line) if line.isdigit() else None))
            else:
                seen[item.id] = item.source
                report.articles.append(item)
    return report
