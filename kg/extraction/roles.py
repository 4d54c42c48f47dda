"""Roles of persons: the office or occupation the text gives a person, and whom they serve.

Read from the syntax around each person's name, in the forms news writes them: a title before the
name ('WHO Director General Ana Ruiz', "Peru's President ...", 'Army spokeswoman Maj.
...'), an apposition with any occupational noun ('..., a National Weather Service meteorologist',
'..., spokeswoman for the ministry'), a title and a comma before the name ("The EU's top diplomat,
..."), the organisation after the name ('... of the Forest Service') or before it ("Boston
University's ..."), and a relative clause ('..., who heads the agency'). A title that belongs to the
next name in a list is not this person's. Titles are written canonically ('Sec-Gen' is 'Secretary
General'), the words as written kept beside.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.extraction.actors import ActorIndex, state_of
from kg.extraction.syntax import doc_text, sentence_of
from kg.lexicon import data_lines, table, title_rx, word_set
from kg.records import Role

ORG_TYPES = ("Organization", "Country")
EMPLOYER_PREPS = {"of", "at", "for", "with", "from", "in"}
RANKS = r"(?:\s+(?:Lt|Lieut|Capt|Col|Gen|Maj|Sgt|Adm|Cmdr|Cdr|Brig|Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|Amb)\.?)*"
COMMA_AT_END = re.compile(rf",{RANKS}\s*$", re.I)          # '..., ' or '..., Gen. ' right before a name
PREDICATE_VERBS = {"be", "remain", "become", "serve", "work", "act", "name", "appoint", "elect", "install", "nominate",
                   "choose", "select", "confirm", "succeed", "replace"}
WORKS_VERBS = {"head": "head", "lead": "leader", "chair": "chair", "direct": "director", "run": "head",
               "work": "", "serve": "", "represent": "representative", "manage": "manager", "command": "commander"}


@lru_cache(maxsize=1)
def _title_start():
    """The title pattern anchored at a word, and the words a title can start with (to try it only there)."""
    rx = re.compile(title_rx() + r"(?:\s+of\s+(?:State|Defen[cs]e))?", re.I)
    first = {re.split(r"[\s-]", t)[0].lower() for t in data_lines("titles.txt") + data_lines("title_modifiers.txt")}
    return rx, first


def title_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of capitalised titles ('Secretary of State'): entities inside them are not actors."""
    rx, first = _title_start()
    text, spans, end = doc_text(doc), [], -1
    for tok in doc:
        if tok.idx >= end and tok.lower_ in first:
            m = rx.match(text, tok.idx)
            if m and any(c.isupper() for c in m.group(0)):
                spans.append((m.start(), m.end()))
                end = m.end()
    return spans


def canonical_title(title: str) -> str:
    """One way to write one title: abbreviations spelled out, hyphens as spaces, capitalised words
    ('Sec-Gen', 'secretary-general' -> 'Secretary General')."""
    words = re.sub(r"[\s\-]+", " ", title.strip(" ,.")).lower()
    words = table("title_abbreviations.tsv").get(words, words)
    words = " ".join(table("title_abbreviations.tsv").get(w, w) for w in words.split())
    small = {"of", "for", "and", "the", "on", "to", "in"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in words.split())


@dataclass(frozen=True)
class Found:
    """A role read from one construction: the title as written (may be empty) and the employer key."""
    title: str
    org: str | None


class RoleReader:
    """Reads the roles of the persons of one parsed article."""

    def __init__(self, doc: Doc, idx: ActorIndex):
        self.doc, self.idx, self.text = doc, idx, doc_text(doc)
        self.orgs = [m for m in idx.mentions if m.end > m.start and idx.actors[m.key].type in ORG_TYPES + ("City",)]
        title = title_rx()
        self.before = re.compile(rf"(?<![\w-])(?P<title>{title})\.?(?:\s+(?:of|for)\s+(?:the\s+)?(?P<of>[A-Z][^,]*?))?"
                                 rf"{RANKS}\s*$", re.I)
        self.after = re.compile(rf"^\s*,\s*(?:who\s+is\s+)?(?:the\s+|a\s+|an\s+|its\s+|his\s+|her\s+)?(?P<pre>[^,]*?)"
                                rf"(?<![\w-])(?P<title>{title})(?P<post>\s+(?:for|of|at|in|with)\s+[^,]*)?", re.I)
        self.comma_before = re.compile(rf"(?P<pre>[^,;]*?)(?<![\w-])(?P<title>{title})"
                                       rf"(?:\s+(?:to|for|of|at|in|with)\s+[^,;]{{1,40}}?)?\s*,{RANKS}\s*$", re.I)

    # --- helpers ---------------------------------------------------------------------------------
    def employer(self, start_char: int, end_char: int, last: bool = True) -> str | None:
        """The organisation or state named between two character offsets (a capital for its state)."""
        found = [m.key for m in self.orgs if m.start_char < end_char and m.end_char > start_char]
        found = [state_of(self.idx.actors, k) for k in found]
        found = [k for k in found if self.idx.type_of(k) in ORG_TYPES]
        return (found[-1] if last else found[0]) if found else None

    def employer_in(self, toks: list[Token]) -> str | None:
        """The organisation or state among TOKS, outside phrases that name a host ('ambassador to X')."""
        keep = [t for t in toks if not any(a.dep_ == "prep" and a.lower_ == "to" for a in t.ancestors
                                           if a.i >= toks[0].i)]
        keys = [state_of(self.idx.actors, k) for k in self.idx.in_span(keep)]
        keys = [k for k in keys if self.idx.type_of(k) in ORG_TYPES]
        return keys[0] if keys else None

    def next_is_name(self, end_char: int) -> bool:
        """Whether a capitalised name follows right after END_CHAR (the title is that name's)."""
        return bool(re.match(r"\s+(?:[A-Z][a-z]+\.?\s+)*[A-Z][\w'’-]+", self.text[end_char:end_char + 60])) and \
            any(m.start_char >= end_char and m.start_char - end_char <= 25 and self.idx.type_of(m.key) == "Person"
                for m in self.idx.mentions)

    # --- the constructions -----------------------------------------------------------------------
    def left_phrase(self, span: Span, sent: Span) -> tuple[int, str]:
        """(start offset, text) of what stands before the name in its own noun phrase: from the end of
        the last other person named before it, or the last clause punctuation (an apposition comma
        right before the name excepted)."""
        start = sent.start_char
        for m in self.idx.mentions:
            if m.end_char <= span.start_char and m.start_char >= sent.start_char and m.end > m.start and \
                    self.idx.actors[m.key].type == "Person" and m.key != self.idx.at(span[0]):
                start = max(start, m.end_char)
        left = self.text[start:span.start_char]
        body = re.sub(r",\s*$", "", left)
        cut = max((m.end() for m in re.finditer(r"[,;()\[\]:\"“”]", body)), default=0)
        return start + cut, left[cut:]

    def org_right_before(self, end_char: int) -> str | None:
        """The organisation or state that ends right before END_CHAR ('WHO Director', "Peru's
        President"): nothing but a possessive and spaces between."""
        for m in reversed(self.orgs):
            gap = self.text[m.end_char:end_char] if m.end_char <= end_char else None
            if gap is not None and re.fullmatch(r"\s*(?:['’]s)?\s*", gap):
                key = state_of(self.idx.actors, m.key)
                if self.idx.type_of(key) in ORG_TYPES:
                    return key
        return None

    def title_before(self, span: Span, sent: Span) -> Found | None:
        """'WHO Director General X', "Peru's President X", 'Army spokeswoman Maj. X', 'Analyst X',
        'Secretary of State of the United States, X'."""
        base, seg = self.left_phrase(span, sent)
        m = self.before.search(re.sub(r",\s*$", "", seg))
        if not m:
            return None
        start, title = base + m.start(), m["title"]
        # capitalised words before the title that name no actor are its portfolio ('Infrastructure Minister')
        while True:
            w = re.search(r"(?:^|\s)([A-Z][a-z]+)\s+$", self.text[base:start])
            tok = self.doc.char_span(base + w.start(1), base + w.end(1)) if w else None
            if not w or tok is None or tok[0].pos_ not in ("NOUN", "PROPN") or tok[0].is_sent_start or \
                    any(x.start_char <= base + w.start(1) < x.end_char for x in self.idx.mentions) or \
                    self.text[base + w.start(1):start].strip().lower() in word_set("title_modifiers.txt"):
                break
            title, start = self.text[base + w.start(1):start] + title, base + w.start(1)
        org = self.employer(base + m.start("of"), base + m.end("of")) if m["of"] else None
        org = org or self.org_right_before(start)
        if org:                               # 'Deputy Green Party leader': a modifier before the organisation
            mention = next((x for x in self.idx.mentions if self.text[x.end_char:start].strip(" '’s") == ""
                            and x.end_char <= start), None)
            mod = re.search(r"(?:^|\s)([A-Za-z]+)\s+$", self.text[base:mention.start_char]) if mention else None
            if mod and mod.group(1).lower() in word_set("title_modifiers.txt"):
                title = f"{mod.group(1)} {title}"
        return Found(title, org)

    def apposition(self, span: Span, sent: Span) -> Found | None:
        """'X, a National Weather Service meteorologist', 'X, spokeswoman for the ministry': the noun
        in apposition to the name, with the organisation it names (a title of office counts alone)."""
        right = self.text[span.end_char:sent.end_char]
        m = self.after.match(right)
        if m and len(m["pre"].split()) <= 6 and not self.next_is_name(span.end_char + m.end("title")):
            base = span.end_char
            org = self.employer(base + m.start("post"), base + m.end("post")) if m["post"] else None
            if org is None and m["pre"]:
                org = self.employer(base + m.start("pre"), base + m.end("pre"))
            return Found(m["title"], org)
        for app in (c for c in span.root.children if c.dep_ == "appos"):
            if app.pos_ != "NOUN" or app.lemma_.lower() in word_set("non_role_nouns.txt") or app.i < span.start:
                continue
            phrase = [t for t in app.subtree if t.dep_ not in ("relcl", "acl") and not any(
                a.dep_ in ("relcl", "acl") for a in t.ancestors if a.i > app.i - 50 and a in app.subtree)]
            org = self.employer_in(phrase)
            mods = [t for t in app.lefts if t.dep_ in ("compound", "amod") and t.is_lower and not t.ent_type_]
            title = " ".join(t.text for t in mods + [app])
            if org or re.fullmatch(title_rx(), title, re.I):
                return Found(title, org)
        return None

    def title_comma_before(self, span: Span, sent: Span) -> Found | None:
        """"The European Union's top diplomat, X": a title and a comma right before the name."""
        left = self.text[sent.start_char:span.start_char]
        tail = COMMA_AT_END.search(left)
        if not tail:
            return None
        # the title phrase holds no comma or semicolon: search only the stretch after the last one
        m = self.comma_before.search(left, max(left.rfind(",", 0, tail.start()), left.rfind(";", 0, tail.start())) + 1)
        if not m:
            return None
        return Found(m["title"], self.employer(sent.start_char + m.start("pre"), sent.start_char + m.end("pre")))

    def org_after(self, span: Span) -> Found | None:
        """'X of the U.S. Forest Service', 'X at Harvard University', 'X from ORG': an organisation
        right after the name (a state here is where the person is from, not whom they serve)."""
        nxt = self.doc[span.end] if span.end < len(self.doc) else None
        if nxt is None or nxt.lower_ not in ("of", "at", "from") or nxt.head.i not in range(span.start, span.end):
            return None
        objs = [t for c in nxt.children if c.dep_ == "pobj" for t in c.subtree]
        keys = [k for k in self.idx.in_span(objs) if self.idx.type_of(k) == "Organization"]
        return Found("", keys[0]) if keys else None

    def org_possessor(self, span: Span) -> Found | None:
        """"Boston University's X": an organisation that owns the name."""
        if span.start < 2 or self.doc[span.start - 1].tag_ != "POS":
            return None
        key = self.idx.at(self.doc[span.start - 2])
        return Found("", key) if key and self.idx.type_of(key) == "Organization" else None

    def relative_clause(self, span: Span) -> Found | None:
        """'X, who heads the agency', 'X, who now works for MIT'."""
        for rel in (c for c in span.root.children if c.dep_ == "relcl"):
            if rel.lemma_ not in WORKS_VERBS or not any(c.lower_ in ("who", "that") for c in rel.children):
                continue
            objs = [t for c in rel.children if c.dep_ in ("dobj", "prep", "attr") for t in c.subtree]
            org = self.employer_in(objs) if objs else None
            if org:
                return Found(WORKS_VERBS[rel.lemma_], org)
        return None

    def predicate(self, span: Span) -> Found | None:
        """'X was the chief correspondent for ORG', 'X will remain a commissioner of ORG', 'X was named
        (as) ambassador of ORG', 'X serves as head of ORG': a title said of the person by the verb."""
        root = span.root
        if root.dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = root.head
        nouns = [c for c in verb.children if c.dep_ in ("attr", "oprd")]
        nouns += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
        if not ({verb.lemma_, re.sub(r"(?:ed|d|s|ing)$", "", verb.lower_)} & PREDICATE_VERBS):
            return None
        for n in nouns:
            if n.pos_ != "NOUN":
                continue
            mods = [t for t in n.lefts if t.dep_ in ("compound", "amod") and t.is_lower and not t.ent_type_]
            title = " ".join(t.text for t in mods + [n])
            if re.fullmatch(title_rx(), title, re.I) or re.fullmatch(title_rx(), n.text, re.I):
                return Found(title, self.employer_in(list(n.subtree)))
        return None

    def of_person(self, span: Span) -> Found | None:
        """All that the text says of one mention: the first title found, with the first employer."""
        sent = sentence_of(span)
        found = [f for f in (self.title_before(span, sent), self.apposition(span, sent),
                             self.title_comma_before(span, sent), self.relative_clause(span), self.predicate(span),
                             self.org_after(span), self.org_possessor(span)) if f]
        if not found:
            return None
        title = next((f.title for f in found if f.title), "")
        org = next((f.org for f in found if f.title == title and f.org), None) or next((f.org for f in found if f.org), None)
        if title and org is None:
            org = self.state_after(span)      # 'Prime Minister X of Israel'
        return Found(title, org)

    def state_after(self, span: Span) -> str | None:
        """'... of Israel' right after a name that has a title of office: the state it serves."""
        nxt = self.doc[span.end] if span.end + 1 < len(self.doc) else None
        if nxt is None or nxt.lower_ != "of":
            return None
        key = self.idx.at(self.doc[span.end + 1])
        return key if key and self.idx.type_of(key) == "Country" else None

    def roles(self) -> list[Role]:
        """One role per person, title and employer."""
        out, seen = [], set()
        for m in self.idx.mentions:
            if m.end <= m.start or self.idx.actors[m.key].type != "Person":
                continue
            span = self.doc[m.start:m.end]
            got = self.of_person(span)
            if got is None or (not got.title and not got.org):
                continue
            written = " ".join(got.title.split())
            title = canonical_title(written) if written else ""
            k = (m.key, title.lower(), got.org)
            if k not in seen:
                seen.add(k)
                out.append(Role(person=m.key, title=title, org=got.org, evidence=sentence_of(span).text.strip(),
                                written=written))
        return out


def extract_roles(doc: Doc, idx: ActorIndex) -> list[Role]:
    """Role facts for each named person whose office or occupation the text gives."""
    return RoleReader(doc, idx).roles()
