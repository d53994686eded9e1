"""Your viewing record: films watched (with dates and ratings) and a watchlist.

It lives in its own SQLite file, `record.db`, in the platform's user data
directory or in $USSRFILMS_HOME. The bundled catalogue is never written.

Reads (every search ticks watched films) use the stdlib sqlite3 and never
create a file. Writes go through sqlite-utils, whose numbered migrations are
recorded in the file, so a record made by an older version opens in a newer
one. Every write is one `BEGIN IMMEDIATE` transaction in WAL mode with a busy
timeout: two ussrfilms processes writing at once queue rather than fail, and
an error leaves the record as it was.

A file that is not our record is never written: before any write the file
must carry our application id or our migrations (or be empty). A record
that cannot be used is one of six states, each its own error and exit status
(see errors.py): locked, busy, unreadable, permission denied, foreign, and
damaged; only a damaged one is for `ussrfilms record --repair`, which moves it
aside, and never while another process has it open or locked.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import (
    HOME_ENV,
    RecordBusy,
    RecordDamaged,
    RecordError,
    RecordForeign,
    RecordLocked,
    RecordPermissionDenied,
    RecordTooNew,
    RecordUnreadable,
)

if TYPE_CHECKING:
    from .models import Film

__all__ = [
    "RecordBusy",
    "RecordDamaged",
    "RecordError",
    "RecordForeign",
    "RecordLocked",
    "RecordPermissionDenied",
    "RecordTooNew",
    "RecordUnreadable",
]


class RecordEntry(NamedTuple):
    """A film in the viewing record: watched (with date and rating) or wanted."""

    film: Film
    watched_on: str | None = None
    rating: float | None = None
    added_on: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = self.film.to_dict()
        if self.added_on is not None:
            data["added_on"] = self.added_on
        else:
            data["watched_on"] = self.watched_on
            data["rating"] = self.rating
        return data


FILE_NAME = "record.db"
MIGRATION_SET = "ussrfilms-record"
BUSY_TIMEOUT_MS = 15_000
# "ussf", in the header's application id field (PRAGMA application_id): how a
# record says it is ours before any table is read.
APPLICATION_ID = 0x75737366
_SQLITE_HEADER = b"SQLite format 3\x00"
# Any of these in an error from SQLite or the OS means "not allowed", not "damaged".
_DENIED = ("readonly", "read-only", "permission", "access")


def home() -> Path:
    override = os.environ.get(HOME_ENV)
    if override:
        try:
            return Path(override).expanduser()
        except RuntimeError:  # "~nosuchuser/x": no such user, so no home to expand
            raise RecordUnreadable(override, f"{HOME_ENV} names the home of a user this system does not know") from None
    from platformdirs import user_data_path

    return user_data_path("ussrfilms", appauthor=False)


def record_path() -> Path:
    return home() / FILE_NAME


def _companions(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal")]


# -- what is there ---------------------------------------------------------


def _stat(path: Path) -> os.stat_result | None:
    """The record's stat, None when there is none (or it is empty); unusable files raise their state."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return None  # no record yet
    except NotADirectoryError:
        raise RecordUnreadable(path, f"{_first_file(path.parent)} is not a directory") from None
    except PermissionError as exc:
        raise RecordPermissionDenied(path, f"cannot look inside {path.parent}: {exc.strerror}") from None
    except OSError as exc:
        raise RecordUnreadable(path, _os_detail(exc)) from None
    if not stat.S_ISREG(found.st_mode):
        raise RecordUnreadable(path, f"it is {_kind(found.st_mode)}, not a file")
    return found if found.st_size else None


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _os_detail(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link loops back on itself"
    return exc.strerror or str(exc)


def _check_header(path: Path) -> None:
    try:
        # O_NONBLOCK: had the file become a FIFO since _stat, open() would wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            head = os.read(fd, len(_SQLITE_HEADER))
        finally:
            os.close(fd)
    except PermissionError as exc:
        raise RecordPermissionDenied(path, exc.strerror) from None
    except OSError as exc:
        raise RecordUnreadable(path, _os_detail(exc)) from None
    if head and head != _SQLITE_HEADER:
        raise RecordDamaged(path, "it does not start like a SQLite database")


def _access_problem(path: Path, writing: bool) -> str | None:
    """Which of the record's files (or its directory) this user may not use, or None."""
    want = os.R_OK | (os.W_OK if writing else 0)
    for each in (path, *_companions(path)):
        if each.exists() and not os.access(each, want):
            return f"{each.name} is not {'writable' if writing else 'readable'} by you"
    if writing and not os.access(path.parent, os.W_OK | os.X_OK):
        return f"the directory {path.parent} is not writable by you"
    return None


def _ownership(path: Path, conn: sqlite3.Connection) -> None:
    """Raise RecordForeign unless the file is ours or an empty database (ours to fill)."""
    (app_id,) = conn.execute("PRAGMA application_id").fetchone()
    if app_id == APPLICATION_ID:
        return
    if app_id:
        raise RecordForeign(path, f"its application id is {app_id:#x}, not ussrfilms'")
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if not tables and not version:
        return
    if (
        "_sqlite_migrations" in tables
        and conn.execute("SELECT 1 FROM _sqlite_migrations WHERE migration_set = ? LIMIT 1", [MIGRATION_SET]).fetchone()
    ):
        return  # a record made before the application id was set
    shown = ", ".join(sorted(tables)[:5]) or "no tables"
    raise RecordForeign(path, f"it holds {shown} and none of ussrfilms' migrations")


def _classify(path: Path, exc: sqlite3.DatabaseError, *, writing: bool) -> RecordError:
    """The state an error from SQLite stands for; damage only when nothing else explains it."""
    text = str(exc)
    lowered = text.lower()
    if "full" in lowered:
        return RecordError(f"The disk holding your viewing record {path} is full; nothing was changed.")
    if "locked" in lowered or "busy" in lowered:
        if writing and _readable_now(path):
            return RecordBusy(path, BUSY_TIMEOUT_MS / 1000)
        return RecordLocked(path, "it cannot even be read: another program holds an exclusive lock")
    problem = _access_problem(path, writing)
    if problem or any(word in lowered for word in _DENIED):
        return RecordPermissionDenied(path, problem or text)
    if "unable to open" in lowered:
        return RecordUnreadable(path, text)
    if "disk i/o" in lowered:
        return RecordUnreadable(path, "the system reported an I/O error")
    return RecordDamaged(path, text)


def _readable_now(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{_uri_path(path)}?mode=ro", uri=True, timeout=0)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
        return True
    except sqlite3.DatabaseError:
        return False


# -- reading ---------------------------------------------------------------


class Watched(NamedTuple):
    film_id: str
    watched_on: str | None
    rating: float | None
    dated_by_you: bool = False  # the date was typed with `watched add --date`: imports never replace it


class Wanted(NamedTuple):
    film_id: str
    added_on: str | None


@contextmanager
def _reading() -> Iterator[sqlite3.Connection | None]:
    """A read-only connection to the record, or None when there is no record yet."""
    path = record_path()
    if _stat(path) is None:
        yield None
        return
    _check_header(path)
    conn = _connect_for_reading(path)
    try:
        _ownership(path, conn)
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'watched'").fetchall():
            yield None
        else:
            yield conn
    except sqlite3.DatabaseError as exc:
        raise _classify(path, exc, writing=False) from exc
    finally:
        conn.close()


def _connect_for_reading(path: Path) -> sqlite3.Connection:
    # mode=rw lets SQLite make the WAL index it needs to read; query_only
    # keeps this connection from changing anything. A read-only home or
    # record falls back to mode=ro, and, when there is no WAL to replay, to
    # immutable=1, which needs no -shm file: reads work wherever the user
    # can read the file.
    modes = ["rw", "ro"]
    wal = Path(f"{path}-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        modes.append("ro&immutable=1")
    error: sqlite3.DatabaseError | None = None
    for mode in modes:
        try:
            conn = sqlite3.connect(f"file:{_uri_path(path)}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.DatabaseError as exc:
            error = exc
            continue
        try:
            conn.execute("PRAGMA query_only = 1")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.DatabaseError as exc:
            conn.close()
            error = exc
            if "locked" in str(exc) or "busy" in str(exc) or "malformed" in str(exc) or "not a database" in str(exc):
                break  # another mode would meet the same
    raise _classify(path, error, writing=False)


def _uri_path(path: Path) -> str:
    from urllib.parse import quote

    # As bytes: a home named in bytes that are not UTF-8 is still a path.
    return quote(os.fsencode(path.absolute()))


def _rating(value) -> float | None:
    """A rating read back from the file, or None when a hand edit left something else there."""
    from .values import BadValue, parse_rating

    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        return parse_rating(f"{value:g}" if isinstance(value, (int, float)) else value)
    except (BadValue, ValueError):
        return None


def _date(value) -> str | None:
    import re

    return value if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII) else None


def watched() -> list[Watched]:
    """Every watched film, most recently watched first, undated last, then by id.

    Values are checked as they are read: a hand-edited rating or date that is
    not one reads as missing rather than stopping a command.
    """
    with _reading() as conn:
        if conn is None:
            return []
        columns = {row[1] for row in conn.execute("PRAGMA table_info(watched)")}
        dated_by = "dated_by" if "dated_by" in columns else "NULL"
        rows = conn.execute(
            f"SELECT film_id, watched_on, rating, {dated_by} FROM watched "
            "ORDER BY watched_on IS NULL, watched_on DESC, film_id"
        ).fetchall()
    return [
        Watched(film_id, _date(on), _rating(rating), by == "you")
        for film_id, on, rating, by in rows
        if isinstance(film_id, str)
    ]


def watched_ids() -> frozenset[str]:
    return frozenset(entry.film_id for entry in watched())


def watchlist() -> list[Wanted]:
    with _reading() as conn:
        if conn is None:
            return []
        rows = conn.execute("SELECT film_id, added_on FROM watchlist ORDER BY added_on, film_id").fetchall()
    return [Wanted(film_id, _date(on)) for film_id, on in rows if isinstance(film_id, str)]


# -- writing ---------------------------------------------------------------


def _create_watched_and_watchlist(db) -> None:
    db["watched"].create(
        {"film_id": str, "watched_on": str, "rating": float, "source": str, "updated_at": str},
        pk="film_id",
        not_null={"source", "updated_at"},
    )
    db["watchlist"].create({"film_id": str, "added_on": str, "source": str}, pk="film_id", not_null={"source"})


def _create_import_log(db) -> None:
    # What was imported and when, so `ussrfilms record` can show it.
    db["imports"].create(
        {"id": int, "source": str, "file": str, "at": str, "added": int, "present": int, "unmatched": int},
        pk="id",
    )


def _mark_dates_you_gave(db) -> None:
    # "you" when the date was typed (watched add --date): an import then never
    # replaces it. Before this column, a row the command line made could only
    # get a date from --date, so those dates are taken as yours.
    db["watched"].add_column("dated_by", str)
    db.execute("UPDATE watched SET dated_by = 'you' WHERE source = 'cli' AND watched_on IS NOT NULL")


# Numbered, in order; append only. The names are recorded in the file.
MIGRATIONS = (
    ("0001_watched_and_watchlist", _create_watched_and_watchlist),
    ("0002_import_log", _create_import_log),
    ("0003_dates_you_gave", _mark_dates_you_gave),
)
KNOWN_MIGRATIONS = tuple(name for name, _ in MIGRATIONS)


def _migrations():
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, step in MIGRATIONS:
        migrations(name=name)(step)
    return migrations


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())


def merged(before: Watched | None, on: str | None, rating: float | None, overwrite: bool) -> tuple | None:
    """The (watched_on, rating) a viewing leaves, or None when it changes nothing.

    overwrite=False (imports) only fills blanks or moves a file's date later: a
    date the user typed, or a rating the user gave, is never replaced by a file's.
    """
    if before is None:
        return on, rating
    new_on, new_rating = before.watched_on, before.rating
    later = before.watched_on is None or (not before.dated_by_you and on is not None and on > before.watched_on)
    if on is not None and (overwrite or later):
        new_on = on
    if rating is not None and (overwrite or before.rating is None):
        new_rating = rating
    return None if (new_on, new_rating) == (before.watched_on, before.rating) else (new_on, new_rating)


class Writer:
    """Changes to the record, all inside one transaction (see `writing`)."""

    def __init__(self, db):
        self.db = db

    def current(self, film_id: str) -> Watched | None:
        row = self.db.execute(
            "SELECT film_id, watched_on, rating, dated_by FROM watched WHERE film_id = ?", [film_id]
        ).fetchone()
        if not row:
            return None
        film_id, on, rating, by = row
        return Watched(film_id, _date(on), _rating(rating), by == "you")

    def mark_watched(
        self,
        film_id: str,
        *,
        on: str | None = None,
        rating: float | None = None,
        source: str = "cli",
        overwrite: bool = True,
    ) -> bool:
        """Record a viewing (see `merged`); True if anything changed.

        overwrite=True is the user speaking: a date given so is marked as theirs.
        """
        before = self.current(film_id)
        after = merged(before, on, rating, overwrite)
        yours = "you" if overwrite and on is not None else None
        if after is None:
            if yours and before is not None and not before.dated_by_you:
                self.db.execute("UPDATE watched SET dated_by = 'you' WHERE film_id = ?", [film_id])
            return False
        if before is None:
            self.db["watched"].insert(
                {
                    "film_id": film_id,
                    "watched_on": on,
                    "rating": rating,
                    "source": source,
                    "updated_at": _now(),
                    "dated_by": yours,
                }
            )
        else:
            change = {"watched_on": after[0], "rating": after[1], "updated_at": _now()}
            if yours:
                change["dated_by"] = yours
            self.db["watched"].update(film_id, change)
        return True

    def unmark_watched(self, film_id: str) -> bool:
        return self.db.execute("DELETE FROM watched WHERE film_id = ?", [film_id]).rowcount > 0

    def want(self, film_id: str, *, on: str | None = None, source: str = "cli") -> bool:
        return (
            self.db.execute(
                "INSERT OR IGNORE INTO watchlist (film_id, added_on, source) VALUES (?, ?, ?)",
                [film_id, on or time.strftime("%Y-%m-%d"), source],
            ).rowcount
            > 0
        )

    def unwant(self, film_id: str) -> bool:
        return self.db.execute("DELETE FROM watchlist WHERE film_id = ?", [film_id]).rowcount > 0

    def log_import(self, source: str, file: str, added: int, present: int, unmatched: int) -> None:
        self.db["imports"].insert(
            {"source": source, "file": file, "at": _now(), "added": added, "present": present, "unmatched": unmatched}
        )


def _damage(conn: sqlite3.Connection, check: str = "quick_check") -> str | None:
    """What SQLite's check finds wrong with the file, or None."""
    (found,) = conn.execute(f"PRAGMA {check}").fetchone()
    return None if found == "ok" else found


def _make_home(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except PermissionError as exc:
        raise RecordPermissionDenied(path, f"cannot create {path.parent}: {exc.strerror}") from None
    except (FileExistsError, NotADirectoryError):
        raise RecordUnreadable(path, f"{_first_file(path.parent)} is a file, not a directory") from None
    except OSError as exc:
        raise RecordUnreadable(path, _os_detail(exc)) from None


def _first_file(directory: Path) -> Path:
    for parent in (*reversed(directory.parents), directory):
        if parent.exists() and not parent.is_dir():
            return parent
    return directory


def _open_for_writing(path: Path):
    """A connection to write our record, after every check that needs no write.

    The order matters: nothing that writes (the switch to WAL, a migration,
    the application id) happens before the file is known to be ours and whole.
    """
    from sqlite_utils import Database

    _make_home(path)
    if _stat(path) is not None:
        _check_header(path)
    problem = _access_problem(path, writing=True)
    if problem:
        raise RecordPermissionDenied(path, problem)
    try:
        conn = sqlite3.connect(
            f"file:{_uri_path(path)}?mode=rwc", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            _ownership(path, conn)
            # integrity_check, not quick_check: a record holds at most one row
            # per catalogue film, so the full check costs a millisecond, and it
            # finds a damaged index that quick_check passes and a write would
            # then make worse (a second row for one film).
            problem = _damage(conn, "integrity_check")
            if problem:
                raise RecordDamaged(path, problem)
            _use_wal(conn)
        except BaseException:
            conn.close()
            raise
    except sqlite3.DatabaseError as exc:
        raise _classify(path, exc, writing=True) from exc
    return conn, Database(conn)


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch a new record to WAL, waiting out another process doing the same.

    Changing the journal mode needs an exclusive lock, and SQLite reports
    "database is locked" at once rather than calling the busy handler when
    two processes create the record together; so wait here, up to the busy
    timeout. A record already in WAL needs no change.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@contextmanager
def _immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE: take the write lock first, so a second writer waits (busy timeout) instead of failing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        # SQLite may already have rolled back (a full disk does).
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _apply_migrations(path: Path, conn: sqlite3.Connection, db) -> None:
    migrations = _migrations()
    unknown = [m.name for m in migrations.applied(db) if m.name not in KNOWN_MIGRATIONS]
    if unknown:
        raise RecordTooNew(path, unknown)
    pending = migrations.pending(db)
    (app_id,) = conn.execute("PRAGMA application_id").fetchone()
    if pending or app_id != APPLICATION_ID:
        # Under the write lock apply() looks again, in case another process
        # migrated meanwhile; inside our transaction it uses savepoints.
        with _immediate(conn):
            migrations.apply(db)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@contextmanager
def writing() -> Iterator[Writer]:
    """One transaction on the record: all of it lands, or none of it."""
    path = record_path()
    conn, db = _open_for_writing(path)
    try:
        _apply_migrations(path, conn, db)
        with _immediate(conn):
            yield Writer(db)
    except sqlite3.DatabaseError as exc:
        raise _classify(path, exc, writing=True) from exc
    finally:
        conn.close()


# -- the record as a whole -------------------------------------------------


class Summary(NamedTuple):
    path: Path
    exists: bool
    watched: int
    rated: int
    watchlist: int
    migrations: list[str]
    imports: list[tuple[str, str, str, int, int, int]]


def summary() -> Summary:
    path = record_path()
    with _reading() as conn:
        if conn is None:
            return Summary(path, _stat(path) is not None, 0, 0, 0, [], [])
        watched_count, rated = conn.execute("SELECT count(*), count(rating) FROM watched").fetchone()
        (wanted,) = conn.execute("SELECT count(*) FROM watchlist").fetchone()
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id", [MIGRATION_SET]
            )
        ]
        imports = []
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'imports'").fetchall():
            imports = conn.execute(
                "SELECT source, file, at, added, present, unmatched FROM imports ORDER BY id DESC LIMIT 5"
            ).fetchall()
    return Summary(path, True, watched_count, rated, wanted, names, imports)


def repair() -> Path | None:
    """Move a damaged record aside (never delete it); the path it went to, or None if it was fine.

    Only damage is repaired: a record another process has open or locked, one
    this user may not read, and another program's file each raise their own
    state and stay where they are.
    """
    path = record_path()
    if _stat(path) is None:
        return None
    holders = holders_of(path)
    if holders:
        raise RecordLocked(path, f"open in {', '.join(holders)}; --repair moves nothing another program is using")
    problem = diagnose(path)
    if problem is None:
        return None
    stamp = time.strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        companion = Path(str(path) + suffix)
        if companion.exists():
            companion.rename(Path(str(aside) + suffix))
    return aside


def diagnose(path: Path) -> str | None:
    """What is wrong with the file, when it is damaged; None when it reads whole.

    Stricter than the check before each write: a full integrity_check and a
    read of every row, so that damage a quick_check misses, and which a
    command then meets, is not answered with "fine".
    """
    try:
        _check_header(path)
    except RecordDamaged as exc:
        return exc.detail
    try:
        conn = _connect_for_reading(path)
    except RecordDamaged as exc:
        return exc.detail
    try:
        _ownership(path, conn)
        problem = _damage(conn, "integrity_check")
        if problem:
            return problem
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in ("watched", "watchlist", "imports", "_sqlite_migrations"):
            if table in tables:
                conn.execute(f"SELECT * FROM [{table}]").fetchall()
        return None
    except sqlite3.DatabaseError as exc:
        state = _classify(path, exc, writing=False)
        if isinstance(state, RecordDamaged):
            return str(exc)
        raise state from exc
    finally:
        conn.close()


def holders_of(path: Path) -> list[str]:
    """Other processes that have the record (or its -wal or -shm) open or locked, as "process 123 (name)"."""
    files = [each for each in (path, *_companions(path)) if each.exists()]
    found: dict[int, str] = {}
    for each in files:
        pid = _lock_holder(each)
        if pid:
            found[pid] = _process_name(pid)
    try:
        wanted = {(st.st_dev, st.st_ino) for st in (each.stat() for each in files)}
        pids = [int(name) for name in os.listdir("/proc") if name.isdigit() and int(name) != os.getpid()]
    except OSError:
        pids, wanted = [], set()
    for pid in pids:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue  # gone, or another user's
        for fd in fds:
            try:
                opened = os.stat(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if (opened.st_dev, opened.st_ino) in wanted:
                found[pid] = _process_name(pid)
                break
    return [f"process {pid} ({name})" for pid, name in sorted(found.items())]


def _lock_holder(path: Path) -> int | None:
    """The pid of a process holding a POSIX lock anywhere on path (how SQLite locks), or None."""
    import fcntl
    import struct

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        # struct flock on Linux: l_type, l_whence, l_start, l_len, l_pid (native alignment).
        query = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
        kind, _, _, _, pid = struct.unpack("hhqqi4x", fcntl.fcntl(fd, fcntl.F_GETLK, query))
        return pid if kind != fcntl.F_UNLCK and pid > 0 else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip() or "?"
    except OSError:
        return "?"
