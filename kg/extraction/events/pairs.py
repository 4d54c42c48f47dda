"""'The two leaders', 'both sides': words that stand for the two actors last named together, and where
the text names such pairs ('X and Y', 'X met Y')."""
from __future__ import annotations

from spacy.tokens import Token

from kg.extraction.events.context import ArticleContext
from kg.extraction.syntax import subjects
from kg.lexicon import table, word_set


def is_pair_expression(t: Token) -> bool:
    """'the two leaders', 'both sides', 'the pair', 'both': words that stand for two actors named before."""
    low = t.lemma_.lower()
    kids = {c.lower_ for c in t.children if c.dep_ in ("nummod", "det", "predet", "quantmod", "amod")}
    if low == "pair" and "the" in kids:
        return True
    if low in word_set("pair_nouns.txt") and t.tag_ in ("NNS", "NNPS") and kids & {"two", "both"}:
        return True
    if low in ("leader", "side") and t.tag_ == "NNS" and [c.lower_ for c in t.children] == ["the"]:
        return True                       # "the leaders" right after two were named (see pair_before)
    return t.lower_ == "both" and t.dep_ in ("nsubj", "nsubjpass")


def coordinated_pairs(ctx: ArticleContext) -> list[tuple[int, tuple[str, str]]]:
    """Where the text names two actors together ('X and Y', 'X met Y'): (position, pair), for 'the two leaders'."""
    idx = ctx.idx
    out = []
    for t in ctx.doc:
        if t.dep_ == "conj" and (a := idx.at(t)) and (b := idx.at(t.head)) and a != b:
            if idx.type_of(a) == idx.type_of(b) == "Person" and \
                    not any(c.dep_ == "conj" for c in t.children) and \
                    not any(c.dep_ == "conj" and c.i != t.i for c in t.head.children):
                out.append((t.i, (b, a)))
        if t.pos_ == "VERB" and table("event_verbs.tsv").get(t.lemma_.lower()):
            subj = [idx.at(x) for s_ in subjects(t) for x in [s_] + [c for c in s_.children if c.dep_ == "appos"]]
            heads = [o for o in t.children if o.dep_ == "dobj"] + \
                    [g for p in t.children if p.dep_ == "prep" and p.lower_ in ("with", "to") for g in p.children
                     if g.dep_ == "pobj"]
            obj = [idx.at(x) for o in heads for x in [o] + [c for c in o.children if c.dep_ == "appos"]]
            subj = list(dict.fromkeys(k for k in subj if k and idx.type_of(k) == "Person"))
            obj = list(dict.fromkeys(k for k in obj if k and idx.type_of(k) == "Person"))
            if len(subj) == 1 and len(obj) == 1 and subj[0] != obj[0]:
                out.append((t.i, (subj[0], obj[0])))
    return sorted(out)


def pair_before(ctx: ArticleContext, i: int) -> tuple[str, str] | None:
    """The last pair of actors named together before token I, within the last few sentences."""
    n = ctx.sent_no.get(i, 0)
    bare = ctx.doc[i].lemma_.lower() in ("leader", "side") and [c.lower_ for c in ctx.doc[i].children] == ["the"]
    cands = [p for pos, p in ctx.pairs if pos < i and n - ctx.sent_no.get(pos, 0) <= (2 if bare else 4)]
    return cands[-1] if cands else None
