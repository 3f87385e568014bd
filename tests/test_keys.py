from citekit.library.keys import make_key, person_last_name


def test_person_names():
    assert person_last_name("Smith, Jane and Doe, John") == "smith"
    assert person_last_name("Jane van Smith") == "smith"
    assert person_last_name("{The Soufan Center}") == "soufan"


def test_key_from_author_year_title():
    assert make_key(title="Water in the Sahel", year=2019, author="Smith, Jane") == "smith2019water"


def test_key_from_organisation():
    key = make_key(
        title="Beyond the Caliphate: Foreign Fighters", year=2017, organisation="The Soufan Center"
    )
    assert key == "soufan2017beyond"


def test_key_from_title_when_no_author():
    key = make_key(title="1,300 Tajik nationals are fighting alongside IS", year="2017")
    assert key == "tajik2017nationals"


def test_collisions_get_letter_suffixes():
    taken = {"smith2019water", "smith2019watera"}
    assert make_key(title="Water", year=2019, author="Smith", taken=taken) == "smith2019waterb"


def test_no_title_no_author_no_year_is_still_a_key():
    assert make_key(title=None, year=None) == "source"
    assert make_key(title="Élan vital über alles", year=None) == "elanvital"
