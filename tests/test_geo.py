import datetime as dt

from extractor import geo


def test_country_names_include_historical_and_short_forms():
    assert geo.country_code("Zaire") == "COD"
    assert geo.country_code("West Germany") == "DEU"
    assert geo.country_code("Britain") == "GBR"
    assert geo.country_code("the United States") == "USA"
    assert geo.country_code("France") == "FRA"  # straight from pycountry
    assert geo.country_code("Atlantis") is None


def test_demonyms_and_cities():
    assert geo.demonym_code("North Korean") == "PRK"
    assert geo.demonym_code("Libyan") == "LBY"
    assert geo.city_code("Ljubljana") == "SVN"
    assert geo.city_code("Springfield") is None


def test_place_code_reads_city_comma_country():
    assert geo.place_code("Busan, South Korea") == "KOR"
    assert geo.place_code("Smallville, Canada") == "CAN"
    assert geo.place_code("nowhere") is None


def test_normalise():
    assert geo.normalise("The  Netherlands\u2019s") == "netherlands"


def test_states_that_no_longer_exist_keep_their_code_in_events_of_their_time():
    old, new = dt.date(1987, 3, 1), dt.date(2017, 3, 1)
    assert geo.country_code("Soviet Union") == "SUN" and geo.demonym_code("Yugoslav") == "YUG"
    assert geo.country_code("East Germany") == "DDR" and geo.demonym_code("Czechoslovak") == "CSK"
    assert geo.code_in_time(geo.city_code("Moscow"), old) == "SUN"  # Moscow in 1987: the Soviet capital
    assert geo.code_in_time("RUS", new) == "RUS" and geo.code_in_time("SUN", new) == "RUS"
    assert geo.code_in_time("SVK", dt.date(1990, 1, 1)) == "CSK" and geo.code_in_time("DDR", new) == "DEU"
    assert geo.code_in_time("DEU", old) == "DEU"  # West Germany is DEU
    assert geo.code_in_time("FRA", old) == "FRA" and geo.code_in_time(None, old) is None
