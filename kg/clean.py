"""Take page furniture out of an article and read its metadata (headline, dateline, credits) before NLP.

Furniture is found by general signals: the vocabulary of web widgets on short lines, headings
that open lists of other headlines or author bios, first-person bios, photo credits and
credit lines. Nothing here knows any particular article.
"""
from __future__ import annotations

import re

from kg import dates
from kg.lexicon import patterns
from kg.records import Article, CleanArticle, Metadata

SHORT_LINE_WORDS = 30
AGENCY = r"(?P<agency>[A-Z][\w&.' -]{1,40}?)"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]+)?)\s*"
    r"(?:,\s*(?P<date>[A-Za-z]{3,9}\.?\s*\d{1,2}(?:,?\s*\d{4})?|\d{1,2}\s+[A-Za-z]{3,9}(?:\s+\d{4})?))?\s*"
    r"(?:\(" + AGENCY + r"\)\s*)?[–—-]+\s*(?=[A-Z\"“])")
AGENCY_LEAD = re.compile(r"^\(" + AGENCY + r"\)\s*[–—-]*\s*(?=[A-Z\"“])")
STAMP_LINE = re.compile(r"^(?P<kind>published|posted|updated|first published|last updated)\b[:\s]*(?P<rest>.{0,80})$", re.I)
SOURCE_LINE = re.compile(r"^(?:source|publisher)\s*:\s*(?P<pub>[^,;]{2,60}?)\s*(?:,\s*(?P<date>.+?))?\s*$", re.I)
BY_LINE = re.compile(r"^[Bb][Yy]\s+(?P<who>[A-Z][\w.'’\- ]{1,60}?(?:\s*(?:,|and|&)\s*[A-Z][\w.'’\- ]{1,40})*)\s*$")
PHOTO_CREDIT = re.compile(
    r"(\b(?:photo|picture|image)s?\s*(?:credit)?\s*:.*$|\s*\(?(?:©|\bcopyright\b).*$|"
    r"\s+[A-Z]{3,}(?:\s+[A-Z]{3,})?\s*/\s*[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}\s*$|"
    r"\s*\b(?:getty images|afp via getty|ap photo|reuters photo)\b.*$)", re.I)
FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|[Mm]e|[Mm]y|[Mm]yself)\b")
QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
NAME_ONLY = re.compile(r"^[A-Z][\w'’\-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’\-]+)){1,3}$")
IMPERATIVE = re.compile(r"^\W*(register|sign|subscribe|share|follow|connect|click|download|give|leave|read|copy|join|get|"
                        r"our|all rights|copyright)\b", re.I)
READ_MORE_TAIL = re.compile(r"\s*\b(?:read more|continue reading|read the full story)\.?\s*$", re.I)


def words(line: str) -> int:
    return len(line.split())


def is_sentence(line: str) -> bool:
    """Body text: long enough and closed by sentence punctuation (possibly inside a quote)."""
    return words(line) >= 8 and bool(re.search(r"[.!?…][\"”’')\]]*\s*$", line))


def is_furniture(line: str) -> bool:
    """A short line in the vocabulary of web widgets (subscribe, share, comment, copyright...)."""
    n = words(line)
    if n > SHORT_LINE_WORDS:
        return False
    if n >= 12 and is_sentence(line) and not IMPERATIVE.match(line):
        return False                      # a news sentence that happens to say 'subscribe' or 'comment'
    return any(p.search(line) for p in patterns("furniture.txt"))


def is_tail_heading(line: str) -> bool:
    s = line.strip(" -–—:•*#").strip()
    return words(s) <= 6 and any(p.fullmatch(s) for p in patterns("tail_headings.txt"))


def is_bio(line: str) -> bool:
    """First-person prose outside quotes: an author's self-presentation, not news."""
    bare = QUOTED.sub(" ", line)
    return len(FIRST_PERSON.findall(bare)) >= 2


def is_headline_shaped(line: str) -> bool:
    """A line of a list of other headlines: no closing sentence punctuation, modest length."""
    return words(line) <= 25 and not re.search(r"[.!?][\"”’)]*\s*$", line)


def credit_names(line: str) -> tuple[list[str], bool]:
    """Names in a credit line ('Reporting by A; Editing by B and C'); (names, is_credit_line)."""
    rx = "|".join(p.pattern for p in patterns("credit_lines.txt"))
    if not re.match(rf"^\s*(?:{rx})\b", line, re.I):
        return [], False
    names = []
    for part in re.split(r";|\.\s", line):
        m = re.search(rf"(?:{rx})\s+(.+)$", part.strip(), re.I)
        if m:
            for n in re.split(r",|\band\b|&", m.group(1)):
                n = n.strip(" .")
                if n and n[0].isupper():
                    names.append(re.sub(r"^the\s+(?=\S+\s+\S)", "", n, flags=re.I))   # "The Associated Press"
    return names, True


def split_headline(article: Article, lines: list[str]) -> tuple[str | None, list[str]]:
    """The title: the record's own, else a first line shaped like a headline (short, unpunctuated)."""
    if article.title:
        return article.title.strip(), lines
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        return None, lines
    cand = lines[first].strip()
    if words(cand) <= 25 and not re.search(r"[.!?:]\s*$", cand) and not is_furniture(cand):
        return cand, lines[first + 1:]
    return None, lines


def clean(article: Article, year_hint: int | None = None) -> CleanArticle:
    """Furniture out, metadata in: the body that NLP reads and what the page says about itself."""
    raw_lines = [ln.replace("\xa0", " ").strip() for ln in article.text.split("\n")]
    headline, lines = split_headline(article, raw_lines)
    body: list[str] = []
    removed: list[str] = []
    authors = list(article.authors)
    contributors: list[str] = []
    publisher, dateline, pub_date, month_day = article.publisher, None, article.published, None
    in_tail = False
    seen: set[str] = set()
    for ln in lines:
        if not ln:
            continue
        ln = ln.lstrip("-•* ").strip() if re.match(r"^[-•*]\s", ln) else ln
        names, is_credit = credit_names(ln)
        if is_credit:
            contributors += names
            removed.append(ln)
            continue
        m = STAMP_LINE.match(ln)
        if m and dates.parse_explicit(m["rest"]):
            exp = dates.parse_explicit(m["rest"])
            if exp[0] and not pub_date and m["kind"].lower() in ("published", "posted", "first published"):
                d = dates.safe_date(exp[0], exp[1], exp[2])
                pub_date = d.isoformat() if d else None
            removed.append(ln)              # "Published 3:45 PM EST, January 12, 2022"
            continue
        m = SOURCE_LINE.match(ln)
        if m and words(ln) <= 10:
            publisher = publisher or m["pub"].strip()
            if m["date"] and not pub_date:
                exp = dates.parse_explicit(m["date"])
                if exp and exp[0]:
                    d = dates.safe_date(exp[0], exp[1], exp[2])
                    pub_date = d.isoformat() if d else None
            removed.append(ln)
            continue
        m = BY_LINE.match(ln)
        if m and words(ln) <= 8:
            who = [w.strip() for w in re.split(r",|\band\b|&", m["who"]) if w.strip()]
            authors += who
            if len(who) == 1 and words(who[0]) == 1 and not publisher:
                publisher = who[0]
            removed.append(ln)
            continue
        if is_tail_heading(ln):
            in_tail = True
            removed.append(ln)
            continue
        if in_tail and (is_headline_shaped(ln) or is_bio(ln) or is_furniture(ln)):
            removed.append(ln)
            continue
        in_tail = False
        new = READ_MORE_TAIL.sub("", ln)
        if new != ln and new:
            removed.append(ln[len(new):].strip())
            ln = new
        if is_furniture(ln) or is_bio(ln):
            removed.append(ln)
            continue
        credit = PHOTO_CREDIT.search(ln)
        if credit and credit.start() > 0 and not is_furniture(ln[:credit.start()]):
            removed.append(ln)              # a captioned photo: the caption goes with its credit
            continue
        # a dateline opens the first paragraph ('BRUSSELS, Jan.4 (Reuters) –', '(CNN)')
        m = DATELINE.match(ln) if not dateline and len(body) < 2 else None
        m = m or (AGENCY_LEAD.match(ln) if not body else None)
        if m:
            if m["agency"]:
                publisher = publisher or m["agency"].strip()
            if m.re is DATELINE:
                dateline = m["place"].strip().title()
                if m["date"]:
                    exp = dates.parse_explicit(m["date"])
                    if exp:
                        month_day = (exp[1], exp[2])
                        if exp[0] and not pub_date:
                            d = dates.safe_date(exp[0], exp[1], exp[2])
                            pub_date = d.isoformat() if d else None
            ln = ln[m.end():]
        key = re.sub(r"\W+", "", ln.lower())
        if key in seen:                      # repeated lines (a caption printed twice)
            removed.append(ln)
            continue
        seen.add(key)
        body.append(ln)
    # trailing name-only lines after the last sentence: a byline printed at the foot of the page
    while body and NAME_ONLY.match(body[-1]) and words(body[-1]) <= 4 and len(body) > 1:
        authors.append(body.pop())
    text = "\n\n".join(body)
    weekday = lead_weekday(text)
    if not pub_date and month_day:
        y = dates.infer_year(month_day[0], month_day[1], weekday, text, year_hint)
        d = dates.safe_date(y, *month_day) if y else None
        pub_date = d.isoformat() if d else None
    if not pub_date:
        pub_date = header_date("\n".join(body[:2]))
    meta = Metadata(headline=headline, published=pub_date, month_day=month_day, weekday_hint=weekday,
                    publisher=publisher, dateline=dateline, authors=tuple(dict.fromkeys(authors)),
                    contributors=tuple(dict.fromkeys(contributors)), url=article.url)
    return CleanArticle(id=article.id, source=article.source, body=text, meta=meta, removed=tuple(removed))


def lead_weekday(text: str) -> int | None:
    """The weekday of the lead's reporting clause ('..., a NATO official said on Tuesday')."""
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", text, maxsplit=1)[0] if text else ""
    m = re.search(r"\b(?:said|says|announced|reported|told|stated)\b[^.]{0,40}?\b(?:on\s+)?"
                  r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", first, re.I)
    m = m or re.search(r"\b(?:on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b[^.]{0,30}?\b(?:said|announced)\b", first, re.I)
    return dates.WEEKDAYS[m.group(1).lower()] if m else None


def header_date(head: str) -> str | None:
    """A full calendar date (with year) printed in the first lines: the day the page reports."""
    exp = dates.parse_explicit(head)
    if exp and exp[0]:
        d = dates.safe_date(exp[0], exp[1], exp[2])
        if d and (exp[3] is None or d.weekday() == exp[3]):
            return d.isoformat()
    return None


def explicit_year(article: Article) -> int | None:
    """The year an article's own header prints, for the build-wide year hint (cheap, no NLP)."""
    if article.published and dates.ISO.match(article.published):
        return int(article.published[:4])
    head = "\n".join(article.text.split("\n")[:6])
    exp = dates.parse_explicit(head)
    return exp[0] if exp and exp[0] else None
