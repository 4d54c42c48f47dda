"""Reported speech: a verb of saying with the clause or quotation it reports ('X said that ...',
'“…,” she said'), and a quoted sentence spoken by the speaker of its quotation. Quotations that go
on from one another in the words of one speaker form a run, quoted whole as the position's words.
What is said is an assertion unless its words prescribe (a demand), warn, commit or reject."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extraction.positions.clauses import passive, said_of_head
from kg.extraction.positions.context import PositionContext
from kg.extraction.positions.holders import according_to, claimed_by_other, speaker, verb_holders
from kg.extraction.positions.labels import REPORTED_DEPS
from kg.extraction.positions.quotes import MIN_QUOTE_WORDS, goes_on, quote_in, says, whole
from kg.extraction.positions.record import make
from kg.extraction.positions.stances import content_stance, embedded, stance_of_verb, unsaid, worth_stating
from kg.extraction.positions.topics import short, topic_text
from kg.extraction.positions.words import PROSPECTIVE, WH_WORDS, is_pronoun
from kg.extraction.syntax import sentence_of
from kg.lexicon import word_set
from kg.records import Position

def run_of(ctx: PositionContext, q: int) -> int:
    """The first quotation of the run Q belongs to: quotations that go on from one another in the
    words of one speaker."""
    if q not in ctx.runs:
        ctx.runs[q] = q
        if q > 0 and speaker(ctx, q) and goes_on(ctx, ctx.quotes[q - 1], ctx.quotes[q]) and \
                speaker(ctx, q - 1) == speaker(ctx, q):
            ctx.runs[q] = run_of(ctx, q - 1)
    return ctx.runs[q]


def run(ctx: PositionContext, q: int) -> tuple[str, str]:
    """The topic and the words of the run of quotation Q: its first quoted sentence, and all of it."""
    first = run_of(ctx, q)
    members = [first]
    while members[-1] + 1 < len(ctx.quotes) and run_of(ctx, members[-1] + 1) == first:
        members.append(members[-1] + 1)
    text = " ".join(ctx.text[ctx.quotes[n].start_char:ctx.quotes[n].end_char].strip() for n in members)
    head = ctx.quotes[first]
    sent = sentence_of(ctx.doc[head.start])
    opening = ctx.text[head.start_char:min(head.end_char, sent.end_char)]
    return short(opening), text.strip()


def content(ctx: PositionContext, verb: Token) -> list[Token]:
    """What a verb of saying reports: its clause, or the quotation beside it in its sentence."""
    clause = [c for c in verb.children if c.dep_ in REPORTED_DEPS or
              (c.dep_ == "xcomp" and verb.lemma_ in ("claim",))]
    if len(clause) > 1:              # "X met Y and Z said S": the clauses after the verb
        clause = [c for c in clause if c.i > verb.i] or clause[-1:]
    if not clause and verb.lemma_ in word_set("announcing_verbs.txt"):   # 'announced a truce': the thing made known
        clause = [c for c in verb.children if c.dep_ == "dobj" and not ctx.idx.at(c) and not is_pronoun(c)]
    toks = sorted({x for c in clause for x in c.subtree}, key=lambda t: t.i)
    if toks:
        return toks
    sent = sentence_of(verb)         # else whole quotations beside it, not words quoted in passing
    return [t for t in sent if ctx.in_quote(t) is not None and not t.is_punct
            and whole(ctx.doc, ctx.quotes[ctx.in_quote(t)])]


def own_stance(ctx: PositionContext, verb: Token, holders) -> bool:
    """'X said it wants …': the clause states a stance of the speaker's own side, which its stance
    verb makes a position of; the verb of saying adds none."""
    for c in verb.children:
        if c.dep_ == "ccomp" and stance_of_verb(c) not in (None, "assert") and not embedded(c):
            them = verb_holders(ctx, c)
            if them and all(h in holders or any(ctx.same_side(h, x) for x in holders) for h in them):
                return True
    return False


def of_saying(ctx: PositionContext, verb: Token) -> list[Position]:
    """A statement: a verb of saying and what it reports ('X said the plan must change' demands;
    'X said the talks were useful' asserts). Left out: a report of arrangements with no judgement
    in it ('X said the talks will be held on Monday'), and what was not or not yet said."""
    if ctx.in_quote(verb) is not None or embedded(verb) or passive(verb) or unsaid(verb):
        return []
    toks = said_of_head(verb) or content(ctx, verb)
    if not toks or toks[0].lower_ in WH_WORDS:
        return []                    # "… would not say when the vote will be": no statement
    holders = verb_holders(ctx, verb) or according_to(ctx, sentence_of(verb))
    if not holders:
        return []
    sent = sentence_of(verb)
    quoted = [ctx.in_quote(t) for t in toks if ctx.in_quote(t) is not None]
    stance = content_stance(toks)
    if not quoted and (any(c.dep_ == "aux" and c.lower_ in PROSPECTIVE for c in verb.children) or
                       (verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ in PROSPECTIVE
                                                     for c in verb.head.children))):
        return []                    # "she will argue that …", "he may claim …": not said yet
    if stance == "assert" and not quoted and not worth_stating(verb, toks):
        return []
    if any(claimed_by_other(ctx, verb, h) for h in holders) or own_stance(ctx, verb, holders):
        return []
    words = None
    if quoted and all(ctx.in_quote(t) is not None for t in toks if not t.is_punct):
        topic, words = run(ctx, quoted[0])     # the quotation itself, over all its sentences
        if stance != "assert":
            topic = short(quote_in(ctx, sent) or topic)
    else:
        topic = topic_text(toks)
    if len(topic.split()) < (2 if words else 3):
        return []
    return make(ctx, holders, stance, topic, sent, toks, verb, words=words)


def of_quotation(ctx: PositionContext, sent: Span) -> list[Position]:
    """A quoted sentence with no verb of saying of its own, spoken by the speaker of its quotation
    ('“…,” he said. “And we will …”')."""
    qs = list(dict.fromkeys(ctx.quote_at[i] for i in range(sent.start, sent.end) if i in ctx.quote_at))
    if not qs or any(says(ctx, t) for t in sent) or any(t.dep_ == "prep" and t.lower_ == "according" for t in sent):
        return []
    inside = [t for t in sent if t.i in ctx.quote_at and not t.is_punct]
    outside = [t for t in sent if t.i not in ctx.quote_at and not t.is_punct and not t.is_space]
    if not qs or len(inside) < MIN_QUOTE_WORDS or len(outside) > len(inside):
        return []
    q = next((q for q in qs if speaker(ctx, q)), None)
    quote = quote_in(ctx, sent)
    if q is None or not quote:
        return []
    stance = content_stance(inside)
    topic, words = run(ctx, q)
    return make(ctx, speaker(ctx, q), stance, topic if stance == "assert" else short(quote), sent, inside, None,
                words=words)
