"""Benchmark (run by hand, never a test): does `kg build` with its defaults use every core?

Times two whole processes on the same N articles (first 300 of the BBC corpus by default), each
from a cold start (Python start-up and model load included):
  bare: a script that loads the same spaCy model and runs nlp.pipe(texts, n_process=<cores>)
  kg:   `kg build corpus.jsonl --out DIR` with no options (a fresh DIR, so nothing is cached)
and prints both, their ratio bare/kg (goal: >= 0.8) and the process count kg's summary reports.
Runs alternate (bare, kg, bare, kg, ...) so that drift on a shared machine hits both of a pair
alike; the figure is the median of the pairs' ratios.

    python bench/bench_cores.py [--corpus ../shared/corpus/bbc_news_2225.jsonl] [--limit 300] [--runs 2]
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KG = Path(sys.executable).with_name("kg")

BARE = """
import json, sys
import spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
nlp = spacy.load(sys.argv[2])
for _ in nlp.pipe(texts, batch_size=16, n_process=int(sys.argv[3])):
    pass
"""


def cpu_of_children() -> float:
    """CPU seconds (user + system) of the finished child processes and the workers they waited for."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd: list[str], **kw) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds and CPU seconds of a whole process (with its workers), and its result."""
    c0, t0 = cpu_of_children(), time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, **kw)
    took, cpu = time.perf_counter() - t0, cpu_of_children() - c0
    if res.returncode not in (0, 3):
        sys.exit(f"{cmd[:3]} failed ({res.returncode}): {res.stderr[-2000:]}")
    return took, cpu, res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "bbc_news_2225.jsonl"))
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--runs", type=int, default=2)
    a = ap.parse_args()
    from kg.nlp import DEFAULT_MODEL

    cores = os.cpu_count() or 1
    tmp = Path(tempfile.mkdtemp(prefix="kg-cores-"))
    src = tmp / "corpus.jsonl"
    lines = Path(a.corpus).read_text(encoding="utf-8").splitlines()[: a.limit]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} articles, {cores} cores; bare = spacy.load + nlp.pipe(n_process={cores}), "
          f"kg = `kg build` with defaults; whole processes, cold", flush=True)
    bare, kg = [], []
    for i in range(a.runs):
        t, bare_cpu, _ = timed([sys.executable, "-c", BARE, str(src), DEFAULT_MODEL, str(cores)])
        bare.append(t)
        out = tmp / f"out{i}"
        t, kg_cpu, res = timed([str(KG), "build", str(src), "--out", str(out)], cwd=tmp)
        kg.append(t)
        procs = re.search(r"processes: (\d+)", res.stderr)
        steps = next((ln.strip() for ln in res.stderr.splitlines() if ln.strip().startswith("seconds:")), "")
        print(f"run {i + 1}: bare {bare[-1]:6.1f} s   kg build {kg[-1]:6.1f} s   ratio {bare[-1] / kg[-1]:.2f}   "
              f"(CPU {bare_cpu:.1f} s vs {kg_cpu:.1f} s; load {os.getloadavg()[0]:.1f})   "
              f"kg processes: {procs.group(1) if procs else '?'}   {steps}", flush=True)
    b, k = statistics.median(bare), statistics.median(kg)
    ratio = statistics.median(x / y for x, y in zip(bare, kg))       # each pair ran back to back
    print(f"median: bare {b:.1f} s, kg build {k:.1f} s; median of the runs' ratios bare/kg = {ratio:.2f} (goal >= 0.8)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
