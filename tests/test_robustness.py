"""Whatever a user types, every command answers with a message, never a traceback."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ussr_films.searching import fts_query, search

NASTY = [
    '"',
    '""',
    "*",
    "-",
    ":",
    "^",
    "(",
    ")",
    "NEAR",
    "AND",
    "OR",
    "NOT",
    'stalker"',
    "a:b",
    "col:stalker",
    "NEAR(a b)",
    "'",
    "%",
    "_",
    "\\",
    "\x00",
    " ",
    "",
    "ё" * 3,
    "\u0301",
    "[bold]x[/]",
]


def test_fts_operators_and_unbalanced_quotes_search_cleanly():
    for text in NASTY:
        assert isinstance(search(text), list)
        # Every token is quoted, so nothing the user types is parsed as FTS syntax.
        assert all(token.startswith('"') and token.endswith('"') for token in fts_query(text).split())


def test_a_10000_character_query_is_refused_plainly(run):
    result = run("search", "x" * 10_000)
    assert result.exit_code == 2
    assert "a film's name or id is at most 300" in result.stderr


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_any_text_as_a_query_exits_0_or_1_without_traceback(run, text):
    result = run("search", "--", text)
    assert result.exit_code in (0, 1)
    assert "Traceback" not in result.stderr


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_any_text_as_a_mood_or_era_is_a_usage_error_or_a_result(run, text):
    for args in (["recommend", "--mood", text], ["by-era", "--", text], ["path", "--", text], ["show", "--", text]):
        result = run(*args)
        assert result.exit_code in (0, 1, 2), args
        assert "Traceback" not in result.stderr


def test_an_ascii_only_stdout_gets_readable_output_not_a_traceback(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    import ussr_films

    package_root = str(Path(ussr_films.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C", "PYTHONPATH": package_root}
    result = subprocess.run(
        [sys.executable, "-m", "ussr_films", "search", "stalker"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert b"Stalker" in result.stdout and b"Traceback" not in result.stderr
    json_result = subprocess.run(
        [sys.executable, "-m", "ussr_films", "show", "stalker", "--json"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
    )
    assert b"\\u0421\\u0442\\u0430\\u043b\\u043a\\u0435\\u0440" in json_result.stdout  # escaped, still valid JSON
