"""Roles of persons: titles before names and in appositions, with the organisation or state they serve."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from kg.extraction.actors import ActorIndex
from kg.extraction.syntax import sentence_of
from kg.lexicon import data_lines, title_rx
from kg.records import Role

ORG_TYPES = ("Organization", "Country")


def _org_in(orgs: list, start_char: int, end_char: int, last: bool = True) -> str | None:
    """The organisation or state named between two character offsets (nearest the title)."""
    found = [m.key for m in orgs if m.start_char < end_char and m.end_char > start_char]
    if not found:
        return None
    return found[-1] if last else found[0]


@lru_cache(maxsize=1)
def _title_start():
    """The title pattern anchored at a word, and the words a title can start with (to try it only there)."""
    rx = re.compile(title_rx() + r"(?:\s+of\s+(?:State|Defen[cs]e))?", re.I)
    first = {re.split(r"[\s-]", t)[0].lower() for t in data_lines("titles.txt") + data_lines("title_modifiers.txt")}
    return rx, first


def title_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of capitalised titles ('Secretary of State'): entities inside them are not actors."""
    rx, first = _title_start()
    text, spans, end = doc.text, [], -1
    for tok in doc:
        if tok.idx >= end and tok.lower_ in first:
            m = rx.match(text, tok.idx)
            if m and any(c.isupper() for c in m.group(0)):
                spans.append((m.start(), m.end()))
                end = m.end()
    return spans


def extract_roles(doc: Doc, idx: ActorIndex) -> list[Role]:
    """Role facts for each named person whose title stands before the name or in apposition."""
    title = title_rx()
    before = re.compile(rf"(?P<title>{title})(?:\s+(?:of|for)\s+(?:the\s+)?(?P<of>[A-Z][^,]*?))?\s*,?\s*$", re.I)
    after = re.compile(rf"^\s*,\s*(?:who\s+is\s+)?(?:the\s+|a\s+|an\s+|its\s+)?(?P<pre>[^,]*?)\b(?P<title>{title})"
                       rf"(?P<post>\s+(?:for|of|at|in|to)\s+[^,]*)?", re.I)
    roles, seen = [], set()
    text = doc.text                      # Doc.text joins every token: once per doc, not per mention
    orgs = [m for m in idx.mentions if m.end > m.start and idx.actors[m.key].type in ORG_TYPES]
    for m in idx.mentions:
        if idx.actors[m.key].type != "Person":
            continue
        span = doc[m.start:m.end]
        sent = sentence_of(span)
        left = text[sent.start_char:span.start_char]
        right = text[span.end_char:sent.end_char]
        got = None
        lm = before.search(left[-120:])
        if lm:
            off = span.start_char - len(left[-120:]) + lm.start()
            org = None
            if lm["of"]:
                org = _org_in(orgs, span.start_char - len(left[-120:]) + lm.start("of"), span.start_char)
            if org is None:
                # the organisation just before the title: 'NATO Secretary General', "Ukraine's President"
                pre = text[max(sent.start_char, off - 60):off]
                pm = re.search(r"([^,;:()]*?)\s*$", pre)
                org = _org_in(orgs, off - len(pm.group(1)) - 1, off) if pm else None
                if org and not re.search(r"(['’]s|[A-Za-z.])\s*$", pre):
                    org = None
            got = (lm["title"], org)
        if got is None:
            am = after.match(right)
            if am and len(am["pre"].split()) <= 6:
                base = span.end_char
                org = None
                if am["post"]:
                    org = _org_in(orgs, base + am.start("post"), base + am.end("post"))
                if org is None and am["pre"]:
                    org = _org_in(orgs, base + am.start("pre"), base + am.end("pre"))
                got = (am["title"], org)
        if got is None:
            # "The European Union's top diplomat, Josep Borrell"
            bm = re.search(rf"(?P<pre>[^,;]*?)\b(?P<title>{title})\s*,\s*$", left, re.I)
            if bm:
                base = sent.start_char
                got = (bm["title"], _org_in(orgs, base + bm.start("pre"), base + bm.end("pre")))
        if got:
            t = " ".join(got[0].split())
            k = (m.key, t.lower(), got[1])
            if k not in seen:
                seen.add(k)
                roles.append(Role(person=m.key, title=t, org=got[1], evidence=sent.text.strip()))
    return roles
