"""Memoised drop-ins for the model's attribute ruler and lemmatizer: the same annotations, less time.

The stock components cost about a sixth of the model's time on news (the attribute ruler runs its
179 Matcher patterns over every token; the lemmatizer looks each candidate lemma up in word lists of
up to 57,000 entries, one entry after another, and builds a Token object per word). What they set
depends only on each token's own attributes, and news repeats the same few thousand (tag, word,
dependency) combinations, so each combination is matched or lemmatised once per process by the stock
code itself and the answer reused. Patterns that read beyond their token (several tokens, operators,
extension attributes) still go through the stock Matcher. tests/test_memo_pipes.py and, on a whole
corpus, bench/bench_memo_pipes.py check that every token's annotations equal the stock pipeline's.
"""
from __future__ import annotations

from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.lookups import Lookups, Table
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

ATTRIBUTE_RULER = "kg_attribute_ruler"
LEMMATIZER = "kg_lemmatizer"
MEMO_LIMIT = 300_000   # combinations kept per memo before it starts afresh (bounds memory on endless streams)
TOKEN_LOCAL_OPS = {"IN", "NOT_IN", "REGEX", "==", "!=", ">=", "<=", ">", "<", "FUZZY", "IS_SUBSET", "IS_SUPERSET",
                   "INTERSECTS"}


def token_attribute(key: str) -> int | None:
    """The attribute ID a Matcher pattern key reads from its own token, or None ('OP', '_', unknown)."""
    key = "ORTH" if key.upper() == "TEXT" else key.upper()
    return IDS.get(key) if key not in ("OP", "_") else None


def reads_own_token(spec: dict) -> bool:
    """Whether a one-token pattern's match depends on its token's attributes alone."""
    for key, value in spec.items():
        if token_attribute(key) is None:
            return False
        if isinstance(value, dict) and not set(value) <= TOKEN_LOCAL_OPS:
            return False
    return True


def merge_attrs(attr_dicts) -> dict:
    """One dict of token attributes equal to setting ATTR_DICTS one after another (later ones win;
    extension attributes under '_' merge the same way)."""
    out: dict = {}
    for attrs in attr_dicts:
        for key, value in attrs.items():
            out[key] = {**out.get(key, {}), **value} if key == "_" else value
    return out


class MemoAttributeRuler(AttributeRuler):
    """AttributeRuler whose one-token patterns are matched once per combination of the attributes they
    read (the stock Matcher decides each new combination); longer patterns are tried only where their
    first token can match; each token's attributes are set once, merged in the stock order."""

    _plan = None

    def add_patterns(self, patterns) -> None:
        """Add patterns as the stock ruler does (and forget the compiled plan)."""
        super().add_patterns(patterns)
        self._plan = None

    def compile(self) -> dict:
        """Split the patterns under the stock keys (so precedence is unchanged): one-token token-local
        ones, the first tokens of fixed-length longer ones (which say where those can start), and the
        rest, matched on every doc as before."""
        plan = {"single": Matcher(self.vocab), "starts": Matcher(self.vocab), "longer": Matcher(self.vocab),
                "rest": Matcher(self.vocab), "attrs": set(), "longest": 1, "memo": {}, "merged": {}}
        for i in range(len(self.attrs)):
            key = str(i)
            for pattern in self.matcher.get(key)[1]:
                if len(pattern) == 1 and reads_own_token(pattern[0]):
                    plan["single"].add(key, [pattern])
                    plan["attrs"] |= {token_attribute(k) for k in pattern[0]}
                elif all(reads_own_token(spec) for spec in pattern):
                    plan["starts"].add(key, [pattern[:1]])
                    plan["longer"].add(key, [pattern])
                    plan["attrs"] |= {token_attribute(k) for k in pattern[0]}
                    plan["longest"] = max(plan["longest"], len(pattern))
                else:
                    plan["rest"].add(key, [pattern])
        plan["attrs"] = sorted(plan["attrs"])
        self._plan = plan
        return plan

    def match(self, doc: Doc):
        """The stock ruler's matches, sorted the same way (by pattern order, later rules win)."""
        plan = self._plan or self.compile()
        single, starts, longer, memo, longest = plan["single"], plan["starts"], plan["longer"], plan["memo"], plan["longest"]
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        found = set()
        rows = doc.to_array(plan["attrs"]).tolist() if plan["attrs"] else [()] * len(doc)
        for i, row in enumerate(rows):
            row = tuple(row) if isinstance(row, list) else (row,)
            known = memo.get(row)
            if known is None:
                token = doc[i:i + 1]
                known = memo[row] = (tuple(m for m, _, _ in single(token, allow_missing=True)),
                                     bool(len(starts)) and bool(starts(token, allow_missing=True)))
            found.update((m, i, i + 1) for m in known[0])
            if known[1]:
                found.update((m, i + s, i + e) for m, s, e in longer(doc[i:i + longest], allow_missing=True) if s == 0)
        if len(plan["rest"]):
            found.update(plan["rest"](doc, allow_missing=True))
        strings = self.vocab.strings
        return sorted((int(strings[m]), m, s, e) for m, s, e in found)

    def set_annotations(self, doc: Doc, matches) -> None:
        """Set each matched token's attributes once: the attributes of its matches merged in match order
        (setting them one match after another, as the stock ruler does, gives the same values)."""
        targets: dict[int, list[int]] = {}
        for attr_id, _, start, end in matches:
            index = self.indices[attr_id]
            i = (start if index >= 0 else end) + index
            if not start <= i < end:
                return super().set_annotations(doc, matches)       # the stock error message
            targets.setdefault(i, []).append(attr_id)
        merged = self._plan["merged"] if self._plan else {}
        for i, ids in targets.items():
            key = tuple(ids)
            attrs = merged.get(key)
            if attrs is None:
                attrs = merged[key] = merge_attrs(self.attrs[a] for a in ids)
            set_token_attrs(doc[i], attrs)


class MemoLemmatizer(EnglishLemmatizer):
    """EnglishLemmatizer that lemmatises each (word, POS, morphology) once, with the stock rules, and
    writes the doc's lemmas as one array (the stock cache is keyed the same way)."""

    _memo: dict | None = None

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token the stock lemmatizer would set, to the value it would set."""
        if self.mode != "rule":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables()
        if self._memo is None or len(self._memo) > MEMO_LIMIT:
            self._memo = {}
        memo, strings = self._memo, self.vocab.strings
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = table[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = memo[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


@Language.factory(ATTRIBUTE_RULER, default_config={"validate": False})
def make_attribute_ruler(nlp: Language, name: str, validate: bool) -> MemoAttributeRuler:
    """spaCy factory of the memoised attribute ruler (empty: patterns are added as for the stock one)."""
    return MemoAttributeRuler(nlp.vocab, name, validate=validate)


@Language.factory(LEMMATIZER, default_config={"mode": "rule", "overwrite": False})
def make_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> MemoLemmatizer:
    """spaCy factory of the memoised English lemmatizer (tables are set as for the stock one)."""
    return MemoLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)


def with_index_sets(lookups: Lookups) -> Lookups:
    """LOOKUPS with the word lists of 'lemma_index' as sets: the stock rules test each candidate lemma's
    membership there, a scan of up to 57,000 words per test when they are lists; same answers."""
    out = Lookups()
    for name in lookups.tables:
        table = lookups.get_table(name)
        if name == "lemma_index":
            copy = Table(name=name)
            for key, words in table.items():
                copy[key] = frozenset(words) if isinstance(words, list) else words
            table = copy
        out.set_table(name, table)
    return out


def memoise(nlp: Language) -> Language:
    """NLP with its stock attribute ruler and English rule lemmatizer replaced, in place and under the
    same names, by the memoised ones carrying the same patterns and tables; other pipelines as they are."""
    if type(nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None) is AttributeRuler:
        patterns = nlp.get_pipe("attribute_ruler").patterns
        nlp.replace_pipe("attribute_ruler", ATTRIBUTE_RULER).add_patterns(patterns)
    stock = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if type(stock) is EnglishLemmatizer and stock.mode == "rule":
        fast = nlp.replace_pipe("lemmatizer", LEMMATIZER, config={"mode": stock.mode, "overwrite": stock.overwrite})
        fast.lookups = with_index_sets(stock.lookups)
    return nlp
