"""Reads the event mentions of one article: each trigger's kind and name, then when, where and who
from its own clause (and the clause it is coordinated with or depends on when it has none of its
own); a meeting held beside a summit or before it is its own event."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span, Token

from kg.extraction.actors import ActorIndex
from kg.extraction.events.clauses import CLAUSE_DEPS, NEAR_DEPS, ACTOR_DEPS, is_sequenced, local_tokens
from kg.extraction.events.context import ArticleContext, EventMention
from kg.extraction.events.dateline import dateline_place
from kg.extraction.events.pairs import coordinated_pairs, is_pair_expression
from kg.extraction.events.triggers import kind_of, name_of, sentence_triggers
from kg.extraction.events.when import date_after, date_in, lede_day, resolved_days, when, wire_weekday
from kg.extraction.events.where import PLACE_PREPS, VISIT_PREPS, chain, pick, seat_city, told_here, unnamed_city, where
from kg.extraction.events.who import joined_by, read_participants
from kg.extraction.syntax import governing_verb, tense
from kg.lexicon import word_set


def article_context(doc: Doc, idx: ActorIndex, ref: date | None, year_hint: int | None,
                    dateline: str | None = None) -> ArticleContext:
    """The article as the event readers see it: its dateline place, the pairs it names together, its
    triggers sentence by sentence, and its day-level dates (in that order: each step uses the last)."""
    ctx = ArticleContext(doc, idx, ref, year_hint)
    ctx.dateline = dateline_place(ctx, dateline)
    ctx.pairs = coordinated_pairs(ctx)
    ctx.by_sentence = [(sent, sentence_triggers(ctx, sent)) for sent in ctx.sents]
    ctx.triggers = sorted(t.i for _, ts in ctx.by_sentence for t in ts)
    ctx.day_dates = resolved_days(ctx)
    ctx.quote_ref = lede_day(ctx)
    return ctx


def read_mentions(ctx: ArticleContext) -> list[EventMention]:
    """Every event mention of the article, each read from its own clause."""
    out = []
    occasion = None
    for sent, triggers in ctx.by_sentence:
        stop = {t.i for t in triggers}
        for t in triggers:
            m = read_mention(ctx, t, sent, stop)
            if m is not None:
                ctx.read_by_trigger[t.i] = m
                if m.date is None:
                    m.date = date_after(ctx, t, sent)
                if t.lemma_.lower() in word_set("occasion_nouns.txt"):
                    if occasion and m.definite and not any(c.dep_ in ("compound", "amod") for c in t.children):
                        m.kind = occasion      # "the ceremony": the one last told of
                    occasion = m.kind
                out.append(m)
    joined_by(ctx, out)
    return out


def read_mention(ctx: ArticleContext, t: Token, sent: Span, stop: set[int]) -> EventMention | None:
    """One event mention: its kind and name, then when, where and who from its own clause."""
    kind = kind_of(ctx, t)
    is_verb = t.pos_ == "VERB"
    verb = t if is_verb else governing_verb(t)
    if is_verb and t.lemma_ in ("welcome", "host"):
        objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        if not any(ctx.idx.in_span(list(o.subtree)) or is_pair_expression(o) for o in objs):
            return None                 # "welcomed the decision": no one was welcomed
    m = EventMention(kind=kind, name=name_of(t, ctx.doc), sent=sent)
    own_near = local_tokens(t, stop, NEAR_DEPS) if not is_verb else []
    acl = [c for c in t.children if c.dep_ == "acl" and c.tag_ == "VBN"] if not is_verb else []
    own_near += [x for c in acl for x in local_tokens(c, stop, CLAUSE_DEPS)]     # "talks held in Oslo on Monday"
    own_near.sort(key=lambda x: x.i)
    own_wide = local_tokens(t, stop, NEAR_DEPS | ACTOR_DEPS) if not is_verb else []
    clause = local_tokens(verb, stop | {t.i}, CLAUSE_DEPS) if (is_verb or verb.i != t.i) else []
    clause += wire_weekday(ctx, verb) if verb.pos_ in ("VERB", "AUX") else []
    m.date = when(ctx, t, verb, own_near, clause, stop)
    m.location = where(ctx, t, verb, kind, own_near, own_wide, clause, stop)
    if t.pos_ != "VERB" and is_sequenced(t):
        m.apart |= {x for x in ctx.triggers if x != t.i and ctx.sent_no.get(x) == ctx.sent_no.get(t.i)
                    and (x == verb.i or governing_verb(ctx.doc[x]).i == verb.i)}   # "met X ahead of the summit"
    wh = [c for c in t.children if c.lower_ in ("where", "when") or c.dep_ == "prep" and any(
        g.lower_ == "which" for g in c.children)] if is_verb and t.dep_ in ("relcl", "advcl") else []
    if wh:                                       # "a visit to X on Monday, where he met Y"
        ante = t.head if t.dep_ == "relcl" else next(
            (x for x in reversed(ctx.doc[sent.start:wh[0].i]) if x.pos_ in ("NOUN", "PROPN")), None)
        if ante is not None:
            antecedent_event(ctx, m, t, stop, ante)
    host = held_beside(ctx, t, verb)
    if host is not None:
        m.apart.add(host.i)             # a meeting on the sidelines of a summit is its own, held where and when it is
        m.date = m.date or date_in(ctx, clause, verb) or date_in(ctx, local_tokens(host, stop - {host.i}, NEAR_DEPS), verb)
        m.location = m.location or pick(ctx, chain(ctx, local_tokens(host, stop - {host.i}, NEAR_DEPS), PLACE_PREPS,
                                                   {host.i}))
    if t.lemma_.lower() == "council" and m.date is None and m.location is None:
        return None                     # a council named as a body, not as a session
    read_participants(ctx, m, t, verb, own_wide, stop)
    if t.lemma_.lower() in word_set("occasion_nouns.txt") and not (m.date and m.date.granularity == "day") \
            and not m.attendees:
        return None                     # "after a long lunch": a meal, not a meeting of anyone
    if m.location is None and ctx.dateline and kind not in ("Call", "PressConference") and \
            (told_here(ctx, t, verb) or (m.date and ctx.ref and m.date.iso == ctx.ref.isoformat()
                                         and m.date.granularity == "day" and t.i not in ctx.quoted
                                         and ctx.sent_no.get(t.i, -1) in ctx.dateline_sents)):
        m.location = ctx.dateline
    m.definite = (not is_verb) and (any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children)
                                    or (t.dep_ == "nsubj" and verb.lemma_ in word_set("aspect_verbs.txt")))
    m.position = t.i
    m.tense = tense(verb) if verb.pos_ in ("VERB", "AUX") else None
    return m


def antecedent_event(ctx: ArticleContext, m: EventMention, t: Token, stop: set[int], h: Token) -> None:
    """A meeting told in a 'where'/'during which' clause happens at the place and on the day of what
    the clause hangs on (H: a place, or an event with its own day and place)."""
    key = ctx.idx.at(h) or unnamed_city(ctx, h)
    if m.location is None and key and ctx.types().get(key, ctx.idx.type_of(key)) in ("City", "Place", "Country"):
        m.location = seat_city(ctx, h, key) or key
    g = governing_verb(h)
    events = [x for x in [h] + [c for c in g.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
              if x.i in ctx.triggers]             # the event the clause hangs on, or its clause's
    near = [y for x in events for y in local_tokens(x, stop - {x.i}, NEAR_DEPS)]
    told = [ctx.read_by_trigger[x.i] for x in events if x.i in ctx.read_by_trigger]
    m.location = m.location or next((x.location for x in told if x.location), None)
    m.date = m.date or next((x.date for x in told if x.date), None)
    if m.location is None and events:
        m.location = pick(ctx, chain(ctx, near, VISIT_PREPS, {x.i for x in events}))
    if m.date is None:
        toks = near + (local_tokens(g, stop | {t.i}, CLAUSE_DEPS) if g.pos_ in ("VERB", "AUX") else [])
        m.date = date_in(ctx, sorted(toks, key=lambda x: x.i), g)


def held_beside(ctx: ArticleContext, t: Token, verb: Token) -> Token | None:
    """'met X on the sidelines of the summit': the event a meeting is held beside (its own event)."""
    for h in ([t, verb] if t.i != verb.i else [t]):
        for p in h.children:
            if p.dep_ != "prep" or p.lower_ not in ("on", "at", "during"):
                continue
            for side in p.children:
                if side.dep_ == "pobj" and side.lemma_.lower() in word_set("sideline_nouns.txt"):
                    for of in side.children:
                        if of.dep_ == "prep" and of.lower_ == "of":
                            ev = [g for g in of.children if g.dep_ == "pobj" and g.i in ctx.triggers]
                            if ev:
                                return ev[0]
    return None
