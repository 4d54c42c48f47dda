"""Corrections of the model's entity spans, each on evidence in the document itself.

kg must never be worse than the spaCy model it wraps: a rule changes a span or its label only where
the article gives a reason (the same name typed otherwise elsewhere, a title or honorific before it,
a name particle that continues it, a gazetteer hit with no sign of a person). Each rule takes the
doc, the spans so far and what the doc tells about its names, and returns new spans.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Doc, Span

from kg.geo import gazetteer
from kg.lexicon import table, title_last_words, title_rx, word_set
from kg.names import initials

DATE_LIKE = re.compile(r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d{1,2}$", re.I)
ACRONYM_AFTER = re.compile(r"^\s*\((?P<acr>[A-Z]{2,8})\)")
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


def doc_text(doc: Doc) -> str:
    """The doc's text, joined once and kept (spaCy's Doc.text joins every token on each call)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def particles() -> frozenset[str]:
    """Lower-case words inside personal names: von, van, der, de, la, bin, al, ibn ..."""
    return word_set("name_particles.txt")


def honorifics() -> frozenset[str]:
    """Mr, Mrs, Ms, Dr, Sir ...: a word before a name that only a person takes."""
    return word_set("honorifics.txt")


@dataclass
class NameFacts:
    """What the document says about its names: the parts of multi-word person names (as the spans
    stand now), and the words that stand after a title or honorific somewhere (a sign of a person)."""
    first: Counter = field(default_factory=Counter)     # first words of multi-word PERSON spans
    last: Counter = field(default_factory=Counter)      # last words of multi-word PERSON spans
    suffixes: set = field(default_factory=set)          # 'von der leyen', 'leyen': ends of full names, lower case
    single: set = field(default_factory=set)            # one-word PERSON names
    titled: set = field(default_factory=set)            # words right after a title or honorific

    @classmethod
    def of(cls, doc: Doc, spans: list[Span]) -> "NameFacts":
        """The facts of DOC with entity spans SPANS."""
        facts = cls()
        text = doc_text(doc)
        title = re.compile(rf"(?<![\w-])(?:{title_rx()})\.?\s+$", re.I)
        for t in doc:
            if t.i and t.text[:1].isupper():
                prev = doc[t.i - 1]
                if prev.lower_.rstrip(".") in honorifics() or (
                        prev.lower_.rstrip(".") in title_last_words() and title.search(text[max(0, t.idx - 60):t.idx])):
                    facts.titled.add(t.text)
        return facts.with_spans(spans)

    def with_spans(self, spans: list[Span]) -> "NameFacts":
        """The name parts of the person spans as they stand now (the titled words stay)."""
        self.first, self.last, self.suffixes, self.single = Counter(), Counter(), set(), set()
        for e in spans:
            if e.label_ == "PERSON" and len(e) == 1:
                self.single.add(e.text)
            words = [t for t in e if t.is_alpha and t.text[:1].isupper()]
            if e.label_ == "PERSON" and len(words) > 1:
                self.first[words[0].text] += 1
                self.last[words[-1].text] += 1
                toks = [t for t in e if not t.is_punct]
                for i in range(1, len(toks)):
                    self.suffixes.add(" ".join(t.lower_ for t in toks[i:]))
        return self

    def is_person_word(self, word: str) -> bool:
        """Whether the document treats WORD as (part of) a person's name."""
        return word in self.titled or word in self.last or word in self.first


Rule = Callable[[Doc, list[Span], NameFacts], list[Span]]


def relabel(span: Span, label: str, start: int | None = None, end: int | None = None) -> Span:
    """SPAN with another label or other bounds."""
    return Span(span.doc, span.start if start is None else start, span.end if end is None else end, label=label)


def dates_named_as_names(doc: Doc, spans: list[Span], facts: NameFacts) -> list[Span]:
    """'Jan. 12' tagged as a name is a date."""
    return [relabel(e, "DATE") if e.label_ in NAME_LABELS and DATE_LIKE.match(e.text) else e for e in spans]


def trim_edges(doc: Doc, spans: list[Span], facts: NameFacts) -> list[Span]:
    """'Karim Haddad of', 'the Institute for Soil Studies ( Isso': a name does not end in a
    lower-case function word or an opening bracket."""
    out = []
    for e in spans:
        start, end = e.start, e.end
        if e.label_ in NAME_LABELS:
            opened = next((t.i for t in e if t.text in "([" and not any(x.text in ")]" for x in doc[t.i:e.end])), None)
            if opened is not None and all(t.is_lower or t.is_punct for t in doc[e.start:opened]):
                start = opened + 1                      # 'the (European Union': the name is after it
            elif opened is not None:
                end = opened                            # 'Soil Studies ( Isso': the name is before it
            inner = next((t.i for t in doc[start + 1:end] if t.is_lower and (t.pos_ in ("VERB", "AUX") or (
                t.pos_ == "DET" and doc[t.i - 1].pos_ != "ADP"))), None)
            if inner is not None:
                end = inner                  # 'Lopez the Peruvian envoy': the name ends before the determiner
            here = doc[start:end]
            title = re.search(r"(?<![\w-])" + title_rx(), doc_text(doc)[here.start_char:here.end_char + 60], re.I)
            if e.label_ == "ORG" and title and 0 < title.start() < len(here.text) and title.group(0)[:1].isupper():
                cut = here.char_span(0, title.start(), alignment_mode="contract")
                end = cut.end if cut is not None and len(cut) else end    # 'Chilean Labour Minister' tagged as one name
            while end > start + 1 and (doc[end - 1].is_lower and doc[end - 1].pos_ in ("ADP", "DET", "CCONJ", "SCONJ")
                                       or doc[end - 1].text in ",;:-("):
                end -= 1
            if e.label_ == "ORG":           # 'NORA news agency': the name, not what it is
                while end > start + 1 and doc[end - 1].is_lower and doc[end - 1].pos_ in ("NOUN", "ADJ") and \
                        doc[end - 2].text != "-" and any(t.text[:1].isupper() for t in doc[start:end - 1]):
                    end -= 1
            own = next((t.i for t in doc[start:end - 1] if t.tag_ == "POS"), None)
            owner = doc[start:own].text if own is not None else ""
            if e.label_ in ("ORG", "FAC", "LOC") and own is not None and own + 1 < end and (
                    gazetteer().country(owner) or gazetteer().capital_of(owner) or owner.isupper()):
                start = own + 1             # "Chile's Supreme Water Council": the possessor is another actor
        if (start, end) == (e.start, e.end):
            out.append(e)
            continue
        if end > start:
            out.append(relabel(e, e.label_, start, end))
        inner = [t for t in doc[end + 1:e.end] if not t.is_punct]
        if end < e.end and doc[end].text in "([" and inner and all(t.text[:1].isupper() for t in inner):
            out.append(Span(doc, inner[0].i, inner[-1].i + 1, label=e.label_))   # the '( Isso' after the name
    return out


def split_joined_names(doc: Doc, spans: list[Span], facts: NameFacts) -> list[Span]:
    """'Pavel Orlov & Poland's' tagged as one person: a name ends at a conjunction, and a state
    named after it is a place of its own."""
    out = []
    for e in spans:
        cut = next((t.i for t in e if t.i > e.start and (t.text in ("&", ",") or t.lower_ == "and")), None) \
            if e.label_ == "PERSON" else None
        if cut is None:
            out.append(e)
            continue
        out.append(relabel(e, "PERSON", end=cut))
        rest = [t for t in doc[cut + 1:e.end] if t.tag_ != "POS"]
        if rest and gazetteer().country(doc[rest[0].i:rest[-1].i + 1].text):
            out.append(Span(doc, rest[0].i, rest[-1].i + 1, label="GPE"))
    return out


def honorifics_out(doc: Doc, spans: list[Span], facts: NameFacts) -> list[Span]:
    """'Ms van der Berg' -> 'van der Berg': the honorific is not part of the name."""
    out = []
    for e in spans:
        start = e.start
        while e.label_ in NAME_LABELS and start < e.end - 1 and doc[start].lower_.rstrip(".") in honorifics():
            start += 1
            if start < e.end and doc[start].text == ".":
                start += 1
        # 'Mr Kovac' tagged as a place: a courtesy title is said only of a person
        out.append(relabel(e, "PERSON", start=start) if start != e.start and start < e.end else e)
    return out


def _continues_name(tok) -> bool:
    """A token that can continue a personal name after a particle: capitalised, or a particle."""
    return (tok.text[:1].isupper() and tok.is_alpha) or tok.lower_ in particles()


def particle_names(doc: Doc, spans: list[Span], facts: NameFacts) -> list[Span]:
    """'Anna van der' + 'Berg', 'van der Berg' tagged as an organisation: a person's name goes on
    through its particles (von, der, bin, al, de ...) to the capitalised word they lead to (the
    longer span wins over what it now covers)."""
    ends = {e.end for e in spans if e.label_ == "PERSON"}
    out = []
    for e in spans:
        label, end = e.label_, e.end
        first = doc[e.start]
        before = doc[e.start - 1] if e.start else None
        if label != "PERSON" and first.is_lower and first.lower_ in particles() and \
                any(t.text[:1].isupper() for t in e) and (
                    before is None or e.start in ends or before.lower_.rstrip(".") in honorifics()
                    or not before.text[:1].isupper()):
            label = "PERSON"
        start = e.start
        if label == "PERSON":
            k = end
            while k < len(doc) and doc[k - 1].lower_ in particles() and _continues_name(doc[k]):
                k += 1
            if k > end and doc[k - 1].lower_ not in particles():
                end = k
            while start > 0 and doc[start - 1].lower_ in particles() and doc[start - 1].is_alpha:
                start -= 1                      # 'Van der' + 'Berg' at the start of a sentence
        out.append(relabel(e, label, start, end) if (label, start, end) != (e.label_, e.start, e.end) else e)
    return out


def titles_inside_names(doc: Doc, spans: list[Span], facts: NameFacts) -> list[Span]:
    """'UNESCO Director General Ana Ruiz' tagged as one span: a capitalised title inside it
    separates the organisation before it from the person after it. Only where the part before is
    organisation-like (an acronym, or a name the article types as an organisation or state), so that
    names that contain a title word ('Martin Luther King') stay whole."""
    org_names = {e.text for e in spans if e.label_ in ("ORG", "GPE", "NORP")}
    title = re.compile(r"(?<![\w-])" + title_rx(), re.I)
    out = []
    for e in spans:
        m = title.search(e.text) if e.label_ in ("ORG", "PERSON") and len(e) > 2 else None
        if m and m.group(0)[:1].isupper() and m.start() > 0 and m.end() < len(e.text):
            head, rest = e.text[:m.start()].strip(), e.text[m.end():].strip()
            orgish = head.isupper() or head in org_names or gazetteer().country(head) or gazetteer().demonym(head)
            person = e.char_span(len(e.text) - len(rest), len(e.text), alignment_mode="expand")
            org = e.char_span(0, len(head), alignment_mode="contract")
            if orgish and rest[:1].isupper() and person is not None and org is not None and len(org):
                out.append(Span(doc, org.start, org.end, label="ORG"))
                out.append(Span(doc, person.start, person.end, label="PERSON"))
                continue
        out.append(e)
    return out


LOCATIVE = {"in", "from", "near", "outside", "inside"}


def states_by_gazetteer(doc: Doc, spans: list[Span], facts: NameFacts) -> list[Span]:
    """A country, a capital or a seat of government tagged as a person or organisation is a place,
    unless the document shows it is a person's name (a title before it, or part of a person's full
    name). Another city only after a locative preposition ('in', 'from'): too many are also surnames."""
    gz = gazetteer()
    out = []
    for e in spans:
        text = e.text
        state = gz.country(text) or gz.capital_of(text) or table("seats_of_government.tsv").get(text.lower())
        before = doc[e.start - 1].lower_ if e.start else ""
        if not state and e.label_ == "PERSON" and before in LOCATIVE and gz.city(text) and \
                e.end < len(doc) and doc[e.end].tag_ != "POS":
            state = gz.city(text)               # 'talks in Glasgow': a city after a locative preposition
        if e.label_ == "PERSON" and re.search(r"\d", text):
            out.append(relabel(e, "ORG"))        # 'G8': no one's name has digits
            continue
        if e.label_ in ("PERSON", "ORG", "NORP", "FAC") and len(e) <= 3 and state and \
                not (e.label_ == "PERSON" and any(facts.is_person_word(t.text) for t in e)):
            out.append(relabel(e, "GPE"))
        else:
            out.append(e)
    return out


def people_by_name_parts(doc: Doc, spans: list[Span], facts: NameFacts) -> list[Span]:
    """A single word the article uses as part of a person's full name is that person where it stands
    alone: tagged otherwise (a surname as a place) or not tagged at all. A first word counts only
    when no full name ends with it (family name first: 'Park' of 'Park Min-jun')."""
    gz = gazetteer()
    parts = set(facts.last) | {w for w, n in facts.first.items() if w not in facts.last}
    out = []
    covered = set()
    heads = word_set("org_heads.txt")
    for e in spans:
        if e.label_ in ("GPE", "ORG", "NORP", "LOC") and not gz.country(e.text) and (
                (len(e) == 1 and e.text in parts) or (len(e) > 1 and e.text.lower() in facts.suffixes)
                or (1 < len(e) <= 3 and e[-1].text in facts.single and all(t.tag_ == "NNP" for t in e)
                    and not any(t.lower_ in heads for t in e))):
            e = relabel(e, "PERSON")     # a full name tagged an organisation where its surname is a person
        out.append(e)
        covered.update(range(e.start, e.end))
    for t in doc:
        if t.i not in covered and t.text in parts and t.tag_ == "NNP" and t.ent_iob_ != "I" and \
                not (t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "NNP") and not (t.i and doc[t.i - 1].tag_ == "NNP"):
            out.append(Span(doc, t.i, t.i + 1, label="PERSON"))
    return out


def organisation_heads(doc: Doc, spans: list[Span], facts: NameFacts) -> list[Span]:
    """An organisation name cut before its head noun ('the Foreign' + 'Ministry') or before the words
    that its acronym in brackets spells out goes on to them."""
    heads = word_set("org_heads.txt")
    out = []
    for e in spans:
        end = e.end
        if e.label_ == "ORG":
            while end < len(doc) and doc[end].lower_ in heads and doc[end].text[0].isupper():
                end += 1
        k = end + 1 + (end + 1 < len(doc) and doc[end + 1].lower_ == "the")
        if e.label_ in ("FAC", "ORG", "LOC") and end < len(doc) and doc[end].lower_ == "of" and k < len(doc) and \
                doc[k].text[:1].isupper() and doc[k].is_alpha and not doc[k].ent_type_:
            while k < len(doc) and doc[k].text[:1].isupper() and doc[k].is_alpha and not doc[k].ent_type_:
                k += 1
            if k >= len(doc) or doc[k].tag_ != "POS":
                end = k                             # 'the Grand Hall' + 'of the Nations': one name
        if e.label_ == "ORG":
            if end + 2 < len(doc) and doc[end].lower_ in ("in", "of") and doc[end + 1].text[:1].isupper():
                k = end + 2
                while k < len(doc) and doc[k].text[:1].isupper() and doc[k].text != "(":
                    k += 1
                m = ACRONYM_AFTER.match(doc[k:].text if k < len(doc) else "")
                if m and initials(doc[e.start:k].text) == m["acr"]:
                    end = k
        out.append(relabel(e, e.label_, end=end) if end != e.end else e)
    return out


VOTING = ("GPE", "LOC", "PERSON", "ORG")          # on a tie, the earlier label wins


def consistent_labels(doc: Doc, spans: list[Span], facts: NameFacts) -> list[Span]:
    """One label for one name within an article: a name tagged with several labels takes the one it
    has most often (on a tie a place, then a person, then an organisation)."""
    votes: dict[str, Counter] = {}
    for e in spans:
        if e.label_ in VOTING:
            votes.setdefault(e.text, Counter())[e.label_] += 1
    best = {t: max(c, key=lambda lab: (c[lab], -VOTING.index(lab))) for t, c in votes.items() if len(c) > 1}
    return [relabel(e, best[e.text]) if e.text in best and e.label_ in VOTING else e for e in spans]


def first_names_out_of_organisations(doc: Doc, spans: list[Span], facts: NameFacts) -> list[Span]:
    """'the Presidential Administration Anna' + 'Ruiz': an organisation name that ends in its head noun
    and one more capitalised word, right before a person's name, gave that person's first name away."""
    heads = word_set("org_heads.txt")
    starts = {e.start: e for e in spans if e.label_ == "PERSON"}
    out, moved = [], {}
    for e in spans:
        head = max((t.i for t in e if t.lower_ in heads), default=None) if e.label_ == "ORG" else None
        tail = doc[head + 1:e.end] if head is not None else None
        if tail is not None and len(tail) >= 2 and all(t.tag_ == "NNP" and t.is_alpha and t.lower_ not in heads for t in tail) \
                and head > e.start:
            out.append(relabel(e, "ORG", end=head + 1))          # '... Administration Anna Ruiz' tagged as one name
            out.append(Span(doc, head + 1, e.end, label="PERSON"))
            continue
        person = starts.get(e.end)
        if e.label_ == "ORG" and person is not None and len(e) >= 3 and e[-2].lower_ in heads and \
                e[-1].tag_ == "NNP" and e[-1].lower_ not in heads:
            out.append(relabel(e, "ORG", end=e.end - 1))
            moved[person.start] = relabel(person, "PERSON", start=e.end - 1)
        else:
            out.append(e)
    return [moved.get(e.start, e) if e.label_ == "PERSON" else e for e in out]


def documents_out(doc: Doc, spans: list[Span], facts: NameFacts) -> list[Span]:
    """'the Minsk Agreements', 'a Set of Measures': a name ending in the head noun of a document or an
    agreement names a text, not an actor (it is kept, as a law)."""
    heads = word_set("document_heads.txt")
    return [relabel(e, "LAW") if e.label_ in ("ORG", "GPE", "FAC", "LOC", "PERSON") and len(e) > 1
            and e[-1].lower_ in heads else e for e in spans]


NOT_NOUN_ROLES = {"advmod", "acomp", "advcl", "mark", "intj", "neg", "aux"}


def common_words_out(doc: Doc, spans: list[Span], facts: NameFacts) -> list[Span]:
    """A single capitalised word that the article also writes in lower case, that the tagger reads
    as a common noun ('Aides said', 'Names'), or that the parser reads as an adverb or adjective
    ('Bold as it was, ...') is a word, not a name."""
    lower = {t.lower_ for t in doc if t.is_lower and t.is_alpha}
    out = []
    for e in spans:
        if e.label_ in NAME_LABELS and len(e) == 1 and e[0].is_alpha and not e[0].is_upper and \
                not facts.is_person_word(e.text) and (e[0].lower_ in lower or e[0].tag_ in ("NN", "NNS")
                                                      or (e.label_ in ("PERSON", "ORG") and e[0].dep_ in NOT_NOUN_ROLES)):
            continue
        out.append(e)
    return out


ENTITY_RULES: tuple[Rule, ...] = (trim_edges, split_joined_names, first_names_out_of_organisations, dates_named_as_names, honorifics_out, particle_names, titles_inside_names,
                                  states_by_gazetteer, people_by_name_parts, organisation_heads, consistent_labels,
                                  common_words_out, documents_out)


def fix_entities(doc: Doc, rules: tuple[Rule, ...] = ENTITY_RULES) -> list[Span]:
    """The doc's entity spans after every rule, in order."""
    spans = list(doc.ents)
    facts = NameFacts.of(doc, spans)
    for rule in rules:
        spans = rule(doc, spans, facts.with_spans(spans))
    return spans
