"""`ussrfilms stats` and `ussrfilms timeline`, checked against the catalogue read directly with sqlite3."""

from __future__ import annotations

import json
import re
import sqlite3
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from tools.build import RefPolicy
from ussr_films import catalogue
from ussr_films.cli import app

BLOCKS = re.compile(r"[\u2588-\u258f]")


@pytest.fixture
def db():
    """The shipped catalogue, read without going through ussr_films."""
    conn = sqlite3.connect(f"file:{catalogue.catalogue_path()}?mode=ro", uri=True)
    yield conn
    conn.close()


def chart(output: str, title: str) -> list[str]:
    """The lines of one bar chart of `stats`: from its title to the blank line after it."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    rows = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        rows.append(line)
    return rows


# -- stats -----------------------------------------------------------------


def test_stats_counts_the_films_of_each_era_as_sqlite_does(run_json, db):
    counted = run_json("stats")
    expected = dict(db.execute("SELECT era, count(*) FROM films GROUP BY era"))
    assert {row["value"]: row["films"] for row in counted["era"]} == expected
    assert counted["films"] == db.execute("SELECT count(*) FROM films").fetchone()[0]


def test_stats_kinds_perspectives_republics_and_decades_match_sqlite(run_json, db):
    counted = run_json("stats")
    for key, sql in (
        ("kind", "SELECT kind, count(*) FROM films GROUP BY kind"),
        ("perspective", "SELECT perspective, count(*) FROM films GROUP BY perspective"),
        ("republic", "SELECT republic, count(*) FROM films GROUP BY republic"),
        ("decade", "SELECT year / 10 * 10, count(*) FROM films GROUP BY 1"),
    ):
        assert {row["value"]: row["films"] for row in counted[key]} == dict(db.execute(sql)), key


def test_stats_orders_eras_chronologically_decades_ascending_studios_by_count(run_json, db):
    counted = run_json("stats")
    assert [row["value"] for row in counted["era"]] == [
        r[0] for r in db.execute("SELECT id FROM eras ORDER BY position")
    ]
    decades = [row["value"] for row in counted["decade"]]
    assert decades == sorted(decades)
    named = [row for row in counted["studio"] if row["value"] is not None]
    assert named == sorted(named, key=lambda row: (-row["films"], row["value"].casefold()))
    assert counted["studio"][-1]["value"] is None  # films with no studio recorded come last


def test_a_co_production_counts_for_each_of_its_studios(run_json, db):
    (mosfilm_alone,) = db.execute("SELECT count(*) FROM films WHERE studio = 'Mosfilm'").fetchone()
    studios = [studio for (studio,) in db.execute("SELECT studio FROM films WHERE studio LIKE '%Mosfilm%'")]
    with_others = sum(1 for studio in studios if studio != "Mosfilm" and "Mosfilm" in re.split(r", | and ", studio))
    assert with_others >= 2  # Sunflower (1970), with its Italian and French studios, among them
    counted = {row["value"]: row["films"] for row in run_json("stats")["studio"]}
    assert counted["Mosfilm"] == mosfilm_alone + with_others


def test_the_era_chart_shows_each_era_with_its_count_and_the_longest_bar_for_the_most_films(run, db):
    rows = chart(run("stats").stdout, "Films by era")
    expected = dict(db.execute("SELECT era, count(*) FROM films GROUP BY era"))
    assert [row.split()[0] for row in rows] == [r[0] for r in db.execute("SELECT id FROM eras ORDER BY position")]
    assert {row.split()[0]: int(row.split()[-1]) for row in rows} == expected
    bars = {row.split()[0]: len(BLOCKS.findall(row)) for row in rows}
    biggest = max(expected, key=expected.get)
    assert bars[biggest] == max(bars.values())
    assert all(bars[era] <= bars[other] for era in bars for other in bars if expected[era] < expected[other])


def test_stats_top_gathers_the_other_studios(run, run_json):
    studios = [row for row in run_json("stats")["studio"] if row["value"] is not None]
    rows = chart(run("stats", "--top", "3").stdout, "Films by studio")
    assert [row.split()[0] for row in rows[:3]] == [studio["value"].split()[0] for studio in studios[:3]]
    other = rows[3]
    assert other.startswith(f"other ({len(studios) - 3} studios)")
    assert int(other.split()[-1]) == sum(studio["films"] for studio in studios[3:])


def test_stats_fits_a_20_column_terminal(monkeypatch, run, db):
    monkeypatch.setenv("COLUMNS", "20")
    result = run("stats")
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 20
    for (era,) in db.execute("SELECT id FROM eras"):
        assert re.search(rf"^{era}$", result.stdout, re.MULTILINE), era  # each label on its own line, whole


def test_stats_on_an_ascii_only_stdout_draws_bars_with_hashes(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    result = CliRunner(charset="ascii").invoke(app, ["stats"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "#" in result.stdout
    result.stdout_bytes.decode("ascii")  # nothing but ASCII reached the stream


def test_stats_with_a_filter_counts_only_matching_films(run_json, db):
    counted = run_json("stats", "--republic", "georgia")
    (georgian,) = db.execute("SELECT count(*) FROM films WHERE republic = 'Georgia'").fetchone()
    assert counted["films"] == georgian
    assert [row["value"] for row in counted["republic"]] == ["Georgia"]


# -- timeline --------------------------------------------------------------


def shelved_in_catalogue(db) -> dict[str, tuple[int, int | None]]:
    rows = db.execute(
        "SELECT id, year, json_extract(doc, '$.censorship.released') FROM films "
        "WHERE json_extract(doc, '$.censorship.shelved') IS NOT NULL"
    )
    return {film_id: (year, released) for film_id, year, released in rows}


def test_timeline_shows_andrei_rublev_from_completion_to_release(run, db):
    year, released = shelved_in_catalogue(db)["andrei-rublev-1966"]
    line = next(line for line in run("timeline").stdout.splitlines() if line.startswith("Andrei Rublev"))
    assert f"{year}-{released}" in line
    assert f"{released - year}y" in line
    assert BLOCKS.search(line)


def test_timeline_json_holds_every_shelved_film_and_the_films_per_year(run_json, db):
    data = run_json("timeline")
    assert {s["id"]: (s["year"], s["released"]) for s in data["shelved"]} == shelved_in_catalogue(db)
    per_year = {row["year"]: row["films"] for row in data["films_per_year"]}
    assert data["start"] == 1917 and data["end"] == db.execute("SELECT max(year) FROM films").fetchone()[0]
    assert per_year == {
        year: dict(db.execute("SELECT year, count(*) FROM films GROUP BY year")).get(year, 0)
        for year in range(1917, data["end"] + 1)
    }


def test_timeline_lays_the_eras_in_order_on_the_axis(run, db):
    lines = run("timeline").stdout.splitlines()
    eras = [r[0] for r in db.execute("SELECT id FROM eras WHERE grp = 'production' ORDER BY position")]
    starts = []
    for era in eras:
        line = next(line for line in lines if line.startswith(era + " "))
        starts.append(BLOCKS.search(line).start())
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


@pytest.mark.parametrize("columns", ["20", "30", "80"])
def test_timeline_fits_narrow_terminals(monkeypatch, run, columns):
    monkeypatch.setenv("COLUMNS", columns)
    result = run("timeline")
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= int(columns)
    assert "thaw" in result.stdout


def test_timeline_on_an_ascii_only_stdout(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = CliRunner(charset="ascii").invoke(app, ["timeline"], catch_exceptions=False)
    assert result.exit_code == 0
    result.stdout_bytes.decode("ascii")
    assert re.search(r"^Andrei Rublev .*#", result.stdout, re.MULTILINE)


def test_timeline_svg_writes_an_svg_with_a_title_and_the_shelved_films(run, tmp_path):
    target = tmp_path / "timeline.svg"
    result = run("timeline", "--svg", str(target))
    assert result.exit_code == 0 and str(target) in result.stdout
    root = ET.parse(target).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = " ".join("".join(node.itertext()) for node in root.iter()).replace("\xa0", " ")
    assert "ussrfilms timeline" in text
    assert "Andrei Rublev" in text


def test_timeline_svg_never_replaces_a_file_unless_forced(run, tmp_path):
    target = tmp_path / "mine.svg"
    target.write_text("keep me")
    result = run("timeline", "--svg", str(target))
    assert result.exit_code == 1
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert target.read_text() == "keep me"
    assert run("timeline", "--svg", str(target), "--force").exit_code == 0
    assert target.read_text().startswith("<svg")


@pytest.mark.parametrize("where", ["no-such-dir/t.svg", "."])
def test_timeline_svg_to_a_bad_path_is_a_message_not_a_traceback(run, tmp_path, where):
    result = run("timeline", "--svg", str(tmp_path / where))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1


def test_timeline_svg_and_json_together_is_a_usage_error(run, tmp_path):
    result = run("timeline", "--svg", str(tmp_path / "t.svg"), "--json")
    assert result.exit_code == 2
    assert not (tmp_path / "t.svg").exists()


def test_every_breakdown_but_studio_adds_up_to_the_whole_catalogue(run):
    data = json.loads(run("stats", "--json").stdout)
    assert set(data) == {
        "films",
        "era",
        "perspective",
        "kind",
        "studio",
        "republic",
        "decade",
        "cinematographer",
        "composer",
        "source",
        "coverage",
    }
    assert {"cinematographer", "composer", "source"} <= set(data)
    for key in ("era", "perspective", "kind", "republic", "decade"):
        assert sum(row["films"] for row in data[key]) == data["films"], key


def test_stats_reports_how_many_films_carry_imdb_and_tmdb_ids(run, run_json):
    data = run_json("stats")
    with_imdb = catalogue.query("SELECT count(*) FROM films WHERE imdb_id IS NOT NULL")[0][0]
    assert data["coverage"]["imdb_id"] == {"films": with_imdb, "of": data["films"]}
    shown = run("stats").stdout
    percent = round(100 * with_imdb / data["films"])
    assert "IMDb id" in shown and f"{with_imdb} of {data['films']} films ({percent}%)" in shown


# -- stats --data ----------------------------------------------------------


def test_stats_data_reports_each_fields_coverage_counted_from_the_catalogue_itself(run_json, db):
    report = run_json("stats", "--data")
    films = db.execute("SELECT count(*) FROM films").fetchone()[0]
    soviet = db.execute("SELECT count(*) FROM films WHERE perspective = 'soviet'").fetchone()[0]
    with_studio = db.execute("SELECT count(*) FROM films WHERE perspective = 'soviet' AND studio IS NOT NULL")
    assert report["films"] == films
    assert report["soviet"]["studio"] == {"films": with_studio.fetchone()[0], "of": soviet}
    with_runtime = db.execute("SELECT count(*) FROM films WHERE runtime_min IS NOT NULL").fetchone()[0]
    assert report["facts"]["runtime"] == {"films": with_runtime, "of": films}
    composers = sum(
        1
        for (doc,) in db.execute("SELECT doc FROM films WHERE perspective = 'soviet'")
        if json.loads(doc).get("composers")
    )
    assert report["soviet"]["composers"] == {"films": composers, "of": soviet}
    # Every film cites a reference of some kind but those data/refs.toml lists as still owing one (tests/test_refs.py).
    citing = db.execute(
        "SELECT count(DISTINCT film_id) FROM film_refs WHERE kind IN ('encyclopedia', 'archive', 'festival', 'database')"
    ).fetchone()[0]
    assert citing == films - len(RefPolicy.load().pending)
    assert set(report["refs"]) == {"encyclopedia", "archive", "festival", "database", "press"}
    assert (
        report["refs"]["encyclopedia"]["films"]
        == db.execute("SELECT count(DISTINCT film_id) FROM film_refs WHERE kind = 'encyclopedia'").fetchone()[0]
    )


def test_stats_data_prints_a_line_per_field_and_takes_the_shared_filters(run, run_json):
    shown = run("stats", "--data").stdout
    for label in ("running time", "censorship history", "studio", "cinematographers", "a festival"):
        assert label in shown
    georgian = run_json("stats", "--data", "--republic", "georgia")
    assert 0 < georgian["films"] < run_json("stats", "--data")["films"]
    assert georgian["soviet"]["studio"]["films"] == georgian["soviet"]["studio"]["of"]  # a republic comes from a studio


def test_stats_data_has_no_picture(run):
    result = run("stats", "--data", "--svg", "data.svg")
    assert result.exit_code == 2 and "no picture" in result.stderr
