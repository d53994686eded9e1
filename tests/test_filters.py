"""--kind, --studio, --republic, --decade and --canon: the same filters on every listing."""

from __future__ import annotations

import json
import sqlite3

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ussr_films import catalogue
from ussr_films.cli import app

FILTERS = ("kind", "studio", "republic", "decade", "canon")
LISTINGS = ("search", "by-era", "recommend", "random", "tonight", "export", "stats")


@pytest.fixture
def db():
    conn = sqlite3.connect(f"file:{catalogue.catalogue_path()}?mode=ro", uri=True)
    yield conn
    conn.close()


def ids(db, sql: str, *params) -> set[str]:
    return {row[0] for row in db.execute(sql, params)}


def test_every_listing_takes_the_same_filters_with_the_same_help():
    group = typer.main.get_command(app)
    helps: dict[str, set[str]] = {name: set() for name in FILTERS}
    for command in LISTINGS:
        options = {param.name: param for param in group.commands[command].params}
        for name in FILTERS:
            assert name in options, f"{command} lacks --{name}"
            helps[name].add(options[name].help)
    assert all(len(texts) == 1 for texts in helps.values()), helps


def test_search_by_studio_finds_only_that_studios_films(run_json, db):
    hits = run_json("search", "war", "--studio", "mosfilm", "-n", "50")
    assert hits and all("Mosfilm" in hit["studio"] for hit in hits)


def test_a_studio_matches_in_any_case_or_in_cyrillic(run_json):
    spellings = ("Mosfilm", "MOSFILM", "Мосфильм")
    results = [run_json("by-era", "thaw", "--studio", spelling) for spelling in spellings]
    assert results[0] and all(result == results[0] for result in results)


def test_by_era_with_a_kind_lists_that_eras_films_of_that_kind(run_json, db):
    films = run_json("by-era", "stagnation", "--kind", "animation")
    expected = ids(db, "SELECT id FROM films WHERE era = 'stagnation' AND kind = 'animation'")
    assert expected and {film["id"] for film in films} == expected


def test_by_era_alone_counts_only_the_films_that_fit(run_json, db):
    eras = {era["id"]: era["films"] for era in run_json("by-era", "--republic", "georgia")}
    expected = dict(db.execute("SELECT era, count(*) FROM films WHERE republic = 'Georgia' GROUP BY era"))
    assert {era: films for era, films in eras.items() if films} == expected


def test_a_republic_is_found_by_its_demonym_or_an_older_name(run_json):
    by_name = run_json("by-era", "thaw", "--republic", "Georgia")
    assert by_name and run_json("by-era", "thaw", "--republic", "georgian") == by_name
    assert run_json("by-era", "thaw", "--republic", "Byelorussia") == run_json(
        "by-era", "thaw", "--republic", "belarus"
    )


def test_recommend_in_a_canon_gives_only_the_films_it_ranks(run_json, db):
    picks = run_json("recommend", "--canon", "bbc-2018", "-n", "100")
    assert {pick["id"] for pick in picks} == ids(db, "SELECT film_id FROM film_canons WHERE canon_id = 'bbc-2018'")


def test_canon_any_means_ranked_in_any_recorded_poll(run_json, db):
    picks = run_json("recommend", "--canon", "any", "-n", "1000")
    # Every film a poll ranks, but those recommend never offers (lost, or outside the scope).
    offerable = ids(
        db,
        "SELECT film_id FROM film_canons c JOIN films f ON f.id = c.film_id "
        "WHERE json_extract(f.doc, '$.lost') = 0 AND json_extract(f.doc, '$.outside_scope') IS NULL",
    )
    assert {pick["id"] for pick in picks} == offerable


def test_random_keeps_to_the_studio(run_json):
    for seed in ("1", "2", "3"):
        pick = run_json("random", "--studio", "soyuzmultfilm", "--seed", seed)
        assert "Soyuzmultfilm" in pick["studio"]


def test_recommend_with_a_decade_and_a_republic(run_json, db):
    picks = run_json("recommend", "--decade", "1960s", "--republic", "ukraine", "-n", "100")
    expected = ids(db, "SELECT id FROM films WHERE republic = 'Ukraine' AND year BETWEEN 1960 AND 1969")
    assert expected and {pick["id"] for pick in picks} == expected


def test_export_with_filters_exports_only_matching_films(run, db):
    result = run("export", "--format", "json", "--decade", "1920s", "--kind", "documentary")
    assert result.exit_code == 0
    exported = {film["id"] for film in json.loads(result.stdout)}
    expected = ids(db, "SELECT id FROM films WHERE kind = 'documentary' AND year BETWEEN 1920 AND 1929")
    assert expected and exported == expected


def test_an_unknown_studio_exits_2_with_a_suggestion(run):
    result = run("search", "stalker", "--studio", "mosfim")
    assert result.exit_code == 2
    assert "Unknown studio 'mosfim'" in result.stderr
    assert "Did you mean 'Mosfilm'" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_republic_lists_every_republic_in_the_catalogue(run, db):
    result = run("recommend", "--republic", "gergia")
    assert result.exit_code == 2
    assert "Did you mean 'Georgia'" in result.stderr
    for (republic,) in db.execute("SELECT DISTINCT republic FROM films WHERE republic IS NOT NULL"):
        assert republic in result.stderr


def test_an_unknown_canon_lists_the_canons_of_data_canons_toml(run, db):
    result = run("by-era", "thaw", "--canon", "cahiers")
    assert result.exit_code == 2
    for (canon,) in db.execute("SELECT id FROM canons"):
        assert canon in result.stderr


def test_a_start_shared_by_two_canons_asks_which(run):
    result = run("recommend", "--canon", "sight")
    assert result.exit_code == 2
    assert "'sight-and-sound-2022'" in result.stderr and "'sight-and-sound-2022-directors'" in result.stderr


def test_filters_that_fit_no_film_say_so(run):
    result = run("by-era", "thaw", "--decade", "1990s")
    assert result.exit_code == 1
    assert "No film of The Thaw fits 1990s" in result.stderr


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_any_text_as_a_studio_republic_or_canon_is_a_result_or_a_usage_error(run, text):
    for option in ("--studio", "--republic", "--canon"):
        result = run("by-era", "thaw", f"{option}={text}")
        assert result.exit_code in (0, 1, 2), option
        assert "Traceback" not in result.stderr
