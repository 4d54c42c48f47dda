"""Who holds a position, read as the reader would: a name; a pronoun, resolved to the speaker of the
quotation it stands in ('we'), to the subject of the verb of saying above it, else to the nearest
earlier subject outside quotations; a title ('the Dutch prime minister') resolved to the one person
the article gives that office; a group ('the two leaders', 'both sides', 'they') resolved to the
members of the last coordination of actors; a body through its official or source ('a UN official
said'); a statement through whoever issued it. Reporters and news outlets hold nothing.

Who speaks a quotation is read here too: the subject of its verb of saying, whose pronoun may in
turn be a quoted 'we' (the two questions answer each other)."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg.extraction.actors import state_of
from kg.extraction.positions.clauses import bare_attribution
from kg.extraction.positions.context import PositionContext
from kg.extraction.positions.labels import (ACTOR_MODIFIER_DEPS, ASIDE_CLAUSE_DEPS, DEPENDENT_CLAUSE_DEPS,
                                            GROUP_SIZE_DEPS, SET_ASIDE_DEPS, SUBJECT_DEPS, SUBJECT_OR_POSSESSOR_DEPS)
from kg.extraction.positions.people import known_person, sex_of, title_holder
from kg.extraction.positions.press import is_press_noun
from kg.extraction.positions.quotes import goes_on, says
from kg.extraction.positions.words import FIRST_PERSON, NUMBERS, PERSON_PRONOUNS, THING_PRONOUNS, is_pronoun, is_saying
from kg.extraction.syntax import conjuncts, sentence_of, subjects
from kg.lexicon import table, title_rx, word_set

def speaks_for(tok: Token) -> bool:
    """Whether a noun names people or a body who speak for the actor beside it ('a UN official',
    'Peru's foreign ministry'), not a thing of theirs ('Asian stock markets')."""
    lemma = tok.lemma_.lower()
    return lemma in word_set("agent_nouns.txt") or tok.lower_ in word_set("agent_nouns.txt") or \
        re.fullmatch(title_rx(), lemma, re.I) is not None


def unnamed_person(ctx: PositionContext, tok: Token) -> bool:
    """A common noun for a person the article does not resolve to a name ('the minister', 'an aide',
    'the reporter'): a nearer antecedent for 'he' or 'she' than any name before it, so a pronoun after
    it stands for no one kg can name."""
    if tok.pos_ != "NOUN" or ctx.idx.at(tok):
        return False
    lemma = tok.lemma_.lower()
    return re.fullmatch(title_rx(), lemma, re.I) is not None or lemma in word_set("shared_titles.txt") or \
        lemma in word_set("journalist_nouns.txt")


def speaker(ctx: PositionContext, q: int) -> tuple[str, ...]:
    """Who speaks quotation Q: the verb of saying after it in its last sentence ('“…,” he said'),
    before it in its first ('She said: “…”'), in the next sentence when that is only the
    attribution ('… says X, a banker'), else the speaker of the quotation it goes on from."""
    if q in ctx.speakers:
        return ctx.speakers[q]
    ctx.speakers[q] = ()
    quote = ctx.quotes[q]
    first, last = sentence_of(ctx.doc[quote.start]), sentence_of(ctx.doc[quote.end - 1])
    verbs = [t for t in last if t.i >= quote.end and says(ctx, t)]
    verbs += [t for t in reversed(list(first)) if t.i < quote.start and says(ctx, t)]
    nxt = ctx.next_sentence(last)
    if not verbs and nxt is not None and not any(ctx.in_quote(t) is not None for t in nxt):
        verbs += [t for t in nxt if says(ctx, t) and bare_attribution(t)]
    for v in verbs:
        hs = verb_holders(ctx, v)
        if hs:
            ctx.speakers[q] = hs
            return hs
    if q > 0 and goes_on(ctx, ctx.quotes[q - 1], quote):
        ctx.speakers[q] = speaker(ctx, q - 1)
    if not ctx.speakers[q] and not quote.closed and q + 1 < len(ctx.quotes) and \
            goes_on(ctx, quote, ctx.quotes[q + 1]):
        ctx.speakers[q] = speaker(ctx, q + 1)      # a quotation over paragraphs, attributed at its end
    return ctx.speakers[q]


def verb_holders(ctx: PositionContext, verb: Token) -> tuple[str, ...]:
    """The actors the subject of VERB names (all members of a coordination or group)."""
    out = []
    for s in subjects(verb):
        if dateline(ctx, s):
            continue
        if s.left_edge.i > 0 and ctx.doc[s.left_edge.i - 1].pos_ == "ADP":
            # "X met with Y and Z said ...": the parser took the object of 'with' for a subject
            out += [k for c in conjuncts(s) if c.i > s.i for k in resolve(ctx, c)]
            continue
        out += resolve(ctx, s)
    if not out and verb.dep_ == "acl" and verb.tag_ == "VBG" and not subjects(verb):
        out += resolve(ctx, verb.head)          # "despite the minister urging banks to lend"
    return tuple(dict.fromkeys(out))


def dateline(ctx: PositionContext, tok: Token) -> bool:
    """A place that opens the article's text as its dateline ('LISBON —', 'Nairobi:'), not a subject."""
    m = ctx.idx.by_token.get(tok.i)
    if m is None or ctx.idx.type_of(m.key) not in ("City", "Place") or m.start != sentence_of(tok).start:
        return False
    after = ctx.doc[m.end] if m.end < len(ctx.doc) else None
    return (after is not None and after.text in (":", "•", "—", "–", "(")) or tok.text.isupper()


def resolve(ctx: PositionContext, tok: Token, depth: int = 0) -> tuple[str, ...]:
    """The actors a noun phrase headed by TOK stands for: itself and every actor coordinated with it."""
    out = list(one(ctx, tok, depth))
    for c in conjuncts(tok):
        if c.i > tok.i and c.pos_ in ("PROPN", "NOUN", "PRON"):
            out += one(ctx, c, depth)
    return tuple(k for k in dict.fromkeys(out) if k not in ctx.not_holders)


def one(ctx: PositionContext, tok: Token, depth: int = 0) -> tuple[str, ...]:
    """The actors one noun (or pronoun) stands for."""
    key = ctx.idx.at(tok)
    if key:
        return () if key in ctx.not_holders else (state_of(ctx.idx.actors, key),)
    if is_pronoun(tok):
        return antecedent(ctx, tok, depth)
    if tok.pos_ not in ("NOUN", "PROPN") or ctx.in_quote(tok) is not None:
        return ()                    # in a quotation only names and 'we' say who is meant
    if tok.pos_ == "PROPN":
        known = known_person(ctx, tok)
        if known:
            return (known,)
    lemma = tok.lemma_.lower()
    mods = modifiers(ctx, tok)
    if is_press_noun(tok):             # the press reports; a state's own media speak for it
        state = any(c.lower_ == "state" for c in tok.children)
        return tuple(k for k in mods if ctx.idx.type_of(k) == "Country") if state else ()
    for c in tok.children:
        if c.dep_ == "appos" and (k := ctx.idx.at(c)):
            return () if k in ctx.not_holders else (state_of(ctx.idx.actors, k),)
    person = title_holder(ctx, tok, mods)
    if person:
        return (person,)
    group = group_before(ctx, tok, depth)
    if group:
        return group
    if not mods and lemma in word_set("document_nouns.txt"):
        return document_owner(ctx, tok, depth)
    if not speaks_for(tok):
        return ()
    if lemma in word_set("own_voice_nouns.txt"):      # 'a Ruritanian court': not the state's own voice
        return tuple(k for k in mods if ctx.idx.type_of(k) != "Country")
    return mods


def document_owner(ctx: PositionContext, tok: Token, depth: int) -> tuple[str, ...]:
    """'the statement said': whoever issued the statement named before ('a statement by X', 'X's
    statement', 'in a joint statement, X and Y agreed')."""
    if depth > 2 or not any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in tok.children):
        return ()
    sent = sentence_of(tok)
    for _ in range(6):
        sent = ctx.previous_sentence(sent)
        if sent is None:
            return ()
        for t in reversed(list(sent)):
            if t.lemma_.lower() != tok.lemma_.lower() or ctx.in_quote(t) is not None:
                continue
            owners = modifiers(ctx, t)
            if owners:
                return owners
            v = t.head.head if t.dep_ == "pobj" else None
            if v is not None and v.pos_ == "VERB":
                for s_ in subjects(v):
                    keys = resolve(ctx, s_, depth + 1)
                    if keys:
                        return keys
            return ()
    return ()


def modifiers(ctx: PositionContext, tok: Token) -> tuple[str, ...]:
    """Actors that modify a noun: 'US officials', 'a UN source', 'officials from Ottawa'."""
    out = []
    for c in tok.children:
        if c.dep_ in ACTOR_MODIFIER_DEPS and not is_pronoun(c):
            k = ctx.idx.at(c)
            if k:
                out.append(state_of(ctx.idx.actors, k))
        elif c.dep_ == "prep" and c.lower_ in ("of", "from", "for", "at"):
            for g in c.children:
                if g.dep_ == "pobj":
                    for x in (g, *conjuncts(g)):
                        k = ctx.idx.at(x)
                        if k:
                            out.append(state_of(ctx.idx.actors, k))
    return tuple(k for k in dict.fromkeys(out) if k not in ctx.not_holders)


def group_before(ctx: PositionContext, tok: Token, depth: int) -> tuple[str, ...]:
    """'the two leaders', 'both sides', 'the three countries': the members of the last coordination
    of actors before TOK, when its size fits."""
    lemma = tok.lemma_.lower()
    if depth > 3:
        return ()
    plural = tok.tag_ in ("NNS", "NNPS") or lemma == "pair"
    if tok.lower_ != "both" and not (lemma in table("group_nouns.tsv") and plural):
        return ()
    kids = {c.lower_ for c in tok.children if c.dep_ in GROUP_SIZE_DEPS}
    if tok.lower_ != "both" and not kids & ({"the", "both", "these", "all"} | set(NUMBERS)):
        return ()
    if any(c.dep_ == "prep" for c in tok.children):
        return ()                    # "the leaders of X and Y" name their members themselves
    size = next((NUMBERS[k] for k in kids if k in NUMBERS), 2 if tok.lower_ == "both" else None)
    return last_group(ctx, tok, size, persons=table("group_nouns.tsv").get(lemma) == "person", depth=depth)


def last_group(ctx: PositionContext, tok: Token, size: int | None, persons: bool = False,
               depth: int = 0) -> tuple[str, ...]:
    """The members of the nearest coordination of two or more actors before TOK, outside quotes."""
    sent = sentence_of(tok)
    for _ in range(6):
        for t in reversed([t for t in sent if t.i < tok.i]):
            if ctx.in_quote(t) is not None or t.dep_ == "conj" or not conjuncts(t) or not ctx.idx.at(t):
                continue                 # a coordination that opens with a named actor
            keys = resolve(ctx, t, depth + 1)
            if len(keys) < 2:
                continue
            if persons and not all(ctx.idx.type_of(k) == "Person" for k in keys):
                continue
            if size in (None, len(keys)):
                return keys
        sent = ctx.previous_sentence(sent)
        if sent is None:
            break
    return ()


def antecedent(ctx: PositionContext, tok: Token, depth: int) -> tuple[str, ...]:
    """Whom a pronoun stands for: in a quotation 'we' and 'I' are its speaker (and a third person
    there is no one the reader can name); a possessive ('his support') is the subject of its own
    clause; a subject in the clause of a verb of saying is that verb's subject ('the mayor said she
    would'); else the nearest earlier subject outside quotations of the kind and sex the pronoun
    asks for (a person, a state or body, a group)."""
    low = tok.lower_
    q = ctx.in_quote(tok)
    if low in FIRST_PERSON:
        return speaker(ctx, q) if q is not None else ()
    if q is not None or depth > 3:
        return ()
    kind = "person" if low in PERSON_PRONOUNS else "thing" if low in THING_PRONOUNS else "group"
    sex = "f" if low in ("she", "her", "hers") else "m" if low in ("he", "him", "his") else None

    def fits(keys) -> bool:
        if not keys:
            return False
        if kind == "person":
            return len(keys) == 1 and ctx.idx.type_of(keys[0]) == "Person" and sex_of(ctx, keys[0]) in (None, sex)
        if kind == "thing":
            return len(keys) == 1 and ctx.idx.type_of(keys[0]) in ("Country", "Organization")
        return len(keys) >= 2

    v = tok.head
    if tok.dep_ == "poss":           # "X flew to Lima to show her support": the clause's own subject
        while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
            v = v.head
        for s_ in subjects(v):
            if not is_pronoun(s_) and s_.i < tok.i and fits(keys := resolve(ctx, s_, depth + 1)):
                return keys
    if tok.dep_ in SUBJECT_OR_POSSESSOR_DEPS:
        for _ in range(3):           # "the mayor said she would...": the subject of the verb above
            if v.dep_ not in DEPENDENT_CLAUSE_DEPS or v.head.i == v.i:
                break
            v = v.head
            for s_ in subjects(v):
                if s_.i != tok.i and not is_pronoun(s_):
                    if fits(keys := resolve(ctx, s_, depth + 1)):
                        return keys
                    if kind == "person" and unnamed_person(ctx, s_):
                        return ()        # "the minister said he would": a person kg cannot name
    if kind == "group":
        got = last_group(ctx, tok, None, depth=depth)
        if got:
            return got
    sent = sentence_of(tok)
    for _ in range(4):               # the nearest earlier subject outside quotations
        before = [t for t in sent if t.i < tok.i]
        main = lambda t: (t.head.dep_ == "ROOT" or (t.head.dep_ == "conj" and t.head.head.dep_ == "ROOT"))
        for t in sorted(before, key=lambda t: (not main(t), -t.i)):      # the main clause's subject first
            agent = t.dep_ == "pobj" and t.head.dep_ == "agent"     # "… was repeated by X"
            clause = t.head.head if agent else t.head
            if clause.dep_ in ASIDE_CLAUSE_DEPS:
                continue                 # "…, where her brother once studied": not the story's subject
            if (t.dep_ in SUBJECT_DEPS or agent) and ctx.in_quote(t) is None and \
                    not (is_pronoun(t) and t.lower_ in FIRST_PERSON):
                keys = resolve(ctx, t, depth + 1)
                if fits(keys):
                    return keys
                if kind == "person" and unnamed_person(ctx, t):
                    return ()            # the nearer subject is a person without a name here
        sent = ctx.previous_sentence(sent)
        if sent is None:
            break
    if kind == "person":             # else the last person named outside quotes and prepositions
        for m in reversed(ctx.idx.mentions):
            if m.start < tok.i and ctx.idx.actors[m.key].type == "Person" and ctx.in_quote(ctx.doc[m.start]) is None:
                head = ctx.doc[m.start:m.end].root
                if head.dep_ not in SET_ASIDE_DEPS and tok.i - m.start < 120 and fits((m.key,)):
                    return (m.key,)
    return ()


def according_to(ctx: PositionContext, sent: Span) -> tuple[str, ...]:
    """The holder named by 'according to X' in the sentence."""
    for t in sent:
        if t.lower_ == "according" and t.dep_ == "prep":
            for c in t.children:
                for g in ([c] if c.dep_ == "pobj" else c.children):
                    if g.dep_ == "pobj":
                        return resolve(ctx, g)
    return ()


def claimed_by_other(ctx: PositionContext, tok: Token, holder: str) -> bool:
    """'The minister warned that the rebels were planning to advance': a stance someone else ascribes to
    the holder is that someone's claim, not the holder's position (unless both are one side: 'the
    ministry said its minister warned'). An outlet or an unnamed 'it' that reports claims nothing."""
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            return False
        head = t.head
        if t.dep_ in DEPENDENT_CLAUSE_DEPS and (is_saying(head) or head.lemma_ in word_set("ascribing_verbs.txt")):
            subj = subjects(head)
            if not subj or any(s.lower_ == "it" or is_press_noun(s) for s in subj):
                return False
            reporters = [k for s in subj for k in resolve(ctx, s)]
            return bool(reporters) and holder not in reporters and \
                not any(ctx.same_side(r, holder) for r in reporters)
        t = head
    return False
