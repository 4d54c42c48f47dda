"""What names an event and of which kind: event nouns heading their phrase ('talks', 'a video call',
'the signing ceremony') and event verbs with what they need ('met X', 'visited Y', 'signed a treaty');
not an event only wished for, recurring, or heading another noun."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.extraction.events.clauses import CLAUSE_DEPS, local_tokens
from kg.extraction.events.context import ArticleContext
from kg.extraction.events.named_actors import actor_objects, actors_of, subject_actors
from kg.extraction.events.where import visit_place
from kg.extraction.syntax import governing_verb, negated
from kg.lexicon import table, word_set

# prepositions that make 'call' a call between parties ('on a call', 'during the call')
CALL_PREPS = {"on", "in", "during"}


def noun_kind(tok: Token) -> str | None:
    """The event kind a noun names, or None ('call' only as a call, not as 'a call for restraint')."""
    nouns = table("event_nouns.tsv")
    kind = nouns.get(tok.lower_) or nouns.get(tok.lemma_.lower())
    lemma = tok.lemma_.lower()
    comps = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
    if kind is None:
        if lemma in word_set("occasion_nouns.txt") or tok.lower_ in word_set("occasion_nouns.txt"):
            return "Signing" if any(c.lemma_.lower() == "signing" for c in tok.children if c.dep_ in ("compound", "amod")) \
                else "Meeting"
        return None
    if lemma == "conference" and comps & {"news", "press"}:
        return "PressConference"
    if lemma == "conference" and comps & {"video", "tele"}:
        return "Call"
    if lemma == "call":
        if any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
            return None               # "a call for restraint"
        ok = bool(comps & word_set("call_modifiers.txt")) or (tok.dep_ == "pobj" and tok.head.lower_ in CALL_PREPS) \
            or (tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_ in word_set("call_verbs.txt"))
        return kind if ok else None
    if lemma == "council":
        return kind if tok.text[:1].isupper() else None
    if kind == "Signing" and tok.pos_ == "VERB":
        return None
    return kind


def name_of(tok: Token, doc: Doc) -> str:
    """The event's name as written: the trigger with its compounds and adjectives ('bilateral trade talks')."""
    if tok.ent_type_ in ("ORG", "EVENT"):
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            return re.sub(r"^the\s+", "", ent.text, flags=re.I)
    if tok.pos_ == "VERB":
        return tok.lemma_
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod") and c.ent_type_ not in ("DATE", "TIME")]
    start = min([tok.i] + [min(t.i for t in c.subtree) for c in left])
    words = [t for t in doc[start:tok.i + 1] if t.ent_type_ not in ("DATE", "TIME") and t.dep_ not in ("det", "poss", "case")
             and not t.is_punct or t.text == "-"]
    return " ".join(t.text for t in words).replace(" - ", "-").replace(" -", "-").replace("- ", "-").strip("- ")


def in_person(verb: Token) -> bool:
    """'spoke in person', 'chatted one on one': a meeting, not a call."""
    words = " ".join(x.lower_ for x in verb.subtree)
    return bool(re.search(r"\b(in person|face[- ]to[- ]face|one[- ]on[- ]one)\b", words))


def sentence_triggers(ctx: ArticleContext, sent: Span) -> list[Token]:
    """The tokens of a sentence that name an event ('the Arctic Council meeting' counts once)."""
    triggers = [t for t in sent if is_trigger(ctx, t)]
    if any(t.lemma_.lower() == "council" for t in triggers):
        triggers = [t for t in triggers if not (t.lemma_.lower() == "council" and t.i + 1 < len(ctx.doc)
                                                and noun_kind(ctx.doc[t.i + 1]))]
    return triggers


def is_trigger(ctx: ArticleContext, t: Token) -> bool:
    """Whether T names an event here: an event noun heading its phrase, or an event verb with what it needs."""
    kind = kind_of(ctx, t)
    if kind is None:
        return False
    if t.pos_ in ("NOUN", "PROPN"):
        if t.dep_ in ("compound", "amod", "nmod") and t.head.pos_ in ("NOUN", "PROPN") and not noun_kind(t.head) \
                and t.head.i > t.i:
            return False                  # "the summit logo", "a summit press pass"
        if t.dep_ == "compound" and noun_kind(t.head):
            return False                  # "the signing ceremony": the ceremony is the mention
        if not_held(ctx, t):
            return False
    return True


def kind_of(ctx: ArticleContext, t: Token) -> str | None:
    """The event kind of T, with the conditions verbs need: an agreement to sign, an actor to meet,
    receive or address, a place to arrive in, two parties to talk."""
    if t.pos_ in ("NOUN", "PROPN"):
        if t.lemma_.lower() == "address":
            return "Meeting" if any(c.dep_ == "prep" and c.lower_ == "to" and actor_objects(ctx, c)
                                    for c in t.children) else None
        if t.lemma_.lower() == "signing" and t.dep_ != "compound":
            return "Signing"
        if t.lemma_.lower() in word_set("agreement_nouns.txt"):
            deal = [c for c in t.children if c.dep_ == "acl" and c.tag_ == "VBN" and
                    table("event_verbs.tsv").get(c.lemma_.lower()) == "Signing" and not negated(c)]
            return "Signing" if deal else None       # "a pact sealed by X", "the accord signed in Y"
        kind = noun_kind(t)
        if kind == "Meeting" and t.lemma_.lower() in word_set("occasion_nouns.txt"):
            v = t.head
            for _ in range(4):      # "signed the treaty at a ceremony": the signing ceremony
                if v.pos_ == "VERB" and v.lemma_.lower() in word_set("sign_verbs.txt"):
                    return "Signing"
                if v.head.i == v.i:
                    break
                v = v.head
        return kind
    if t.pos_ != "VERB":
        return None
    lemma = t.lemma_.lower()
    kind = table("event_verbs.tsv").get(lemma)
    if kind is None:
        return None
    if kind == "Signing":
        if t.dep_ == "acl" and t.head.lemma_.lower() in word_set("agreement_nouns.txt"):
            return None                               # the agreement noun is the mention
        return kind if signs_agreement(t) else None
    if lemma in ("talk", "speak", "discuss", "dine"):
        partners = [c for c in t.children if c.dep_ == "prep" and c.lower_ in ("with", "to")]
        partners += [p for o in t.children if o.dep_ == "dobj" for p in o.children
                     if p.dep_ == "prep" and p.lower_ == "with"]      # "discussed X with Y", hung on X
        if any(is_press(ctx, x) for p in partners for x in p.subtree):
            return None                               # "speaking to a broadcaster": an interview, no meeting
        if any(actor_objects(ctx, p) for p in partners):
            return "Meeting" if lemma in ("discuss", "dine") or in_person(t) else kind
        subj = [s for s in t.children if s.dep_ == "nsubj"]
        coordinated = subj and any(c.dep_ == "cc" and c.lower_ in ("and", "&") for c in subj[0].subtree)
        if lemma not in ("discuss", "dine") and coordinated and len(actors_of(ctx, subj[0])) >= 2:
            # 'X and Y talked': also where the parser hung X on Y's name ('X and President Y')
            return "Meeting" if in_person(t) else kind
        return None
    if lemma in ("receive", "greet", "address"):
        objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        ok = [o for o in objs if (k := ctx.idx.at(o)) and ctx.idx.type_of(k) not in ("City", "Place")]
        return kind if ok else None
    if lemma in ("arrive", "land", "travel", "fly"):
        subj = subject_actors(ctx, t, set())
        return kind if subj and visit_place(ctx, t) else None
    return kind


def is_press(ctx: ArticleContext, t: Token) -> bool:
    """A news outlet or a journalist ('the BBC', 'Daily News', 'reporters'): whom one gives an interview."""
    key = ctx.idx.at(t)
    if key is not None:
        names = {n.lower() for n in ctx.idx.actors[key].names} if key in ctx.idx.actors else set()
        return bool(names & {n.lower() for n in word_set("news_outlets.txt")}) or any(
            re.search(r"\b(news|times|post|press|daily|channel|radio|television|tv|broadcast\w*|agency|journal|herald|gazette)\b",
                      n) for n in names)
    return t.lemma_.lower() in ("reporter", "journalist", "newspaper", "broadcaster", "interviewer", "press", "media")


def signs_agreement(t: Token) -> bool:
    """'signed a deal/accord/treaty/declaration' (also 'the treaty, sealed in X'); not 'no agreement was
    reached', 'did not sign the treaty'."""
    nouns = word_set("agreement_nouns.txt")
    if negated(t):
        return False
    objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
    if t.dep_ == "acl" and t.tag_ == "VBN":
        objs.append(t.head)
    for o in objs:
        for x in [o] + [c for c in o.children if c.dep_ == "conj"]:
            if (x.lemma_.lower() in nouns or x.lower_ in nouns) and not any(
                    c.dep_ == "det" and c.lower_ == "no" for c in x.children):
                return True
    return False


def not_held(ctx: ArticleContext, t: Token) -> bool:
    """An event noun that names no held event: one recurring ('summits every year'), wished for
    ('pledged to hold talks', 'pressed for a summit') or heading another noun."""
    verb = governing_verb(t)
    clause = [x for x in verb.subtree] if verb.i != t.i else list(t.subtree)
    if any(x.lower_ in word_set("recurring_words.txt") for x in clause) or \
            re.search(r"\bevery\s+(year|month|week)\b", " ".join(x.lower_ for x in clause)):
        return True
    if t.dep_ == "pobj" and t.head.lower_ == "for" and t.head.head.lemma_ in ("call", "push", "press", "appeal"):
        return True
    v = verb
    if t.dep_ in ("dobj", "nsubjpass") and t.head.i == v.i and v.dep_ == "xcomp" and \
            v.head.lemma_.lower() in word_set("plan_verbs.txt") and not has_day(ctx, v):
        return True                   # "pledged to hold talks", "hope to hold a summit"
    return False


def has_day(ctx: ArticleContext, verb: Token) -> bool:
    """Whether a day-level date hangs on VERB's clause."""
    for x in local_tokens(verb, set(), CLAUSE_DEPS):
        e = ctx.ents_by_token.get(x.i)
        if e is not None and e.label_ == "DATE":
            return True
    return False
