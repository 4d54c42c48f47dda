"""Read articles from .txt, .jsonl and .html files or folders of them, one bad item never stopping the rest."""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import InputError
from kg.pages import MAX_PAGE_BYTES, article_of_html, page_text
from kg.records import Article

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f]")
SUFFIXES = {".txt", ".jsonl", ".html", ".htm"}
MAX_CHARS = 1_000_000          # spaCy's own max_length; longer texts are refused, not truncated
JSONL_FIELDS = {"id": str, "text": str, "title": str, "published": str, "publisher": str, "url": str}


@dataclass
class IngestReport:
    """Articles read, one message per item that was skipped, and notes (folders left out on purpose)."""
    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    web: object | None = None          # a kg.web.WebReport when URLs were read


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


def check_text(text: str, path, line: int | None = None) -> str:
    """TEXT, unless it is empty or over spaCy's length limit (InputError naming PATH and LINE)."""
    if not text.strip():
        raise InputError(path, "empty article (no text)", line)
    if len(text) > MAX_CHARS:
        raise InputError(path, f"article has {len(text):,} characters, over the {MAX_CHARS:,} limit", line)
    return text


def read_txt(path: Path) -> Article:
    """One article from a .txt file (its first line the headline when it is shaped like one)."""
    text = check_text(decode(path.read_bytes(), path), path)
    return Article(id=path.stem, text=text, source=str(path))


def read_html(path: Path) -> Article:
    """One article from a saved HTML page: trafilatura's main text and the page's metadata (kg.pages)."""
    raw = path.read_bytes()
    if len(raw) > MAX_PAGE_BYTES:
        raise InputError(path, f"page is {len(raw):,} bytes, over the {MAX_PAGE_BYTES:,}-byte limit")
    if b"\x00" in raw:
        raise InputError(path, "binary file (contains NUL bytes), not an article")
    article = article_of_html(page_text(raw), path.stem, str(path))
    check_text(article.text, path)
    return article


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
    text = check_text(rec["text"].replace("\r\n", "\n"), path, n)
    title = rec.get("title")
    return Article(id=rec["id"].strip(), text=text, source=f"{path}:{n}" if n is not None else str(path), title=title,
                   published=rec.get("published"), publisher=rec.get("publisher"),
                   url=rec.get("url"), authors=tuple(authors))


def is_build_folder(d: Path) -> bool:
    """A folder `kg build` wrote (graph.ttl beside articles/): its graph.html is an output, not an article."""
    return (d / "graph.ttl").is_file() and (d / "articles").is_dir()


def files_under(folder: Path, outputs: set[Path], notes: list[str]) -> list[Path]:
    """Article files under FOLDER (recursively, sorted; hidden ones left out), never inside an output
    folder: one of OUTPUTS (resolved paths) or any folder a build wrote; each one skipped gets a note."""
    def unreadable(err: OSError):
        if Path(err.filename) == folder:
            raise err
    found = []
    for root, dirs, names in os.walk(folder, onerror=unreadable):
        here = Path(root)
        if here.resolve() in outputs or is_build_folder(here):
            notes.append(f"not reading {here}: it is a kg output folder")
            dirs[:] = []
            continue
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [here / n for n in names if not n.startswith(".") and Path(n).suffix.lower() in SUFFIXES]
    return sorted(found)


def discover(sources: Iterable[str | Path], exclude: Iterable[str | Path] = (),
             notes: list[str] | None = None) -> tuple[list[Path], list[InputError]]:
    """Files to read under SOURCES (folders recursively, sorted), and errors for unusable paths. Folders
    in EXCLUDE (the build's output folder) and folders a build wrote are not read; NOTES says so."""
    files, errors = [], []
    outputs = {Path(x).resolve() for x in exclude}
    notes = notes if notes is not None else []
    for src in sources:
        p = Path(src)
        if not p.exists():
            errors.append(InputError(p, "no such file or folder"))
        elif p.is_dir():
            try:
                found = files_under(p, outputs, notes)
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


def ingest(sources: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> IngestReport:
    """Every readable article under SOURCES (never inside the output folders of EXCLUDE); duplicates of
    an id already seen are refused."""
    report = IngestReport()
    files, report.errors = discover(sources, exclude, report.notes)
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
