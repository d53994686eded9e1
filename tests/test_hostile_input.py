"""Hostile text in the catalogue, in imported files and in arguments.

Markup, emoji codes and terminal control sequences show literally and
harmlessly; no CSV cell can run as a formula; no argument, however odd, gets
a traceback. The hostile catalogue is a copy of the shipped one with one
film's text replaced, so nothing under data/ is touched.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.build import load_sources, validate
from ussr_films import catalogue
from ussr_films.safe_text import spreadsheet_cell, strip_controls

CONTROLS = {
    "clear screen": "\x1b[2J",
    "window title": "\x1b]0;owned\x07",
    "hyperlink": "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "C1 CSI": "\x9b31m",
    "bell and NUL": "\x07\x00",
    "right-to-left override": "\u202e",
}
MARKUP = "[bold]Stalker[/] [/] [link=http://evil.example]x[/link] :sun:"
HOSTILE = MARKUP + " " + "".join(CONTROLS.values())
FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", " =1", "\uff1d1", "\t=1"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def no_controls(text: str) -> bool:
    return not any(ch in text for ch in "\x1b\x07\x00\x9b\u202e")


@pytest.fixture
def hostile_catalogue(tmp_path, monkeypatch):
    """The shipped catalogue with Stalker's text, a path note and a mood made hostile."""
    path = tmp_path / "hostile.db"
    shutil.copy(catalogue.catalogue_path(), path)
    conn = sqlite3.connect(path)
    (doc,) = conn.execute("SELECT doc FROM films WHERE id = 'stalker-1979'").fetchone()
    film = json.loads(doc)
    film.update(
        title=HOSTILE,
        original_title=FORMULAS[0],
        synopsis=FORMULAS[1] + " " + HOSTILE,
        context=FORMULAS[3],
        cast=[FORMULAS[2], FORMULAS[4], FORMULAS[5], FORMULAS[6]],
        directors=[*film["directors"], HOSTILE],
    )
    conn.execute("UPDATE films SET doc = ?, title = ? WHERE id = 'stalker-1979'", [json.dumps(film), HOSTILE])
    conn.execute("UPDATE path_steps SET note = ?, pair_with = ? WHERE film_id = 'stalker-1979'", [HOSTILE, HOSTILE])
    conn.execute("UPDATE moods SET description = ? WHERE id = 'eerie'", [HOSTILE])
    conn.commit()
    conn.close()
    monkeypatch.setenv(catalogue.CATALOGUE_ENV, str(path))
    catalogue.connection.cache_clear()
    return path


@pytest.mark.parametrize("name", CONTROLS)
def test_strip_controls_removes_whole_sequences(name):
    assert strip_controls(f"a{CONTROLS[name]}b") in ("ab", "aclickb")
    assert strip_controls("Сталкер\tи\nкино") == "Сталкер\tи\nкино"


@pytest.mark.parametrize(
    "args",
    [
        ["search", "stalker"],
        ["show", "stalker-1979"],
        ["path", "beginner"],
        ["path", "tarkovsky"],
        ["moods"],
        ["person", "tarkovsky"],
        ["recommend", "--like", "stalker-1979"],
        ["random", "--like", "stalker-1979", "--seed", "1"],
    ],
)
@pytest.mark.parametrize("colour", ["plain", "forced"])
def test_hostile_catalogue_text_shows_literally_and_harmlessly(hostile_catalogue, run, monkeypatch, args, colour):
    if colour == "forced":
        monkeypatch.setenv("FORCE_COLOR", "1")
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    if colour == "plain":
        assert "\x1b" not in out
    else:
        assert "\x1b[2J" not in out and "\x1b]" not in out
    assert no_controls(out.replace("\x1b[", "")) and no_controls(result.stderr)
    # The markup and the emoji code are printed as typed, not interpreted.
    flat = " ".join(out.split())
    assert "[bold]Stalker[/]" in flat or "[bold]Stalker[/] [/]" in flat.replace("\n", " "), out
    assert ":sun:" in flat


def test_hostile_catalogue_json_carries_no_raw_controls(hostile_catalogue, run):
    for args in (["show", "stalker-1979", "--json"], ["export", "--path", "tarkovsky"]):
        result = run(*args)
        assert result.exit_code == 0
        assert no_controls(result.stdout)
        data = json.loads(result.stdout)
        titles = [data["title"]] if "title" in data else [film["title"] for film in data]
        assert HOSTILE in titles  # escaped, not lost: JSON is data, not display


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "csv"],
        ["export", "--format", "letterboxd", "--path", "tarkovsky"],
        ["export", "--format", "csv", "--watched"],
    ],
)
def test_no_csv_cell_can_run_as_a_formula(hostile_catalogue, run, args):
    assert run("watched", "add", "stalker-1979", "--rating", "4").exit_code == 0
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    cells = [cell for row in rows for cell in row]
    if "letterboxd" not in args:  # Letterboxd's columns do not include the original title
        assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert not [cell for cell in cells if cell.lstrip(" ").startswith(FORMULA_STARTS)]
    assert no_controls(result.stdout)


@pytest.mark.parametrize("text", FORMULAS)
def test_spreadsheet_cell_defuses_each_formula_start(text):
    assert spreadsheet_cell(text).startswith("'")


def test_imported_titles_lose_their_control_sequences(run, tmp_path):
    export = tmp_path / "watched.csv"
    # Unmatched, so that the title is shown back; a NUL byte would have the whole file refused.
    title = "Zzqx " + HOSTILE.replace("\x00", "")
    export.write_text(f'Date,Name,Year,Letterboxd URI\n2024-01-01,"{title}",1901,https://boxd.it/x\n', encoding="utf-8")
    result = run("import", "letterboxd", str(export), "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert no_controls(result.stdout) and "[link=http://evil.example]" in result.stdout.replace("\n", "")
    report = json.loads(run("import", "letterboxd", str(export), "--dry-run", "--json").stdout)
    assert no_controls(json.dumps(report, ensure_ascii=False))


def test_the_build_refuses_control_characters_in_data():
    sources = load_sources()
    film = {**sources.films[0], "synopsis": "A film.\x1b]0;owned\x07"}
    sources.films[0] = film
    assert any("control characters" in problem for problem in validate(sources))


# -- arguments ----------------------------------------------------------------

NFC_TITLE = "Мой ласковый и нежный зверь"
SEARCH_TEXTS = [
    '"',
    '""',
    "*",
    "-stalker",
    "NEAR(a b)",
    "a OR b",
    "title:stalker",
    "^x",
    "(",
    "'",
    "%",
    "_",
    "\\",
    "",
    " ",
    "\t\n",
    "\x00",
    "stalker\x00",
    "x" * 10_000,
    "stalk\udcff\udcfe",
    "[/]",
    "[bold]",
    ":sun:",
    "\x1b[2J",
    unicodedata.normalize("NFD", NFC_TITLE),
]


@pytest.mark.parametrize("text", SEARCH_TEXTS, ids=lambda text: repr(text[:20]))
def test_any_search_text_returns_cleanly(run, text):
    for args in (["search", "--", text], ["search", "--json", "--", text], ["show", "--", text]):
        result = run(*args)
        assert result.exit_code in (0, 1, 2), args
        assert no_controls(result.stdout + result.stderr)
        if result.exit_code:
            assert result.stderr.startswith("Error: ") or args[1] == "--json"


def test_nfd_text_finds_what_nfc_finds(run_json):
    decomposed = unicodedata.normalize("NFD", NFC_TITLE)
    assert decomposed != NFC_TITLE
    assert run_json("search", decomposed)[0]["id"] == run_json("search", NFC_TITLE)[0]["id"]


@pytest.mark.parametrize("value", ["0", "-1", str(10**20), "x", "1.5", "١٠", "１０", "1_0", "+5", " 5x"])
@pytest.mark.parametrize("command", [["search", "stalker"], ["recommend", "--mood", "eerie"], ["export"]])
def test_limit_is_range_checked(run, command, value):
    result = run(*command, "--limit", value)
    assert result.exit_code == 2
    assert "--limit" in result.stderr


@pytest.mark.parametrize(
    "option, value",
    [("--year", str(10**20)), ("--year", "-1"), ("--max-runtime", "0"), ("--seed", "-1"), ("--seed", str(10**20))],
)
def test_other_numbers_are_range_checked(run, option, value):
    command = ["search", "stalker"] if option == "--year" else ["random"]
    result = run(*command, option, value)
    assert result.exit_code == 2 and option in result.stderr


@pytest.mark.parametrize("rating", ["NaN", "nan", "inf", "-inf", "1_0", "6", "-1", "0", "4.3", "", "٣"])
def test_bad_ratings_are_refused_with_a_message(run, rating, private_home):
    for args in (["rate", "stalker", rating], ["watched", "add", "stalker", "--rating", rating]):
        result = run(*args)
        assert result.exit_code == 2, (args, result.stdout)
        assert "Rating" in result.stderr or "rating" in result.stderr
    assert run("record", "--json").stdout and json.loads(run("record", "--json").stdout)["watched"] == 0


# Words a command may be given: real names, options and junk.
WORDS = st.one_of(
    st.sampled_from(
        [
            "stalker",
            "tarkovsky",
            "eerie",
            "wwii",
            "thaw",
            "beginner",
            "1970s",
            "--json",
            "--limit",
            "0",
            "5",
            "--mood",
            "--theme",
            "--like",
            "--era",
            "--decade",
            "--kind",
            "--year",
            "--seed",
            "--next",
            "--rating",
            "--date",
            "--free",
            "--for-me",
            "--format",
            "csv",
            "letterboxd",
            "-n",
            "-",
            "--",
            "4.5",
        ]
    ),
    st.text(max_size=12),
)
COMMAND_LINES = [
    ["search"],
    ["recommend"],
    ["random"],
    ["by-era"],
    ["path"],
    ["show"],
    ["person"],
    ["moods"],
    ["export"],
    ["rate"],
    ["watched", "add"],
    ["watched", "list"],
    ["watchlist", "add"],
    ["record"],
]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(COMMAND_LINES), words=st.lists(WORDS, max_size=5))
def test_generated_command_lines_exit_0_1_or_2_without_traceback(run, command, words):
    result = run(*command, *words)  # an exception would fail the test: the runner does not catch them
    assert result.exit_code in (0, 1, 2), (command, words, result.stderr)
    assert "Traceback" not in result.stderr
