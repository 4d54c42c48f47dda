"""The RDF vocabularies kg writes: schema.org, PROV, SKOS, and the project's own ontology, stances and ids.

`KG` and `STANCE` are rdflib `DefinedNamespace`s: a term that `ontology/kg.ttl` does not define
is an error (`KG.typo` raises), and a test checks the two lists agree.
"""
from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

SDO = Namespace("https://schema.org/")
KGR = Namespace("https://w3id.org/kg-news/id/")


class KG(DefinedNamespace):
    """The kg ontology (kg/ontology/kg.ttl): event kinds, positions and their properties."""
    _NS = Namespace("https://w3id.org/kg-news/ontology#")
    _fail = True

    Meeting: URIRef
    Call: URIRef
    Visit: URIRef
    Conference: URIRef
    Summit: URIRef
    PressConference: URIRef
    Signing: URIRef
    Position: URIRef
    holder: URIRef
    stance: URIRef
    topic: URIRef
    target: URIRef
    quote: URIRef
    statedOn: URIRef
    statedAt: URIRef
    evidence: URIRef
    dateText: URIRef
    dateGranularity: URIRef
    periodStart: URIRef
    mentionedIn: URIRef
    dateline: URIRef
    cameoCode: URIRef
    ploverCode: URIRef
    stances: URIRef
    titleAsWritten: URIRef
    metWith: URIRef
    stanceToward: URIRef
    supports: URIRef
    opposes: URIRef
    demandsOf: URIRef
    requestsOf: URIRef
    rejects: URIRef
    denies: URIRef
    accuses: URIRef
    warns: URIRef
    threatens: URIRef
    offersTo: URIRef
    setsConditionsFor: URIRef
    agreesWith: URIRef
    assertsAbout: URIRef
    stanceConcept: URIRef


# The direct statement a position with a target adds, holder -> target, by stance (kg.ttl declares
# each as rdfs:subPropertyOf kg:stanceToward, so `?a kg:stanceToward ?b` finds them all).
STANCE_PROPERTY = {"support": "supports", "oppose": "opposes", "demand": "demandsOf", "request": "requestsOf",
                   "reject": "rejects", "deny": "denies", "accuse": "accuses", "warn": "warns",
                   "threaten": "threatens", "offer": "offersTo", "condition": "setsConditionsFor",
                   "agree": "agreesWith", "assert": "assertsAbout"}


class STANCE(DefinedNamespace):
    """The stance concepts of the kg:stances SKOS scheme."""
    _NS = Namespace("https://w3id.org/kg-news/stance/")
    _fail = True
    _extras = ["assert"]          # a Python keyword: STANCE["assert"]

    support: URIRef
    oppose: URIRef
    demand: URIRef
    request: URIRef
    reject: URIRef
    deny: URIRef
    accuse: URIRef
    warn: URIRef
    threaten: URIRef
    offer: URIRef
    condition: URIRef
    agree: URIRef


ID_KINDS = ("article", "person", "organization", "country", "place", "event", "position")
PREFIXES = {"schema": str(SDO), "kg": str(KG), "stance": str(STANCE), "prov": str(PROV), "skos": str(SKOS),
            "xsd": str(XSD), "rdf": str(RDF), "rdfs": str(RDFS),
            **{kind: f"{KGR}{kind}/" for kind in ID_KINDS}}

__all__ = ["SDO", "KG", "KGR", "STANCE", "STANCE_PROPERTY", "PROV", "RDF", "RDFS", "SKOS", "XSD", "OWL", "PREFIXES", "bind"]


def bind(g) -> None:
    """Bind the project's prefixes on an rdflib Graph (schema: replaces rdflib's default)."""
    g.bind("schema", SDO, replace=True)
    g.bind("kg", str(KG))
    for kind in ID_KINDS:
        g.bind(kind, Namespace(f"{KGR}{kind}/"))
    g.bind("stance", str(STANCE))
    g.bind("prov", PROV)
    g.bind("skos", SKOS)
    g.bind("xsd", XSD)
