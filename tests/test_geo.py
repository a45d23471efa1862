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
