"""The sources in data/ obey every rule the catalogue promises."""

from __future__ import annotations

import pytest

from ussr_films import build

SOURCES = build.load_sources(build.DATA_DIR)
FILMS = {film["id"]: film for film in SOURCES.films}

# Every film the seed article names that is about the USSR or made there.
ARTICLE_FILMS = [
    "battleship-potemkin-1925",
    "the-cranes-are-flying-1957",
    "stalker-1979",
    "solaris-1972",
    "the-hunt-for-red-october-1990",
    "dr-strangelove-1964",
    "the-death-of-stalin-2017",
    "cargo-200-2007",
    "burnt-by-the-sun-1994",
    "chernobyl-2019",
    "salyut-7-2017",
    "come-and-see-1985",
    "moscow-does-not-believe-in-tears-1980",
    "white-sun-of-the-desert-1970",
    "the-commissar-1967",
]


def test_the_sources_validate():
    assert build.validate(SOURCES) == []


def test_the_catalogue_holds_at_least_150_films():
    assert len(SOURCES.films) >= 150


@pytest.mark.parametrize("film_id", ARTICLE_FILMS)
def test_every_film_the_article_names_is_catalogued(film_id):
    assert film_id in FILMS


@pytest.mark.parametrize(
    ("film_id", "connected_title"),
    [
        ("battleship-potemkin-1925", "The Untouchables"),
        ("come-and-see-1985", "Saving Private Ryan"),
        ("salyut-7-2017", "Apollo 13"),
    ],
)
def test_the_articles_comparisons_are_connections(film_id, connected_title):
    titles = [c.get("title") for c in FILMS[film_id].get("connections", [])]
    assert connected_title in titles


def test_the_canon_directors_are_represented():
    people = {person["name"]: person for person in SOURCES.people}
    directors = {
        spelling
        for film in SOURCES.films
        for name in film["directors"]
        for spelling in [name, *people[name].get("aliases", [])]
    }
    for surname in ("Eisenstein", "Vertov", "Pudovkin", "Dovzhenko", "Kalatozov", "Chukhrai",
                    "Tarkovsky", "Shepitko", "Klimov", "Parajanov", "Ryazanov", "Gaidai",
                    "Daneliya", "Mikhalkov", "German", "Muratova", "Abuladze"):
        assert any(name.endswith(surname) for name in directors), surname


def test_mood_vocabulary_has_the_promised_moods_with_descriptions():
    moods = {mood["id"]: mood for mood in SOURCES.moods}
    for mood in ("harrowing", "heartbreaking", "beautiful", "funny", "satirical", "eerie",
                 "meditative", "epic", "romantic", "nostalgic", "thrilling", "uplifting"):
        assert moods[mood]["description"]


def test_every_mood_and_theme_is_used():
    used_moods = {m for film in SOURCES.films for m in film["moods"]}
    used_themes = {t for film in SOURCES.films for t in film["themes"]}
    assert {m["id"] for m in SOURCES.moods} <= used_moods
    assert {t["id"] for t in SOURCES.themes} <= used_themes


def test_every_production_era_has_films():
    eras = {film["era"] for film in SOURCES.films}
    assert {"revolution", "stalinist", "thaw", "stagnation", "perestroika", "post-soviet", "western"} <= eras


def test_the_required_paths_exist():
    assert {"beginner", "tarkovsky", "war", "montage"} <= {path["id"] for path in SOURCES.paths}


def test_the_beginner_path_starts_where_the_article_advises():
    beginner = next(path for path in SOURCES.paths if path["id"] == "beginner")
    assert beginner["steps"][0]["film"] == "the-cranes-are-flying-1957"


def test_remakes_are_distinct_records():
    assert {"solaris-1972", "solaris-2002"} <= set(FILMS)


def test_validation_catches_a_broken_record():
    broken = build.load_sources(build.DATA_DIR)
    film = next(f for f in broken.films if f["id"] == "stalker-1979")
    film["era"] = "thaw"
    film["moods"] = ["harrowing", "funny"]
    film["directors"] = ["Nobody Known"]
    problems = "\n".join(build.validate(broken))
    assert "belongs to era 'stagnation'" in problems
    assert "cannot go with" in problems
    assert "has no people/ record" in problems


def test_validation_keeps_admissions_to_soviet_cinema_releases():
    broken = build.load_sources(build.DATA_DIR)
    films = {f["id"]: f for f in broken.films}
    films["stalker-1979"]["admissions"] = "lots"
    films["seventeen-moments-of-spring-1973"]["admissions"] = 80.0  # a television series
    films["the-death-of-stalin-2017"]["admissions"] = 1.0  # never in Soviet cinemas
    problems = build.validate(broken)
    assert any("stalker-1979" in p and "millions of tickets" in p for p in problems)
    assert any("seventeen-moments-of-spring-1973" in p and "television" in p for p in problems)
    assert any("the-death-of-stalin-2017" in p and "post-1991" in p for p in problems)


def test_admissions_count_toward_renown_with_a_cap():
    hit = {"admissions": 76.7}
    assert build.popularity(hit) > build.popularity({"admissions": 54.0}) > build.popularity({}) == 0
    assert build.popularity({"admissions": 500}) == build.POPULARITY_CAP
