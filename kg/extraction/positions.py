"""Positions: who demands, rejects, denies, warns or supports what, with the sentence that says so.

A stance verb or noun gives the stance; its subject (or possessor, or the 'according to' source,
or the last named speaker for a pronoun) the holder; its object or clause the topic. Negation
turns support into opposition and agreement into rejection. Reporters and outlets hold nothing.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg import dates
from kg.extraction.actors import ActorIndex, state_of
from kg.extraction.syntax import negated, sentence_of, subjects
from kg.lexicon import table, word_set
from kg.names import fold
from kg.records import Position

NEGATED_STANCE = {"support": "oppose", "agree": "reject", "demand": None, "assert": None, "offer": "reject",
                  "want": None}
PRONOUNS_PERSON = {"he", "she"}
PRONOUNS_GROUP = {"it", "they", "we"}
FIRST_PERSON = {"i", "we", "us", "our", "me", "my"}
REPORTING = {"say", "tell", "add", "declare", "state", "note", "write"}
HEDGES = {"could", "might", "may"}
QUOTE_SPAN = re.compile(r"[\"“][^\"”]*[\"”]?")
QUOTE = re.compile(r"[\"“]([^\"”]{12,})[\"”]")
MAX_TOPIC_WORDS = 30
CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "prep", "oprd", "attr", "dative"}
OUTLET_WORDS = {"reporter", "reporters", "journalist", "journalists", "source", "sources", "outlet", "newspaper",
                "agency", "media"}


LIGHT_VERBS = {"make", "give", "offer", "issue"}


def stance_of_verb(tok: Token) -> str | None:
    """The stance a verb states, negation applied ('will not agree' rejects); light verbs take it from
    their object ('will not make any concessions')."""
    st = table("stance_verbs.tsv").get(tok.lemma_.lower())
    if st is None and tok.lemma_ in LIGHT_VERBS:
        st = next((table("stance_light_verbs.tsv").get(c.lemma_.lower()) for c in tok.children
                   if c.dep_ == "dobj" and c.lemma_.lower() in table("stance_light_verbs.tsv")), None)
    if st is None:
        return None
    if tok.lemma_ == "call" and not any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in tok.children):
        return None
    if tok.lemma_ in ("add", "note") and not any(c.dep_ in ("ccomp",) for c in tok.children) and not QUOTE.search(sentence_of(tok).text):
        return None
    if negated(tok) or (tok.dep_ == "xcomp" and negated(tok.head)):
        st = NEGATED_STANCE.get(st, "reject" if st in ("demand", "want") else None)
        if st is None:
            return None
    return st


class PositionReader:
    """Reads the positions of one parsed article."""
    def __init__(self, doc: Doc, idx: ActorIndex, ref=None, year_hint: int | None = None,
                 roles=(), not_holders: frozenset = frozenset()):
        self.doc, self.idx, self.ref, self.year_hint = doc, idx, ref, year_hint
        self.sides: dict[str, set] = {}
        for r in roles:                   # a person and the state or body they serve are one side
            if r.org:
                self.sides.setdefault(r.person, set()).add(r.org)
        self.not_holders = not_holders
        self.dates = {i: e for e in doc.ents if e.label_ == "DATE" for i in range(e.start, e.end)}

    def stated_on(self, verb: Token) -> str | None:
        """The day a statement was made: a date on the stance verb or on the reporting verb above it
        ('..., Stoltenberg told reporters on Wednesday'), resolved looking back from the article's day."""
        t = verb
        for _ in range(3):
            for c in t.children:
                cand = [c] if c.dep_ in ("npadvmod", "tmod") else \
                    [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "on" else []
                for x in cand:
                    e = self.dates.get(x.i)
                    if e is not None and self.ref is not None:
                        got = dates.resolve(e.text, self.ref, "past", self.year_hint)
                        if got is not None and got.granularity == "day":
                            return got.iso
            if t.dep_ not in ("ccomp", "xcomp", "conj") or t.head.i == t.i:
                break
            t = t.head
        return None

    def holder_at(self, tok: Token) -> str | None:
        """The actor a subject token names: its own entity, an entity modifying it, or a pronoun's speaker."""
        key = self.idx.at(tok)
        if key:
            return state_of(self.idx.actors, key)
        if tok.lower_ in PRONOUNS_PERSON | PRONOUNS_GROUP:
            clause = tok.head
            if clause.dep_ == "ccomp" and clause.head.lemma_ in REPORTING | {"believe"}:
                for s in subjects(clause.head):
                    if s.i != tok.i and s.lower_ not in PRONOUNS_PERSON | PRONOUNS_GROUP:
                        h = self.holder_at(s)
                        if h:
                            return h
        if tok.lower_ in PRONOUNS_PERSON:
            return self.last_before(tok, ("Person",))
        if tok.lower_ in PRONOUNS_GROUP:
            return self.last_before(tok, ("Country", "Organization"))
        if tok.lower_ in OUTLET_WORDS:
            return None
        for c in tok.children:
            if c.dep_ == "appos" and (k := self.idx.at(c)):
                return state_of(self.idx.actors, k)
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod") or (c.dep_ == "prep" and c.lower_ in ("of", "from", "for")):
                for x in ([c] if c.dep_ != "prep" else [g for g in c.children]):
                    k = self.idx.at(x)
                    if k:
                        return k
        return None

    def last_before(self, tok: Token, types: tuple[str, ...]) -> str | None:
        """The last actor of these types named before TOK, not as a possessor ('Putin's ultimatum')."""
        best = None
        for m in self.idx.mentions:
            if m.start < tok.i and m.end > m.start and self.idx.actors[m.key].type in types \
                    and self.doc[m.end - 1].dep_ != "poss" and not (m.end < len(self.doc) and self.doc[m.end].tag_ == "POS"):
                best = m.key
        return best

    def quote_speaker(self, tok: Token) -> str | None:
        """Inside a quotation the holder is whoever speaks it: the reporting verb of the sentence, or of
        the sentence before or after when the quotation runs over several ('“…,” he said. “And …”')."""
        sent = sentence_of(tok)
        spans = [(m.start() + sent.start_char, m.end() + sent.start_char) for m in QUOTE_SPAN.finditer(sent.text)]
        inside = any(a <= tok.idx < b for a, b in spans)
        opens_quoted = sent.text.lstrip()[:1] in "\"“"
        if not inside and not opens_quoted:
            return None
        neighbours = [sent]
        if sent.start > 0:
            neighbours.append(sentence_of(self.doc[sent.start - 1]))
        if sent.end < len(self.doc):
            neighbours.append(sentence_of(self.doc[sent.end]))
        for s_ in neighbours:
            quoted = [(m.start() + s_.start_char, m.end() + s_.start_char) for m in QUOTE_SPAN.finditer(s_.text)]
            for t in s_:
                if t.lemma_ in REPORTING and not any(a <= t.idx < b for a, b in quoted):
                    for subj in subjects(t):
                        h = self.holder_at(subj) if subj.lower_ not in FIRST_PERSON else None
                        if h:
                            return h
        return None

    def according_to(self, sent: Span) -> str | None:
        """The holder named by 'according to X' in the sentence."""
        m = re.search(r"\baccording to\b", sent.text, re.I)
        if not m:
            return None
        for t in sent:
            if t.idx >= sent.start_char + m.end() and t.dep_ == "pobj":
                return self.holder_at(t)
        return None

    def topic(self, verb: Token) -> tuple[str, list[Token]]:
        """What the stance is about: the verb's object or clause, short."""
        parts = [c for c in verb.children if c.dep_ in CONTENT_DEPS and not (c.dep_ == "prep" and c.lower_ in ("on", "in", "at") and False)]
        parts = [c for c in parts if not (c.dep_ == "prep" and c.lower_ in ("according",))
                 and not (c.dep_ == "prep" and any(g.i in self.dates for g in c.children))]
        toks = sorted({x for c in parts for x in c.subtree}, key=lambda t: t.i)
        if not toks:
            return "", []
        text = self.doc[toks[0].i:toks[-1].i + 1].text
        words = text.split()
        if len(words) > MAX_TOPIC_WORDS:
            text = " ".join(words[:MAX_TOPIC_WORDS]) + " …"
        return text.strip(" ,;:\"“”"), toks

    def positions(self) -> list[Position]:
        """Every position of the article: from stance verbs, nouns and adjectives."""
        out = []
        for sent in self.doc.sents:
            quote = QUOTE.search(sent.text)
            quote_text = quote.group(1).strip() if quote else None
            source = self.according_to(sent)
            for tok in sent:
                got = self.of_verb(tok, sent, quote_text, source) if tok.pos_ == "VERB" else \
                    self.of_noun(tok, sent) if tok.pos_ == "NOUN" else \
                    self.of_adjective(tok, sent, quote_text) if tok.pos_ == "ADJ" else None
                if got is not None:
                    out.append(got)
        return out

    def holder_of_verb(self, tok: Token, source: str | None) -> str | None:
        """The subject's actor; for a pronoun inside a quote, its speaker; for a bare reporting verb,
        the 'according to' source."""
        subj = subjects(tok)
        own = [s_ for s_ in subj if s_.lower_ not in PRONOUNS_PERSON | PRONOUNS_GROUP | {"i", "our", "us"}]
        third = [s_ for s_ in subj if s_.lower_ not in FIRST_PERSON]      # "we" is only ever the speaker
        holder = (next((h for s_ in own if (h := self.holder_at(s_))), None) if own else None) \
            or self.quote_speaker(tok) or next((h for s_ in third if (h := self.holder_at(s_))), None)
        if holder is None and tok.lemma_ in REPORTING | {"believe"}:
            holder = source
        if holder is None and not subj and tok.dep_ == "acl" and tok.tag_ == "VBG":
            holder = self.holder_at(tok.head)          # "despite Biden urging Putin to de-escalate"
        return holder

    def of_verb(self, tok: Token, sent: Span, quote_text: str | None, source: str | None) -> Position | None:
        """A position from a stance verb ('Moscow wants guarantees…', 'Biden rejected a military response')."""
        st = stance_of_verb(tok)
        if st is None or self.embedded(tok):
            return None
        if st == "assert" and tok.lemma_ in REPORTING | {"believe", "add"}:
            st = self.reported_stance(tok) or st
        holder = self.holder_of_verb(tok, source)
        if holder is None or (tok.dep_ == "ccomp" and tok.head.lemma_ in REPORTING and st == "assert"):
            return None
        if holder in self.not_holders or self.passive(tok) or self.claimed_by_other(tok, holder):
            return None
        if any(c.lower_ in HEDGES for c in tok.children if c.dep_ == "aux"):
            return None                      # "could be planning" is not a fact
        topic, toks = self.topic(tok)
        if not topic or len(topic.split()) < 2:
            if not (st == "assert" and quote_text):
                return None
            topic = quote_text
        if st == "assert" and not (quote_text or tok.lemma_ in EVALUATIVE_VERBS or evaluative(toks)):
            return None                      # a reported fact, not a stance
        targets = [k for k in self.idx.in_span(toks) if k != holder]
        return Position(holder=holder, stance=st, topic=topic, evidence=sent.text.strip(),
                        quote=quote_text if quote_text and quote_text in sent.text else None,
                        targets=tuple(dict.fromkeys(targets)), date=self.stated_on(tok))

    def of_adjective(self, tok: Token, sent: Span, quote_text: str | None) -> Position | None:
        """'We are ready to sit down', 'the allies were willing to hear Russia's concerns': an offer."""
        st = table("stance_adjectives.tsv").get(tok.lower_)
        xcomp = [c for c in tok.children if c.dep_ == "xcomp"]
        if st is None or not xcomp or tok.dep_ not in ("acomp", "amod") or tok.head.lemma_ != "be":
            return None
        copula = tok.head
        if copula.dep_ in ("advcl", "relcl", "acl") or any(c.dep_ == "mark" for c in copula.children):
            return None                      # "when Ukraine is ready to join": a condition, not an offer
        if negated(copula) or negated(tok):
            st = NEGATED_STANCE.get(st, "reject")
            if st is None:
                return None
        if self.embedded(copula):
            return None
        holder = self.holder_of_verb(copula, None)
        if holder is None or holder in self.not_holders or self.claimed_by_other(copula, holder):
            return None
        toks = sorted({x for c in xcomp for x in c.subtree}, key=lambda t: t.i)
        topic = self.doc[toks[0].i:toks[-1].i + 1].text.strip(" ,;:\"“”")
        if len(topic.split()) < 2:
            return None
        return Position(holder=holder, stance=st, topic=" ".join(topic.split()[:MAX_TOPIC_WORDS]),
                        evidence=sent.text.strip(), quote=quote_text if quote_text and quote_text in sent.text else None,
                        targets=tuple(k for k in self.idx.in_span(toks) if k != holder), date=self.stated_on(copula))

    def of_noun(self, tok: Token, sent: Span) -> Position | None:
        """A position from a stance noun with its holder ('Moscow's demands for security guarantees')."""
        st = table("stance_nouns.tsv").get(tok.lemma_.lower())
        if st is None or (tok.lemma_ == "call" and not any(c.lower_ == "for" for c in tok.children)):
            return None
        poss = [c for c in tok.children if c.dep_ == "poss"]
        agent = [g for c in tok.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent" for g in a.children]
        holder = next((h for p in poss + agent if (h := self.holder_at(p))), None)
        if holder is None or holder in self.not_holders:
            return None
        content = [c for c in tok.children if c.dep_ in ("prep", "acl", "ccomp", "relcl") and c.lower_ not in ("by",)
                   and not any(a.dep_ == "agent" for a in c.children)]
        toks = sorted({x for c in content for x in c.subtree}, key=lambda t: t.i)
        if not toks:
            return None
        topic = self.doc[toks[0].i:toks[-1].i + 1].text.strip(" ,;:\"“”")
        if len(topic.split()) < 2:
            return None
        return Position(holder=holder, stance=st, topic=" ".join(topic.split()[:MAX_TOPIC_WORDS]),
                        evidence=sent.text.strip(), quote=None,
                        targets=tuple(k for k in self.idx.in_span(toks) if k != holder))

    def passive(self, tok: Token) -> bool:
        """'backed into a corner', 'is supported by': the subject undergoes the verb, it holds nothing."""
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
            return True
        own_subject = any(c.dep_ in ("nsubj", "csubj") for c in tok.children)
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
        return tok.tag_ == "VBN" and not own_subject and not perfect      # "when backed into a corner"

    def claimed_by_other(self, tok: Token, holder: str) -> bool:
        """'Blinken warned that Russia was seeking to invade': a stance someone else ascribes to the
        holder is that someone's claim, not the holder's position (unless the two are one side:
        'the Kremlin said Putin warned')."""
        t = tok
        for _ in range(4):
            if t.head.i == t.i:
                return False
            if t.dep_ in ("ccomp", "xcomp", "conj", "advcl") and t.head.lemma_ in REPORTING | {"believe", "warn", "claim", "fear", "accuse", "allege"}:
                reporter = next((h for s_ in subjects(t.head) if (h := self.holder_at(s_))), None)
                return reporter is not None and reporter != holder and not self.same_side(reporter, holder)
            t = t.head
        return False

    def same_side(self, a: str, b: str) -> bool:
        """Whether a person serves the other actor (or the other way round)."""
        return b in self.sides.get(a, ()) or a in self.sides.get(b, ())

    def embedded(self, tok: Token) -> bool:
        """Not a position of its own: a conditional ('if Russia wants'), a relative aside ('that it says'),
        the content of another stance ('assurances that NATO will not agree'), or a welcome of visitors."""
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children):
            return True
        if tok.dep_ == "relcl" and tok.lemma_ in REPORTING:
            return True
        if tok.lemma_ == "welcome" and any(self.idx.at(c) for c in tok.children if c.dep_ == "dobj"):
            return True
        if tok.dep_ in ("advcl", "acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return True                  # "diverting trains to support the effort": a purpose, not a stance
        t = tok
        for _ in range(4):
            if t.head.i == t.i:
                break
            t = t.head
            lemma = t.lemma_.lower()
            if lemma in REPORTING or lemma in ("believe",):
                return False
            if (t.pos_ == "VERB" and table("stance_verbs.tsv").get(lemma) not in (None, "assert")) or \
                    (t.pos_ == "NOUN" and lemma in table("stance_nouns.tsv")) or lemma in ("assurance", "guarantee"):
                return True
        return False

    def reported_stance(self, verb: Token) -> str | None:
        """'She said the demands "are simply non-starters"': a rejection, not a bare assertion."""
        low = sentence_of(verb).text.lower()
        if any(w in low for w in word_set("rejection_words.txt")):
            return "reject"
        return None


EVALUATIVE_VERBS = {"regard", "view", "reaffirm", "underscore", "believe", "insist", "stress", "reiterate"}
MODALS = {"should", "must", "cannot", "can", "need", "ought"}


def evaluative(toks: list[Token]) -> bool:
    """A reported clause that judges or prescribes (modal, negation), not one that reports a fact."""
    return any(t.lower_ in MODALS or t.dep_ == "neg" for t in toks)


def dedupe(ps: list[Position]) -> list[Position]:
    """One position per holder, stance and sentence: the reading with the fullest topic."""
    best: dict[tuple, Position] = {}
    for p in ps:
        k = (p.holder, p.stance, p.evidence)
        if k not in best or len(p.topic) > len(best[k].topic):
            best[k] = p
    return list(best.values())


def extract_positions(doc: Doc, idx: ActorIndex, ref=None, year_hint: int | None = None, roles=(),
                      outlets: tuple[str, ...] = ()) -> list[Position]:
    """The positions of one parsed article. REF, the article's day, dates the statements; ROLES tie
    persons to the side they speak for; OUTLETS (the article's publisher and credits) hold nothing."""
    banned = {fold(o) for o in outlets if o}
    not_holders = frozenset(a.key for a in idx.actors.values() if any(fold(n) in banned for n in a.names))
    return dedupe(PositionReader(doc, idx, ref, year_hint, roles, not_holders).positions())
