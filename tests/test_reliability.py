"""Issue 19's reproducers, each a test: hostile imports, the six record states, odd input.

Imports: every cap refuses with exit 2 and writes nothing. The record: a
file that cannot be used is locked, busy, unreadable, permission-denied,
foreign or damaged, each with its own message and exit status, and only a
damaged one is sent to --repair. Timings are not asserted here (see
benchmarks/import_limits.py), except as hang guards far above the figures.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

import pytest
from privileges import NOBODY, as_another_user

from ussr_films import imports, matching, record
from ussr_films.errors import (
    EXIT_RECORD_BUSY,
    EXIT_RECORD_DAMAGED,
    EXIT_RECORD_FOREIGN,
    EXIT_RECORD_LOCKED,
    EXIT_RECORD_PERMISSION,
    EXIT_RECORD_UNREADABLE,
)

DIARY_HEADER = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
DIARY = DIARY_HEADER + "2023-02-01,Come and See,1985,https://boxd.it/b,5,,,2023-01-31\n"
WATCHED = "Date,Name,Year,Letterboxd URI\n2023-01-05,Stalker,1979,https://boxd.it/a\n"
IMDB = (
    "Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,"
    "Release Date,Directors\n"
    "tt0079944,10,2022-06-01,Stalker,https://www.imdb.com/title/tt0079944/,Movie,8.1,161,1979,Drama,1,"
    "1979-05-25,Andrei Tarkovsky\n"
)


def record_file(home: Path) -> Path:
    return home / "record.db"


def nothing_written(home: Path) -> bool:
    return not record_file(home).exists()


def a_zip(path: Path, members: dict[str, str], **options) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about a duplicate name; that is the point
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, **options) as archive:
            for name, text in members.items() if isinstance(members, dict) else members:
                archive.writestr(name, text)
    return path


# -- 1. imports in bounded memory ------------------------------------------


def test_a_zip_bomb_is_refused_from_its_table_of_contents(run, tmp_path, private_home):
    """A small ZIP that expands a hundredfold and more (the 149 KB zip of 50 MB) is never unpacked."""
    bomb = tmp_path / "letterboxd-export.zip"
    row = b"2023-01-01,Stalker,1979,https://boxd.it/a,4\n"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("ratings.csv", "w") as member:
            member.write(b"Date,Name,Year,Letterboxd URI,Rating\n")
            for _ in range(64):
                member.write(row * 12_000)  # 24 MB in all
    assert bomb.stat().st_size < 400_000
    result = run("import", "letterboxd", str(bomb))
    assert result.exit_code == 2
    assert "expands" in result.stderr and "ratings.csv" in result.stderr
    assert nothing_written(private_home)


def test_a_zip_over_the_unzipped_cap_is_refused(run, tmp_path, private_home, monkeypatch):
    """A ZIP whose members expand past the cap (the 3 MB zip of 1 GiB) is refused; the cap is lowered to test it."""
    monkeypatch.setattr(imports, "MAX_UNZIPPED_BYTES", 100_000)
    rows = "".join(f"2023-01-01,Film number {i},1979,https://boxd.it/{i},4\n" for i in range(4000))
    export = a_zip(tmp_path / "export.zip", {"ratings.csv": "Date,Name,Year,Letterboxd URI,Rating\n" + rows})
    result = run("import", "letterboxd", str(export))
    assert result.exit_code == 2 and "expands to over" in result.stderr
    assert nothing_written(private_home)


def test_a_file_over_the_size_cap_is_refused_unread(run, tmp_path, private_home):
    """A 200 MB CSV: refused by its size, before a byte is read (a sparse file costs no disk)."""
    huge = tmp_path / "ratings.csv"
    with open(huge, "wb") as handle:
        handle.write(b"Date,Name,Year,Letterboxd URI,Rating\n")
        handle.truncate(200 * 2**20)
    started = time.monotonic()
    result = run("import", "letterboxd", str(huge))
    assert result.exit_code == 2 and "at most 64 MB" in result.stderr
    assert time.monotonic() - started < 10  # a hang guard: it reads nothing
    assert nothing_written(private_home)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
@pytest.mark.parametrize("source", ["letterboxd", "imdb"])
def test_devices_are_refused(run, device, source, private_home):
    result = run("import", source, device)
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    assert nothing_written(private_home)


def test_a_fifo_is_refused_without_waiting_for_a_writer(run, tmp_path, private_home):
    fifo = tmp_path / "diary.csv"
    os.mkfifo(fifo)
    result = run("import", "letterboxd", str(fifo))
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    assert nothing_written(private_home)


def test_more_rows_than_the_cap_are_refused_and_nothing_is_written(run, tmp_path, private_home, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 10)
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("Date,Name,Year,Letterboxd URI,Rating\n" + "2023-01-01,Stalker,1979,x,4\n" * 11)
    result = run("import", "letterboxd", str(ratings))
    assert result.exit_code == 2 and "more rows than ussrfilms imports at once (10)" in result.stderr
    assert nothing_written(private_home)


@pytest.mark.parametrize(
    "line, message",
    [
        ('2023-01-01,"' + "x" * 20_000 + '",1979,x,4\n', "a cell is over 10,000 characters"),
        ("y" * 200_000 + "\n", "is over 100,000 characters"),
    ],
)
def test_overlong_cells_and_lines_are_refused(run, tmp_path, private_home, line, message):
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("Date,Name,Year,Letterboxd URI,Rating\n" + line)
    result = run("import", "letterboxd", str(ratings))
    assert result.exit_code == 2 and message in result.stderr
    assert nothing_written(private_home)


def test_many_bad_rows_report_five_and_a_count(tmp_path):
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("Date,Name,Year,Letterboxd URI,Rating\n" + "2023-01-01,Stalker,19x9,x,4\n" * 20_000)
    with pytest.raises(imports.BadImportFile) as refused:
        imports.read_letterboxd(ratings)
    assert "(and 19,995 more)" in str(refused.value)


def test_rows_naming_one_film_are_matched_once_and_hold_its_id(tmp_path, monkeypatch):
    """The matcher runs once per title, and a row keeps the film's id, never its 6.7 KB record."""
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("Date,Name,Year,Letterboxd URI,Rating\n" + "2023-01-01,Stalker,1979,x,4\n" * 500)
    calls = []
    real = matching.match_row
    monkeypatch.setattr(matching, "match_row", lambda *a, **k: calls.append(a) or real(*a, **k))
    matches = matching.match_rows(imports.read_letterboxd(ratings))
    assert len(calls) == 1
    assert {match.film_id for match in matches} == {"stalker-1979"}
    assert not hasattr(matches[0], "film")


# -- 4. imports keep what the user said, and know what they read ------------


def test_an_imdb_file_given_as_letterboxd_is_recognised_and_refused_with_the_right_command(run, tmp_path, private_home):
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(IMDB)
    result = run("import", "letterboxd", str(ratings))
    assert result.exit_code == 2
    assert 'IMDb\'s "Your Ratings" file' in result.stderr and f"ussrfilms import imdb {ratings}" in result.stderr
    assert nothing_written(private_home)
    assert run("import", "imdb", str(ratings)).exit_code == 0


def test_a_letterboxd_file_given_as_imdb_is_refused_with_the_right_command(run, tmp_path, private_home):
    diary = tmp_path / "diary.csv"
    diary.write_text(DIARY)
    result = run("import", "imdb", str(diary))
    assert result.exit_code == 2 and f"ussrfilms import letterboxd {diary}" in result.stderr
    zipped = a_zip(tmp_path / "export.zip", {"diary.csv": DIARY})
    result = run("import", "imdb", str(zipped))
    assert result.exit_code == 2 and "ussrfilms import letterboxd" in result.stderr
    assert nothing_written(private_home)


def test_an_import_never_replaces_a_date_you_set(run, run_json, tmp_path):
    assert run("watched", "add", "come", "and", "see", "--date", "2020-05-09").exit_code == 0
    diary = tmp_path / "diary.csv"
    diary.write_text(DIARY)  # watched 2023-01-31, later than yours
    assert run("import", "letterboxd", str(diary)).exit_code == 0
    [entry] = run_json("watched", "list")
    assert (entry["watched_on"], entry["rating"]) == ("2020-05-09", 5.0)  # the blank rating is filled


def test_an_import_still_moves_a_date_it_set_itself_later(run, run_json, tmp_path):
    first = tmp_path / "diary.csv"
    first.write_text(DIARY.replace("2023-01-31", "2021-01-01"))
    assert run("import", "letterboxd", str(first)).exit_code == 0
    first.write_text(DIARY)
    assert run("import", "letterboxd", str(first)).exit_code == 0
    assert run_json("watched", "list")[0]["watched_on"] == "2023-01-31"


def test_user_lists_inside_a_letterboxd_zip_are_ignored(run, run_json, tmp_path):
    """A list the user named "Watched" (lists/watched.csv) once had the whole ZIP refused."""
    a_list = (
        "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n2024-01-01,Watched,,https://boxd.it/l,\n\n"
        "Position,Name,Year,URL,Description\n1,Mirror,1975,https://boxd.it/m,\n"
    )
    export = a_zip(
        tmp_path / "export.zip",
        {
            "watched.csv": WATCHED,
            "lists/watched.csv": a_list,
            "lists/favourites.csv": a_list,
            "likes/films.csv": "Date,Name\n",
        },
    )
    result = run("import", "letterboxd", str(export), "--json")
    assert result.exit_code == 0, result.stderr
    assert [row["film_id"] for row in json.loads(result.stdout)["added"]] == ["stalker-1979"]
    alone = tmp_path / "favourites.csv"
    alone.write_text(a_list)
    result = run("import", "letterboxd", str(alone))
    assert result.exit_code == 2 and "is a Letterboxd list" in result.stderr


def _patched(path: Path, local_offset: int, central_offset: int, value: int, width: int = 2) -> None:
    """Set a field in every local header and central directory entry of a ZIP."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", local_offset), (b"PK\x01\x02", central_offset)):
        at = data.find(signature)
        while at != -1:
            old = int.from_bytes(data[at + offset : at + offset + width], "little")
            new = old | value if value < 0x10 else value
            data[at + offset : at + offset + width] = new.to_bytes(width, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "kind, patch, message",
    [
        ("password", (6, 8, 0x1), "is password-protected"),
        ("AES", (8, 10, 99), "uses AES encryption"),
        ("unknown method", (8, 10, 97), "uses compression method 97"),
    ],
)
def test_encrypted_and_unsupported_zips_get_a_clear_refusal(run, tmp_path, private_home, kind, patch, message):
    export = a_zip(tmp_path / "export.zip", {"diary.csv": DIARY})
    _patched(export, *patch)
    result = run("import", "letterboxd", str(export))
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert nothing_written(private_home)


def test_two_members_of_one_name_are_refused_not_read_twice(run, tmp_path, private_home):
    export = a_zip(
        tmp_path / "export.zip", [("diary.csv", DIARY), ("diary.csv", DIARY.replace("Come and See", "Mirror"))]
    )
    result = run("import", "letterboxd", str(export))
    assert result.exit_code == 2 and "two members named diary.csv" in result.stderr
    assert nothing_written(private_home)


def test_a_truncated_zip_is_reported_as_cut_short_not_as_text(run, tmp_path, private_home):
    export = a_zip(tmp_path / "export.zip", {"diary.csv": DIARY * 50, "watched.csv": WATCHED})
    export.write_bytes(export.read_bytes()[:-60])  # the table of contents is gone
    result = run("import", "letterboxd", str(export))
    assert result.exit_code == 2 and "cut short" in result.stderr and "UTF-8" not in result.stderr
    middle = a_zip(
        tmp_path / "middle.zip",
        {"diary.csv": DIARY + "".join(f"2023-01-01,Film {i},1999,x,4,,,\n" for i in range(3000))},
    )
    data = bytearray(middle.read_bytes())
    data[200:260] = bytes(60)  # the member's data, not its headers
    middle.write_bytes(bytes(data))
    result = run("import", "letterboxd", str(middle))
    assert result.exit_code == 2 and ("cut short or damaged" in result.stderr or "not UTF-8" in result.stderr)
    assert nothing_written(private_home)


@pytest.mark.parametrize("stored", ["five stars", "4.7", "-3", "NaN", b"\x00\xff"])
def test_a_hand_edited_rating_never_crashes_a_command(run, run_json, private_home, stored):
    assert run("rate", "stalker", "4.5").exit_code == 0
    assert run("rate", "mirror", "5").exit_code == 0
    with sqlite3.connect(record_file(private_home)) as conn:
        conn.execute(
            "UPDATE watched SET rating = ?, watched_on = 'last tuesday' WHERE film_id = 'stalker-1979'", [stored]
        )
    listed = {film["id"]: film for film in run_json("watched", "list")}
    assert listed["stalker-1979"]["rating"] is None and listed["stalker-1979"]["watched_on"] is None
    assert run("watched", "list").exit_code == 0
    export = run("export", "--format", "letterboxd", "--watched")
    assert export.exit_code == 0 and "Stalker" in export.stdout
    assert run("recommend", "--for-me").exit_code == 0
    assert run("export", "--format", "csv", "--watched").exit_code == 0


# -- 2. six record states ----------------------------------------------------


@pytest.fixture
def a_record(run, private_home, monkeypatch):
    assert run("rate", "stalker", "4.5").exit_code == 0
    monkeypatch.setattr(record, "BUSY_TIMEOUT_MS", 300)
    return record_file(private_home)


def hold(path: Path, *statements: str) -> subprocess.Popen:
    """Another process that runs statements on the record and keeps its connection open."""
    script = (
        "import sqlite3, sys, time\n"
        f"conn = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
        f"for statement in {list(statements)!r}:\n"
        "    conn.execute(statement).fetchall()\n"
        "print('holding', flush=True)\n"
        "time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert holder.stdout.readline().strip() == b"holding"
    return holder


def released(holder: subprocess.Popen) -> None:
    holder.kill()
    holder.wait()
    holder.stdout.close()


def moved_aside(home: Path) -> list[Path]:
    return [p for p in home.iterdir() if ".damaged-" in p.name]


def test_locked_a_record_another_program_holds_exclusively(run, a_record, private_home):
    holder = hold(a_record, "PRAGMA locking_mode = EXCLUSIVE", "BEGIN EXCLUSIVE", "SELECT count(*) FROM watched")
    try:
        listed = run("watched", "list")
        assert listed.exit_code == EXIT_RECORD_LOCKED
        assert "locked by another program" in listed.stderr and "--repair" not in listed.stderr
        search = run("search", "stalker")
        assert search.exit_code == 0 and "Warning" in search.stderr and "--repair" not in search.stderr
        repair = run("record", "--repair")
        assert repair.exit_code == EXIT_RECORD_LOCKED and f"process {holder.pid}" in repair.stderr
        assert a_record.exists() and not moved_aside(private_home)
    finally:
        released(holder)
    assert [film["id"] for film in json.loads(run("watched", "list", "--json").stdout)] == ["stalker-1979"]


def test_busy_another_program_keeps_writing(run, a_record, private_home):
    holder = hold(a_record, "BEGIN IMMEDIATE", "UPDATE watched SET updated_at = updated_at")
    try:
        added = run("watched", "add", "mirror")
        assert added.exit_code == EXIT_RECORD_BUSY and "busy" in added.stderr and "--repair" not in added.stderr
        assert run("watched", "list").exit_code == 0  # reads go on meanwhile (WAL)
        repair = run("record", "--repair")
        assert repair.exit_code == EXIT_RECORD_LOCKED and not moved_aside(private_home)
    finally:
        released(holder)
    assert run("watched", "add", "mirror").exit_code == 0


@pytest.mark.parametrize("kind", ["fifo", "directory", "symlink loop"])
def test_unreadable_a_record_that_is_not_a_file(run, private_home, kind):
    private_home.mkdir()
    path = record_file(private_home)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    else:
        path.symlink_to(path)
    for args in (["watched", "add", "stalker"], ["watched", "list"], ["record", "--repair"], ["record"]):
        result = run(*args)  # a FIFO once made these wait for ever
        assert result.exit_code == EXIT_RECORD_UNREADABLE, (args, result.stderr)
        assert "Cannot read your viewing record" in result.stderr and "--repair" not in result.stderr
    search = run("search", "stalker")
    assert search.exit_code == 0 and "Warning" in search.stderr
    assert not moved_aside(private_home)


def _as_nobody(home: Path, *commands: list[str]):
    """Each command's (exit status, stdout, stderr), run as a user who is not root when we are root."""
    from typer.testing import CliRunner

    from ussr_films.cli import app

    def each():
        runner = CliRunner()
        out = []
        for args in commands:
            result = runner.invoke(app, args, catch_exceptions=False)
            out.append((result.exit_code, result.stdout, result.stderr))
        return out

    if os.geteuid() != 0:
        return each()
    return as_another_user(each, NOBODY)


@pytest.fixture
def warm(run, monkeypatch, tmp_path):
    """Load every module the commands use before a test forks a child as nobody, who cannot read them."""
    monkeypatch.setenv("USSRFILMS_HOME", str(tmp_path / "warm"))
    for args in (
        ["rate", "stalker", "4"],
        ["watched", "list"],
        ["search", "stalker"],
        ["record", "--repair"],
        ["recommend", "--for-me"],
    ):
        run(*args)
    record.holders_of(tmp_path / "warm" / "record.db")


def shared_home() -> Path:
    home = Path(tempfile.mkdtemp(prefix="ussrfilms-home-"))
    home.chmod(0o755)
    return home


def test_permission_denied_a_home_at_mode_000_still_searches(warm, monkeypatch):
    home = shared_home()
    (home / "record").mkdir()
    monkeypatch.setenv("USSRFILMS_HOME", str(home / "record"))
    (home / "record").chmod(0)
    try:
        (search, listed, added) = _as_nobody(
            home, ["search", "stalker"], ["watched", "list"], ["watched", "add", "stalker"]
        )
        assert search[0] == 0 and "Stalker" in search[1] and "could not write the output" not in search[2]
        assert listed[0] == EXIT_RECORD_PERMISSION and "Permission denied" in listed[2] and "--repair" not in listed[2]
        assert added[0] == EXIT_RECORD_PERMISSION
    finally:
        (home / "record").chmod(0o700)
        shutil.rmtree(home)


def test_a_read_only_home_reads_and_refuses_writes(warm, monkeypatch):
    """The README: reads work in a read-only home, only changes are refused (permission denied, not damage)."""
    home = shared_home()
    monkeypatch.setenv("USSRFILMS_HOME", str(home))
    from typer.testing import CliRunner

    from ussr_films.cli import app

    assert CliRunner().invoke(app, ["rate", "stalker", "4.5"]).exit_code == 0
    home.chmod(0o555)
    record_file(home).chmod(0o644)
    try:
        listed, added, repaired = _as_nobody(
            home, ["watched", "list", "--json"], ["watched", "add", "mirror"], ["record", "--repair"]
        )
        assert listed[0] == 0, listed[2]
        assert [film["id"] for film in json.loads(listed[1])] == ["stalker-1979"]
        assert added[0] == EXIT_RECORD_PERMISSION and "--repair" not in added[2]
        assert repaired[0] == 0 and "fine" in repaired[1]
        assert sorted(p.name for p in home.iterdir()) == ["record.db"]
    finally:
        home.chmod(0o700)
        shutil.rmtree(home)


def test_root_owned_wal_and_shm_are_permission_denied_not_damage(warm, monkeypatch):
    if os.geteuid() != 0:
        pytest.skip("needs root to give the -wal and -shm files to another user")
    home = shared_home()
    monkeypatch.setenv("USSRFILMS_HOME", str(home))
    from typer.testing import CliRunner

    from ussr_films.cli import app

    assert CliRunner().invoke(app, ["rate", "stalker", "4.5"]).exit_code == 0
    os.chown(home, NOBODY, NOBODY)
    os.chown(record_file(home), NOBODY, NOBODY)
    for suffix in ("-wal", "-shm"):
        Path(f"{record_file(home)}{suffix}").write_bytes(b"")  # root's, 644
    try:
        added, repaired = _as_nobody(home, ["watched", "add", "mirror"], ["record", "--repair"])
        assert added[0] == EXIT_RECORD_PERMISSION and "record.db-wal is not writable" in added[2]
        assert "--repair" not in added[2]
        assert repaired[0] == 0 and "nothing was moved" in repaired[1] and not moved_aside(home)
    finally:
        shutil.rmtree(home)


def another_apps_file(path: Path, *, watched_table: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    if watched_table:
        conn.execute("CREATE TABLE watched (film_id TEXT, watched_on TEXT, rating REAL)")
        conn.execute("INSERT INTO watched VALUES ('stalker-1979', '2001-01-01', 3)")
    conn.execute("INSERT INTO notes (text) VALUES ('mine')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("watched_table", [False, True])
def test_foreign_another_programs_database_is_never_changed(run, private_home, watched_table):
    path = record_file(private_home)
    another_apps_file(path, watched_table=watched_table)
    before = path.read_bytes()
    for args in (
        ["watched", "add", "stalker"],
        ["rate", "mirror", "4"],
        ["watched", "list"],
        ["record", "--repair"],
        ["import", "letterboxd", "--", str(Path(__file__).with_name("data") / "mainstream_ratings.csv")],
    ):
        result = run(*args)
        assert result.exit_code == EXIT_RECORD_FOREIGN, (args, result.stderr)
        assert str(path) in result.stderr and "not an ussrfilms viewing record" in result.stderr
        assert "--repair" not in result.stderr and "has not been touched" not in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in private_home.iterdir()) == ["record.db"]  # no -wal, no -shm, nothing moved
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    search = run("search", "stalker")
    assert search.exit_code == 0 and "Warning" in search.stderr


def test_foreign_an_application_id_of_another_program(run, private_home):
    path = record_file(private_home)
    private_home.mkdir()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA application_id = 1234")
    result = run("watched", "add", "stalker")
    assert result.exit_code == EXIT_RECORD_FOREIGN and "application id is 0x4d2" in result.stderr


def test_our_record_carries_our_application_id(run, private_home):
    assert run("rate", "stalker", "4").exit_code == 0
    with sqlite3.connect(record_file(private_home)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == record.APPLICATION_ID


def test_damaged_a_flipped_byte_that_quick_check_misses_is_caught_and_repaired(run, run_json, private_home):
    from ussr_films import catalogue

    ids = catalogue.film_ids()[:50]
    with record.writing() as writer:
        for film_id in ids:
            writer.mark_watched(film_id, rating=4.0)
    path = record_file(private_home)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_watched_1'"
        ).fetchone()
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    data = bytearray(path.read_bytes())
    at = data.find(ids[10].encode(), (root - 1) * page_size, root * page_size) + len(ids[10]) - 1
    data[at] ^= 0x01  # one byte of the index, which quick_check does not compare with the table
    path.write_bytes(bytes(data))
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    added = run("rate", ids[10], "2")
    assert added.exit_code == EXIT_RECORD_DAMAGED and "--repair" in added.stderr
    repair = run("record", "--repair")
    assert repair.exit_code == 0 and "Moved the damaged record" in repair.stdout
    assert len(moved_aside(private_home)) == 1
    assert run("rate", ids[10], "2").exit_code == 0


def test_repair_leaves_a_healthy_record_alone(run, a_record, private_home):
    result = run("record", "--repair")
    assert result.exit_code == 0 and "is fine" in result.stdout
    assert not moved_aside(private_home)


def test_each_state_has_its_own_exit_status():
    codes = [
        EXIT_RECORD_LOCKED,
        EXIT_RECORD_BUSY,
        EXIT_RECORD_UNREADABLE,
        EXIT_RECORD_PERMISSION,
        EXIT_RECORD_FOREIGN,
        EXIT_RECORD_DAMAGED,
    ]
    assert len(set(codes)) == 6 and not set(codes) & {0, 1, 2, 130}


# -- 5. queries in linear time ------------------------------------------------

MEGABYTE = "x" * 1_000_000
WORDS = ["stalkerstalker"] * 66_000  # a megabyte in words


@pytest.mark.parametrize(
    "command",
    [
        ["search"],
        ["show"],
        ["person"],
        ["rate"],
        ["watched", "add"],
        ["watched", "rm"],
        ["watchlist", "add"],
        ["watchlist", "rm"],
        ["recommend", "--like"],
        ["random", "--like"],
        ["export", "--like"],
        ["search", "stalker", "--studio"],
        ["search", "stalker", "--canon"],
        ["search", "stalker", "--republic"],
        ["recommend", "--mood"],
        ["recommend", "--theme"],
        ["by-era"],
        ["path"],
    ],
)
@pytest.mark.parametrize("shape", ["one argument", "many words"])
def test_a_megabyte_argument_is_refused_at_once_with_a_short_message(run, private_home, command, shape):
    words = [MEGABYTE] if shape == "one argument" or command[-1].startswith("--") else WORDS
    if command[-1].startswith("--") and shape == "many words":
        words = [" ".join(WORDS)]
    args = [*command, *words] + (["4"] if command == ["rate"] else [])
    started = time.monotonic()
    result = run(*args)
    elapsed = time.monotonic() - started
    assert result.exit_code == 2, result.stderr[:300]
    assert len(result.stderr) < 1500 and "characters" in result.stderr
    assert elapsed < 10  # a hang guard only: the quadratic path took 286 s (figures: benchmarks/import_limits.py)
    assert nothing_written(private_home)


# -- 7. smaller items ---------------------------------------------------------


def test_json_never_carries_a_raw_undecodable_byte(tmp_path, private_home):
    """A file name with byte 0xFF ends up in the import report; --json escapes it, the output stays UTF-8."""
    import ussr_films

    name = os.fsencode(tmp_path) + b"/diary\xff.csv"
    with open(name, "wb") as handle:
        handle.write(DIARY.encode())
    env = {
        **os.environ,
        "USSRFILMS_HOME": str(private_home),
        "LC_ALL": "C.UTF-8",
        "PYTHONPATH": str(Path(ussr_films.__file__).resolve().parent.parent),
    }
    result = subprocess.run(
        [sys.executable.encode(), b"-m", b"ussr_films", b"import", b"letterboxd", name, b"--dry-run", b"--json"],
        capture_output=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert b"\xff" not in result.stdout
    report = json.loads(result.stdout.decode("utf-8"))
    assert report["added"][0]["where"] == "diary\ufffd.csv line 2"
