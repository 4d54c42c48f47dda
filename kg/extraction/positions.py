"""Positions: who demands, rejects, denies, warns, supports or states what, with the sentence that says so.

Reported speech is the backbone. Every statement the text attributes to an actor is a position: a
verb of saying with its clause ('X said that ...'), a direct quotation with its verb before, after
or in a neighbouring sentence, a quotation that runs on over several sentences or paragraphs. It is
an assertion unless a stance verb, noun or adjective says more (demand, reject, deny, warn, offer,
support, agree ...) or its clause prescribes (must, should, need to: a demand).

Holders are the subjects of those verbs, read as the reader would: a name; a pronoun, resolved to the
speaker of the quotation it stands in ('we'), to the subject of the verb of saying above it, else to
the nearest earlier subject outside quotations; a title ('the Dutch prime minister') resolved to the one
person the article gives that office; a group ('the two leaders', 'both sides', 'they') resolved to
the members of the last coordination of actors, one position each; a body through its official or
source ('a UN official said'). Reporters and news outlets hold nothing.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg import dates
from kg.extraction.actors import ActorIndex, state_of
from kg.extraction.syntax import conjuncts, negated, sentence_of, subjects
from kg.lexicon import reporting_verbs, table, title_rx, word_set
from kg.names import fold
from kg.records import Position

# A negated stance turns round, or says nothing ('does not want' is no demand).
NEGATED_STANCE = {"support": "oppose", "agree": "reject", "offer": "reject"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
THING_PRONOUNS = {"it", "its"}
GROUP_PRONOUNS = {"they", "them", "their"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "ours"}
MALE = {"mr", "sir", "lord", "king", "prince"}
FEMALE = {"ms", "mrs", "miss", "madam", "lady", "dame", "baroness", "queen", "princess"}
HOLDER_TYPES = ("Person", "Organization", "Country")
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON
# Nouns for a group of actors named just before ('the two leaders', 'both countries').
GROUP_NOUNS = {"leader", "side", "country", "nation", "pair", "power", "government", "party", "counterpart",
               "man", "woman", "president", "state", "neighbour", "neighbor", "ally", "partner"}
PERSON_GROUP_NOUNS = {"leader", "pair", "counterpart", "man", "woman", "president"}
NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4}
# Nouns for the press: a reporter, an outlet or a wire service reports, it holds no position.
OUTLET_WORDS = {"reporter", "journalist", "correspondent", "outlet", "newspaper", "agency", "media", "broadcaster",
                "television", "tv", "radio", "channel", "newswire", "magazine", "daily", "press", "tabloid"}
JOURNALISTS = {"correspondent", "reporter", "journalist", "columnist", "presenter", "anchor", "newsreader"}
OUTLET_NAME = re.compile(r"\b(news|agency|television|tv|radio|times|post|press|media|broadcasting|gazette|journal|"
                         r"herald|tribune|daily|newspaper|channel|network|wire)\b", re.I)
COGNITIVE = {"believe", "think", "feel", "consider", "regard", "view"}
# Verbs whose clause is an evaluation of the speaker's own, not a neutral report of a fact.
EVALUATIVE_VERBS = {"believe", "think", "feel", "consider", "regard", "view", "reaffirm", "underscore", "underline",
                    "stress", "emphasize", "emphasise", "insist", "reiterate", "argue", "contend", "assert", "claim",
                    "acknowledge", "admit", "concede", "declare"}
OBLIGATION = {"should", "must", "ought"}
MODALS = {"should", "must", "cannot", "can", "need", "ought", "could"}
HEDGES = {"could", "might", "may"}
PROSPECTIVE = {"will", "would", "could", "might", "may", "'ll", "shall", "wo"}
CONCESSIVE = {"although", "though", "while", "whereas", "but", "even", "despite"}
CONDITIONAL = {"if", "unless", "whether"}
ANNOUNCING = {"announce", "confirm", "reveal", "disclose"}
WH_WORDS = {"what", "whether", "how", "why", "when", "where", "which", "who", "if"}
WITHHOLD = {"decline", "refuse", "fail", "avoid", "hesitate", "reluctant"}
# Titles many people in one story may bear: without a state or body named they point at no one.
SHARED_TITLES = {"spokesman", "spokeswoman", "spokesperson", "official", "minister", "adviser", "advisor",
                 "ambassador", "envoy", "diplomat", "lawmaker", "senator", "general", "officer", "aide", "source",
                 "analyst", "expert", "negotiator", "representative", "member"}
COPULAS = {"be", "remain", "seem", "appear", "look", "feel", "become", "stay", "sound"}
STATE_PREPS = {"to", "for", "about", "over", "by", "at", "with", "on", "of", "against"}
# Verbs of arranging, meeting and travelling: a reported clause about them reports arrangements.
LOGISTICS = {"meet", "hold", "visit", "travel", "attend", "arrive", "leave", "fly", "begin", "start", "continue",
             "resume", "host", "come", "go", "chat", "shake", "schedule", "see", "spend", "return", "depart"}
DOCUMENT_NOUNS = {"statement", "communique", "communiqué", "declaration", "readout"}
LIGHT_VERBS = {"make", "give", "offer", "issue", "express", "voice", "extend", "announce", "reiterate", "reaffirm"}
PARTICLES = {"back", "forward", "up", "down", "out", "off"}
CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "prep", "oprd", "attr", "dative"}
TRIM_DEPS = {"relcl", "appos", "parataxis", "npadvmod"}
MAX_TOPIC_WORDS = 25
MIN_QUOTE_WORDS = 3


@dataclass(frozen=True)
class Quotation:
    """A direct quotation: its tokens [start, end), and whether a closing mark ends it (an unclosed one
    runs to the end of its paragraph and may go on in the next)."""
    start: int
    end: int
    start_char: int
    end_char: int
    closed: bool


def quotations(doc: Doc, text: str | None = None) -> list[Quotation]:
    """The direct quotations of a doc (whose TEXT may be given, joining a doc's tokens is costly), from
    an opening mark to its closing mark or, when the writer leaves it open, to the end of the paragraph."""
    text = doc.text if text is None else text
    spans, start = [], None
    for m in re.finditer(r"[“”\"]|\n", text):
        ch = m.group()
        if ch == '"':                    # a straight mark opens where it leans on the word after it
            before = text[m.start() - 1] if m.start() else " "
            after = text[m.end()] if m.end() < len(text) else " "
            ch = "“" if before.isspace() and not after.isspace() else \
                "”" if not before.isspace() and (after.isspace() or not after.isalnum()) else \
                ("”" if start is not None else "“")
        if ch == "\n":
            if start is not None:
                spans.append((start, m.start(), False))
                start = None
        elif ch == "“":
            if start is not None:
                spans.append((start, m.start(), False))
            start = m.end()
        elif start is not None:
            spans.append((start, m.start(), True))
            start = None
    if start is not None:
        spans.append((start, len(text), False))
    starts = doc.to_array("IDX").tolist()
    out = []
    for a, b, closed in spans:
        i, j = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
        while i < j and doc[i].is_space:
            i += 1
        while j > i and doc[j - 1].is_space:
            j -= 1
        if i < j:
            out.append(Quotation(i, j, a, b, closed))
    return out


def speaks_for(tok: Token) -> bool:
    """Whether a noun names people or a body who speak for the actor beside it ('a UN official',
    'Peru's foreign ministry'), not a thing of theirs ('Asian stock markets')."""
    lemma = tok.lemma_.lower()
    return lemma in word_set("agent_nouns.txt") or tok.lower_ in word_set("agent_nouns.txt") or \
        re.fullmatch(title_rx(), lemma, re.I) is not None


def is_pronoun(tok: Token) -> bool:
    """A personal or possessive pronoun ('he', 'their'), not a name spelt like one ('US')."""
    return tok.lower_ in PRONOUNS and tok.pos_ == "PRON"


def lemmas(tok: Token) -> list[str]:
    """The model's lemma of a verb, then stems cut from its inflected form ('hoped' -> 'hope'), for the
    forms the model lemmatises wrongly."""
    out, w = [tok.lemma_.lower()], tok.lower_
    if tok.tag_ in ("VBD", "VBN") and w.endswith("ed"):
        out += [w[:-1], w[:-2]] + ([w[:-3]] if len(w) > 5 and w[-3] == w[-4] else [])
    elif tok.tag_ == "VBZ" and w.endswith("s"):
        out += [w[:-1], w[:-2]]
    elif tok.tag_ == "VBG" and w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"]
    return out


def stance_key(tok: Token) -> str:
    """The lemma a stance table is looked up by, with its particle where it has one ('push back')."""
    prt = next((c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod") and c.lower_ in PARTICLES), None)
    verbs = table("stance_verbs.tsv")
    for lemma in lemmas(tok):
        if prt and f"{lemma} {prt}" in verbs:
            return f"{lemma} {prt}"
        if lemma in verbs:
            return lemma
    return tok.lemma_.lower()


def light_stance(tok: Token) -> str | None:
    """The stance a light verb takes from its object ('make concessions', 'expressed gratitude')."""
    if tok.lemma_.lower() not in LIGHT_VERBS:
        return None
    for c in tok.children:
        if c.dep_ == "dobj":
            lemma = c.lemma_.lower()
            st = table("stance_light_verbs.tsv").get(lemma) or table("stance_nouns.tsv").get(lemma)
            if st and not (lemma == "call" and not any(g.lower_ == "for" for g in c.children)):
                return st
    return None


def stance_of_verb(tok: Token) -> str | None:
    """The stance a verb states, negation applied ('will not agree' rejects); light verbs take it from
    their object ('will not give any guarantees')."""
    key = stance_key(tok)
    st = light_stance(tok) or table("stance_verbs.tsv").get(key)
    if st is None:
        return None
    lemma = key.split()[0]
    kids = list(tok.children)
    if lemma == "call" and not any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in kids):
        return None
    if lemma in ("sign", "ink") and not any(c.dep_ == "dobj" and c.lemma_.lower() in word_set("agreement_nouns.txt")
                                            for c in kids):
        return None                 # signing an agreement is agreeing to it; signing a law or a player is not
    if lemma in ("want", "seek", "hope", "insist") and not any(c.dep_ in ("dobj", "ccomp") or
                                                               (c.dep_ == "prep" and c.lower_ in ("for", "on"))
                                                               for c in kids):
        return None                 # wanting to do something oneself is an aim, not a demand on anyone
    if lemma == "thank" and any(c.dep_ == "dobj" and (c.pos_ in ("PRON", "DET") or c.lemma_ in OUTLET_WORDS)
                                for c in kids):
        return None                 # thanks to the listener or the press are courtesy
    if negated(tok) or (tok.dep_ == "xcomp" and negated(tok.head)):
        return NEGATED_STANCE.get(st)
    return st


def is_saying(tok: Token) -> bool:
    """Whether TOK is a verb of saying ('said', 'told', 'tweeted')."""
    return tok.pos_ in ("VERB", "AUX") and any(lemma in reporting_verbs() for lemma in lemmas(tok))


def clause_roots(toks: list[Token]) -> list[Token]:
    """The main verbs of a stretch of tokens: those whose head lies outside it, and their conjuncts."""
    inside = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
    return roots + [c for r in roots for c in conjuncts(r) if c.i in inside and c not in roots]


def obligation(toks: list[Token]) -> bool:
    """A clause that prescribes: its own verb under must/should/ought, or need/have to ('should they
    be needed', with the subject after the modal, is a condition, not a prescription)."""
    for v in clause_roots(toks):
        if v.pos_ not in ("VERB", "AUX"):
            continue
        subj = [c.i for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        if any(c.dep_ == "aux" and c.lower_ in OBLIGATION and not any(i > c.i for i in subj) for c in v.children):
            return True
        if v.lemma_ in ("need", "have") and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
                                                for c in v.children):
            return True
    return False


def consequence(toks: list[Token]) -> bool:
    """A clause that states what will happen if something else does ('they would respond if the rebels
    invaded'): a warning."""
    for t in clause_roots(toks):
        if any(c.dep_ == "nsubj" and c.lower_ == "i" for c in t.children):
            continue                     # "I would not be here if …": the speaker's own case
        if t.pos_ in ("VERB", "AUX") and \
                any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "wo") for c in t.children) and \
                any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                    and any(m.dep_ in ("nsubj", "nsubjpass") for m in c.children) for c in t.children):
            return True
    return False


def commitment(toks: list[Token]) -> str | None:
    """What the speaker's own 'we will …' commits to: a promise (offer), or with 'not' a refusal."""
    for t in clause_roots(toks):
        if t.pos_ != "VERB" or t.lemma_ in ("be", "see", "have"):
            continue
        if any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in t.children) and \
                any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall", "wo") for c in t.children):
            return "reject" if negated(t) else "offer"
    return None


def evaluative(toks: list[Token]) -> bool:
    """A reported clause that judges or prescribes (a modal, a negation, an adjective as predicate),
    not one that only reports a fact ('talks will be held on Monday')."""
    for t in toks:
        if t.lower_ in MODALS and t.dep_ == "aux":
            return True
        if t.dep_ == "neg" or (t.lower_ in ("no", "never", "nothing", "none") and
                               t.dep_ in ("det", "neg", "advmod", "nsubj")):
            return True
        if t.pos_ == "ADJ" and t.dep_ in ("acomp", "oprd") or t.tag_ in ("JJR", "JJS", "RBR", "RBS"):
            return True
        if t.dep_ == "attr" and any(c.pos_ == "ADJ" and c.dep_ == "amod" for c in t.children):
            return True
    return False


class PositionReader:
    """Reads the positions of one parsed article."""
    def __init__(self, doc: Doc, idx: ActorIndex, ref=None, year_hint: int | None = None,
                 roles=(), not_holders: frozenset = frozenset()):
        self.doc, self.idx, self.ref, self.year_hint = doc, idx, ref, year_hint
        self.roles = list(roles)
        self.sides: dict[str, set] = {}
        for r in roles:                   # a person and the state or body they serve are one side
            if r.org:
                self.sides.setdefault(r.person, set()).add(r.org)
        self.not_holders = frozenset(not_holders) | self.outlets()
        self.dates = {i: e for e in doc.ents if e.label_ == "DATE" for i in range(e.start, e.end)}
        self.text = doc.text             # joined once: Doc.text joins every token on each call
        self.quotes = quotations(doc, self.text)
        self.quote_at: dict[int, int] = {i: n for n, q in enumerate(self.quotes) for i in range(q.start, q.end)}
        self._speakers: dict[int, tuple] = {}
        self._run: dict[int, int] = {}
        self._sex: dict | None = None
        self._lines: dict[int, bool] = {}
        self.sents = list(doc.sents)
        self.sent_no = {s.start: n for n, s in enumerate(self.sents)}

    # --- who is speaking ------------------------------------------------------------------------

    def outlets(self) -> frozenset:
        """Actors the article shows to be the press: outlets named like one ('… News', '… Times') or
        called one beside their name ('the X news agency', 'state broadcaster Y'), and journalists."""
        out = set()
        for m in self.idx.mentions:
            a = self.idx.actors[m.key]
            if a.type == "Person":       # 'correspondent Jane Doe', 'Jane Doe, a reporter': the press
                root = self.doc[m.start:m.end].root
                near = [c for c in root.children if c.dep_ in ("compound", "appos")] + \
                    ([root.head] if root.dep_ == "appos" else [])
                if any(t.lemma_.lower() in JOURNALISTS for t in near):
                    out.add(m.key)
                continue
            if a.type != "Organization":
                continue
            if any(OUTLET_NAME.search(n) or n.lower() in word_set("news_outlets.txt") for n in a.names):
                out.add(m.key)
                continue
            span = self.doc[m.start:m.end]
            near = [t for t in (span.root.head, *span.root.children, *(self.doc[m.end:m.end + 2]))
                    if t.i < m.start or t.i >= m.end]
            if any(t.lemma_.lower() in OUTLET_WORDS for t in near if t.pos_ == "NOUN"):
                out.add(m.key)
        return frozenset(out)

    def in_quote(self, tok: Token) -> int | None:
        """The quotation TOK stands in, if any."""
        return self.quote_at.get(tok.i)

    def speaker(self, q: int) -> tuple[str, ...]:
        """Who speaks quotation Q: the verb of saying after it in its last sentence ('“…,” he said'),
        before it in its first ('She said: “…”'), in the next sentence when that is only the
        attribution ('… says X, a banker'), else the speaker of the quotation it goes on from."""
        if q in self._speakers:
            return self._speakers[q]
        self._speakers[q] = ()
        quote = self.quotes[q]
        first, last = sentence_of(self.doc[quote.start]), sentence_of(self.doc[quote.end - 1])
        verbs = [t for t in last if t.i >= quote.end and self.says(t)]
        verbs += [t for t in reversed(list(first)) if t.i < quote.start and self.says(t)]
        nxt = self.next_sentence(last)
        if not verbs and nxt is not None and not any(self.in_quote(t) is not None for t in nxt):
            verbs += [t for t in nxt if self.says(t) and self.bare_attribution(t)]
        for v in verbs:
            hs = self.verb_holders(v)
            if hs:
                self._speakers[q] = hs
                return hs
        if q > 0 and self.goes_on(self.quotes[q - 1], quote):
            self._speakers[q] = self.speaker(q - 1)
        if not self._speakers[q] and not quote.closed and q + 1 < len(self.quotes) and \
                self.goes_on(quote, self.quotes[q + 1]):
            self._speakers[q] = self.speaker(q + 1)      # a quotation over paragraphs, attributed at its end
        return self._speakers[q]

    def run_of(self, q: int) -> int:
        """The first quotation of the run Q belongs to: quotations that go on from one another in the
        words of one speaker."""
        if q not in self._run:
            self._run[q] = q
            if q > 0 and self.speaker(q) and self.goes_on(self.quotes[q - 1], self.quotes[q]) and \
                    self.speaker(q - 1) == self.speaker(q):
                self._run[q] = self.run_of(q - 1)
        return self._run[q]

    def run(self, q: int) -> tuple[str, str]:
        """The topic and the words of the run of quotation Q: its first quoted sentence, and all of it."""
        first = self.run_of(q)
        members = [first]
        while members[-1] + 1 < len(self.quotes) and self.run_of(members[-1] + 1) == first:
            members.append(members[-1] + 1)
        text = " ".join(self.text[self.quotes[n].start_char:self.quotes[n].end_char].strip() for n in members)
        head = self.quotes[first]
        sent = sentence_of(self.doc[head.start])
        opening = self.text[head.start_char:min(head.end_char, sent.end_char)]
        return short(opening), text.strip()

    def bare_attribution(self, verb: Token) -> bool:
        """'says X, a banker.' or 'he said.': a sentence that is only the verb of saying and its subject,
        attributing the quotation before it."""
        if verb.dep_ != "ROOT" or any(c.dep_ in ("ccomp", "xcomp", "dobj", "parataxis") for c in verb.children):
            return False
        subject = {x.i for s_ in subjects(verb) for x in s_.subtree}
        return all(t.i in subject or t.is_punct or t.is_space for t in sentence_of(verb) if t.i < verb.i)

    def next_sentence(self, sent: Span) -> Span | None:
        """The sentence after SENT."""
        n = self.sent_no.get(sent.start)
        return self.sents[n + 1] if n is not None and n + 1 < len(self.sents) else None

    def previous_sentence(self, sent: Span) -> Span | None:
        """The sentence of running text before SENT (headlines and links left in the page skipped)."""
        n = self.sent_no.get(sent.start)
        while n:
            n -= 1
            if not self.line_of_its_own(self.sents[n]):
                return self.sents[n]
        return None

    def goes_on(self, prev: Quotation, quote: Quotation) -> bool:
        """Whether QUOTE continues PREV: it opens the sentence right after the one PREV ends in
        ('“…,” he said. “And …”', or a new paragraph that opens with a quotation)."""
        first = sentence_of(self.doc[quote.start])
        if self.doc[quote.start].i - first.start > 1 or not self.whole(prev):
            return False
        before = self.previous_sentence(first)
        return before is not None and before.start <= prev.end - 1 < before.end

    def whole(self, quote: Quotation) -> bool:
        """A quotation of whole sentences: it opens its sentence or follows a colon or comma ('He said:
        “…”'), unlike a few words quoted inside the writer's own sentence ('called it “historic”')."""
        first = sentence_of(self.doc[quote.start])
        before = [t for t in first if t.i < quote.start and not t.is_space and t.text not in ('"', "“")]
        return not before or before[-1].text in (":", ",")

    def says(self, tok: Token) -> bool:
        """A verb that attributes speech (saying, or a stance verb such as warn or urge), outside quotes."""
        if tok.pos_ not in ("VERB", "AUX") or self.in_quote(tok) is not None:
            return False
        return is_saying(tok) or tok.lemma_.lower() in table("stance_verbs.tsv")

    def content(self, verb: Token) -> list[Token]:
        """What a verb of saying reports: its clause, or the quotation beside it in its sentence."""
        clause = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") or
                  (c.dep_ == "xcomp" and verb.lemma_ in ("claim",))]
        if len(clause) > 1:              # "X met Y and Z said S": the clauses after the verb
            clause = [c for c in clause if c.i > verb.i] or clause[-1:]
        if not clause and verb.lemma_ in ANNOUNCING:     # 'announced a ceasefire': the thing made known
            clause = [c for c in verb.children if c.dep_ == "dobj" and not self.idx.at(c) and not is_pronoun(c)]
        toks = sorted({x for c in clause for x in c.subtree}, key=lambda t: t.i)
        if toks:
            return toks
        sent = sentence_of(verb)         # else whole quotations beside it, not words quoted in passing
        return [t for t in sent if self.in_quote(t) is not None and not t.is_punct
                and self.whole(self.quotes[self.in_quote(t)])]

    def verb_holders(self, verb: Token) -> tuple[str, ...]:
        """The actors the subject of VERB names (all members of a coordination or group)."""
        out = []
        for s in subjects(verb):
            if self.dateline(s):
                continue
            if s.left_edge.i > 0 and self.doc[s.left_edge.i - 1].pos_ == "ADP":
                # "X met with Y and Z said ...": the parser took the object of 'with' for a subject
                out += [k for c in conjuncts(s) if c.i > s.i for k in self.resolve(c)]
                continue
            out += self.resolve(s)
        if not out and verb.dep_ == "acl" and verb.tag_ == "VBG" and not subjects(verb):
            out += self.resolve(verb.head)          # "despite the minister urging banks to lend"
        return tuple(dict.fromkeys(out))

    def dateline(self, tok: Token) -> bool:
        """A place that opens the article's text as its dateline ('GENEVA —', 'Dubai:'), not a subject."""
        m = self.idx.by_token.get(tok.i)
        if m is None or self.idx.type_of(m.key) not in ("City", "Place") or m.start != sentence_of(tok).start:
            return False
        after = self.doc[m.end] if m.end < len(self.doc) else None
        return (after is not None and after.text in (":", "•", "—", "–", "(")) or tok.text.isupper()

    def resolve(self, tok: Token, depth: int = 0) -> tuple[str, ...]:
        """The actors a noun phrase headed by TOK stands for: itself and every actor coordinated with it."""
        out = list(self.one(tok, depth))
        for c in conjuncts(tok):
            if c.i > tok.i and c.pos_ in ("PROPN", "NOUN", "PRON"):
                out += self.one(c, depth)
        return tuple(k for k in dict.fromkeys(out) if k not in self.not_holders)

    def one(self, tok: Token, depth: int = 0) -> tuple[str, ...]:
        """The actors one noun (or pronoun) stands for."""
        key = self.idx.at(tok)
        if key:
            return () if key in self.not_holders else (state_of(self.idx.actors, key),)
        if is_pronoun(tok):
            return self.antecedent(tok, depth)
        if tok.pos_ not in ("NOUN", "PROPN") or self.in_quote(tok) is not None:
            return ()                    # in a quotation only names and 'we' say who is meant
        if tok.pos_ == "PROPN":
            known = self.known_person(tok)
            if known:
                return (known,)
        lemma = tok.lemma_.lower()
        mods = self.modifiers(tok)
        if lemma in OUTLET_WORDS:          # the press reports; a state's own media speak for it
            state = any(c.lower_ == "state" for c in tok.children)
            return tuple(k for k in mods if self.idx.type_of(k) == "Country") if state else ()
        for c in tok.children:
            if c.dep_ == "appos" and (k := self.idx.at(c)):
                return () if k in self.not_holders else (state_of(self.idx.actors, k),)
        person = self.title_holder(tok, mods)
        if person:
            return (person,)
        group = self.group_before(tok, depth)
        if group:
            return group
        if not mods and lemma in DOCUMENT_NOUNS:
            return self.document_owner(tok, depth)
        return mods if speaks_for(tok) else ()

    def document_owner(self, tok: Token, depth: int) -> tuple[str, ...]:
        """'the statement said': whoever issued the statement named before ('a statement by X', 'X's
        statement', 'in a joint statement, X and Y agreed')."""
        if depth > 2 or not any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in tok.children):
            return ()
        sent = sentence_of(tok)
        for _ in range(6):
            sent = self.previous_sentence(sent)
            if sent is None:
                return ()
            for t in reversed(list(sent)):
                if t.lemma_.lower() != tok.lemma_.lower() or self.in_quote(t) is not None:
                    continue
                owners = self.modifiers(t)
                if owners:
                    return owners
                v = t.head.head if t.dep_ == "pobj" else None
                if v is not None and v.pos_ == "VERB":
                    for s_ in subjects(v):
                        keys = self.resolve(s_, depth + 1)
                        if keys:
                            return keys
                return ()
        return ()

    def known_person(self, tok: Token) -> str | None:
        """A name the actor filter set aside (one word opening a sentence, 'Weber, who …, said'; a name
        after a title, 'Baroness X') is the person the article names so elsewhere, when only one
        person bears that name."""
        word = fold(tok.text)
        found = {k for k, a in self.idx.actors.items() if a.type == "Person"
                 and any(fold(n.split()[-1]) == word or fold(n) == word for n in a.names)}
        if len(found) > 1:               # 'Lady X' beside 'Jane X': the one not named by an honorific
            found = {k for k in found if self.idx.actors[k].name.split()[0].lower().rstrip(".") not in MALE | FEMALE}
        return next(iter(found)) if len(found) == 1 else None

    def modifiers(self, tok: Token) -> tuple[str, ...]:
        """Actors that modify a noun: 'US officials', 'a UN source', 'officials from Ottawa'."""
        out = []
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod") and not is_pronoun(c):
                k = self.idx.at(c)
                if k:
                    out.append(state_of(self.idx.actors, k))
            elif c.dep_ == "prep" and c.lower_ in ("of", "from", "for", "at"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        for x in (g, *conjuncts(g)):
                            k = self.idx.at(x)
                            if k:
                                out.append(state_of(self.idx.actors, k))
        return tuple(k for k in dict.fromkeys(out) if k not in self.not_holders)

    def title_holder(self, tok: Token, mods: tuple[str, ...]) -> str | None:
        """'the Dutch prime minister', 'the PM': the one person the article gives that office (of that state)."""
        if not self.roles or not any(c.dep_ in ("det", "poss", "amod", "compound") for c in tok.children):
            return None
        if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            return None
        word = tok.lemma_.lower()
        if not mods and word in SHARED_TITLES:
            return None                  # 'the spokesman', 'the official': many people bear that title
        words = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound") and not self.idx.at(c)}
        found = set()
        for r in self.roles:
            title = r.title.lower()
            parts = re.split(r"[\s-]+", title)
            abbrev = tok.text.isupper() and 2 <= len(tok.text) <= 3 and "".join(p[0] for p in parts).upper() == tok.text
            if not abbrev and (parts[-1] != word or not words <= set(parts)):
                continue
            org = state_of(self.idx.actors, r.org) if r.org in self.idx.actors else r.org
            if mods and r.org and org not in mods and r.org not in mods:
                continue                 # the office of another state or body
            found.add(r.person)
        return next(iter(found)) if len(found) == 1 else None

    def group_before(self, tok: Token, depth: int) -> tuple[str, ...]:
        """'the two leaders', 'both sides', 'the three countries': the members of the last coordination
        of actors before TOK, when its size fits."""
        lemma = tok.lemma_.lower()
        if depth > 3:
            return ()
        plural = tok.tag_ in ("NNS", "NNPS") or lemma == "pair"
        if tok.lower_ != "both" and not (lemma in GROUP_NOUNS and plural):
            return ()
        kids = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet", "quantmod")}
        if tok.lower_ != "both" and not kids & ({"the", "both", "these", "all"} | set(NUMBERS)):
            return ()
        if any(c.dep_ == "prep" for c in tok.children):
            return ()                    # "the leaders of X and Y" name their members themselves
        size = next((NUMBERS[k] for k in kids if k in NUMBERS), 2 if tok.lower_ == "both" else None)
        return self.last_group(tok, size, persons=lemma in PERSON_GROUP_NOUNS, depth=depth)

    def last_group(self, tok: Token, size: int | None, persons: bool = False, depth: int = 0) -> tuple[str, ...]:
        """The members of the nearest coordination of two or more actors before TOK, outside quotes."""
        sent = sentence_of(tok)
        for _ in range(6):
            for t in reversed([t for t in sent if t.i < tok.i]):
                if self.in_quote(t) is not None or t.dep_ == "conj" or not conjuncts(t) or not self.idx.at(t):
                    continue                 # a coordination that opens with a named actor
                keys = self.resolve(t, depth + 1)
                if len(keys) < 2:
                    continue
                if persons and not all(self.idx.type_of(k) == "Person" for k in keys):
                    continue
                if size in (None, len(keys)):
                    return keys
            sent = self.previous_sentence(sent)
            if sent is None:
                break
        return ()

    def antecedent(self, tok: Token, depth: int) -> tuple[str, ...]:
        """Whom a pronoun stands for: in a quotation 'we' and 'I' are its speaker (and a third person
        there is no one the reader can name); a possessive ('his support') is the subject of its own
        clause; a subject in the clause of a verb of saying is that verb's subject ('the mayor said she
        would'); else the nearest earlier subject outside quotations of the kind and sex the pronoun
        asks for (a person, a state or body, a group)."""
        low = tok.lower_
        q = self.in_quote(tok)
        if low in FIRST_PERSON:
            return self.speaker(q) if q is not None else ()
        if q is not None or depth > 3:
            return ()
        kind = "person" if low in PERSON_PRONOUNS else "thing" if low in THING_PRONOUNS else "group"
        sex = "f" if low in ("she", "her", "hers") else "m" if low in ("he", "him", "his") else None

        def fits(keys) -> bool:
            if not keys:
                return False
            if kind == "person":
                return len(keys) == 1 and self.idx.type_of(keys[0]) == "Person" and self.sex_of(keys[0]) in (None, sex)
            if kind == "thing":
                return len(keys) == 1 and self.idx.type_of(keys[0]) in ("Country", "Organization")
            return len(keys) >= 2

        v = tok.head
        if tok.dep_ == "poss":           # "X flew to Lima to show her support": the clause's own subject
            while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
                v = v.head
            for s_ in subjects(v):
                if not is_pronoun(s_) and s_.i < tok.i and fits(keys := self.resolve(s_, depth + 1)):
                    return keys
        if tok.dep_ in ("nsubj", "nsubjpass", "poss"):
            for _ in range(3):           # "the mayor said she would...": the subject of the verb above
                if v.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or v.head.i == v.i:
                    break
                v = v.head
                for s_ in subjects(v):
                    if s_.i != tok.i and not is_pronoun(s_) and fits(keys := self.resolve(s_, depth + 1)):
                        return keys
        if kind == "group":
            got = self.last_group(tok, None, depth=depth)
            if got:
                return got
        sent = sentence_of(tok)
        for _ in range(4):               # the nearest earlier subject outside quotations
            before = [t for t in sent if t.i < tok.i]
            main = lambda t: (t.head.dep_ == "ROOT" or (t.head.dep_ == "conj" and t.head.head.dep_ == "ROOT"))
            for t in sorted(before, key=lambda t: (not main(t), -t.i)):      # the main clause's subject first
                agent = t.dep_ == "pobj" and t.head.dep_ == "agent"     # "… was repeated by X"
                clause = t.head.head if agent else t.head
                if clause.dep_ in ("relcl", "acl"):
                    continue                 # "…, where his son had fought": not who the story is about
                if (t.dep_ in ("nsubj", "nsubjpass") or agent) and self.in_quote(t) is None and \
                        not (is_pronoun(t) and t.lower_ in FIRST_PERSON):
                    keys = self.resolve(t, depth + 1)
                    if fits(keys):
                        return keys
            sent = self.previous_sentence(sent)
            if sent is None:
                break
        if kind == "person":             # else the last person named outside quotes and prepositions
            for m in reversed(self.idx.mentions):
                if m.start < tok.i and self.idx.actors[m.key].type == "Person" and self.in_quote(self.doc[m.start]) is None:
                    head = self.doc[m.start:m.end].root
                    if head.dep_ not in ("pobj", "poss") and tok.i - m.start < 120 and fits((m.key,)):
                        return (m.key,)
        return ()

    def sex_of(self, key: str) -> str | None:
        """A person's sex where the article shows it: an honorific before a mention ('Mr', 'Ms') or a
        title that says it ('spokeswoman', 'chairman')."""
        if self._sex is None:
            self._sex = {}
            for m in self.idx.mentions:
                words = {self.doc[m.start - 1].lower_.rstrip(".") if m.start else "", self.doc[m.start].lower_.rstrip(".")}
                got = "m" if words & MALE else "f" if words & FEMALE else None
                if got:
                    self._sex.setdefault(m.key, set()).add(got)
            for t in self.doc:          # 'Baroness X' where X is not tagged as a name there
                if t.lower_.rstrip(".") not in MALE | FEMALE or t.i + 1 >= len(self.doc):
                    continue
                nxt = self.doc[t.i + 1]
                if nxt.pos_ == "PROPN":
                    named = self.idx.at(nxt) or self.known_person(nxt)
                    if named:
                        self._sex.setdefault(named, set()).add("m" if t.lower_.rstrip(".") in MALE else "f")
            for r in self.roles:
                t = r.title.lower()
                got = "f" if re.search(r"woman\b|\bmadam|\bqueen|\bfirst lady", t) else \
                    "m" if re.search(r"(?<!wo)man\b|\bking\b", t) else None
                if got:
                    self._sex.setdefault(r.person, set()).add(got)
        got = self._sex.get(key, set())
        return next(iter(got)) if len(got) == 1 else None

    # --- positions ------------------------------------------------------------------------------

    def positions(self) -> list[Position]:
        """Every position of the article: statements, stance verbs, nouns and adjectives, quotations.
        A question states nothing."""
        out = []
        for sent in self.sents:
            if sent.text.rstrip(" \n\"”’'").endswith("?") or self.line_of_its_own(sent):
                continue
            for tok in sent:
                if tok.pos_ in ("VERB", "AUX"):
                    out += self.of_saying(tok) if is_saying(tok) and not stance_of_verb(tok) else \
                        self.of_verb(tok) or (self.of_adjective(tok) if tok.tag_ == "VBN" else [])
                elif tok.pos_ in ("NOUN", "PROPN"):
                    out += self.of_noun(tok)
                elif tok.pos_ == "ADJ":
                    out += self.of_adjective(tok)
            out += self.of_quotation(sent)
        return out

    def line_of_its_own(self, sent: Span) -> bool:
        """A paragraph of one sentence with no closing stop: a headline, a link to another story or a
        caption the page left in, not the article's running text."""
        if sent.start in self._lines:
            return self._lines[sent.start]
        raw = self.text[sent.start_char:sent.end_char]
        text = raw.strip()
        start = sent.start_char + len(raw) - len(raw.lstrip())
        end = start + len(text)
        alone = (start == 0 or "\n" in self.text[max(0, start - 2):start]) and \
            (end >= len(self.text) or "\n" in self.text[end:end + 2] or not self.text[end:end + 2].strip())
        self._lines[sent.start] = alone and not re.search(r"[.!?…][\"”’')\]]*$", text)
        return self._lines[sent.start]

    def quote_in(self, sent: Span) -> str | None:
        """The quoted words of a sentence (its longest quotation of three words or more)."""
        best = None
        for n in dict.fromkeys(self.quote_at[t.i] for t in sent if t.i in self.quote_at):
            q = self.quotes[n]
            a, b = max(q.start_char, sent.start_char), min(q.end_char, sent.end_char)
            text = self.text[a:b].strip()
            if len(text.split()) >= MIN_QUOTE_WORDS and (best is None or len(text) > len(best)):
                best = text
        return best

    def make(self, holders, stance: str, topic: str, sent: Span, toks: list[Token], verb: Token | None,
             anchor: Token | None = None, words: str | None = None) -> list[Position]:
        """One position per holder that can hold one (a person, a body, a state: not a place). A stance
        word inside a quotation (ANCHOR) is the speaker's own only when its holder is the speaker or the
        speaker's side; else it is something the speaker claims."""
        q = self.in_quote(anchor) if anchor is not None else None
        if q is not None:
            spoken = self.speaker(q)
            holders = [h for h in holders if h in spoken or any(self.same_side(h, x) for x in spoken)]
        quote = words or self.quote_in(sent)
        targets = [k for k in self.idx.in_span(toks)]
        evidence = sent.text.strip()
        date = self.stated_on(verb) if verb is not None else None
        return [Position(holder=h, stance=stance, topic=topic, evidence=evidence, quote=quote,
                         targets=tuple(dict.fromkeys(k for k in targets if k != h)), date=date)
                for h in holders if h not in self.not_holders and self.idx.type_of(h) in HOLDER_TYPES]

    def of_saying(self, verb: Token) -> list[Position]:
        """A statement: a verb of saying and what it reports ('X said the plan must change' demands;
        'X said the talks were useful' asserts). Left out: a report of arrangements with no judgement
        in it ('X said the talks will be held on Monday'), and what was not or not yet said."""
        if self.in_quote(verb) is not None or self.embedded(verb) or self.passive(verb) or self.unsaid(verb):
            return []
        toks = self.said_of_head(verb) or self.content(verb)
        if not toks or toks[0].lower_ in WH_WORDS:
            return []                    # "… would not say when the vote will be": no statement
        holders = self.verb_holders(verb) or self.according_to(sentence_of(verb))
        if not holders:
            return []
        sent = sentence_of(verb)
        quoted = [self.in_quote(t) for t in toks if self.in_quote(t) is not None]
        stance = self.content_stance(toks)
        if not quoted and (any(c.dep_ == "aux" and c.lower_ in PROSPECTIVE for c in verb.children) or
                           (verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ in PROSPECTIVE
                                                         for c in verb.head.children))):
            return []                    # "she will argue that …", "he may claim …": not said yet
        if stance == "assert" and not quoted and not self.worth_stating(verb, toks):
            return []
        if any(self.claimed_by_other(verb, h) for h in holders) or self.own_stance(verb, holders):
            return []
        words = None
        if quoted and all(self.in_quote(t) is not None for t in toks if not t.is_punct):
            topic, words = self.run(quoted[0])     # the quotation itself, over all its sentences
            if stance != "assert":
                topic = short(self.quote_in(sent) or topic)
        else:
            topic = topic_text(toks)
        if len(topic.split()) < (2 if words else 3):
            return []
        return self.make(holders, stance, topic, sent, toks, verb, words=words)

    def said_of_head(self, verb: Token) -> list[Token]:
        """'a visit the ministry said will ease tensions': a relative verb of saying whose clause lacks
        its subject says it of the noun it hangs on; that noun and the clause are the statement."""
        if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
            return []
        clause = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and
                  not any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)]
        if not clause:
            return []
        head = verb.head
        noun = [head] + [c for c in head.children if c.dep_ in ("det", "compound", "amod") and c.i < head.i]
        return sorted(noun + [x for c in clause for x in c.subtree], key=lambda t: t.i)

    def unsaid(self, verb: Token) -> bool:
        """'did not say', 'declined to say', 'refused to comment': nothing was stated."""
        if negated(verb):
            return True
        return verb.dep_ == "xcomp" and (negated(verb.head) or verb.head.lemma_.lower() in WITHHOLD)

    def worth_stating(self, verb: Token, toks: list[Token]) -> bool:
        """Whether an unquoted reported clause is a position: anything but a report of arrangements
        ('X said the ministers will meet in Geneva'), unless even that is judged or prescribed."""
        if verb.lemma_.lower() in EVALUATIVE_VERBS or evaluative(toks):
            return True
        return not any(r.pos_ in ("VERB", "AUX") and r.lemma_.lower() in LOGISTICS for r in clause_roots(toks))

    def own_stance(self, verb: Token, holders) -> bool:
        """'X said it wants …': the clause states a stance of the speaker's own side, which its stance
        verb makes a position of; the verb of saying adds none."""
        for c in verb.children:
            if c.dep_ == "ccomp" and stance_of_verb(c) not in (None, "assert") and not self.embedded(c):
                them = self.verb_holders(c)
                if them and all(h in holders or any(self.same_side(h, x) for x in holders) for h in them):
                    return True
        return False

    def content_stance(self, toks: list[Token]) -> str:
        """The stance of reported words: a prescription demands, a rejection word rejects, the rest asserts."""
        if obligation(toks):
            return "demand"
        if consequence(toks):
            return "warn"
        will = commitment(toks)
        if will:
            return will
        low = self.doc[toks[0].i:toks[-1].i + 1].text.lower() if toks else ""
        if any(re.search(rf"\b{re.escape(w)}", low) for w in word_set("rejection_words.txt")):
            return "reject"
        return "assert"

    def of_quotation(self, sent: Span) -> list[Position]:
        """A quoted sentence with no verb of saying of its own, spoken by the speaker of its quotation
        ('“…,” he said. “And we will …”')."""
        qs = list(dict.fromkeys(self.quote_at[i] for i in range(sent.start, sent.end) if i in self.quote_at))
        if not qs or any(self.says(t) for t in sent) or any(t.dep_ == "prep" and t.lower_ == "according" for t in sent):
            return []
        inside = [t for t in sent if t.i in self.quote_at and not t.is_punct]
        outside = [t for t in sent if t.i not in self.quote_at and not t.is_punct and not t.is_space]
        if not qs or len(inside) < MIN_QUOTE_WORDS or len(outside) > len(inside):
            return []
        q = next((q for q in qs if self.speaker(q)), None)
        quote = self.quote_in(sent)
        if q is None or not quote:
            return []
        stance = self.content_stance(inside)
        topic, words = self.run(q)
        return self.make(self.speaker(q), stance, topic if stance == "assert" else short(quote), sent, inside, None,
                         words=words)

    def of_verb(self, tok: Token) -> list[Position]:
        """A position from a stance verb ('Oslo wants guarantees on quotas', 'the minister rejected the plan'),
        or from 'X called Y Z' (an assertion)."""
        st = stance_of_verb(tok)
        if st is None:
            return self.of_calling(tok) if tok.lemma_ == "call" else []
        if self.embedded(tok):
            return []
        if any(c.dep_ == "aux" and c.lower_ in HEDGES for c in tok.children):
            return []                      # "could be planning" is not a fact
        sent = sentence_of(tok)
        agent = self.agent(tok) if tok.lemma_ != "welcome" else None
        if agent is not None and tok.dep_ == "acl" and tok.head.pos_ not in ("NOUN", "PROPN"):
            return []
        if agent is not None:              # "the truce, proposed by Egypt": the agent holds it
            holders = self.resolve(agent)
            toks = self.passive_topic(tok)
        else:
            if self.passive(tok):
                return []
            holders = self.verb_holders(tok)
            toks = self.topic_tokens(tok)
            if tok.lemma_ in COGNITIVE or st == "assert":
                if any(c.dep_ == "ccomp" for c in tok.children) and not (
                        tok.lemma_ in EVALUATIVE_VERBS or evaluative(toks) or any(self.in_quote(t) is not None for t in toks)):
                    return []
        if not holders:
            return []
        holders = tuple(h for h in holders if st == "assert" or not self.claimed_by_other(tok, h))
        if tok.lemma_ == "welcome" and any(self.idx.at(c) or any(g.dep_ == "prep" and g.lower_ == "to" for g in c.children)
                                           for c in tok.children if c.dep_ == "dobj"):
            return []                      # welcoming a visitor is hosting, not approval
        topic = topic_text(toks)
        if not informative(toks):
            return []
        return self.make(holders, st, topic, sent, toks, tok, anchor=tok)

    def of_calling(self, tok: Token) -> list[Position]:
        """'X called the talks "useful"', 'what she called a cynical move': X asserts it."""
        obj = [c for c in tok.children if c.dep_ == "dobj"]
        pred = [c for c in tok.children if c.dep_ in ("oprd", "xcomp", "ccomp", "attr")]
        if tok.dep_ == "relcl" and pred and not obj:
            obj = [tok.head]
        if not obj or not pred or self.passive(tok) or self.embedded(tok):
            return []
        holders = self.verb_holders(tok)
        if not holders:
            return []
        toks = sorted({x for c in obj + pred for x in (c.subtree if c is not tok.head else [c])}, key=lambda t: t.i)
        topic = topic_text(toks)
        if len(topic.split()) < 2:
            return []
        return self.make(holders, "assert", topic, sentence_of(tok), toks, tok)

    def agent(self, tok: Token) -> Token | None:
        """The 'by' agent of a passive stance verb ('backed by X', 'a plan proposed by X')."""
        if not (any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (tok.tag_ == "VBN" and tok.dep_ == "acl")):
            return None
        for c in tok.children:
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        return None

    def passive_topic(self, tok: Token) -> list[Token]:
        """What a passive stance verb is about: its passive subject, or the noun it describes."""
        subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if subj:
            return sorted({x for s in subj for x in s.subtree}, key=lambda t: t.i)
        head = tok.head
        return sorted([head] + [c for c in head.children if c.dep_ in ("det", "compound", "amod") and c.i < head.i],
                      key=lambda t: t.i)

    def topic_tokens(self, verb: Token) -> list[Token]:
        """What a stance verb is about: its object or clause (dates and 'according to' left out)."""
        parts = [c for c in verb.children if c.dep_ in CONTENT_DEPS and (c.i > verb.i or c.dep_ != "prep")
                 and not (c.dep_ == "prep" and (c.lower_ == "according" or any(g.i in self.dates for g in c.children)))]
        return sorted({x for c in parts for x in c.subtree}, key=lambda t: t.i)

    def of_adjective(self, tok: Token) -> list[Position]:
        """A stance told by the state its holder is in: 'we are ready to negotiate' (an offer), 'Tokyo is
        concerned about the tests', 'Oslo, alarmed by the spill, …' (opposition). The holder is
        the subject of the copula, or the noun the adjective describes."""
        adjectives = table("stance_adjectives.tsv")
        content = [c for c in tok.children if c.dep_ == "xcomp" or
                   (c.dep_ in ("prep", "agent") and c.lower_ in STATE_PREPS)]
        paired = [c for c in content if f"{tok.lower_} {c.lower_}" in adjectives]
        if paired:                       # 'aligned against' / 'aligned with': the preposition decides
            content = paired[:1]
        st = adjectives[f"{tok.lower_} {paired[0].lower_}"] if paired else adjectives.get(tok.lower_)
        if st is None or tok.pos_ not in ("ADJ", "VERB") or not content:
            return []
        if tok.dep_ in ("acomp", "oprd") and tok.head.lemma_ in COPULAS:
            anchor = tok.head
            holders = self.verb_holders(anchor)
        elif tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
            anchor = tok
            holders = self.resolve(tok.head)
        elif tok.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in tok.children):
            anchor = tok
            holders = self.verb_holders(tok)
        else:
            return []
        if anchor.dep_ in ("advcl", "relcl") or any(c.dep_ == "mark" for c in anchor.children):
            return []                      # "once Chile is ready to sign": a condition, not an offer
        if negated(anchor) or negated(tok):
            st = NEGATED_STANCE.get(st)
            if st is None:
                return []
        if self.embedded(anchor):
            return []
        holders = tuple(h for h in holders if not self.claimed_by_other(anchor, h))
        toks = sorted({x for c in content for x in c.subtree if x is not c or c.dep_ == "xcomp"}, key=lambda t: t.i)
        topic = topic_text(toks)
        if not holders or not topic:
            return []
        return self.make(holders, st, topic, sentence_of(tok), toks, anchor, anchor=tok)

    def of_noun(self, tok: Token) -> list[Position]:
        """A position from a stance noun and its holder: a possessor ('the union's demands for higher pay',
        'her support for the bill'), a state or body modifying it ('Canadian concerns about …'), or an agent
        ('a proposal by France')."""
        st = table("stance_nouns.tsv").get(tok.lemma_.lower())
        if st is None or (tok.lemma_ == "call" and not any(c.lower_ == "for" for c in tok.children)):
            return []
        owners = [c for c in tok.children if c.dep_ == "poss"]
        if not owners:                   # "US concerns", "the Peruvian proposal" (not "Chile trade proposal")
            owners = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and self.idx.at(c)
                      and self.idx.by_token[c.i].end == tok.i]
        owners += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                   for g in c.children if g.dep_ == "pobj"]
        owners += [g for c in tok.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                   for g in a.children]
        holders = tuple(dict.fromkeys(h for o in owners for h in self.resolve(o)))
        if not holders:
            return []
        owned = {x.i for o in owners for x in o.subtree}
        content = [c for c in tok.children if c.i not in owned and
                   (c.dep_ in ("prep", "acl", "ccomp") or c.dep_ == "relcl" and content_clause(c)) and
                   c.lower_ not in ("by", "from") and not any(a.dep_ == "agent" for a in c.children)]
        nouns = [c for c in tok.children if c.i not in owned and c.dep_ in ("compound", "nmod") and c.i < tok.i]
        if not content and len(nouns) < 2:
            return []                    # "many security demands": no content to state
        kids = content + nouns + [c for c in tok.children if c.dep_ == "amod" and c.i not in owned]
        toks = sorted({tok} | {x for c in kids for x in c.subtree}, key=lambda t: t.i)
        topic = topic_text(toks)
        if len(topic.split()) < 2:
            return []
        return self.make(holders, st, topic, sentence_of(tok), toks, None, anchor=tok)

    # --- what does not count --------------------------------------------------------------------

    def according_to(self, sent: Span) -> tuple[str, ...]:
        """The holder named by 'according to X' in the sentence."""
        for t in sent:
            if t.lower_ == "according" and t.dep_ == "prep":
                for c in t.children:
                    for g in ([c] if c.dep_ == "pobj" else c.children):
                        if g.dep_ == "pobj":
                            return self.resolve(g)
        return ()

    def stated_on(self, verb: Token) -> str | None:
        """The day a statement was made: a date on the stance verb or on the verb of saying above it
        ('..., the minister told reporters on Wednesday'), resolved looking back from the article's day."""
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

    def passive(self, tok: Token) -> bool:
        """'pushed into a deal', 'is supported by': the subject undergoes the verb, it holds nothing."""
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
            return True
        own_subject = any(c.dep_ in ("nsubj", "csubj") for c in tok.children)
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
        return tok.tag_ == "VBN" and not own_subject and not perfect and tok.dep_ != "conj"

    def claimed_by_other(self, tok: Token, holder: str) -> bool:
        """'The minister warned that the rebels were planning to advance': a stance someone else ascribes to
        the holder is that someone's claim, not the holder's position (unless both are one side: 'the
        ministry said its minister warned'). An outlet or an unnamed 'it' that reports claims nothing."""
        t = tok
        for _ in range(4):
            if t.head.i == t.i:
                return False
            head = t.head
            if t.dep_ in ("ccomp", "xcomp", "conj", "advcl") and (is_saying(head) or head.lemma_ in
                                                                   ("believe", "warn", "claim", "fear", "accuse", "allege", "think")):
                subj = subjects(head)
                if not subj or any(s.lower_ == "it" or s.lemma_.lower() in OUTLET_WORDS for s in subj):
                    return False
                reporters = [k for s in subj for k in self.resolve(s)]
                return bool(reporters) and holder not in reporters and \
                    not any(self.same_side(r, holder) for r in reporters)
            t = head
        return False

    def same_side(self, a: str, b: str) -> bool:
        """Whether a person serves the other actor (or the other way round)."""
        return b in self.sides.get(a, ()) or a in self.sides.get(b, ())

    def embedded(self, tok: Token) -> bool:
        """Not a position of its own: a conditional ('if the union wants'), a relative aside ('which it
        says'), a purpose ('troops sent to support'), or the content of another stance ('assurances
        that the bank will not raise rates'). A coordinated verb, a concessive clause ('although she rejected')
        and the clause of a verb of saying stand on their own."""
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL for c in tok.children):
            return True
        if tok.dep_ == "relcl" and (is_saying(tok) or tok.lemma_ in COGNITIVE) and not self.said_of_head(tok):
            return True
        if tok.dep_ in ("advcl", "acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return True
        if is_saying(tok) and tok.dep_ in ("advcl", "xcomp", "conj"):
            return False                 # "..., saying that ...": an attribution of its own
        t = tok
        for _ in range(5):
            if t.head.i == t.i:
                return False
            if t.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in CONCESSIVE for c in t.children):
                return False
            head = t.head
            if t.dep_ == "conj":
                t = head
                continue
            lemma = head.lemma_.lower()
            if is_saying(head) or lemma in COGNITIVE:
                return False
            if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL for c in t.children):
                return True
            if (head.pos_ == "VERB" and table("stance_verbs.tsv").get(stance_key(head)) not in (None, "assert")) or \
                    (head.pos_ == "NOUN" and (lemma in table("stance_nouns.tsv") or lemma in ("assurance", "guarantee"))):
                return True
            t = head
        return False


def content_clause(tok: Token) -> bool:
    """A clause that states the content of a noun ('claims that X'), not a relative clause about it
    ('claims that X made'): it opens with the conjunction 'that'."""
    first = min(tok.subtree, key=lambda t: t.i)
    return first.lower_ == "that" and first.tag_ == "IN"


def informative(toks: list[Token]) -> bool:
    """Whether a topic says something: a word of content that is not a pronoun ('refugees', not 'it')."""
    return any(t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM") and not is_pronoun(t) for t in toks)


def topic_text(toks: list[Token]) -> str:
    """The words of a topic, short: its head clause or noun phrase without relative clauses,
    appositions, asides in brackets or dashes and dates, at most MAX_TOPIC_WORDS words."""
    if not toks:
        return ""
    inside = {t.i for t in toks}
    drop = set()
    for t in toks:
        if t.i in drop or t.i == toks[0].i:
            continue
        aside = t.dep_ in TRIM_DEPS and t.head.i in inside and not content_clause(t)
        when = t.ent_type_ in ("DATE", "TIME") and t.dep_ in ("pobj", "npadvmod")
        if aside or when:
            drop |= {x.i for x in t.subtree}
    for t in toks:                      # a preposition left without its object goes too
        if t.dep_ in ("prep", "agent") and all(c.i in drop for c in t.children if c.dep_ == "pobj") and \
                any(c.dep_ == "pobj" for c in t.children):
            drop.add(t.i)
    kept = [t for t in toks if t.i not in drop]
    text = "".join(t.text_with_ws if n + 1 == len(kept) or kept[n + 1].i == t.i + 1 else t.text + " "
                   for n, t in enumerate(kept)).strip(" ,;:\"“”'‘’—–-")
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    words = text.split()
    if len(words) > MAX_TOPIC_WORDS:
        text = " ".join(words[:MAX_TOPIC_WORDS]) + " …"
    return " ".join(text.split())


def short(text: str) -> str:
    """Quoted words as a topic: without the quotation's own punctuation, at most MAX_TOPIC_WORDS words."""
    words = text.strip(" ,.;:\"“”'‘’—–-\n").split()
    return " ".join(words[:MAX_TOPIC_WORDS]) + (" …" if len(words) > MAX_TOPIC_WORDS else "")


def dedupe(ps: list[Position]) -> list[Position]:
    """One position per holder, stance and sentence (the reading with the fullest topic); a bare
    assertion gives way to a stance the same holder takes in the same sentence."""
    best: dict[tuple, Position] = {}
    for p in ps:
        k = (p.holder, p.stance, p.evidence)
        if k not in best or len(p.topic) > len(best[k].topic):
            best[k] = p
    stanced = {(p.holder, p.evidence) for p in best.values() if p.stance != "assert"}
    return [p for p in best.values() if p.stance != "assert" or (p.holder, p.evidence) not in stanced]


def extract_positions(doc: Doc, idx: ActorIndex, ref=None, year_hint: int | None = None, roles=(),
                      outlets: tuple[str, ...] = ()) -> list[Position]:
    """The positions of one parsed article. REF, the article's day, dates the statements; ROLES tie
    persons to the side they speak for and name who holds an office; OUTLETS (the article's
    publisher and credits) hold nothing."""
    banned = {fold(o) for o in outlets if o}
    not_holders = frozenset(a.key for a in idx.actors.values() if any(fold(n) in banned for n in a.names))
    return dedupe(PositionReader(doc, idx, ref, year_hint, roles, not_holders).positions())
