"""Which person the article means by a bare surname, an honorific or a title of office, and a
person's sex where the article shows it (for 'he' and 'she')."""
from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extraction.actors import state_of
from kg.extraction.positions.context import PositionContext
from kg.extraction.positions.labels import TITLE_PREFIX_DEPS, TITLE_WORD_DEPS
from kg.lexicon import table, word_set
from kg.names import fold

def known_person(ctx: PositionContext, tok: Token) -> str | None:
    """A name the actor filter set aside (one word opening a sentence, 'Weber, who …, said'; a name
    after a title, 'Baroness X') is the person the article names so elsewhere, when only one
    person bears that name."""
    word = fold(tok.text)
    given = [fold(c.text) for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    found = {k for k, a in ctx.idx.actors.items() if a.type == "Person"
             and any(fold(n.split()[-1]) == word or fold(n) == word for n in a.names)}
    if given:                        # 'Jane Weber' is not the article's 'Harold Weber'
        found = {k for k in found if any(len(n.split()) > 1 and fold(n.split()[0]) == given[0]
                                         for n in ctx.idx.actors[k].names)}
    if len(found) > 1:               # 'Lady X' beside 'Jane X': the one not named by an honorific
        found = {k for k in found
                 if ctx.idx.actors[k].name.split()[0].lower().rstrip(".") not in table("sex_words.tsv")}
    return next(iter(found)) if len(found) == 1 else None


def title_holder(ctx: PositionContext, tok: Token, mods: tuple[str, ...]) -> str | None:
    """'the Dutch prime minister', 'the PM': the one person the article gives that office (of that state)."""
    if not ctx.roles or not any(c.dep_ in TITLE_PREFIX_DEPS for c in tok.children):
        return None
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        return None
    word = tok.lemma_.lower()
    words = {c.lower_ for c in tok.subtree if c.i < tok.i and c.dep_ in TITLE_WORD_DEPS and not ctx.idx.at(c)}
    if not mods and not words and word in word_set("shared_titles.txt"):
        return None                  # 'the spokesman', 'the minister': many people bear that title
    found = set()
    for r in ctx.roles:
        title = r.title.lower()
        parts = [p for p in re.split(r"[\s-]+", title) if p]
        if not parts:
            continue
        abbrev = tok.text.isupper() and 2 <= len(tok.text) <= 3 and "".join(p[0] for p in parts).upper() == tok.text
        if not abbrev and (parts[-1] != word or not words <= set(parts)):
            continue
        if (set(parts[:-1]) - words) & word_set("other_office_modifiers.txt"):
            continue                 # 'the shadow chancellor', 'a former mayor': not 'the chancellor'
        org = state_of(ctx.idx.actors, r.org) if r.org in ctx.idx.actors else r.org
        if mods and r.org and org not in mods and r.org not in mods:
            continue                 # the office of another state or body
        found.add(r.person)
    return next(iter(found)) if len(found) == 1 else None


def sex_of(ctx: PositionContext, key: str) -> str | None:
    """A person's sex where the article shows it: an honorific before a mention ('Mr', 'Ms') or a
    title that says it ('spokeswoman', 'chairman')."""
    if ctx.sexes is None:
        ctx.sexes = {}
        doc = ctx.doc
        for m in ctx.idx.mentions:
            words = {doc[m.start - 1].lower_.rstrip(".") if m.start else "", doc[m.start].lower_.rstrip(".")}
            told = {table("sex_words.tsv").get(w) for w in words}
            got = "m" if "m" in told else "f" if "f" in told else None
            if got:
                ctx.sexes.setdefault(m.key, set()).add(got)
        for t in doc:               # 'Baroness X' where X is not tagged as a name there
            if t.lower_.rstrip(".") not in table("sex_words.tsv") or t.i + 1 >= len(doc):
                continue
            nxt = doc[t.i + 1]
            if nxt.pos_ == "PROPN":
                named = ctx.idx.at(nxt) or known_person(ctx, nxt)
                if named:
                    ctx.sexes.setdefault(named, set()).add(table("sex_words.tsv")[t.lower_.rstrip(".")])
        for r in ctx.roles:
            t = r.title.lower()
            got = "f" if re.search(r"woman\b|\bmadam|\bqueen|\bfirst lady", t) else \
                "m" if re.search(r"(?<!wo)man\b|\bking\b", t) else None
            if got:
                ctx.sexes.setdefault(r.person, set()).add(got)
    got = ctx.sexes.get(key, set())
    return next(iter(got)) if len(got) == 1 else None
