"""The viewing record: watched, ratings, watchlist, and never losing data."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from privileges import NOBODY, as_another_user

from ussr_films import record
from ussr_films.errors import EXIT_RECORD_DAMAGED, EXIT_RECORD_PERMISSION

ROOT = Path(__file__).resolve().parent.parent


def record_file(home: Path) -> Path:
    return home / "record.db"


def test_watched_add_list_and_rm(run, run_json):
    assert run("watched", "add", "come", "and", "see", "--date", "2024-05-09", "--rating", "5").exit_code == 0
    assert run("rate", "stalker", "4.5").exit_code == 0
    listed = run_json("watched", "list")
    assert [(f["id"], f["watched_on"], f["rating"]) for f in listed] == [
        ("come-and-see-1985", "2024-05-09", 5.0),
        ("stalker-1979", None, 4.5),
    ]
    assert run("watched", "rm", "stalker").exit_code == 0
    assert [f["id"] for f in run_json("watched", "list")] == ["come-and-see-1985"]


def test_watchlist_add_list_rm(run, run_json):
    assert run("watchlist", "add", "the", "ascent").exit_code == 0
    assert run("watchlist", "add", "the", "ascent").stdout.strip().endswith("already on your watchlist.")
    assert [f["id"] for f in run_json("watchlist", "list")] == ["the-ascent-1977"]
    assert run("watchlist", "rm", "the-ascent-1977").exit_code == 0
    assert run_json("watchlist", "list") == []


def test_an_ambiguous_title_lists_the_candidates_and_changes_nothing(run, private_home):
    result = run("watched", "add", "solaris")
    assert result.exit_code == 2
    for film_id in ("solaris-1968", "solaris-1972", "solaris-2002"):
        assert film_id in result.stderr
    assert not record_file(private_home).exists()
    assert run("watched", "add", "solaris", "1972").exit_code == 0
    assert record.watched_ids() == {"solaris-1972"}


@pytest.mark.parametrize("rating", ["nan", "inf", "-inf", "1_0", "6", "-1", "0", "4.3", "", "4,5", "five"])
def test_bad_ratings_are_refused_with_a_message(run, rating, private_home):
    result = run("rate", "stalker", rating)
    assert result.exit_code == 2
    assert "Rating" in result.stderr and "Traceback" not in result.stderr
    assert not record_file(private_home).exists()


@pytest.mark.parametrize("date", ["2024-13-01", "2024-02-30", "yesterday", "24-01-01", "2999-01-01", "1800-01-01"])
def test_bad_dates_are_refused(run, date):
    result = run("watched", "add", "stalker", "--date", date)
    assert result.exit_code == 2
    assert "Date" in result.stderr


def test_search_and_by_era_tick_watched_films(run, run_json):
    run("watched", "add", "stalker")
    hits = run_json("search", "tarkovsky")
    assert {hit["id"]: hit["watched"] for hit in hits}["stalker-1979"] is True
    assert not any(hit["watched"] for hit in hits if hit["id"] != "stalker-1979")
    assert "Seen" in run("search", "tarkovsky").stdout
    era = run_json("by-era", "stagnation")
    assert [f["id"] for f in era if f["watched"]] == ["stalker-1979"]


def test_recommend_and_random_leave_out_watched_films_unless_asked(run, run_json):
    top = [f["id"] for f in run_json("recommend", "--mood", "harrowing")]
    run("watched", "add", top[0])
    assert top[0] not in [f["id"] for f in run_json("recommend", "--mood", "harrowing")]
    assert top[0] in [f["id"] for f in run_json("recommend", "--mood", "harrowing", "--include-watched")]
    for seed in range(10):
        assert run_json("random", "--mood", "harrowing", "--seed", str(seed))["id"] != top[0]


def test_path_ticks_watched_steps_and_next_gives_the_first_unwatched(run, run_json):
    steps = [step["film"]["id"] for step in run_json("path", "tarkovsky")["steps"]]
    run("watched", "add", steps[0])
    shown = run_json("path", "tarkovsky")
    assert [step["film"]["watched"] for step in shown["steps"]] == [True] + [False] * (len(steps) - 1)
    assert run_json("path", "tarkovsky", "--next")["film"]["id"] == steps[1]
    card = run("path", "tarkovsky", "--next")
    assert card.exit_code == 0 and f"step 2 of {len(steps)}" in card.stdout


def test_recommend_for_me_follows_the_ratings(run, run_json):
    assert run("recommend", "--for-me").exit_code == 2  # no ratings yet
    run("rate", "stalker", "5")
    run("rate", "solaris", "1972", "5")
    picks = run_json("recommend", "--for-me")
    directors = [name for film in picks[:5] for name in film["directors"]]
    assert "Andrei Tarkovsky" in directors
    assert any("you rated" in reason for film in picks for reason in film["reasons"])


def test_record_command_reports_location_and_counts(run, run_json, private_home):
    assert run_json("record")["exists"] is False
    run("rate", "stalker", "4")
    shown = run_json("record")
    assert shown["path"] == str(record_file(private_home))
    assert (shown["watched"], shown["rated"], shown["watchlist"]) == (1, 1, 0)
    assert shown["migrations"] == list(record.KNOWN_MIGRATIONS)


# -- migrations ------------------------------------------------------------


def test_an_older_record_opens_in_this_version_with_its_data(run, run_json, private_home):
    """A record made when only the first migration existed is upgraded in place."""
    from sqlite_utils import Database

    private_home.mkdir()
    db = Database(record_file(private_home))
    migrations = record._migrations()
    migrations.apply(db, stop_before="0002_import_log")
    db["watched"].insert(
        {
            "film_id": "mirror-1975",
            "watched_on": "2020-01-02",
            "rating": 4.0,
            "source": "cli",
            "updated_at": "2020-01-02T00:00:00",
        }
    )
    db.close()
    run("watched", "add", "stalker")
    assert [f["id"] for f in run_json("watched", "list")] == ["mirror-1975", "stalker-1979"]
    assert run_json("record")["migrations"] == list(record.KNOWN_MIGRATIONS)


def test_a_record_from_a_newer_version_is_refused_untouched(run, private_home):
    run("watched", "add", "stalker")
    with sqlite3.connect(record_file(private_home)) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, '0099_future', 'x')",
            [record.MIGRATION_SET],
        )
    before = record_file(private_home).read_bytes()
    result = run("watched", "add", "mirror")
    assert result.exit_code == 1 and "newer ussrfilms" in result.stderr
    assert record_file(private_home).read_bytes() == before


# -- never lose data -------------------------------------------------------


def test_a_file_that_is_not_sqlite_is_never_overwritten(run, private_home):
    private_home.mkdir()
    path = record_file(private_home)
    path.write_bytes(b"my precious notes, not a database\n" * 10)
    before = path.read_bytes()
    result = run("watched", "add", "stalker")
    assert result.exit_code == EXIT_RECORD_DAMAGED
    assert str(path) in result.stderr and "--repair" in result.stderr
    assert path.read_bytes() == before
    # Reading commands still work and say why ticks are missing.
    search = run("search", "stalker")
    assert search.exit_code == 0 and "Warning" in search.stderr
    # --repair moves it aside, keeping every byte, and a new record starts.
    assert run("record", "--repair").exit_code == 0
    moved = [p for p in private_home.iterdir() if p.name.startswith("record.db.damaged-")]
    assert len(moved) == 1 and moved[0].read_bytes() == before
    assert run("watched", "add", "stalker").exit_code == 0


def test_a_truncated_record_is_reported_not_replaced(run, private_home):
    run("watched", "add", "stalker")
    path = record_file(private_home)
    data = path.read_bytes()
    path.write_bytes(data[:100])
    result = run("watched", "add", "mirror")
    assert result.exit_code == EXIT_RECORD_DAMAGED and str(path) in result.stderr
    assert path.read_bytes() == data[:100]


def test_a_read_only_home_refuses_writes_as_permission_denied(run, monkeypatch, tmp_path):
    # Warm every module the write path imports: under root the check runs in a
    # forked child as nobody, who cannot read the interpreter's files.
    monkeypatch.setenv("USSRFILMS_HOME", str(tmp_path / "warm"))
    assert run("watched", "add", "stalker").exit_code == 0
    home = Path(tempfile.mkdtemp(prefix="ussrfilms-home-"))
    home.chmod(0o555)
    monkeypatch.setenv("USSRFILMS_HOME", str(home))

    def add():
        assert not os.access(home, os.W_OK), "this user must not be able to write"
        result = run("watched", "add", "stalker")
        return result.exit_code, result.stderr

    try:
        code, stderr = as_another_user(add, NOBODY) if os.geteuid() == 0 else add()
        assert code == EXIT_RECORD_PERMISSION
        assert "Permission denied on your viewing record" in stderr and "--repair" not in stderr
        assert os.listdir(home) == []
    finally:
        home.chmod(0o700)
        shutil.rmtree(home)


def test_a_full_disk_leaves_the_record_as_it_was(run, run_json, private_home, monkeypatch, tmp_path):
    run("watched", "add", "stalker")
    opened = record._open_for_writing

    def tiny(path):
        conn, db = opened(path)
        (pages,) = conn.execute("PRAGMA page_count").fetchone()
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn, db

    monkeypatch.setattr(record, "_open_for_writing", tiny)
    from ussr_films import catalogue
    from ussr_films.export import to_letterboxd

    export = tmp_path / "everything.csv"
    export.write_text(to_letterboxd(catalogue.all_films()), encoding="utf-8")
    result = run("import", "letterboxd", str(export))
    assert result.exit_code == 1 and "full" in result.stderr
    monkeypatch.setattr(record, "_open_for_writing", opened)
    assert [f["id"] for f in run_json("watched", "list")] == ["stalker-1979"]


def test_two_processes_writing_at_once_lose_nothing(private_home, tmp_path):
    """Each process marks 20 films, one transaction each, at the same time."""
    from ussr_films import catalogue

    ids = catalogue.film_ids()[:40]
    env = {**os.environ, "USSRFILMS_HOME": str(private_home), "PYTHONPATH": str(ROOT)}
    script = (
        "import sys\n"
        "from ussr_films import record\n"
        "for film_id in sys.argv[1:]:\n"
        "    with record.writing() as w:\n"
        "        w.mark_watched(film_id)\n"
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", script, *half], env=env, stderr=subprocess.PIPE)
        for half in (ids[:20], ids[20:])
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err.decode()
    assert record.watched_ids() == set(ids)
