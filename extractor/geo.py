"""Places and countries: names, demonyms and cities -> ISO 3166-1 alpha-3 codes.

pycountry gives the official and common names; the data files under
``models/`` add demonyms ("North Korean"), short or historical names
("Zaire", "Britain") and a gazetteer of capitals and summit cities.
Everything is loaded once, on first use.
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import re

_SPACE = re.compile(r"\s+")


def read_table(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file under ``models/`` (comments and blank lines skipped)."""
    text = (importlib.resources.files("extractor.models") / name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def read_lines(name: str) -> list[str]:
    """Non-comment lines of a one-entry-a-line data file under ``models/``."""
    text = (importlib.resources.files("extractor.models") / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def normalise(text: str) -> str:
    """Lower-case key for a place or demonym: curly quotes, 's and 'the' removed.

    >>> normalise("the  North Korea's")
    'north korea'
    """
    t = _SPACE.sub(" ", text.replace("\u2019", "'").strip().lower())
    if t.endswith("'s"):
        t = t[:-2]
    if t.startswith("the "):
        t = t[4:]
    return t


@functools.cache
def _countries() -> dict[str, str]:
    import pycountry

    table: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                table[normalise(value)] = c.alpha_3
                # "Korea, Republic of" style names are useless in running text
    for name, code in read_table("country_names.tsv"):
        table[normalise(name)] = code
    return table


@functools.cache
def _demonyms() -> dict[str, str]:
    return {normalise(d): code for d, code in read_table("demonyms.tsv")}


@functools.cache
def _cities() -> dict[str, str]:
    """Cities and venues (``capitals.tsv``), then regions inside one state (``regions.tsv``:
    "Florida", "Bavaria", "Camp David"), each with the state it lies in."""
    table = {normalise(c): code for c, code in read_table("capitals.tsv")}
    for row in read_table("regions.tsv"):
        aliases = [a.strip() for a in row[2].split(",") if a.strip()] if len(row) > 2 else []
        for name in [row[0], *aliases]:
            table.setdefault(normalise(name), row[1])
    return table


@functools.cache
def _towns() -> dict[str, str]:
    """Other cities of 100,000 people or more whose name means one place (``towns.tsv``, built from
    GeoNames by ``tools/build_towns.py``): read only for a place's state, never to tell a name
    from a place ("Florence" may be a person)."""
    return {name: code for name, code in read_table("towns.tsv")}


def country_code(name: str) -> str | None:
    """ISO alpha-3 code of a country named in text, or None.

    >>> country_code("Zaire"), country_code("South Korea"), country_code("France")
    ('COD', 'KOR', 'FRA')
    """
    return _countries().get(normalise(name))


def demonym_code(word: str) -> str | None:
    """ISO alpha-3 code of a demonym or national adjective ("Libyan", "North Korean").

    >>> demonym_code("North Korean")
    'PRK'
    """
    return _demonyms().get(normalise(word))


def city_code(name: str) -> str | None:
    """ISO alpha-3 code of the state a listed city or venue is in.

    >>> city_code("Zagreb")
    'HRV'
    """
    return _cities().get(normalise(name))


def place_code(name: str) -> str | None:
    """Country of a place name: a country itself, a listed city or town, or "City, Country".

    >>> place_code("Busan, South Korea"), place_code("Ljubljana"), place_code("Danang")
    ('KOR', 'SVN', 'VNM')
    """
    key = normalise(name)
    code = _countries().get(key) or _cities().get(key) or _towns().get(key)
    if code:
        return code
    if "," in key:  # "Busan, South Korea"; "Washington, DC" (a district the tables do not hold)
        head, tail = key.rsplit(",", 1)
        return place_code(tail) or place_code(head)
    return None


def is_country(name: str) -> bool:
    """True when ``name`` names a state rather than a city or venue."""
    return normalise(name) in _countries()


def any_code(text: str) -> str | None:
    """Country meant by a name, demonym or city, in that order of trust.

    >>> any_code("Croatian"), any_code("Moscow"), any_code("Paris")
    ('HRV', 'RUS', 'FRA')
    """
    return country_code(text) or demonym_code(text) or city_code(text)


@functools.cache
def _former_states() -> tuple[dict[str, tuple[str, dt.date]], dict[str, tuple[str, dt.date]]]:
    """(former code -> (successor, until), held code -> (former, until)) from ``former_states.tsv``."""
    after: dict[str, tuple[str, dt.date]] = {}
    before: dict[str, tuple[str, dt.date]] = {}
    for former, held, successor, until in read_table("former_states.tsv"):
        day = dt.date.fromisoformat(until)
        after[former] = (successor, day)
        for code in filter(None, held.split("|")):
            before[code] = (former, day)
    return after, before


def code_in_time(code: str | None, day: dt.date | None) -> str | None:
    """The code of a state as it was on ``day``: ISO 3166-3 for states that no longer exist.

    >>> code_in_time("RUS", dt.date(1987, 3, 1)), code_in_time("SUN", dt.date(2017, 3, 1))
    ('SUN', 'RUS')
    >>> code_in_time("DEU", dt.date(1987, 3, 1)), code_in_time("DDR", dt.date(1987, 3, 1))
    ('DEU', 'DDR')
    """
    if code is None or day is None:
        return code
    after, before = _former_states()
    if code in after and day >= after[code][1]:
        return after[code][0]
    if code in before and day < before[code][1]:
        return before[code][0]
    return code
