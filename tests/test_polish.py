"""Small things a new user meets first: era names, long era listings, piped output."""

from __future__ import annotations

import pytest

from ussr_films import vocab
from ussr_films.text import normalize


@pytest.mark.parametrize(
    "alias, era",
    [
        ("khrushchev", "thaw"),
        ("brezhnev", "stagnation"),
        ("stalin", "stalinist"),
        ("lenin", "revolution"),
        ("gorbachev", "perestroika"),
        ("Brezhnev era", "stagnation"),
        ("the Khrushchev years", "thaw"),
    ],
)
def test_an_era_is_named_by_its_leader(alias, era):
    assert vocab.resolve_era(alias).id == era


def test_era_aliases_work_wherever_an_era_is_accepted(run, run_json):
    assert run("by-era", "khrushchev", "-n", "3").stdout.startswith("The Thaw (1954-1967)")
    assert {film["era"] for film in run_json("search", "war", "--era", "brezhnev")} == {"stagnation"}
    assert {rec["era"] for rec in run_json("recommend", "--mood", "funny", "--era", "stalin")} == {"stalinist"}


def test_a_misspelt_leader_suggests_the_era(run):
    result = run("by-era", "gorbachov")
    assert result.exit_code == 2
    assert "Did you mean 'perestroika'" in result.stderr


def test_by_era_limit_holds_and_says_how_many_there_are(run, run_json):
    everything = run_json("by-era", "thaw")
    assert len(run_json("by-era", "thaw", "--limit", "5")) == 5
    heading = run("by-era", "thaw", "-n", "5").stdout.splitlines()[0]
    assert heading == f"The Thaw (1954-1967): {len(everything)} films; the first 5"


def test_by_era_sorts_by_year_title_or_renown(run_json):
    by_year = [film["year"] for film in run_json("by-era", "stagnation")]
    assert by_year == sorted(by_year)
    titles = [film["title"] for film in run_json("by-era", "stagnation", "--sort", "title")]
    keys = [normalize(title).removeprefix("the ") for title in titles]  # punctuation aside, as a reader sorts
    assert keys == sorted(keys)
    renowned = [film["id"] for film in run_json("by-era", "stagnation", "--sort", "renown", "-n", "5")]
    assert "stalker-1979" in renowned


def test_by_era_refuses_an_unknown_sort(run):
    result = run("by-era", "thaw", "--sort", "length")
    assert result.exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["search", "stalker"],
        ["by-era"],
        ["by-era", "thaw", "-n", "5"],
        ["recommend", "--mood", "eerie"],
        ["path"],
        ["path", "beginner"],
        ["show", "stalker"],
        ["person", "tarkovsky"],
        ["moods"],
        ["stats"],
        ["random", "--seed", "3"],
        ["timeline"],
    ],
)
def test_no_command_leaves_trailing_spaces_in_a_pipe(run, monkeypatch, args):
    monkeypatch.setenv("NO_COLOR", "1")
    result = run(*args)
    assert result.exit_code == 0
    assert [line for line in result.stdout.splitlines() if line != line.rstrip()] == []
