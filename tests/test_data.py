"""The sources in data/ obey every rule the catalogue promises."""

from __future__ import annotations

import pytest

from tools import build

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
    for surname in (
        "Eisenstein",
        "Vertov",
        "Pudovkin",
        "Dovzhenko",
        "Kalatozov",
        "Chukhrai",
        "Tarkovsky",
        "Shepitko",
        "Klimov",
        "Parajanov",
        "Ryazanov",
        "Gaidai",
        "Daneliya",
        "Mikhalkov",
        "German",
        "Muratova",
        "Abuladze",
    ):
        assert any(name.endswith(surname) for name in directors), surname


def test_mood_vocabulary_has_the_promised_moods_with_descriptions():
    moods = {mood["id"]: mood for mood in SOURCES.moods}
    for mood in (
        "harrowing",
        "heartbreaking",
        "beautiful",
        "funny",
        "satirical",
        "eerie",
        "meditative",
        "epic",
        "romantic",
        "nostalgic",
        "thrilling",
        "uplifting",
    ):
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


# A word broken at the end of a line inside a """ string folds to "box- office".
# A suspended hyphen ("pre- and post-war") is fine.
LINE_BREAK_TYPO = __import__("re").compile(r"\w- (?!(?:and|or|to) )\w")


def prose(sources) -> list[tuple[str, str]]:
    found = []
    for film in sources.films:
        texts = [film["synopsis"], film["context"], (film.get("censorship") or {}).get("reason", "")]
        found += [(film["id"], build.fold_whitespace(text)) for text in texts if text]
    for path in sources.paths:
        found += [(path["id"], build.fold_whitespace(path["description"]))]
        found += [(path["id"], build.fold_whitespace(step["note"])) for step in path["steps"]]
    return found


def test_no_word_is_broken_across_a_line_in_the_prose():
    broken = [(where, match.group()) for where, text in prose(SOURCES) for match in LINE_BREAK_TYPO.finditer(text)]
    assert broken == []


def test_the_typo_check_catches_box_office_broken_at_a_line_end():
    assert LINE_BREAK_TYPO.search(build.fold_whitespace("a big box-\noffice success"))
    assert LINE_BREAK_TYPO.search(build.fold_whitespace("through a sealed-\noff city"))
    assert not LINE_BREAK_TYPO.search(build.fold_whitespace("pre- and post-war Moscow, a box-office hit"))


def test_every_film_of_a_studio_with_a_channel_has_a_where_to_watch_link():
    links = build.watch_links(SOURCES)
    for channel in SOURCES.channels:
        for film in SOURCES.films:
            if channel.get("studio") in build.split_studios(film.get("studio")):
                assert any(link["channel"] == channel["name"] for link in links[film["id"]]), film["id"]


def test_every_stored_address_has_a_ref():
    for channel in SOURCES.channels:
        assert channel["refs"] and all(ref.startswith("http") for ref in channel["refs"]), channel["id"]
        for subtitles in channel.get("subtitles", []):
            assert subtitles["refs"], channel["id"]
    for page in SOURCES.pages:
        assert page["refs"], page["film"]
    for links in build.watch_links(SOURCES).values():
        assert all(link["refs"] for link in links)


def test_a_search_link_is_built_offline_from_the_original_title():
    links = build.watch_links(SOURCES)
    (link,) = [link for link in links["white-sun-of-the-desert-1970"] if link["kind"] == "search"]
    assert link["url"] == (
        "https://www.youtube.com/user/mosfilm/search?query="
        "%D0%91%D0%B5%D0%BB%D0%BE%D0%B5%20%D1%81%D0%BE%D0%BB%D0%BD%D1%86%D0%B5%20%D0%BF%D1%83%D1%81%D1%82%D1%8B%D0%BD%D0%B8"
    )
    assert link["named"] is True and link["subtitles"] == []


def test_subtitles_are_stated_only_where_a_ref_says_so():
    links = build.watch_links(SOURCES)
    with_subtitles = {film_id for film_id, found in links.items() for link in found if link["subtitles"]}
    assert with_subtitles == {"andrei-rublev-1966", "solaris-1972", "the-cranes-are-flying-1957", "dersu-uzala-1975"}


def _sources_with(channels=(), pages=()):
    import copy

    sources = copy.copy(SOURCES)
    sources.channels, sources.pages = list(channels), list(pages)
    return sources


def test_validation_refuses_an_address_without_a_ref_or_a_search_without_query():
    channel = {
        "id": "x",
        "name": "X",
        "studio": "Lenfilm",
        "url": "https://example.org/x",
        "search": "https://example.org/x/search",
        "refs": [],
    }
    page = {"film": "stalker-1979", "name": "Somewhere", "url": "not an address", "refs": []}
    problems = build.validate(_sources_with([channel], [page]))
    assert any("missing refs" in problem and "[x]" in problem for problem in problems)
    assert any("{query}" in problem for problem in problems)
    assert any("page stalker-1979" in problem and "missing refs" in problem for problem in problems)
    assert any("not a web address" in problem for problem in problems)


def test_a_named_page_is_listed_first_and_counts_as_free():
    page = {
        "film": "the-commissar-1967",
        "name": "An institute's stream",
        "url": "https://example.org/commissar",
        "refs": ["https://example.org/about"],
        "subtitles": ["English"],
    }
    links = build.watch_links(_sources_with(SOURCES.channels, [page]))
    assert links["the-commissar-1967"] == [
        {
            "kind": "page",
            "channel": "An institute's stream",
            "url": "https://example.org/commissar",
            "named": True,
            "subtitles": ["English"],
            "refs": ["https://example.org/about"],
        }
    ]
