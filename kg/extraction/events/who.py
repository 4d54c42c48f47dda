"""Who took part in an event and who organised it: the actors of the trigger's phrase, its verb's
subject when it holds, attends or convenes the event, its objects for 'meet'/'welcome', 'joined by',
'which included', 'with X taking part'; hosts, mediators and chairs are organisers; a place
is never an attendee."""
from __future__ import annotations

from spacy.tokens import Token

from kg.extraction.events.clauses import clause_negated, compounds_of, part_anchor
from kg.extraction.events.context import ArticleContext, EventMention
from kg.extraction.events.named_actors import actor_objects, actors_in, actors_of, pair_words, split_pairs, \
    subject_actors
from kg.extraction.events.pairs import is_pair_expression
from kg.extraction.events.places import PLACE_TYPES
from kg.extraction.syntax import negated, subjects
from kg.lexicon import reporting_verbs, word_set


def read_participants(ctx: ArticleContext, m: EventMention, t: Token, verb: Token, own_wide: list[Token],
                      stop: set[int]) -> None:
    """Attendees and organisers: actors of the trigger's phrase, the verb's subject when it holds,
    attends or convenes the event, its objects for 'meet'/'welcome', and 'who chaired the session'."""
    idx = ctx.idx
    exclude = {m.location} if m.location else set()
    exclude |= {k for k in idx.in_span(compounds_of(t)) if idx.type_of(k) == "City"}
    exclude |= set(contains_of(ctx, m.location))
    parts = actors_in(ctx, phrase_parties(t, m, own_wide), exclude) + split_pairs(ctx, m.name)
    parts += [k for c in t.children if c.dep_ in ("poss", "nsubj") for k in pair_words(ctx, c)]
    subj_keys = [k for k in subject_actors(ctx, verb, stop) if k not in exclude]
    if clause_negated(verb):
        subj_keys = []                  # "X is not due to join the talks"
    if t.pos_ == "VERB":
        parts += verb_parties(ctx, m, t, verb, subj_keys, exclude, stop)
    else:
        parts += noun_parties(ctx, m, t, verb, subj_keys, exclude, stop)
    m.organizers = [k for k in dict.fromkeys(m.organizers) if k not in exclude]
    m.attendees = [k for k in dict.fromkeys(parts + m.organizers)
                   if idx.type_of(k) not in ("City", "Place") and k not in exclude]


TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning", "into", "against", "toward", "towards"}
WHERE_PREPS = {"in", "at", "outside", "inside", "near", "across", "throughout"}


def phrase_parties(t: Token, m: EventMention, own_wide: list[Token]) -> list[Token]:
    """The tokens of an event noun's own phrase that can name its parties: not what it is about ('talks
    on the tariffs'), not where it was ('outside the station'), and for a visit or trip not the place
    before it ('a four-nation tour', 'an EU visit' names where one goes)."""
    drop = set()
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS | WHERE_PREPS:
            drop |= {x.i for x in c.subtree}
        if m.kind == "Visit" and c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ != "PERSON":
            drop |= {x.i for x in c.subtree}
    return [x for x in own_wide if x.i not in drop]


def verb_parties(ctx: ArticleContext, m: EventMention, t: Token, verb: Token, subj_keys: list[str],
                 exclude: set[str], stop: set[int]) -> list[str]:
    """The parties of an event verb ('X met Y', 'Y was welcomed by X'): its subject and objects; a
    host's subject also organises (added to M)."""
    lemma = verb.lemma_.lower()
    objs = [c for c in t.children if c.dep_ in ("dobj", "dative") or
            (c.dep_ == "prep" and c.lower_ in ("with", "to", "alongside"))]
    obj_keys = [k for o in objs for k in actors_of(ctx, o, stop) if k not in exclude]
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children):     # "Y was welcomed by X"
        agent = [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        subj_keys, obj_keys = [k for a in agent for k in actors_of(ctx, a, stop) if k not in exclude], \
            subj_keys + obj_keys
    if m.kind == "Visit":
        obj_keys = [k for k in obj_keys if ctx.idx.type_of(k) not in PLACE_TYPES]
    if lemma in word_set("organizer_verbs.txt") or lemma in ("welcome", "receive"):
        m.organizers += subj_keys       # "X hosted Y", "X welcomed Y to Z"
    return subj_keys + obj_keys


def noun_parties(ctx: ArticleContext, m: EventMention, t: Token, verb: Token, subj_keys: list[str],
                 exclude: set[str], stop: set[int]) -> list[str]:
    """The parties of an event noun from the clause it stands in: the subject of a verb that holds,
    attends or convenes it, agents of 'called by'/'led by', 'who attended the talks', 'which
    included X'; organisers are added to M."""
    organizer_verbs, attend_verbs = word_set("organizer_verbs.txt"), word_set("attend_verbs.txt")
    lemma = verb.lemma_.lower()
    parts: list[str] = []
    a = part_anchor(t)               # "the third round of talks": the round stands where the talks do
    role = a.dep_
    attached = role == "pobj" and a.head.head.i == verb.i
    if role in ("dobj", "nsubjpass") or attached:
        if lemma in organizer_verbs and role != "pobj":
            partner = any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in t.children)
            sole = lemma not in word_set("shared_verbs.txt") or (
                len([k for k in subj_keys if ctx.idx.type_of(k) == "Person"]) <= 1 and not partner)
            (m.organizers if sole else parts).extend(subj_keys)   # "X and Y held talks": both take part
        if lemma in attend_verbs or lemma in word_set("participate_verbs.txt"):
            parts += subj_keys
    if attached and a.head.lower_ == "for" and (lemma in word_set("travel_verbs.txt") or lemma in word_set("meet_for_verbs.txt")):
        parts += subj_keys          # "X is in Peru for a visit", "X and Y met for talks"
    if attached and a.head.lower_ in ("at", "in", "during", "on"):
        # "In a call on Friday, X told Y", "X said at the session"
        parts += subj_keys
        if lemma in word_set("tell_verbs.txt"):
            parts += [k for c in verb.children if c.dep_ in ("dobj", "dative") for k in actors_of(ctx, c, stop)]
    if not any(c.dep_ == "poss" for c in t.children) and (attached or role == "dobj") and \
            any(c.dep_ == "prep" and c.lower_ == "with" and actor_objects(ctx, c) for c in t.children):
        parts += subj_keys          # "X spoke after a meeting with Y": X is the other side
    if role == "nsubj" and lemma in word_set("aspect_verbs.txt"):
        parts += [k for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "between")
                  for k in actor_objects(ctx, c)]      # "the talks opened, with X at the table"
    poss = [c.lower_ for c in a.children if c.dep_ == "poss" and c.pos_ == "PRON"]
    if poss and lemma not in reporting_verbs() and (
            (poss[0] == "their" and (len(subj_keys) >= 2 or any(is_pair_expression(x) for x in subjects(verb))))
            or (poss[0] in ("his", "her") and len(subj_keys) == 1 and ctx.idx.type_of(subj_keys[0]) == "Person")):
        parts += subj_keys          # "X and Y began their talks", "..., ending their summit"
    shared = [v for v in verb.children if v.dep_ == "conj" and v.pos_ == "VERB" and
              not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)] if role.startswith("nsubj") else []
    for v in [verb] + shared:        # "the summit will bring together X and be chaired by Y"
        vl = v.lemma_.lower()
        agent = [x for c in v.children if c.dep_ == "agent" for x in c.subtree]
        if agent and vl in organizer_verbs:
            m.organizers += actors_in(ctx, agent, exclude)      # "a meeting called by X"
        elif agent and vl in attend_verbs and role.startswith("nsubj"):
            parts += actors_in(ctx, agent, exclude)            # "the session was attended by X"
        if role.startswith("nsubj") and vl in word_set("include_verbs.txt") and not negated(v):
            parts += [k for c in v.children if c.dep_ == "dobj" for k in actors_in(ctx, list(c.subtree), exclude)]
    for c in t.children:             # "a session chaired by X", "a delegation led by X"
        if c.dep_ == "acl":
            ag = [x for a in c.children if a.dep_ == "agent" for x in a.subtree]
            if c.lemma_.lower() in organizer_verbs:
                m.organizers += actors_in(ctx, ag, exclude)
            elif c.lemma_.lower() in attend_verbs | word_set("delegate_verbs.txt"):
                parts += actors_in(ctx, ag, exclude)
    if verb.dep_ == "relcl" and role == "dobj":
        if lemma in organizer_verbs:
            m.organizers += actors_of(ctx, verb.head, stop)   # "X, who chaired the session"
        if lemma in attend_verbs:
            parts += actors_of(ctx, verb.head, stop)          # "X, who attended the talks"
    parts += included(ctx, t, stop)
    return parts


def included(ctx: ArticleContext, t: Token, stop: set[int]) -> list[str]:
    """'talks, which involved X and Y' (also on 'the opening round of talks')."""
    heads = [t] + ([t.head.head] if t.dep_ == "pobj" and t.head.lower_ == "of" else [])
    owner = [t] + ([t.head] if t.dep_ in ("nsubj", "nsubjpass") else [])
    heads += [g for h in owner for p in h.children if p.dep_ == "prep" and p.lower_ in ("in", "under", "within")
              for g in p.children if g.dep_ == "pobj" and not ctx.idx.at(g)]   # "talks in a format which includes X"
    out = []
    for h in heads:
        for c in h.children:
            if c.dep_ == "relcl" and c.lemma_.lower() in word_set("include_verbs.txt") | {"gather"}:
                out += [k for o in c.children if o.dep_ == "dobj" for k in actors_of(ctx, o, stop)]
    return out


def contains_of(ctx: ArticleContext, loc: str | None) -> list[str]:
    """Places the text puts LOC in ('Lyon, France')."""
    return [b for a, b in ctx.contains if a == loc] if loc else []


def joined_by(ctx: ArticleContext, ms: list[EventMention]) -> None:
    """'X was joined/accompanied by Y' after or beside an event X takes part in: Y takes part too."""
    for t in ctx.doc:
        if t.lemma_.lower() not in ("join", "accompany") or not any(c.dep_ == "auxpass" for c in t.children):
            continue
        agent = [x for c in t.children if c.dep_ == "agent" for x in c.subtree]
        subj = subject_actors(ctx, t, set())
        who = [k for k in actors_in(ctx, agent, set()) if ctx.idx.type_of(k) not in ("City", "Place")]
        if not subj or not who:
            continue
        n = ctx.sent_no[t.i]
        cands = [m for m in ms if ctx.sent_no[m.position] in (n, n - 1) and set(subj) & set(m.attendees)
                 and m.position <= t.i + 20]
        if cands:
            target = max(cands, key=lambda m: (ctx.sent_no[m.position] == n, m.position))
            target.attendees += [k for k in who if k not in target.attendees]
