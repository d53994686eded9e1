"""Import matches as a careful person would: never a wrong film, and few misses.

Two real-sized files: a Letterboxd ratings export of well-known films from
everywhere (Hollywood, Bollywood, Europe, Asia) with a few films this
catalogue holds mixed in, where only those few may match; and a Letterboxd
export of Soviet films with titles and years as Letterboxd lists them,
shelved and late-released films included, where nearly all must.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ussr_films.imports import read_letterboxd
from ussr_films.matching import match_rows

DATA = Path(__file__).parent / "data"

# The rows of mainstream_ratings.csv that name films in the catalogue.
IN_SCOPE = {
    ("Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb", 1964): "dr-strangelove-1964",
    ("Doctor Zhivago", 1965): "doctor-zhivago-1965",
    ("Stalingrad", 1993): "stalingrad-1993",
    ("Solaris", 2002): "solaris-2002",
    ("Chernobyl", 2019): "chernobyl-2019",
    ("The Death of Stalin", 2017): "the-death-of-stalin-2017",
    ("Enemy at the Gates", 2001): "enemy-at-the-gates-2001",
    ("Bridge of Spies", 2015): "bridge-of-spies-2015",
    ("The Hunt for Red October", 1990): "the-hunt-for-red-october-1990",
    ("Come and See", 1985): "come-and-see-1985",
    ("Stalker", 1979): "stalker-1979",
    ("Brother", 1997): "brother-1997",
    ("Dear Comrades!", 2020): "dear-comrades-2020",
    ("Kolya", 1996): "kolya-1996",
    ("Burnt by the Sun", 1994): "burnt-by-the-sun-1994",
}


def test_a_mainstream_export_matches_only_the_films_the_catalogue_holds():
    rows = read_letterboxd(DATA / "mainstream_ratings.csv")
    matches = match_rows(rows)
    got = {(m.row.title, m.row.year): m.film.id for m in matches if m.film}
    wrong = {row: film_id for row, film_id in got.items() if IN_SCOPE.get(row) != film_id}
    missed = {row: film_id for row, film_id in IN_SCOPE.items() if got.get(row) != film_id}
    print(f"\nmainstream export: {len(rows)} rows, {len(got)} matched, {len(wrong)} wrong, {len(missed)} missed")
    assert len(rows) - len(IN_SCOPE) >= 300
    assert wrong == {}
    assert missed == {}


def test_near_twins_stay_apart_and_are_offered_as_candidates():
    rows = [row for row in read_letterboxd(DATA / "mainstream_ratings.csv")]
    by_title = {(m.row.title, m.row.year): m for m in match_rows(rows)}
    for title, year, offered in [
        ("Dear Comrade", 2019, "Dear Comrades! (2020)"),
        ("Koyla", 1997, "Kolya (1996)"),
        ("Brother", 2000, "Brother (1997)"),
        ("Mother", 2009, "Mother (1990)"),
        ("Heat", 1995, "Heat (1963)"),
        ("Hamlet", 1996, "Hamlet (1964)"),
        ("War and Peace", 2016, "War and Peace (1966)"),
        ("The Thief", 1952, "The Thief (1997)"),
        ("Saajan", 1991, "Satan (1990)"),
    ]:
        match = by_title[(title, year)]
        assert match.film is None, (title, year)
        assert offered in match.candidates, (title, year, match.candidates)
    for title, year in [("Return of the Jedi", 1983), ("Back to the Future", 1985), ("The Truman Show", 1998),
                        ("The English Patient", 1996), ("The Big Lebowski", 1998), ("Parasite", 2019)]:
        match = by_title[(title, year)]
        assert match.film is None and match.candidates == [], (title, year, match.candidates)


def _zip(tmp_path: Path, files: dict[str, str]) -> Path:
    path = tmp_path / "letterboxd.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def test_a_dry_run_on_an_empty_record_never_says_already_there(run, run_json, tmp_path):
    # A Letterboxd export names a film in watched.csv, diary.csv and ratings.csv alike.
    export = _zip(tmp_path, {
        "watched.csv": "Date,Name,Year,Letterboxd URI\n2023-01-05,Stalker,1979,\n2023-01-06,Mirror,1975,\n",
        "diary.csv": "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
                     "2023-01-05,Stalker,1979,,4.5,,,2023-01-04\n",
        "ratings.csv": "Date,Name,Year,Letterboxd URI,Rating\n2023-01-05,Stalker,1979,,4.5\n",
    })
    summary = run_json("import", "letterboxd", str(export), "--dry-run")
    assert summary["already_present"] == []
    assert len(summary["added"]) == 4
    shown = run("import", "letterboxd", str(export), "--dry-run").stdout
    assert "Would add or update" in shown and "Already in your record" in shown
    real = run("import", "letterboxd", str(export)).stdout
    assert "Added or updated" in real
    again = run_json("import", "letterboxd", str(export))
    assert again["added"] == [] and len(again["already_present"]) == 4


def test_an_imdb_row_matches_on_const_first(run_json, tmp_path):
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(
        "Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,"
        "Release Date,Directors\n"
        # The title is IMDb's own transliteration, which no catalogue field spells so: the id settles it.
        "tt0079944,9,2024-01-02,Stalker (Sovietskiy),https://www.imdb.com/title/tt0079944/,Movie,8.1,161,1979,"
        "Drama,1,1979-05-25,Andrei Tarkovsky\n"
        # An id we do not hold, on a title we do: another film, left unmatched.
        "tt0120382,7,2024-01-03,Stalker,https://www.imdb.com/title/tt0120382/,Movie,7.0,100,1979,Drama,1,"
        "1979-01-01,Someone Else\n",
        encoding="utf-8",
    )
    summary = run_json("import", "imdb", str(ratings))
    assert [row["film_id"] for row in summary["added"]] == ["stalker-1979"]
    assert [row["title"] for row in summary["unmatched"]] == ["Stalker"]
