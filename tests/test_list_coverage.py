"""benchmarks/list_coverage.py reads the two public lists in the form they are published, and matches as a person would."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import list_coverage  # noqa: E402

KINOPOISK = "// a saved kinopoisk.dev answer\nexport const ussrMovies: MovieData = " + json.dumps(
    {
        "docs": [
            {
                "id": 42664,
                "name": "Иван Васильевич меняет профессию",
                "enName": None,
                "year": 1973,
                # The list's credits as published: names without roles; one left out here on purpose.
                "persons": [
                    {"name": n} for n in ("Юрий Яковлев", "Александр Зацепин", "Леонид Гайдай", "Сергей Полуянов")
                ],
            },
            {"id": 43368, "name": "Пираты ХХ века", "year": 1979},  # Cyrillic numerals, and a year before ours
            {"id": 1, "name": "Шерлок Холмс и доктор Ватсон: Знакомство", "year": 1979},  # a part of a serial
            {"id": 2, "name": "Наваждение", "year": 1965},  # a story of an anthology, listed on its own
            {"id": 3, "name": "Гений", "year": 1991},
        ]
    },
    ensure_ascii=False,
)
TSPDT = (
    "New,Director(s),Title,Year,Country,Length,Colour,Genre,2024,IMDb,IMDB_ID,idTSPDT\n"
    ',"Tarkovsky, Andrei",Stalker,1979,USSR,161,Col-BW,Sci-Fi,47,IMDb,tt0079944,1\n'
    ',"Maslennikov, Igor","Hound of the Baskervilles, The [TV]",1981,USSR,---,Col,Mystery,21104,IMDb,,2\n'
    ',"Jancsó, Miklós","Red and the White, The",1967,Hungary-USSR,90,BW,War,905,IMDb,tt0061537,3\n'
    ',"Tsuladze, Baadur",Peola,1970,USSR,---,BW,Drama,5224,IMDb,,4\n'
)


def _films():
    return list_coverage._catalogue()


def test_kinopoisk_is_read_from_its_published_file_and_matched_by_russian_title_and_year():
    entries = list_coverage.read_kinopoisk(KINOPOISK)
    coverage = list_coverage.match(list_coverage.Coverage("kinopoisk", entries), _films())
    assert coverage.held == {1: "ivan-vasilievich-back-to-the-future-1973", 2: "pirates-of-the-20th-century-1980"}
    assert coverage.as_part == {
        3: "sherlock-holmes-and-dr-watson-1980",
        4: "operation-y-and-shuriks-other-adventures-1965",
    }
    assert [entry.title for entry in coverage.missing()] == ["Гений"]


def test_tspdt_keeps_soviet_films_and_matches_by_imdb_id_then_title():
    entries = list_coverage.read_tspdt(TSPDT)
    assert [entry.title for entry in entries] == ["Stalker", "The Hound of the Baskervilles", "Peola"]
    coverage = list_coverage.match(list_coverage.Coverage("tspdt", entries), _films())
    assert coverage.held == {0: "stalker-1979", 1: "the-hound-of-the-baskervilles-1981"}
    assert coverage.share(coverage.entries) == (2, 3)


def test_our_crew_is_checked_against_the_lists_own_credits():
    entries = list_coverage.read_kinopoisk(KINOPOISK)
    coverage = list_coverage.match(list_coverage.Coverage("kinopoisk", entries), _films())
    found = list_coverage.crew_check(coverage, _films())
    # Zatsepin, Poluyanov and Gaidai are credited there; Bakhnov, left out of the excerpt, is reported.
    assert found["composers"][:2] == (1, 1) and found["cinematographers"][:2] == (1, 1)
    assert found["writers"] == (1, 2, ["ivan-vasilievich-back-to-the-future-1973: Vladlen Bakhnov"])


def test_a_held_film_whose_place_the_catalogue_does_not_record_is_reported():
    films = _films()
    coverage = list_coverage.match(list_coverage.Coverage("tspdt", list_coverage.read_tspdt(TSPDT)), films)
    # Stalker's #47 is in data/canons.toml; the Hound's place (21,104) is past the 5,000 the catalogue records.
    assert list_coverage.unrecorded(coverage, films, "tspdt") == []
    moved = list_coverage.read_tspdt(TSPDT.replace("Sci-Fi,47,", "Sci-Fi,48,"))
    coverage = list_coverage.match(list_coverage.Coverage("tspdt", moved), films)
    assert list_coverage.unrecorded(coverage, films, "tspdt") == ["#48 Stalker (1979): stalker-1979 records [47]"]
