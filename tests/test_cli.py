"""The README's tour, run through the CLI: exit codes, what is printed, and JSON."""

from __future__ import annotations

import re

import pytest

FILM_KEYS = {"id", "title", "original_title", "year", "directors", "era", "perspective", "moods", "themes"}


def first_row(output: str) -> str:
    return next(line for line in output.splitlines() if re.match(r"\s*1\s", line))


def test_search_stalker_puts_stalker_first(run):
    result = run("search", "stalker")
    assert result.exit_code == 0
    row = first_row(result.stdout)
    assert "Stalker" in row and "1979" in row and "Andrei Tarkovsky" in row


def test_search_finds_cyrillic_and_transliterated_titles(run_json):
    assert run_json("search", "Сталкер")[0]["id"] == "stalker-1979"
    assert run_json("search", "idi i smotri")[0]["id"] == "come-and-see-1985"


def test_search_with_nothing_found_exits_1_with_suggestions(run):
    result = run("search", "zzqxv")
    assert result.exit_code == 1
    assert "No film matches 'zzqxv'" in result.stderr


def test_search_json_nothing_found_is_an_empty_array(run):
    result = run("search", "zzqxv", "--json")
    assert result.stdout.strip() == "[]"


def test_recommend_harrowing_ranks_come_and_see_in_the_top_three_and_no_comedy(run, run_json):
    picks = run_json("recommend", "--mood", "harrowing")
    assert "come-and-see-1985" in [p["id"] for p in picks[:3]]
    assert all("funny" not in p["moods"] for p in picks)
    assert all(p["reasons"] and isinstance(p["score"], float) for p in picks)
    assert [p["score"] for p in picks] == sorted((p["score"] for p in picks), reverse=True)
    table = run("recommend", "--mood", "harrowing").stdout
    assert "Why" in table and "Come and See" in table


def test_recommend_like_never_returns_the_seed(run_json):
    picks = run_json("recommend", "--like", "stalker")
    assert picks and "stalker-1979" not in [p["id"] for p in picks]


def test_a_theme_typed_as_a_mood_is_pointed_to_theme(run):
    result = run("recommend", "--mood", "gulag")
    assert result.exit_code == 2
    assert "is a theme, not a mood" in result.stderr
    assert "ussrfilms recommend --theme gulag (theme gulag)" in result.stderr
    assert run("recommend", "--theme", "gulag").exit_code == 0


def test_a_genre_typed_as_a_mood_asks_for_the_genre(run_json):
    # "war", "horror", "scary": words people use for a kind of film, read as the genre.
    assert run_json("recommend", "--mood", "war") == run_json("recommend", "--genre", "war")
    assert run_json("recommend", "--mood", "scary") == run_json("recommend", "--genre", "horror")


def test_unknown_mood_exits_2_with_valid_values_and_a_suggestion(run):
    result = run("recommend", "--mood", "harowing")
    assert result.exit_code == 2
    assert "Did you mean 'harrowing'" in result.stderr
    assert "meditative" in result.stderr


def test_path_beginner_starts_with_the_cranes_are_flying(run):
    result = run("path", "beginner")
    assert result.exit_code == 0
    assert "The Cranes Are Flying" in first_row(result.stdout)


def test_watch_path_is_the_same_command(run):
    assert run("watch-path", "beginner").stdout == run("path", "beginner").stdout


def test_path_json_follows_the_contract(run_json):
    path = run_json("path", "beginner")
    assert set(path) == {"id", "title", "description", "steps"}
    assert [step["position"] for step in path["steps"]] == list(range(1, len(path["steps"]) + 1))
    assert all(step["note"] and FILM_KEYS <= set(step["film"]) for step in path["steps"])


def test_path_alone_lists_the_paths(run, run_json):
    listing = run_json("path")
    assert {"beginner", "tarkovsky", "war", "montage"} <= {p["id"] for p in listing}
    assert all(set(p) == {"id", "title", "audience", "steps", "runtime_min"} for p in listing)
    assert "beginner" in run("path").stdout


def test_unknown_path_exits_2_with_a_suggestion(run):
    result = run("path", "beginer")
    assert result.exit_code == 2
    assert "Did you mean 'beginner'" in result.stderr


def test_by_era_lists_eras_with_counts(run_json, run):
    eras = run_json("by-era")
    assert [e["id"] for e in eras][:5] == ["revolution", "stalinist", "thaw", "stagnation", "perestroika"]
    assert all(set(e) == {"id", "name", "start", "end", "description", "films"} for e in eras)
    assert all(e["films"] > 0 for e in eras)
    assert "The Thaw" in run("by-era").stdout


def test_by_era_thaw_lists_films_in_year_order(run_json):
    films = run_json("by-era", "thaw")
    years = [f["year"] for f in films]
    # Listed in the year each film is listed under; in the era by the year it was made.
    assert years == sorted(years) and all(1954 <= (f["year_completed"] or f["year"]) <= 1967 for f in films)


@pytest.mark.parametrize(
    ("era", "film_id"),
    [
        ("stagnation", "stalker-1979"),
        ("revolution", "battleship-potemkin-1925"),
        ("post-soviet", "burnt-by-the-sun-1994"),
        ("western", "dr-strangelove-1964"),
    ],
)
def test_by_era_includes_its_landmarks(run_json, era, film_id):
    assert film_id in [f["id"] for f in run_json("by-era", era)]


def test_unknown_era_exits_2_with_a_suggestion(run):
    result = run("by-era", "thow")
    assert result.exit_code == 2
    assert "Did you mean 'thaw'" in result.stderr


def test_show_prints_every_fact(run):
    result = run("show", "stalker")
    assert result.exit_code == 0
    for fact in (
        "Сталкер",
        "Andrei Tarkovsky",
        "Mosfilm",
        "1979",
        "Alexander Kaidanovsky",
        "Prize of the Ecumenical Jury",
        "2h41",
    ):
        assert fact in result.stdout


def test_show_json_has_every_field(run_json):
    film = run_json("show", "stalker-1979")
    assert FILM_KEYS <= set(film)
    assert film["runtime_min"] == 161 and film["studio"] == "Mosfilm"


def test_show_unknown_film_exits_1(run):
    result = run("show", "qqqqzzzz")
    assert result.exit_code == 1
    assert "No film matches" in result.stderr


def test_export_json_holds_every_film(run):
    import json

    from ussr_films import catalogue

    films = json.loads(run("export", "--format", "json").stdout)
    assert len(films) == len(catalogue.film_ids())
    assert all(FILM_KEYS <= set(film) for film in films)


def test_export_csv_has_a_header_and_a_row_per_film(run):
    import csv
    import io

    from ussr_films import catalogue

    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    assert len(rows) == len(catalogue.film_ids())
    stalker = next(row for row in rows if row["id"] == "stalker-1979")
    assert stalker["directors"] == "Andrei Tarkovsky" and stalker["original_title"] == "Сталкер"


def test_no_arguments_prints_an_orientation(run):
    result = run()
    assert result.exit_code == 0
    assert "ussrfilms search stalker" in result.stdout


def test_json_keeps_cyrillic_readable(run):
    assert "Сталкер" in run("show", "stalker", "--json").stdout


def test_limit_is_range_checked(run):
    assert run("search", "war", "--limit", "0").exit_code == 2


def test_person_lists_a_filmography_with_roles(run_json, run):
    person = run_json("person", "tarkovskij")
    assert person["name"] == "Andrei Tarkovsky" and person["original_name"] == "Андрей Тарковский"
    films = [(f["id"], f["roles"]) for f in person["films"]]
    # Every role, in the order a card lists them: he designed Stalker as well as directing and co-writing it.
    assert ("stalker-1979", ["director", "writer", "production designer"]) in films
    assert ("ivans-childhood-1962", ["director"]) in films
    assert [f["year"] for f in person["films"]] == sorted(f["year"] for f in person["films"])
    assert "Ivan's Childhood" in run("person", "Тарковский").stdout


def test_person_finds_cast_too(run_json):
    person = run_json("person", "solonitsyn")
    assert {"stalker-1979", "andrei-rublev-1966", "solaris-1972"} <= {f["id"] for f in person["films"]}
    assert all(f["roles"] == ["cast"] for f in person["films"] if f["id"] == "stalker-1979")


def test_unknown_person_exits_2_with_a_suggestion(run):
    result = run("person", "tarkofsky")
    assert result.exit_code == 2
    assert "Andrei Tarkovsky" in result.stderr


def test_search_filters_narrow_the_results(run_json):
    assert [f["id"] for f in run_json("search", "solaris", "--year", "2002")] == ["solaris-2002"]
    assert all(f["kind"] == "animation" for f in run_json("search", "tale", "--kind", "animation"))
    assert all(1970 <= f["year"] < 1980 for f in run_json("search", "tarkovsky", "--decade", "1970s"))
    assert all(f["era"] == "thaw" for f in run_json("search", "war", "--era", "thaw"))


def test_bad_decade_is_a_usage_error(run):
    result = run("search", "war", "--decade", "seventies")
    assert result.exit_code == 2
    assert "1970s" in result.stderr


def test_every_theme_id_names_its_own_theme():
    # A synonym of one theme must never hide another theme's id (war -> wwii hid "war").
    from ussr_films import catalogue, vocab

    for (theme_id,) in catalogue.query("SELECT id FROM themes"):
        assert vocab.resolve_theme(theme_id) == theme_id


def test_person_sorts_and_limits_a_long_filmography(run_json):
    every = run_json("person", "ryazanov")["films"]
    best = run_json("person", "ryazanov", "--sort", "renown", "--limit", "3")["films"]
    assert len(best) == 3 and {film["id"] for film in best} <= {film["id"] for film in every}
    assert "the-irony-of-fate-1976" in {film["id"] for film in best}
    by_title = [film["title"] for film in run_json("person", "ryazanov", "--sort", "title")["films"]]
    assert len(by_title) == len(every) and by_title[0].startswith(("A", "B", "C"))
