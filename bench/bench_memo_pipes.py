"""Check (run by hand, never a test): kg's memoised attribute ruler and lemmatizer give every token
the same annotations as the stock pipeline, on a whole corpus, and how much time they save.

    python bench/bench_memo_pipes.py [--corpus ../shared/corpus/bbc_news_2225.jsonl] [--limit N]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ATTRS = ("tag_", "pos_", "morph", "lemma_", "dep_", "ent_iob_", "ent_type_")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "bbc_news_2225.jsonl"))
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    import spacy
    from kg.memo_pipes import memoise
    from kg.nlp import DEFAULT_MODEL

    lines = Path(a.corpus).read_text(encoding="utf-8").splitlines()
    texts = [json.loads(x)["text"] for x in (lines[: a.limit] if a.limit else lines)]
    stock, memo = spacy.load(DEFAULT_MODEL), memoise(spacy.load(DEFAULT_MODEL))
    for nlp in (stock, memo):
        list(nlp.pipe(texts[:8]))
    seconds, differ, tokens = {}, 0, 0
    t0 = time.perf_counter()
    stock_docs = list(stock.pipe(texts, batch_size=16))
    seconds["stock"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    memo_docs = list(memo.pipe(texts, batch_size=16))
    seconds["memoised"] = time.perf_counter() - t0
    for x, y in zip(stock_docs, memo_docs):
        for s, m in zip(x, y):
            tokens += 1
            if [str(getattr(s, k)) for k in ATTRS] + [s.head.i] != [str(getattr(m, k)) for k in ATTRS] + [m.head.i]:
                differ += 1
                if differ <= 10:
                    print("differs:", s.text, [str(getattr(s, k)) for k in ATTRS], [str(getattr(m, k)) for k in ATTRS])
    print(f"{len(texts)} texts, {tokens:,} tokens; tokens whose annotations differ: {differ}")
    print(f"stock {seconds['stock']:.1f} s, memoised {seconds['memoised']:.1f} s "
          f"(ratio {seconds['memoised'] / seconds['stock']:.2f}; the memoised pipeline's memos start empty)")


if __name__ == "__main__":
    main()
