"""kg: news articles in, a knowledge graph of actors, meetings and positions out.

The public API (see kg.api; the names load on first use, so `import kg` stays light):

    g = kg.build(["text of one article", Path("folder/"), {"text": ..., "published": "2022-01-12"},
                  "https://news.example/story.html", "https://news.example/rss.xml"])
    g.rdf, g.query("SELECT ..."), g.to_networkx(), g.actors, g.meetings, g.positions, g.write("out")
    facts = kg.extract("text" or a spaCy Doc);  g = kg.merge([facts, ...])
"""
from kg.version import EXTRACTION_VERSION, __version__

__all__ = ["build", "extract", "merge", "read", "update", "Fetcher", "FetchPolicy", "KnowledgeGraph", "Article", "ArticleFacts", "Metadata",
           "ActorNode", "MeetingNode", "PositionNode", "KgError", "InputError", "BuildError", "ModelError",
           "QueryError", "__version__"]

_HOMES = {"build": "kg.api", "extract": "kg.api", "merge": "kg.api", "read": "kg.api", "KnowledgeGraph": "kg.api",
          "update": "kg.api", "Fetcher": "kg.fetch", "FetchPolicy": "kg.fetch",
          "Article": "kg.records", "ArticleFacts": "kg.records", "Metadata": "kg.records",
          "ActorNode": "kg.graph", "MeetingNode": "kg.graph", "PositionNode": "kg.graph",
          "KgError": "kg.errors", "InputError": "kg.errors", "BuildError": "kg.errors", "ModelError": "kg.errors",
          "QueryError": "kg.errors"}


def __getattr__(name: str):
    """Load a public name from its module on first use."""
    if name in _HOMES:
        import importlib
        value = getattr(importlib.import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute '{name}'")


def __dir__():
    return sorted(set(globals()) | set(__all__))
