"""The RDF namespaces kg writes: schema.org, PROV, SKOS and the project's own ontology and ids."""
from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

SDO = Namespace("https://schema.org/")
KG = Namespace("https://w3id.org/kg-news/ontology#")
KGR = Namespace("https://w3id.org/kg-news/id/")
STANCE = Namespace("https://w3id.org/kg-news/stance/")

__all__ = ["SDO", "KG", "KGR", "STANCE", "PROV", "RDF", "RDFS", "SKOS", "XSD", "OWL"]


def bind(g) -> None:
    g.bind("schema", SDO, replace=True)
    g.bind("kg", KG)
    for kind in ("article", "person", "organization", "country", "place", "event", "position"):
        g.bind(kind, Namespace(f"{KGR}{kind}/"))
    g.bind("stance", STANCE)
    g.bind("prov", PROV)
    g.bind("skos", SKOS)
    g.bind("xsd", XSD)
