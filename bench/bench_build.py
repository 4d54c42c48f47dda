"""Benchmark (run by hand, never a test): kg build end to end vs bare nlp.pipe of the same model
(spacy.load, without kg's components) over the same texts, in one run, with the same process count,
both warmed up first, in alternating pairs (median of the pairs' ratios). Prints articles/s (medians),
the ratio and peak memory.

    python bench/bench_build.py [--corpus ../shared/corpus/bbc_news_2225.jsonl] [--limit N] [--processes 1] [--runs 3]
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def forget(nlp) -> None:
    """Empty what a pipeline learnt in earlier runs: the lemmatizer's cache, kg's memos."""
    for _, pipe in nlp.pipeline:
        if isinstance(getattr(pipe, "cache", None), dict):
            pipe.cache.clear()
        for memo in ("_plan", "_memo"):
            if getattr(pipe, memo, None) is not None:
                setattr(pipe, memo, None)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "bbc_news_2225.jsonl"))
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0 = all)")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--runs", type=int, default=3, help="alternating pairs (bare, kg); the figure is their median")
    a = ap.parse_args()

    import kg
    from kg.nlp import DEFAULT_MODEL

    lines = Path(a.corpus).read_text(encoding="utf-8").splitlines()
    if a.limit:
        lines = lines[: a.limit]
    tmp = Path(tempfile.mkdtemp())
    src = tmp / "corpus.jsonl"
    src.write_text("\n".join(lines), encoding="utf-8")
    texts = [json.loads(x)["text"] for x in lines]
    n = len(texts)
    words = sum(len(t.split()) for t in texts)

    import spacy
    nlp = spacy.load(DEFAULT_MODEL)          # the model kg wraps, as its users load it: none of kg's components
    list(nlp.pipe(texts[:8]))                # both sides warmed up (first-call costs are not throughput)
    kg.build(texts[:8], processes=1)
    pairs = []
    from kg.nlp import load
    for i in range(a.runs):                  # alternating, so that drift on a shared machine hits both alike
        forget(nlp)                          # every run starts with empty lemma caches and memos, as a new build does
        forget(load(DEFAULT_MODEL))
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=a.batch_size, n_process=a.processes):
            pass
        bare = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = kg.build([src], batch_size=a.batch_size, processes=a.processes)
        result.write(tmp / f"out{i}")
        full = time.perf_counter() - t0
        pairs.append((bare, full))
        print(f"run {i + 1}: bare {bare:6.1f} s   kg build + write {full:6.1f} s   ratio {bare / full:.2f}", flush=True)
    bare = statistics.median(b for b, _ in pairs)
    full = statistics.median(f for _, f in pairs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"articles: {n}  words: {words:,}  processes: {a.processes}")
    print(f"bare nlp.pipe : {bare:8.1f} s  {n / bare:7.1f} articles/s  {words / bare:8.0f} words/s")
    print(f"kg build      : {full:8.1f} s  {n / full:7.1f} articles/s  {words / full:8.0f} words/s")
    print(f"ratio kg/bare : {statistics.median(b / f for b, f in pairs):.2f} (median of the runs' ratios; goal >= 0.85)")
    print(f"graph: {len(result):,} triples, skipped inputs: {len(result.errors)}")
    print(f"peak RSS: {peak:,.0f} MB (this process), {peak_children:,.0f} MB (largest child)")


if __name__ == "__main__":
    main()
