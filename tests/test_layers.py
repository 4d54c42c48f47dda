"""The architecture a newcomer can see: modules in stages that import only from their own or earlier
stages (no cycles), kg's own imports at module level, and a docstring on every public name."""
import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"

# ingest (files, pages, feeds, fetching) -> clean -> nlp -> extract -> resolve -> graph -> outputs -> api -> cli, on a base of records,
# word lists, vocabularies and file helpers
STAGES = [
    ("base", {"kg.version", "kg.errors", "kg.records", "kg.lexicon", "kg.namespaces", "kg.names", "kg.io"}),
    ("text", {"kg.ingest", "kg.clean", "kg.dates", "kg.geo", "kg.pages", "kg.fetch", "kg.feeds", "kg.web"}),
    ("nlp", {"kg.nlp", "kg.entity_rules", "kg.memo_pipes"}),
    ("extract", {"kg.extraction", "kg.extraction.syntax", "kg.extraction.actors", "kg.extraction.roles", "kg.extraction.events",
                 "kg.extraction.events.clauses", "kg.extraction.events.places",
                 "kg.extraction.events.context", "kg.extraction.events.dateline", "kg.extraction.events.pairs",
                 "kg.extraction.events.where", "kg.extraction.events.named_actors", "kg.extraction.events.triggers",
                 "kg.extraction.events.when", "kg.extraction.events.who", "kg.extraction.events.mentions",
                 "kg.extraction.events.merge",
                 "kg.extraction.positions", "kg.extraction.positions.words", "kg.extraction.positions.labels",
                 "kg.extraction.positions.press", "kg.extraction.positions.context", "kg.extraction.positions.quotes",
                 "kg.extraction.positions.clauses",
                 "kg.extraction.positions.stances", "kg.extraction.positions.topics", "kg.extraction.positions.people",
                 "kg.extraction.positions.holders", "kg.extraction.positions.record", "kg.extraction.positions.speech",
                 "kg.extraction.positions.stance_words", "kg.extraction.positions.reader",
                 "kg.extraction.article", "kg.worker"}),
    ("resolve", {"kg.resolve"}),
    ("graph", {"kg.graph"}),
    ("outputs", {"kg.serialize", "kg.store", "kg.html", "kg.query", "kg.serve", "kg.publish"}),
    ("api", {"kg", "kg.api", "kg.cache", "kg.engines", "kg.component"}),
    ("cli", {"kg.cli", "kg.__main__"}),
]
STAGE = {m: i for i, (_, mods) in enumerate(STAGES) for m in mods}
LATE_IMPORTS_OK = {"kg", "kg.cli"}    # the lazy facade, and commands that load their subsystem when run


def module_name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(KG.rglob("*.py"))}


def kg_imports(tree: ast.Module) -> list[tuple[str, bool]]:
    """(module imported, at module level?) for every import of a kg module."""
    top = {id(n) for n in tree.body}
    out = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
                     for a in node.names]
        for n in names:
            if n == "kg" or n.startswith("kg."):
                out.append((n, id(node) in top))
    return out


def test_every_module_has_a_stage():
    assert set(MODULES) - set(STAGE) == set(), "place new modules in a stage of tests/test_layers.py"


@pytest.mark.parametrize("mod", sorted(MODULES))
def test_imports_flow_one_way(mod):
    tree = ast.parse(MODULES[mod].read_text(encoding="utf-8"))
    for target, top_level in kg_imports(tree):
        if target not in STAGE or target == mod:
            continue
        assert STAGE[target] <= STAGE[mod], f"{mod} ({STAGES[STAGE[mod]][0]}) imports {target} ({STAGES[STAGE[target]][0]})"
        assert top_level or mod in LATE_IMPORTS_OK, f"{mod} imports {target} inside a function"


def test_no_import_cycles():
    graph = {m: {t for t, _ in kg_imports(ast.parse(p.read_text(encoding="utf-8"))) if t in MODULES and t != m}
             for m, p in MODULES.items()}
    graph["kg"] = set()          # the facade's lazy names load on use, not on import
    state: dict[str, int] = {}

    def visit(m, path):
        if state.get(m) == 1:
            raise AssertionError("import cycle: " + " -> ".join(path + [m]))
        if state.get(m) == 2:
            return
        state[m] = 1
        for t in sorted(graph[m]):
            visit(t, path + [m])
        state[m] = 2
    for m in sorted(graph):
        visit(m, [])


def public_defs(tree: ast.Module):
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            yield node.name, node
            if isinstance(node, ast.ClassDef):
                for sub in node.body:
                    if isinstance(sub, ast.FunctionDef) and not sub.name.startswith("_"):
                        yield f"{node.name}.{sub.name}", sub


def test_every_public_function_and_class_has_a_docstring():
    missing = [f"{mod}.{name}" for mod, p in MODULES.items()
               for name, node in public_defs(ast.parse(p.read_text(encoding="utf-8"))) if not ast.get_docstring(node)]
    assert missing == []
