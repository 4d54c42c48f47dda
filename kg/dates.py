"""Dates in news text: explicit dates, weekdays and relative expressions resolved against the article's day.

The direction of a bare weekday comes from the tense of its clause ("will meet on Friday" looks
forward, "said on Tuesday" looks back). A date that cannot be pinned down yields nothing.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from kg.records import DateValue

MONTHS = {m: i for i, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for m in names}
WEEKDAYS = {d: i for i, names in enumerate([
    ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thurs"),
    ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]) for d in names}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_WDAY = r"(?:(?P<wday>" + "|".join(sorted((w for w in WEEKDAYS if len(w) > 3), key=len, reverse=True)) + r")\b,?\s*)?"
_YEAR = r"(?:,?\s*(?P<year>(?:19|20)\d\d)\b)?"
MONTH_DAY = re.compile(_WDAY + _MONTH + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\b" + _YEAR, re.I)
DAY_MONTH = re.compile(_WDAY + r"(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + _YEAR, re.I)
ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
WEEKDAY = re.compile(r"\b(?P<wday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
DATE_WORDS = re.compile(r"\b(?:" + "|".join(sorted(list(MONTHS) + list(WEEKDAYS), key=len, reverse=True))
                        + r")\b\.?|\b\d{1,4}(?:st|nd|rd|th)?\b", re.I)
LATER_IN = re.compile(r"\b(later|earlier|early|late|mid|end of|beginning of)\b.*?\b" + _MONTH, re.I)


def safe_date(y: int, m: int, d: int) -> date | None:
    """The date, or None when the day does not exist."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_explicit(text: str) -> tuple[int | None, int, int, int | None] | None:
    """(year or None, month, day, weekday or None) of the first explicit calendar date in TEXT."""
    m = ISO.search(text)
    if m:
        return int(m["year"]), int(m["month"]), int(m["day"]), None
    best = None
    for rx in (MONTH_DAY, DAY_MONTH):
        for m in rx.finditer(text):
            if m["month"].lower() == "may" and not m["day"]:
                continue
            day = int(m["day"])
            if 1 <= day <= 31 and (best is None or m.start() < best[0]):
                wd = WEEKDAYS[m["wday"].lower()] if m["wday"] else None
                best = (m.start(), (int(m["year"]) if m["year"] else None, MONTHS[m["month"].lower()], day, wd))
            break
    return best[1] if best else None


def years_for(month: int, day: int, weekday: int, near: int, span: int = 12) -> list[int]:
    """Years near NEAR in which MONTH/DAY falls on WEEKDAY, nearest first."""
    ys = [y for y in range(near - span, near + span + 1)
          if (d := safe_date(y, month, day)) and d.weekday() == weekday]
    return sorted(ys, key=lambda y: (abs(y - near), -y))


def infer_year(month: int, day: int, weekday: int | None, text: str, year_hint: int | None) -> int | None:
    """The year of a dateline day that prints none: pinned by the weekday the text names, closest
    to the years the article itself mentions (or the build's year); None when nothing pins it."""
    mentioned = [int(y) for y in YEAR.findall(text)]
    anchor = max(mentioned) if mentioned else year_hint
    if weekday is not None and anchor is not None:
        ys = [y for y in years_for(month, day, weekday, anchor) if y >= anchor - 1]
        return ys[0] if ys and abs(ys[0] - anchor) <= 2 else None
    if weekday is None and year_hint is not None:
        return year_hint
    return None


def closest_year(month: int, day: int, ref: date) -> date | None:
    """MONTH/DAY in the year that puts it nearest to REF (news talks of the coming and past months)."""
    cands = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := safe_date(y, month, day))]
    return min(cands, key=lambda d: abs((d - ref).days)) if cands else None


def weekday_date(weekday: int, ref: date, direction: str | None, modifier: str | None = None) -> date:
    """The day a bare weekday names, seen from REF: past tense looks back, future forward."""
    ahead = (weekday - ref.weekday()) % 7
    if modifier == "next":
        return ref + timedelta(days=ahead or 7)
    if modifier == "last":
        return ref - timedelta(days=(ref.weekday() - weekday) % 7 or 7)
    if direction == "future":
        return ref + timedelta(days=ahead)
    if direction == "past":
        return ref - timedelta(days=(ref.weekday() - weekday) % 7)
    back = (ref.weekday() - weekday) % 7
    return ref - timedelta(days=back) if back <= ahead else ref + timedelta(days=ahead)


def monday(d: date) -> date:
    """The Monday of D's week."""
    return d - timedelta(days=d.weekday())


def resolve(text: str, ref: date | None, direction: str | None = None,
            year_hint: int | None = None) -> DateValue | None:
    """Resolve one date expression (a spaCy DATE span's text) to a DateValue, or None."""
    t = " ".join(text.split())
    low = t.lower()
    exp = parse_explicit(t)
    if exp:
        y, m, d, wd = exp
        if y is None:
            if ref is not None:
                got = closest_year(m, d, ref)
                if got and wd is not None and got.weekday() != wd:
                    ys = years_for(m, d, wd, ref.year, 1)
                    got = safe_date(ys[0], m, d) if ys else None
            elif wd is not None and year_hint is not None:
                ys = years_for(m, d, wd, year_hint, 1)
                got = safe_date(ys[0], m, d) if ys else None
            else:
                got = None
        else:
            got = safe_date(y, m, d)
            if got and wd is not None and got.weekday() != wd:
                got = None                      # "Tuesday January 12 2022" contradicts itself
        return DateValue(got.isoformat(), t, "day") if got else None
    if ref is None:
        return None
    if re.fullmatch(r"(the )?(today|tonight|this (morning|afternoon|evening))", low):
        return DateValue(ref.isoformat(), t, "day")
    if re.fullmatch(r"yesterday|last night", low):
        return DateValue((ref - timedelta(days=1)).isoformat(), t, "day")
    if low == "tomorrow":
        return DateValue((ref + timedelta(days=1)).isoformat(), t, "day")
    wm = WEEKDAY.search(low)
    if wm and re.fullmatch(r"(on |this |next |last |late |early )?(this )?\w+day('s)?( (morning|afternoon|evening|night))?", low):
        mod = "next" if low.startswith("next ") else "last" if low.startswith("last ") else None
        return DateValue(weekday_date(WEEKDAYS[wm["wday"].lower()], ref, direction, mod).isoformat(), t, "day")
    if re.fullmatch(r"(next|the coming|the following) week('s)?", low):
        return DateValue((monday(ref) + timedelta(days=7)).isoformat(), t, "week")
    if re.fullmatch(r"(last|the past|the previous) week('s)?", low):
        return DateValue((monday(ref) - timedelta(days=7)).isoformat(), t, "week")
    if re.fullmatch(r"this week('s)?", low):
        return DateValue(monday(ref).isoformat(), t, "week")
    if re.fullmatch(r"(next|the coming) month('s)?", low):
        y, m = (ref.year + (ref.month == 12), ref.month % 12 + 1)
        return DateValue(date(y, m, 1).isoformat(), t, "month")
    if re.fullmatch(r"last month('s)?", low):
        y, m = (ref.year - (ref.month == 1), (ref.month - 2) % 12 + 1)
        return DateValue(date(y, m, 1).isoformat(), t, "month")
    mm = LATER_IN.search(low) or re.fullmatch(r"(in )?" + _MONTH, low, re.I)
    if mm:
        month = MONTHS[mm["month"].lower()]
        cands = [date(y, month, 1) for y in (ref.year - 1, ref.year, ref.year + 1)]
        if direction == "future":
            cands = [c for c in cands if (c.year, c.month) >= (ref.year, ref.month)]
        elif direction == "past":
            cands = [c for c in cands if (c.year, c.month) <= (ref.year, ref.month)]
        got = min(cands, key=lambda c: abs((c - date(ref.year, ref.month, 1)).days))
        return DateValue(got.isoformat(), t, "month")
    return None


def reference_from_weekday(weekday: int, text: str, year_hint: int | None) -> date | None:
    """The day of an undated article that says only 'X said on Tuesday': the latest such weekday that
    keeps the explicit dates it looks forward to at least a week away, as news style writes them
    (weekday names within a week of the story, month and day beyond)."""
    anchors = []
    for rx in (MONTH_DAY, DAY_MONTH):
        for m in rx.finditer(text):
            y = int(m["year"]) if m["year"] else None
            mo, d = MONTHS[m["month"].lower()], int(m["day"])
            if y is None and m["wday"]:
                ys = years_for(mo, d, WEEKDAYS[m["wday"].lower()], year_hint or date.today().year, 3)
                y = ys[0] if ys and (year_hint is None or abs(ys[0] - year_hint) <= 1) else None
            y = y or year_hint
            if y and (dd := safe_date(y, mo, d)):
                anchors.append(dd)
    if not anchors:
        return None
    first = min(a for a in anchors if a.year == max(anchors).year)
    cands = [first - timedelta(days=k) for k in range(1, 22) if (first - timedelta(days=k)).weekday() == weekday]
    spaced = [c for c in cands if all((a - c).days >= 7 for a in anchors if a >= c)]
    return spaced[0] if spaced else None
