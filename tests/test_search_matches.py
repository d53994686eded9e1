"""Search tells the truth about its matches; person prefers a person's own name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from ussr_films import catalogue
from ussr_films.errors import AmbiguousPerson, TooLong
from ussr_films.people import find_person
from ussr_films.searching import CLOSE_SPELLING, PARTIAL_DISCOUNT, _fuzzy_scores, _lengths_within_reach, search


def first_ids(query: str, n: int = 5) -> list[str]:
    return [hit.film.id for hit in search(query, limit=n)]


@pytest.mark.parametrize(
    ("query", "film_id"),
    [
        ("mother 1926", "mother-1926"),
        ("Mother (1990)", "mother-1990"),
        ("hamlet (1964)", "hamlet-1964"),
        ("solaris 1972", "solaris-1972"),
        ("Солярис 1968", "solaris-1968"),
        ("commissar 1988", "the-commissar-1967"),  # the year it reached audiences
    ],
)
def test_a_year_in_the_query_keeps_films_known_by_that_year(query, film_id):
    hits = search(query, limit=20)
    assert hits[0].film.id == film_id
    year = int(query.strip(")").split()[-1].strip("("))
    assert all(year in hit.film.years for hit in hits)


def test_a_year_narrows_rather_than_refusing(run):
    result = run("search", "solaris", "1972")
    assert result.exit_code == 0
    assert "No film matches" not in result.stdout + result.stderr
    assert "1972" in result.stdout and "2002" not in result.stdout


@pytest.mark.parametrize("query", ["k19", "K19", "k-19", "K 19"])
def test_digits_and_letters_fold(query):
    assert first_ids(query, 1) == ["k-19-the-widowmaker-2002"]


def test_close_spellings_are_labelled_and_come_last():
    for query in ("stalkr", "potemkn", "tarkovsky", "white sun", "war", "солярс"):
        matched = [hit.matched for hit in search(query, limit=30)]
        close = [i for i, label in enumerate(matched) if label == CLOSE_SPELLING]
        others = [i for i, label in enumerate(matched) if label != CLOSE_SPELLING]
        assert not close or not others or min(close) > max(others), query
    assert search("stalkr", limit=1)[0].matched == CLOSE_SPELLING


def test_close_spelling_shows_in_json(run_json):
    hits = run_json("search", "stalkr")
    assert hits[0]["id"] == "stalker-1979"
    assert hits[0]["matched"] == CLOSE_SPELLING


@pytest.mark.parametrize("query", ["tsar", "car", "viy", "qwe", "zzzz", "Вий"])
def test_a_short_query_never_matches_a_different_word(query):
    for hit in search(query, limit=30):
        assert hit.matched != CLOSE_SPELLING, (query, hit.film.id)


def test_tsar_is_not_a_car_nor_cargo():
    ids = first_ids("tsar", 30)
    assert "cargo-200-2007" not in ids
    assert "beware-of-the-car-1966" not in ids
    assert ids[:2] == ["tsar-to-lenin-1937", "assassin-of-the-tsar-1991"]


def test_a_query_longer_than_any_title_is_refused():
    with pytest.raises(TooLong):
        search("war " * 300_000)


# -- person ------------------------------------------------------------------


def test_a_surname_is_its_owners_before_an_alias():
    assert find_person("konchalovsky").name == "Andrei Konchalovsky"
    assert find_person("Кончаловский").name == "Andrei Konchalovsky"
    assert find_person("mikhalkov").name == "Nikita Mikhalkov"


def test_a_double_surname_resolves_to_whoever_bears_it():
    assert find_person("Andrei Mikhalkov-Konchalovsky").name == "Andrei Konchalovsky"
    # Both brothers were born Mikhalkov-Konchalovsky: a true tie lists both.
    with pytest.raises(AmbiguousPerson) as raised:
        find_person("Mikhalkov-Konchalovsky")
    assert sorted(raised.value.names) == ["Andrei Konchalovsky", "Nikita Mikhalkov"]


def test_a_tie_is_listed_on_the_command_line(run):
    result = run("person", "Mikhalkov-Konchalovsky")
    assert result.exit_code == 2
    assert "Andrei Konchalovsky" in result.stderr and "Nikita Mikhalkov" in result.stderr
    assert result.stdout == ""


SPELLINGS = st.text(alphabet="abcdeklmnorst ", min_size=1, max_size=40)


@given(SPELLINGS, SPELLINGS, st.sampled_from([55.0, 72.0, 80.0]))
def test_fuzzy_search_skips_only_keys_too_long_or_short_to_reach_its_cutoff(query, title, cutoff):
    shortest, longest = _lengths_within_reach(len(query), cutoff)
    if fuzz.ratio(query, title) >= cutoff:
        assert shortest <= len(title) <= longest


@pytest.mark.parametrize("query", ["stalkr", "potemkn", "soljaris", "iron of fate", "wite sun", "kin dza"])
def test_fuzzy_search_finds_what_scoring_every_title_key_finds(query):
    """Reading only the lengths within reach gives the same films, score for score, as scoring every key."""
    rows = catalogue.query("SELECT film_id, key, field FROM title_keys")
    for cutoff in (55.0, 80.0):
        scores = {}
        for key in {key for _, key, _ in rows}:
            if fuzz.ratio(query, key) >= cutoff:
                scores[key] = fuzz.ratio(query, key)
            if len(key) > len(query) and fuzz.partial_ratio(query, key) >= cutoff / PARTIAL_DISCOUNT:
                scores[key] = max(scores.get(key, 0.0), PARTIAL_DISCOUNT * fuzz.partial_ratio(query, key))
        every = sorted((film_id, scores[key], field) for film_id, key, field in rows if key in scores)
        assert sorted(_fuzzy_scores(query, cutoff)) == every
        assert every  # each query is near some title
