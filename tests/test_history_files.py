"""Importing Letterboxd and IMDb histories, and exporting for Letterboxd."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from ussr_films import catalogue, record

WATCHED = "Date,Name,Year,Letterboxd URI\r\n2023-01-05,Stalker,1979,https://boxd.it/a\r\n"
DIARY = (
    "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
    '2023-02-01,"Come and See",1985,https://boxd.it/b,5,,"war, 1980s",2023-01-31\n'
    "2023-03-01,Solaris,1972,https://boxd.it/c,4.5,,,2023-02-28\n"
    "2023-03-02,Solaris,2002,https://boxd.it/d,2.5,,,2023-03-01\n"
)
RATINGS = "Date,Name,Year,Letterboxd URI,Rating\n2023-04-01,Mirror,1975,https://boxd.it/e,4\n"
WATCHLIST = (
    "Date,Name,Year,Letterboxd URI\n"
    '2023-05-01,"The Ascent",1977,https://boxd.it/f\n'
    '2023-05-02,"A Film, With a Comma, Not Soviet",2011,https://boxd.it/g\n'
)
IMDB_13 = (
    "Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,"
    "Release Date,Directors\n"
    "tt0079944,10,2022-06-01,Stalker,https://www.imdb.com/title/tt0079944/,Movie,8.1,161,1979,Drama,1,"
    "1979-05-25,Andrei Tarkovsky\n"
    "tt0073179,7,2022-06-02,The Irony of Fate,https://www.imdb.com/title/tt0073179/,TV Movie,8.0,184,1976,"
    "Comedy,1,1976-01-01,Eldar Ryazanov\n"
)
IMDB_14 = (
    "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,"
    "Num Votes,Release Date,Directors\n"
    "tt0091251,8,2022-07-01,Come and See,Idi i smotri,https://www.imdb.com/title/tt0091251/,Movie,8.3,142,1985,"
    "War,1,1985-10-17,Elem Klimov\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def letterboxd_zip(tmp_path: Path) -> Path:
    path = tmp_path / "letterboxd-export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in (
            ("watched.csv", WATCHED),
            ("diary.csv", DIARY),
            ("ratings.csv", RATINGS),
            ("watchlist.csv", WATCHLIST),
            ("deleted/diary.csv", DIARY.replace("Solaris", "Mirror")),
        ):
            archive.writestr(name, text)
    return path


def test_letterboxd_zip_imports_every_list_and_tells_same_title_films_apart(run, run_json, tmp_path):
    summary = run_json("import", "letterboxd", str(letterboxd_zip(tmp_path)))
    assert summary["dry_run"] is False
    assert [row["title"] for row in summary["unmatched"]] == ["A Film, With a Comma, Not Soviet"]
    watched = {f["id"]: (f["watched_on"], f["rating"]) for f in run_json("watched", "list")}
    assert watched == {
        "stalker-1979": (None, None),
        "come-and-see-1985": ("2023-01-31", 5.0),
        "solaris-1972": ("2023-02-28", 4.5),
        "solaris-2002": ("2023-03-01", 2.5),
        "mirror-1975": (None, 4.0),
    }
    assert [f["id"] for f in run_json("watchlist", "list")] == ["the-ascent-1977"]


def test_importing_the_same_file_twice_changes_nothing(run_json, tmp_path):
    export = letterboxd_zip(tmp_path)
    first = run_json("import", "letterboxd", str(export))
    before = run_json("watched", "list")
    second = run_json("import", "letterboxd", str(export))
    assert second["added"] == []
    assert len(second["already_present"]) == len(first["added"]) + len(first["already_present"])
    assert run_json("watched", "list") == before


def test_dry_run_shows_the_summary_and_writes_nothing(run, run_json, tmp_path, private_home):
    summary = run_json("import", "letterboxd", str(letterboxd_zip(tmp_path)), "--dry-run")
    assert len(summary["added"]) == 6 and len(summary["unmatched"]) == 1
    assert not (private_home / "record.db").exists()
    table = run("import", "letterboxd", str(letterboxd_zip(tmp_path)), "--dry-run").stdout
    assert "Dry run" in table and "Not in the catalogue" in table and "A Film, With a Comma" in table


def test_a_single_csv_with_bom_crlf_and_a_quoted_newline(run_json, tmp_path):
    text = "\ufeff" + WATCHED + '2023-01-06,"Ivan\'s\nChildhood",1962,https://boxd.it/h\r\n'
    run_json("import", "letterboxd", str(write(tmp_path, "watched.csv", text)))
    assert record.watched_ids() == {"stalker-1979", "ivans-childhood-1962"}


def test_an_import_never_overwrites_what_the_user_set(run, run_json, tmp_path):
    run("rate", "mirror", "2")
    run_json("import", "letterboxd", str(write(tmp_path, "ratings.csv", RATINGS)))
    assert [(f["id"], f["rating"]) for f in run_json("watched", "list")] == [("mirror-1975", 2.0)]


@pytest.mark.parametrize("text", [IMDB_13, IMDB_14], ids=["13 columns", "14 columns"])
def test_imdb_ratings_are_halved_onto_five_stars(run_json, tmp_path, text):
    run_json("import", "imdb", str(write(tmp_path, "ratings.csv", text)))
    watched = {f["id"]: f["rating"] for f in run_json("watched", "list")}
    expected = {"stalker-1979": 5.0, "the-irony-of-fate-1976": 3.5} if text is IMDB_13 else {"come-and-see-1985": 4.0}
    assert watched == expected


BAD_FILES = {
    "wrong columns": ("watched.csv", "Film,When\nStalker,2020\n", "lacks the column"),
    "bad date": ("diary.csv", DIARY.replace("2023-01-31", "31/01/2023"), "line 2"),
    "rating out of range": ("ratings.csv", RATINGS.replace(",4\n", ",7\n"), "Rating '7'"),
    "not UTF-8": ("watched.csv", None, "not UTF-8"),
    "empty file": ("watched.csv", "", "empty"),
    "extra cells": ("watched.csv", WATCHED + "2023,Mirror,1975,x,surplus\n", "more cells"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_malformed_file_is_refused_whole_and_the_record_is_unchanged(run, run_json, tmp_path, case):
    run("watched", "add", "stalker")
    before = run_json("watched", "list")
    name, text, message = BAD_FILES[case]
    if text is None:
        path = tmp_path / name
        path.write_bytes(WATCHED.encode() + "2023-01-07,Зеркало,1975,x\n".encode("cp1251"))
    else:
        path = write(tmp_path, name, text)
    result = run("import", "letterboxd", str(path))
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr and "Traceback" not in result.stderr
    assert run_json("watched", "list") == before


def test_a_missing_file_is_a_clear_error(run, tmp_path):
    result = run("import", "imdb", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2 and "No such file" in result.stderr


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_letterboxd_of_watched_films_carries_dates_and_ratings(run):
    run("watched", "add", "come-and-see-1985", "--date", "2024-05-09", "--rating", "5")
    rows = read_csv(run("export", "--format", "letterboxd", "--watched").stdout)
    tmdb_id = str(catalogue.film("come-and-see-1985").tmdb_id or "")
    assert rows == [
        {
            "imdbID": "tt0091251",
            "tmdbID": tmdb_id,
            "Title": "Come and See",
            "Year": "1985",
            "Directors": "Elem Klimov",
            "WatchedDate": "2024-05-09",
            "Rating": "5",
        }
    ]


def test_export_letterboxd_of_a_path_lists_its_steps_in_order(run, run_json):
    steps = [step["film"] for step in run_json("path", "beginner")["steps"]]
    rows = read_csv(run("export", "--format", "letterboxd", "--path", "beginner").stdout)
    assert [(row["Title"], int(row["Year"])) for row in rows] == [(f["title"], f["year"]) for f in steps]
    assert list(rows[0]) == ["imdbID", "tmdbID", "Title", "Year", "Directors"]


def test_export_letterboxd_needs_to_know_what_to_export(run):
    result = run("export", "--format", "letterboxd")
    assert result.exit_code == 2 and "--watched" in result.stderr


def test_a_letterboxd_export_of_ours_imports_back_into_a_fresh_record(run, run_json, tmp_path, monkeypatch):
    run("rate", "stalker", "4.5")
    run("watched", "add", "the-ascent-1977", "--date", "2020-02-02")
    exported = write(tmp_path, "ours.csv", run("export", "--format", "letterboxd", "--watched").stdout)
    monkeypatch.setenv("USSRFILMS_HOME", str(tmp_path / "fresh"))
    run_json("import", "letterboxd", str(exported))
    assert {f["id"]: (f["watched_on"], f["rating"]) for f in run_json("watched", "list")} == {
        "stalker-1979": (None, 4.5),
        "the-ascent-1977": ("2020-02-02", None),
    }


def test_record_export_as_json_and_csv(run):
    run("rate", "stalker", "4.5")
    assert '"rating": 4.5' in run("export", "--watched").stdout
    rows = read_csv(run("export", "--format", "csv", "--watched").stdout)
    assert rows[0]["id"] == "stalker-1979" and rows[0]["rating"] == "4.5"
