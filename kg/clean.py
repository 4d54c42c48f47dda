"""Take page furniture out of an article and read its metadata (headline, dateline, credits) before NLP.

Furniture is found by general signals: the vocabulary of web widgets on short lines, headings
that open lists of other headlines or author bios, first-person bios, photo credits and
credit lines. Nothing here knows any particular article.
"""
from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg import dates
from kg.geo import gazetteer
from kg.lexicon import patterns, reporting_verb_forms, reporting_verbs, word_set
from kg.ingest import article_of_record
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
DATELINE_ALONE = re.compile(r"^(?P<place>[A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]+)?)\s*(?:,\s*(?P<date>[A-Za-z]{3,9}\.?\s*\d{1,2}"
                            r"(?:,?\s*\d{4})?))?\s*(?:\((?P<agency>[A-Z][\w&.' -]{1,40}?)\)\s*)?(?:[–—-]+|:)\s*$")
DATELINE_COLON = re.compile(r"^(?P<place>[A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){0,2})\s*(?:,\s*(?P<date>[A-Za-z]{3,9}\.?\s*\d{1,2}"
                            r"(?:,?\s*\d{4})?))?\s*(?:\((?P<agency>[A-Z][\w&.' -]{1,40}?)\)\s*)?:\s+(?=[A-Z\"“])")
ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")
SLASH_AGENCY = re.compile(r"^(?P<place>[A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][A-Za-z.]+)?)\s*,\s*(?P<date>[A-Za-z]{3,9}\.?\s*\d{1,2}"
                          r"(?:,?\s*\d{4})?)\.?\s*/(?P<agency>[A-Za-z][\w&.\- ]{1,30})/\.?\s*(?=[A-Z\"“])")
DATELINE_MIXED = re.compile(r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:,\s*[A-Z][A-Za-z.]+)?)\s*(?:,\s*(?P<date>[A-Za-z]{3,9}\.?"
                            r"\s*\d{1,2}(?:,?\s*\d{4})?))?\s*(?:\((?P<agency>[A-Z][\w&.' -]{1,40}?)\)\s*)?[–—]+\s*(?=[A-Z\"“])")
CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?\b", re.I)
DURATION_END = re.compile(r"\s\d{1,2}:\d{2}$")
CREDIT_ONLY = re.compile(r"[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3}(?:\s*/\s*[A-Za-z][\w.,\-]*(?:\s+[A-Z][\w.\-]*){0,3})+"
                         r"(?:\s*[–—-]\s*[\w ,.]{0,30}\d[\w ,.]{0,20})?")      # 'Outlet / Agency - 11th March, 2024'

SPEAKER_TITLE = re.compile(r"^[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){0,3}:\s+\S")
CREDIT_TAIL = re.compile(
    r"(?:\s*(?:Photograph|Photo|Picture|Image)s?\s*(?:credit)?\s*:\s*[^.]{2,80}$"
    r"|\s*\((?:[A-Z][\w.\-]*\s+)?(?:Photo|Pool|Image|File)\b[^()]{0,80}\)\s*$"
    r"|\s+[A-Z][\w.\-]+(?:\s*/\s*[A-Z][\w.\-]+(?:\s+[A-Z][\w.\-]+){0,3})+(?:\s+via\s+[A-Z]+)?\s*$"
    r"|\s+(?:AP|AFP|REUTERS|Reuters|EPA|Getty Images|Xinhua|TASS|Sputnik|ANI|PTI|EFE|dpa|AA)(?:\s*/\s*\w+)*\s*$)")


@lru_cache(maxsize=1)
def page_words_rx() -> str:
    """The page-widget words as one alternation, longest first (compiled once, not per line)."""
    return "|".join(re.escape(w) for w in sorted(word_set("page_words.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _page_word_rx() -> re.Pattern:
    return re.compile(rf"\b(?:{page_words_rx()})\b")


@lru_cache(maxsize=1)
def _inline_marker_rx() -> re.Pattern:
    return re.compile(rf"(?<=[.!?”\"])\s+(?i:{page_words_rx()})\s+(?=[A-Z“\"])")


def page_word_line(line: str) -> bool:
    """A line made only of page-widget words ('Twitter', 'Email', 'EMBED </>More Videos')."""
    rest = re.sub(r"[^\w\s-]", " ", line.lower())
    rest = _page_word_rx().sub(" ", rest)
    return bool(line.strip()) and not rest.strip()


def is_stamp(line: str) -> bool:
    """A publication or update stamp: a date or a time and nothing but stamp words around it."""
    if words(line) > 18 or not (dates.parse_explicit(line) or CLOCK.search(line)):
        return False
    rest = CLOCK.sub(" ", line)
    rest = dates.DATE_WORDS.sub(" ", rest)
    rest = re.sub(r"[^a-z.\s]", " ", rest.lower())
    left = [w.strip(".") for w in rest.split() if w.strip(".") and w.strip(".") not in word_set("stamp_words.txt")]
    return not left


def is_link_label_line(line: str) -> bool:
    """'Read more: <another story's headline>', 'RELATED: ...': a link to another page."""
    m = re.match(r"^\W*([A-Za-z][A-Za-z ]{1,25}?)\s*[:|–—]\s*\S", line)
    return bool(m) and any(p.fullmatch(m.group(1).strip()) for p in patterns("link_labels.txt"))


def words(line: str) -> int:
    """The number of words of a line."""
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
    """A short heading that opens a block of furniture (related stories, about the author, comments)."""
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


@dataclass
class Page:
    """What the line rules learn while reading one article's lines: the body kept, the lines taken
    out, and the metadata the furniture gives."""
    body: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    publisher: str | None = None
    dateline: str | None = None
    published: str | None = None
    month_day: tuple[int, int] | None = None
    in_tail: bool = False
    seen: set[str] = field(default_factory=set)

    def drop(self, line: str) -> None:
        """Take LINE out of the text (it is kept in `removed` for reports and tests)."""
        self.removed.append(line)


def _iso(exp) -> str | None:
    """An explicit (year, month, day, weekday) as an ISO date, when it has a year and is a real day."""
    d = dates.safe_date(exp[0], exp[1], exp[2]) if exp and exp[0] else None
    return d.isoformat() if d else None


# --- line rules: each takes a line and the page, and returns the line to go on with, or None when the
# line is consumed (furniture or metadata). They run in this order on every non-empty line. ----------

def strip_bullet(ln: str, page: Page) -> str | None:
    """A list bullet is not text ('- The talks ...', '• ...')."""
    return ln.lstrip("-•* ").strip() if re.match(r"^[-•*]\s", ln) else ln


def credit_line(ln: str, page: Page) -> str | None:
    """'Reporting by A; Editing by B': contributors, never text."""
    names, is_credit = credit_names(ln)
    if not is_credit:
        return ln
    page.contributors += names
    page.drop(ln)
    return None


def stamp_line(ln: str, page: Page) -> str | None:
    """'Published 3:45 PM EST, January 12, 2022': the first publication stamp dates the article."""
    m = STAMP_LINE.match(ln)
    exp = dates.parse_explicit(m["rest"]) if m else None
    if not exp:
        return ln
    if not page.published and m["kind"].lower() in ("published", "posted", "first published"):
        page.published = _iso(exp)
    page.drop(ln)
    return None


def source_line(ln: str, page: Page) -> str | None:
    """'Source: Outlet, 2023-05-02': the publisher and the day."""
    m = SOURCE_LINE.match(ln)
    if not (m and words(ln) <= 10):
        return ln
    page.publisher = page.publisher or m["pub"].strip()
    if m["date"] and not page.published:
        page.published = _iso(dates.parse_explicit(m["date"]))
    page.drop(ln)
    return None


def by_line(ln: str, page: Page) -> str | None:
    """'By Ann Lee and Bo Chan': authors (a single one-word name is the outlet)."""
    m = BY_LINE.match(ln)
    if not (m and words(ln) <= 8):
        return ln
    who = [w.strip() for w in re.split(r",|\band\b|&", m["who"]) if w.strip()]
    page.authors += who
    if len(who) == 1 and words(who[0]) == 1 and not page.publisher:
        page.publisher = who[0]
    page.drop(ln)
    return None


def stamp(ln: str, page: Page) -> str | None:
    """'21 March, 2023, 09:40 am', 'Last modified: ...', 'This content was published on ...': a stamp.
    The first one that prints a full date dates the article when nothing else does."""
    if not is_stamp(ln):
        return ln
    exp = dates.parse_explicit(ln)
    if exp and exp[0] and not page.published and not re.search(r"updated|modified", ln, re.I):
        page.published = _iso(exp)
    page.drop(ln)
    return None


def by_line_with_stamp(ln: str, page: Page) -> str | None:
    """'By AP Published Date - 11:05 PM, Fri - 10 March 23': a byline followed by a stamp."""
    m = re.match(r"^[Bb][Yy]\s+(?P<who>[A-Z][\w.'’\- ]{1,40}?)\s+(?=(?:Published|Updated|Posted|Last|First|\||[–—-]))", ln)
    if not m or not is_stamp(ln[m.end():]):
        return ln
    page.authors.append(m["who"].strip())
    page.drop(ln)
    return None


def link_label(ln: str, page: Page) -> str | None:
    """'Read more: ...', 'RELATED: ...', 'WATCH: ...': a link to another story, not this one's text."""
    if is_link_label_line(ln) and words(ln) <= 30:
        page.drop(ln)
        return None
    return ln


def widgets(ln: str, page: Page) -> str | None:
    """Share buttons and video widgets: a line of widget words only, widget words in front of a caption,
    a video title ending in its running time."""
    if page_word_line(ln) or (DURATION_END.search(ln) and is_headline_shaped(ln)):
        page.drop(ln)
        return None
    m = re.match(r"^((?:[A-Za-z]+\s+){1,3})(?=[A-Z])", ln)
    if m and page_word_line(m.group(1)):
        page.drop(m.group(1).strip())
        return ln[m.end():]
    return ln


def inline_markers(ln: str, page: Page) -> str | None:
    """'... said. Advertisement The talks ...': a marker of the page between two sentences goes."""
    new = _inline_marker_rx().sub(" ", ln)
    if new != ln:
        page.drop("(marker inside a paragraph)")
    return new


def tail_heading(ln: str, page: Page) -> str | None:
    """'Related stories', 'About the author': the lines after it are furniture until text resumes."""
    if not is_tail_heading(ln):
        return ln
    page.in_tail = True
    page.drop(ln)
    return None


def tail_item(ln: str, page: Page) -> str | None:
    """Inside a block of furniture: other headlines, bios and widgets go; a news sentence ends the block."""
    if page.in_tail and (is_headline_shaped(ln) or is_bio(ln) or is_furniture(ln)):
        page.drop(ln)
        return None
    page.in_tail = False
    return ln


def read_more_tail(ln: str, page: Page) -> str | None:
    """'... the talks went on. Read more': the link text at the end of a paragraph goes."""
    new = READ_MORE_TAIL.sub("", ln)
    if new != ln and new:
        page.drop(ln[len(new):].strip())
        return new
    return ln


def furniture_or_bio(ln: str, page: Page) -> str | None:
    """Widget vocabulary on a short line, or first-person prose outside quotes."""
    if is_furniture(ln) or is_bio(ln):
        page.drop(ln)
        return None
    return ln


def captioned_photo(ln: str, page: Page) -> str | None:
    """A photo caption ending in its credit ('... in Lima. REUTERS/Ana Ruiz'): the credit goes,
    the caption stays when it is a sentence (it tells who was where), else the line goes; a line
    that is only a credit ('Agency / Photographer') goes."""
    if CREDIT_ONLY.fullmatch(ln):
        page.drop(ln)
        return None
    credit = CREDIT_TAIL.search(ln, max(0, len(ln) - 240)) or PHOTO_CREDIT.search(ln)   # a credit is a line's last words
    if not credit:
        return ln
    caption = ln[:credit.start()].rstrip()
    page.drop(ln[credit.start():].strip())
    if caption and re.search(r"[.!?][\"”’)]*$", caption) and words(caption) >= 6 and not is_furniture(caption):
        return caption
    if caption:
        page.drop(caption)
    return None


def dateline(ln: str, page: Page) -> str | None:
    """'BRUSSELS, Jan.4 (Reuters) –' or '(CNN)' opening the first paragraph: place, day and outlet out
    of the text, into the metadata."""
    early = not page.dateline and len(page.body) < 2
    m = DATELINE.match(ln) if early else None
    m = m or (AGENCY_LEAD.match(ln) if not page.body else None)
    alone = DATELINE_ALONE.match(ln) if early else None
    slash = SLASH_AGENCY.match(ln) if early and not (m or alone) else None
    colon = DATELINE_COLON.match(ln) if early and not (m or alone or slash) else None
    colon = colon or (DATELINE_MIXED.match(ln) if early and not (m or alone or slash) else None)
    if colon and not colon["place"].isupper() and not any(
            gazetteer().city(p) or gazetteer().country(p) or gazetteer().region(p) for p in colon["place"].split(",")):
        colon = None                       # 'Anna Berg: ...', 'Anna Berg — ...' are no places
    m = m or alone or slash or colon
    if not m:
        return ln
    if m["agency"]:
        page.publisher = page.publisher or m["agency"].strip()
    if m.re is not AGENCY_LEAD:
        page.dateline = m["place"].strip()
        exp = dates.parse_explicit(m["date"]) if m["date"] else None
        if exp:
            page.month_day = (exp[1], exp[2])
            if exp[0] and not page.published:
                page.published = _iso(exp)
    return ln[m.end():] or None


def repeated_line(ln: str, page: Page) -> str | None:
    """A line printed twice (a caption above and below a photo) is read once."""
    key = re.sub(r"\W+", "", ln.lower())
    if key in page.seen:
        page.drop(ln)
        return None
    page.seen.add(key)
    return ln


LINE_RULES = (strip_bullet, credit_line, stamp_line, source_line, by_line, by_line_with_stamp, stamp, link_label,
              tail_heading, tail_item, read_more_tail, widgets, inline_markers, furniture_or_bio, captioned_photo,
              dateline, repeated_line)


def is_metadata_line(ln: str) -> bool:
    """A line the metadata rules read (source, stamp, byline, credit, a dateline on its own)."""
    return bool(SOURCE_LINE.match(ln) or STAMP_LINE.match(ln) or BY_LINE.match(ln) or DATELINE_ALONE.match(ln)
                or credit_names(ln)[1] or is_stamp(ln))


def other_headlines(lines: list[str]) -> set[int]:
    """Lines that are other stories' headlines, by their shape and company: three or more headline-shaped
    lines in a row (a list of links), a 'Name: what they said' title with no closing punctuation, and
    a headline-shaped line next to a link or widget line."""
    bare = [CREDIT_TAIL.sub("", ln).rstrip() for ln in lines]        # a caption ends in its credit
    shaped = {i for i, ln in enumerate(bare) if ln and 3 <= words(ln) <= 16 and is_headline_shaped(ln)
              and not is_metadata_line(lines[i])}
    order = [i for i, ln in enumerate(lines) if ln]
    out = set()
    run: list[int] = []
    for i in order + [None]:
        if i is not None and i in shaped:
            run.append(i)
            continue
        if len(run) >= 3:
            out.update(run)
        run = []
    for i in shaped:
        if SPEAKER_TITLE.match(lines[i]) and words(lines[i]) <= 14:
            out.add(i)
    links = {i for i in order if is_link_label_line(lines[i]) or page_word_line(lines[i]) or
             (DURATION_END.search(lines[i]) and is_headline_shaped(lines[i]))}
    for n, i in enumerate(order):
        near = order[max(0, n - 1):n] + order[n + 1:n + 2]
        if i in shaped and words(lines[i]) <= 14 and any(j in links for j in near):
            out.add(i)
    return out


def clean(article: Article) -> CleanArticle:
    """Furniture out, metadata in: the body that NLP reads and what the page says about itself. The
    build's year hint, which dates a dateline that prints no year, is applied after (with_year_hint)."""
    text = html.unescape(article.text) if ENTITY.search(article.text) else article.text   # '&#233;' -> 'é'
    raw_lines = [ln.replace("\xa0", " ").strip() for ln in text.split("\n")]
    headline, lines = split_headline(article, raw_lines)
    page = Page(authors=list(article.authors), publisher=article.publisher, published=article.published)
    sidebar = other_headlines(lines)
    for i, ln in enumerate(lines):
        if i in sidebar:
            page.drop(ln)
            continue
        for rule in LINE_RULES if ln else ():
            ln = rule(ln, page)
            if ln is None:
                break
        else:
            if ln:
                page.body.append(ln)
    # trailing name-only lines after the last sentence: a byline printed at the foot of the page
    while page.body and NAME_ONLY.match(page.body[-1]) and words(page.body[-1]) <= 4 and len(page.body) > 1:
        page.authors.append(page.body.pop())
    text = "\n\n".join(page.body)
    meta = Metadata(headline=headline, published=page.published, month_day=page.month_day,
                    weekday_hint=lead_weekday(text), publisher=page.publisher, dateline=page.dateline,
                    authors=tuple(dict.fromkeys(page.authors)), contributors=tuple(dict.fromkeys(page.contributors)),
                    url=article.url)
    c = CleanArticle(id=article.id, source=article.source, body=text, meta=meta, removed=tuple(page.removed),
                     header_day=header_date("\n".join(page.body[:2])), dated=page.published is not None)
    return with_year_hint(c, None)


def with_year_hint(c: CleanArticle, year_hint: int | None) -> CleanArticle:
    """The publication day of an article whose dateline prints no year: pinned by the lead's weekday
    near the years it mentions or the build's YEAR_HINT, else the full date its first lines print."""
    if c.dated:
        return c
    published = None
    if c.meta.month_day:
        y = dates.infer_year(c.meta.month_day[0], c.meta.month_day[1], c.meta.weekday_hint, c.body, year_hint)
        d = dates.safe_date(y, *c.meta.month_day) if y else None
        published = d.isoformat() if d else None
    published = published or c.header_day
    return c if published == c.meta.published else replace(c, meta=replace(c.meta, published=published))


@lru_cache(maxsize=1)
def saying_rx() -> str:
    """The finite forms of the verbs of saying (kg/data/reporting_verbs.txt: 'said', 'tells', 'tweeted'),
    as one alternation: not the bare lemma or the -ing form, which are as often nouns ('a report')."""
    forms = sorted((f for f in reporting_verb_forms() - reporting_verbs() if not f.endswith("ing")),
                   key=len, reverse=True)
    return "|".join(re.escape(f) for f in forms)


def lead_weekday(text: str) -> int | None:
    """The weekday of the lead's reporting clause ('..., a ministry official said on Tuesday')."""
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", text, maxsplit=1)[0] if text else ""
    m = re.search(rf"\b(?:{saying_rx()})\b[^.]{{0,40}}?\b(?:on\s+)?"
                  r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", first, re.I)
    m = m or re.search(r"\b(?:on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b[^.]{0,30}?"
                       rf"\b(?:{saying_rx()})\b", first, re.I)
    return dates.WEEKDAYS[m.group(1).lower()] if m else None


def header_date(head: str) -> str | None:
    """A full calendar date (with year) printed in the first lines: the day the page reports."""
    exp = dates.parse_explicit(head)
    if exp and exp[0]:
        d = dates.safe_date(exp[0], exp[1], exp[2])
        if d and (exp[3] is None or d.weekday() == exp[3]):
            return d.isoformat()
    return None


def has_dateline(a: Article) -> bool:
    """Whether one of the first lines opens with a dateline (only then can cleaning find a date)."""
    head = [ln.strip() for ln in a.text.split("\n", 8)[:8] if ln.strip()]
    return any(DATELINE.match(ln) or AGENCY_LEAD.match(ln) for ln in head)


def explicit_year(article: Article) -> int | None:
    """The year an article's own header prints, for the build-wide year hint (cheap, no NLP)."""
    if article.published and dates.ISO.match(article.published):
        return int(article.published[:4])
    head = "\n".join(article.text.split("\n")[:6])
    exp = dates.parse_explicit(head)
    return exp[0] if exp and exp[0] else None


def meta_of(meta: Metadata | Mapping | None) -> dict:
    """Article fields from a caller's metadata (a dict, or kg's Metadata record)."""
    if meta is None:
        return {}
    if isinstance(meta, Metadata):
        return {"title": meta.headline, "published": meta.published, "publisher": meta.publisher,
                "url": meta.url, "authors": list(meta.authors)}
    return dict(meta)


def clean_text(text: str, meta: Metadata | Mapping | None = None) -> CleanArticle:
    """TEXT with its metadata as a cleaned article (furniture out, dateline and credits read)."""
    fields = meta_of(meta)
    rec = {"id": fields.pop("id", None) or "article", "text": text, **fields}
    return clean(article_of_record(rec, "text", None))
