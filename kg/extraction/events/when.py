"""When an event took place: the dates of its own phrase, then of its clause, then of the clause it is
coordinated with or depends on, each resolved in its clause's tense; quoted 'today' counts from the
day it was said, a lead's present perfect is the report's day, bounds ('by Thursday') date nothing."""
from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Span, Token

from kg import dates
from kg.extraction.events.clauses import CLAUSE_DEPS, local_tokens, sharing_verbs
from kg.extraction.events.context import ArticleContext
from kg.extraction.syntax import governing_verb, tense
from kg.lexicon import reporting_verbs, word_set
from kg.records import DateValue

# dates after these words bound the event, they do not date it ('a reply by Thursday')
BOUND_WORDS = {"since", "by", "until", "till", "before", "after", "through", "within"}
LEDE_SENTENCES = 4          # the lead: where a dateline and the present perfect speak of the report's day


def resolved_days(ctx: ArticleContext) -> list[tuple[int, DateValue]]:
    """Every day-level date of the article in text order, resolved in its own clause's tense."""
    out = []
    for e in ctx.date_ents:
        if re.search(r"\b(same|that|next|following|previous)\s+day\b", e.text, re.I):
            continue
        v = resolve_date(ctx, e, governing_verb(e.root))
        if v is not None and v.granularity == "day" and v.text.lower() not in ("today", "tonight"):
            out.append((e.start, v))
    return out


def lede_day(ctx: ArticleContext) -> date | None:
    """The day the lead dates its story when it is before the article's own ('met yesterday'): quoted
    'today' and 'tomorrow' count from it."""
    if ctx.ref is None:
        return None
    first = [v for pos, v in ctx.day_dates if ctx.sent_no.get(pos, 99) < 3 and pos not in ctx.quoted]
    if first:
        d = date.fromisoformat(first[0].iso)
        if 0 < (ctx.ref - d).days <= 3:
            return d
    return None


def direction(verb: Token | None) -> str | None:
    """The time a clause looks to: its tense, else that of the clause it depends on ('agreed to open
    ...', 'the talks, held on Monday', '..., closing their summit'), else back for a participle
    with no finite clause; None (the nearest day) where nothing tells."""
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        return tense(verb) or "past"     # "a pact sealed on Friday", "talks held on Monday"
    t = verb
    for _ in range(5):
        got = tense(t)
        if got:
            return got
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            return None                 # "decided the plan would start on Friday": ahead of its clause, or not
        if t is not verb and t.tag_ == "VBD":
            return "past"
        if t.dep_ in ("acl", "pcomp", "advcl", "xcomp", "conj", "amod", "prep", "pobj") and t.head.i != t.i:
            t = t.head if t.head.pos_ in ("VERB", "AUX") else governing_verb(t.head)
            continue
        break
    return "past" if verb.tag_ in ("VBG", "VBN") and t.tag_ in ("VBG", "VBN") else None


def resolve_date(ctx: ArticleContext, ent: Span, verb: Token | None) -> DateValue | None:
    """A DATE entity resolved against the article's day (or, quoted, the day it was said), in the
    direction of VERB's tense; 'the same day' is the day last named."""
    text = ent.text
    if re.search(r"\b(same|that)\s+day\b", text, re.I):
        prev = [v for pos, v in ctx.day_dates if pos < ent.start]
        return DateValue(prev[-1].iso, text, "day") if prev else None
    m = re.search(r"\b(next|following|previous)\s+day\b", text, re.I)
    if m:
        prev = [v for pos, v in ctx.day_dates if pos < ent.start]
        if not prev:
            return None
        d = date.fromisoformat(prev[-1].iso) + timedelta(days=-1 if m[1].lower() == "previous" else 1)
        return DateValue(d.isoformat(), text, "day")
    ref = ctx.ref
    if ent.start in ctx.quoted and re.search(r"\b(today|tonight|tomorrow|yesterday|this (morning|afternoon|evening))\b", text, re.I):
        ref = said_on(ctx, ent) or ctx.quote_ref or ref
    how = direction(verb) if verb is not None else None
    return dates.resolve(text, ref, how, ctx.year_hint)


def said_on(ctx: ArticleContext, ent: Span) -> date | None:
    """The day a quotation was said, when its sentence dates the saying ('posted on Friday: ...')."""
    sent = ctx.sents[ctx.sent_no[ent.start]]
    for e in ctx.date_ents:
        if sent.start <= e.start < sent.end and e.start not in ctx.quoted:
            v = governing_verb(e.root)
            if v.lemma_ in reporting_verbs() or v.lemma_ in ("tweet", "write", "post"):
                got = dates.resolve(e.text, ctx.ref, "past", ctx.year_hint)
                if got and got.granularity == "day":
                    return date.fromisoformat(got.iso)
    return None


def date_in(ctx: ArticleContext, toks: list[Token], verb: Token | None, owner: Token | None = None) -> DateValue | None:
    """The first date among TOKS (day-level first); dates owned by a later trigger, durations,
    bounds ('since', 'by Thursday') and dates of other clauses are skipped."""
    found = []
    for t in toks:
        e = ctx.ents_by_token.get(t.i)
        if e is not None and e.label_ == "DATE" and t.i == e.start:
            if owner is not None and (near := ctx.nearest_trigger_before(e.start)) is not None and near != owner.i \
                    and near > owner.i:
                continue            # "a call held before the summit in Oslo on Friday": the summit's date
            if re.search(r"\b(days?|weeks?|months?|years?)\s+(after|before|later|earlier|ago)\b", e.text, re.I) \
                    and not re.search(r"\b(next|last|this)\b", e.text, re.I):
                continue
            if not dates_event(e):
                continue
            v = resolve_date(ctx, e, verb)
            if v is not None:
                found.append(v)
    day = [v for v in found if v.granularity == "day"]
    return (day or found or [None])[0]


def dates_event(e: Span) -> bool:
    """Whether a DATE entity can be an event's day: not a bound ('by Thursday', 'since May') nor 'for months'."""
    doc = e.doc
    prev = doc[e.start - 1].lower_ if e.start else ""
    if prev in BOUND_WORDS or e[0].lower_ in BOUND_WORDS:
        return False
    if prev == "of" and e.start >= 2 and doc[e.start - 2].lower_ in ("end", "beginning", "start"):
        return False
    if prev == "for" and not re.search(
            r"\b(next|last|this|coming|\w+day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", e.text, re.I):
        return False
    return True


def date_ahead(ctx: ArticleContext, toks: list[Token]) -> DateValue | None:
    """Dates of an event told as coming ('ahead of the talks on Monday') look forward."""
    for t in toks:
        e = ctx.ents_by_token.get(t.i)
        if e is not None and e.label_ == "DATE" and t.i == e.start and dates_event(e):
            got = dates.resolve(e.text, ctx.ref, "future", ctx.year_hint)
            if got is not None:
                return got
    return None


def wire_weekday(ctx: ArticleContext, verb: Token) -> list[Token]:
    """'Ghana Monday signed': a weekday between the subject and its verb (news-agency style) dates the verb."""
    out = []
    for s in verb.children:
        if s.dep_ in ("nsubj", "nsubjpass"):
            for x in s.subtree:
                e = ctx.ents_by_token.get(x.i)
                if e is not None and e.label_ == "DATE" and x.i == e.start and dates.WEEKDAY.fullmatch(e.text.strip()) \
                        and e.end <= verb.i and all(ctx.doc[j].dep_ in ("aux", "auxpass", "advmod", "neg")
                                                    for j in range(e.end, verb.i)):
                    out.append(x)
    return out


def when(ctx: ArticleContext, t: Token, verb: Token, own_near: list[Token], clause: list[Token],
         stop: set[int]) -> DateValue | None:
    """The trigger's own date first, then its clause's, then that of the clause it is coordinated
    with or depends on; an event told as coming looks forward; a lead's present perfect is the
    report's day."""
    ahead = t.dep_ == "pobj" and (t.head.lower_ == "before" or
                                  (t.head.lower_ == "of" and t.head.head.lower_ in ("ahead", "prior")))
    if ahead:       # "met X on Monday ahead of a summit": only a date after it is the summit's
        return date_ahead(ctx, own_near) or date_ahead(
            ctx, [x for x in clause if x.i > t.i and ctx.nearest_trigger_before(x.i) == t.i])
    acl = [c for c in t.children if c.dep_ == "acl" and c.tag_ == "VBN"] if t.pos_ != "VERB" else []
    got = date_in(ctx, [x for x in own_near if not any(x in c.subtree for c in acl)], verb) or \
        next((d for c in acl if (d := date_in(ctx, local_tokens(c, stop, CLAUSE_DEPS), c))), None) or \
        date_in(ctx, clause, verb, owner=t)
    if got is None and verb.pos_ in ("VERB", "AUX"):
        for other in sharing_verbs(verb):
            toks = local_tokens(other, stop | {t.i}, CLAUSE_DEPS) + wire_weekday(ctx, other)
            got = date_in(ctx, toks, other, owner=t)
            if got is not None:
                break
    if got is None and ctx.ref is not None and lede_perfect(ctx, verb, t):
        got = DateValue(ctx.ref.isoformat(), verb.text, "day")
    if got is None and ctx.ref is not None and verb.pos_ == "VERB" and verb.tag_ == "VBD" and \
            t.i not in ctx.quoted and any(c.lower_ == "earlier" and c.dep_ == "advmod" for c in verb.children):
        day = ctx.quote_ref or ctx.ref        # "X earlier met Y": earlier on the day the story tells of
        got = DateValue(day.isoformat(), "earlier", "day")
    return got


def lede_perfect(ctx: ArticleContext, verb: Token, t: Token) -> bool:
    """'X has arrived in Y', 'X and Y have signed': a present perfect in the lead tells of the
    report's day."""
    if ctx.sent_no.get(t.i, 99) >= LEDE_SENTENCES or t.i in ctx.quoted or verb.pos_ not in ("VERB", "AUX"):
        return False
    event_verbs = word_set("participate_verbs.txt") | word_set("travel_verbs.txt") | word_set("aspect_verbs.txt") \
        | word_set("attend_verbs.txt") | word_set("sign_verbs.txt")
    if verb.lemma_ == "be" or not (verb.i == t.i or verb.lemma_ in event_verbs):
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return bool(aux & {"has", "have"}) and verb.tag_ == "VBN" and not any(
        c.lower_ in ("never", "already", "ever", "repeatedly", "often") for c in verb.children)


def date_after(ctx: ArticleContext, t: Token, sent: Span) -> DateValue | None:
    """When the parse attaches a date elsewhere: a day-level date right after the trigger, with no
    other trigger between and not the date of a reporting verb ('..., an agency reported Monday')."""
    for e in ctx.date_ents:
        if e.start <= t.i or e.start > t.i + 12 or e.end > sent.end:
            continue
        if ctx.nearest_trigger_before(e.start) != t.i:
            return None
        v = governing_verb(e.root)
        if v.lemma_ in reporting_verbs() or not dates_event(e):
            continue
        if e.start in ctx.quoted and t.i not in ctx.quoted:
            continue
        got = resolve_date(ctx, e, v)
        if got is not None and got.granularity == "day":
            return got
    return None
