"""Where an event took place: the most specific place its own phrase gives ('at the <venue> in
<city>' is the venue, a seat of government stands for its capital, a country only where no city is
named), else its clause's, its arguments' or its coordinated clause's; a visit goes to its object."""
from __future__ import annotations

from spacy.tokens import Token

from kg.extraction.actors import clean_name
from kg.extraction.events.clauses import CLAUSE_DEPS, compounds_of, local_tokens, sharing_verbs
from kg.extraction.events.context import ArticleContext
from kg.extraction.events.places import PLACE_TYPES, capitals, specificity
from kg.lexicon import table, word_set

PLACE_PREPS = {"in", "at"}
VISIT_PREPS = PLACE_PREPS | {"to"}


def place_of(ctx: ArticleContext, t: Token, preps: set[str], anchors: set[int] | None = None) -> str | None:
    """The place key a token names when it is told as where (after 'in'/'at', 'in the city of X') on
    one of ANCHORS (the trigger, its verb: not 'partners in Africa'), a seat of government standing for
    its capital; else None."""
    key = ctx.idx.at(t) or unnamed_city(ctx, t)
    if not key or ctx.types().get(key, ctx.idx.type_of(key)) not in PLACE_TYPES:
        return None
    prep = place_preposition(ctx, t)
    if prep is None:
        return None
    if prep.lower_ not in preps or (anchors is not None and prep.head.i not in anchors):
        return None
    return seat_city(ctx, t, key) or key


def unnamed_city(ctx: ArticleContext, t: Token) -> str | None:
    """A city the model did not tag ('to Kyiv'): a proper noun outside any entity that the gazetteer
    knows as a city, told after a preposition."""
    if t.pos_ != "PROPN" or t.ent_type_ or t.dep_ != "pobj" or not t.text[:1].isupper():
        return None
    words = [c for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN" and not c.ent_type_] + [t]
    name = " ".join(w.text for w in sorted(words, key=lambda w: w.i))
    return ctx.city_key(name) if ctx.gz.city(name) else None


def seat_city(ctx: ArticleContext, t: Token, key: str) -> str | None:
    """'at the Elysee', 'in Downing Street': a seat of government named as a place is in its capital."""
    if ctx.idx.type_of(key) != "Country":
        return None
    m = ctx.idx.by_token.get(t.i)
    text = clean_name(m.text) if m else t.text
    seat = table("seats_of_government.tsv").get(text.lower())
    if not seat:
        return None
    cap = capitals().get(seat)
    return ctx.city_key(cap) if cap else None


def chain(ctx: ArticleContext, toks: list[Token], preps: set[str], anchors: set[int] | None = None) -> list[str]:
    """Place keys among TOKS told as where, in text order, each once."""
    out = []
    for t in toks:
        k = place_of(ctx, t, preps, anchors)
        if k and k not in out:
            out.append(k)
    return out


def pick(ctx: ArticleContext, keys: list[str]) -> str | None:
    """The most specific place of a chain ('at the Hofburg in Vienna, Austria'): the first venue or
    city, else the first country or region; records what lies in what."""
    if not keys:
        return None
    types = ctx.types()
    for a, b in zip(keys, keys[1:]):
        if specificity(a, types) >= specificity(b, types):
            ctx.contains.add((a, b))
    fine = [k for k in keys if types.get(k, k.split(":")[0]) in ("City", "Place") and not is_region(ctx, k)]
    return (fine or keys)[0]


def venue_named(ctx: ArticleContext, key: str) -> bool:
    """An actor whose name ends in a noun of buildings and sites ('... Palace', '... House') or starts with one."""
    a = ctx.idx.actors.get(key)
    words = (a.name if a else key.split(":", 1)[1]).lower().split()
    if len(words) > 1 and words[0] in word_set("venue_nouns.txt") and "of" not in words and \
            words[-1] not in word_set("org_heads.txt"):
        return True                  # 'Hotel Metropol', not 'House Armed Services Committee', 'Office of ...'
    return bool(words) and words[-1] in word_set("venue_nouns.txt")


def named_place(ctx: ArticleContext, t: Token, key: str) -> bool:
    """A name that is a place by itself ('Oslo talks', 'the Hofburg summit'): a city or a
    facility, not any word the model took for a place (a campaign, a group of states)."""
    typ = ctx.idx.type_of(key)
    e = ctx.ents_by_token.get(t.i)
    return typ == "City" or (typ == "Place" and e is not None and e.label_ == "FAC")


def is_region(ctx: ArticleContext, key: str) -> bool:
    """A place the model tagged as a region or body of water (LOC), not a venue or town."""
    return any(ctx.ents_by_token.get(m.start) is not None and ctx.ents_by_token[m.start].label_ == "LOC"
               for m in ctx.idx.mentions if m.key == key)


def place_preposition(ctx: ArticleContext, t: Token) -> Token | None:
    """The preposition a name hangs on, through compounds, appositions, 'the city of X' and place
    chains ('at the Hofburg in Vienna': Vienna hangs on 'at' too)."""
    head = t
    for _ in range(8):
        if head.dep_ in ("compound", "flat", "appos", "conj", "npadvmod", "nmod") and head.head.i != head.i:
            head = head.head
        elif head.dep_ == "pobj" and head.head.lower_ == "of" and (
                head.head.head.lemma_.lower() in word_set("place_nouns.txt") or placeish(ctx, head.head.head)):
            head = head.head.head          # "in the province of X", "in the X Hall of the Y Palace"
        elif head.dep_ == "pobj" and head.head.lower_ in ("in", "at") and head.head.head.dep_ == "pobj" \
                and placeish(ctx, head.head.head):
            head = head.head.head          # "at the Hofburg in Vienna": Vienna is where too
        else:
            break
    return head.head if head.dep_ == "pobj" and head.head.i != head.i else None


def placeish(ctx: ArticleContext, t: Token) -> bool:
    """A noun that names a place: a place actor, a noun a place name modifies, or a kind of place."""
    key = ctx.idx.at(t)
    if key:
        return ctx.idx.type_of(key) in PLACE_TYPES or venue_named(ctx, key)
    return t.lemma_.lower() in word_set("place_nouns.txt") | word_set("venue_nouns.txt") or any(
        (k := ctx.idx.at(c)) and ctx.idx.type_of(k) in ("City", "Place") for c in t.children if c.dep_ in ("compound", "nmod"))


def preposition_of(ctx: ArticleContext, t: Token) -> str | None:
    """The preposition a name hangs on, lower case ('X-based' counts as 'in'), or None."""
    prep = place_preposition(ctx, t)
    if prep is not None:
        return prep.lower_
    if t.i + 2 < len(ctx.doc) and ctx.doc[t.i + 1].text == "-" and ctx.doc[t.i + 2].lower_ == "based":
        return "in"
    return None


def visit_place(ctx: ArticleContext, verb: Token) -> str | None:
    """Where a visit, arrival or trip goes: its object or 'to'/'in' phrase ('visited Peru', 'arrived in Lima')."""
    objs = [c for c in verb.children if c.dep_ == "dobj"] + \
           [g for c in verb.children if c.dep_ == "prep" and c.lower_ in VISIT_PREPS for g in c.children if g.dep_ == "pobj"]
    for o in objs:
        toks = [o] + [c for c in o.children if c.dep_ in ("compound", "poss", "appos")] + \
               [x for c in o.children if c.dep_ == "prep" and c.lower_ in ("in", "of") for x in c.subtree]
        keys = []
        for x in toks:
            k = ctx.idx.at(x)
            if k and ctx.idx.type_of(k) in PLACE_TYPES:
                keys.append(seat_city(ctx, x, k) or k)
            elif k is None and (c := unnamed_city(ctx, x)):
                keys.append(c)
        if keys:
            return pick(ctx, list(dict.fromkeys(keys)))
    return None


def where(ctx: ArticleContext, t: Token, verb: Token, kind: str, own_near, own_wide, clause, stop) -> str | None:
    """The most specific place of the trigger's own phrase ('talks in Oslo', 'Oslo talks',
    'summit at the Hofburg'), else of its clause, its arguments or its coordinated clause; a visit
    may be to a country ('visited Peru'), a guest is welcomed to a place."""
    preps = VISIT_PREPS if kind == "Visit" or (t.pos_ == "VERB" and t.lemma_ in word_set("guest_verbs.txt")) else PLACE_PREPS
    anchors = {t.i} | {c.i for c in t.children if c.dep_ == "conj"} | ({t.head.i} if t.dep_ == "conj" else set())
    own = chain(ctx, own_near, preps, anchors)
    own += [k for x in compounds_of(t) if (k := ctx.idx.at(x)) and named_place(ctx, x, k) and k not in own]
    if own:
        return pick(ctx, own)
    if t.pos_ == "VERB" and kind == "Visit":
        got = visit_place(ctx, t)
        if got:
            return got
    got = chain(ctx, clause, preps, {verb.i})
    if got:
        return pick(ctx, got)
    acl = {t.i} | {x.i for x in own_wide if x.dep_ == "acl"}
    wide = [k for k in chain(ctx, own_wide, PLACE_PREPS, acl) if ctx.types().get(k) == "City"]
    if wide:
        return wide[0]
    if verb.pos_ in ("VERB", "AUX"):
        heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
        heads += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "to")
                  for g in c.children if g.dep_ == "pobj" and ctx.idx.at(g)]
        heads += [x for h in heads for x in h.children if x.dep_ in ("appos", "conj")]
        args = [x for h in heads for x in h.children if x.dep_ == "prep" and x.lower_ in preps]
        got = chain(ctx, [y for a in args for y in a.subtree], preps, {h.i for h in heads})
        if got:
            return pick(ctx, got)   # 'met the envoy in Oslo': the parser often hangs the place on the object
        for other in sharing_verbs(verb):
            got = chain(ctx, local_tokens(other, stop | {t.i}, CLAUSE_DEPS), PLACE_PREPS, {other.i})
            if got:
                return pick(ctx, got)
        if t.dep_ == "pobj" and t.head.lower_ == "for" and t.head.head.i == verb.i and \
                verb.lemma_ in word_set("travel_verbs.txt"):
            got = visit_place(ctx, verb)     # "flew to Lima for talks"
            if got:
                return got
    if kind == "Visit" and verb.pos_ in ("VERB", "AUX"):
        got = visit_place(ctx, verb)
        if got:
            return got
    return organisation_seat(ctx, own_wide + clause)


def organisation_seat(ctx: ArticleContext, toks: list[Token]) -> str | None:
    """'talks in the Geneva-based X format', 'a meeting involving the Nairobi-based X': the seat of an
    organisation the event is held in or involves, told as 'X-based', as a last resort where nothing
    else in the phrase or clause places the event."""
    doc = ctx.doc
    for t in toks:
        if t.i + 2 < len(doc) and doc[t.i + 1].text == "-" and doc[t.i + 2].lower_ == "based" \
                and (key := ctx.idx.at(t)) and ctx.types().get(key, ctx.idx.type_of(key)) in ("City", "Place") \
                and (org := ctx.idx.at(doc[t.i + 2].head)) and ctx.idx.type_of(org) == "Organization":
            return key
    return None


def told_here(ctx: ArticleContext, t: Token, verb: Token) -> bool:
    """'here' or 'today' in the event's clause, outside quotation marks: the place of the dateline."""
    kids = [c for c in list(verb.children) + list(t.children) if c.i not in ctx.quoted]
    return any(c.lower_ == "here" for c in kids) or any(
        c.lower_ in ("today", "tonight") or c.dep_ == "prep" and any(g.lower_ == "today" for g in c.children)
        for c in kids)
