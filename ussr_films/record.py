"""Your viewing record: films watched (with dates and ratings) and a watchlist.

It lives in its own SQLite file, `record.db`, in the platform's user data
directory or in $USSRFILMS_HOME. The bundled catalogue is never written.

Reads (every search ticks watched films) use the stdlib sqlite3 and never
create a file. Writes go through sqlite-utils, whose numbered migrations are
recorded in the file, so a record made by an older version opens in a newer
one. Every write is one `BEGIN IMMEDIATE` transaction in WAL mode with a busy
timeout: two ussrfilms processes writing at once queue rather than fail, and
an error leaves the record as it was.

A file that is not a SQLite database, or is damaged, is never overwritten:
the error names it, and `ussrfilms record --repair` moves it aside.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import EXIT_FAILURE, UssrFilmsError

if TYPE_CHECKING:
    from .models import Film


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

HOME_ENV = "USSRFILMS_HOME"
FILE_NAME = "record.db"
MIGRATION_SET = "ussrfilms-record"
BUSY_TIMEOUT_MS = 15_000
_SQLITE_HEADER = b"SQLite format 3\x00"


class RecordError(UssrFilmsError):
    exit_code = EXIT_FAILURE


class RecordDamaged(RecordError):
    def __init__(self, path: Path, detail: str):
        self.path = path
        super().__init__(
            f"Your viewing record {path} is not a readable SQLite file ({detail}). "
            "It has not been touched. Restore it from a backup, or run "
            "'ussrfilms record --repair' to move it aside and start a new one."
        )


class RecordUnwritable(RecordError):
    def __init__(self, path: Path, detail: str):
        super().__init__(
            f"Cannot write your viewing record at {path} ({detail}). Nothing was changed. "
            f"Make the directory writable, or set {HOME_ENV} to a directory you can write."
        )


class RecordTooNew(RecordError):
    def __init__(self, path: Path, unknown: list[str]):
        super().__init__(
            f"Your viewing record {path} was written by a newer ussrfilms "
            f"(migrations {', '.join(unknown)}). Upgrade ussrfilms to use it; it has not been touched."
        )


def home() -> Path:
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("ussrfilms", appauthor=False)


def record_path() -> Path:
    return home() / FILE_NAME


# -- reading ---------------------------------------------------------------


class Watched(NamedTuple):
    film_id: str
    watched_on: str | None
    rating: float | None


class Wanted(NamedTuple):
    film_id: str
    added_on: str | None


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise RecordUnwritable(path, exc.strerror or str(exc)) from exc
    if head and head != _SQLITE_HEADER:
        raise RecordDamaged(path, "it does not start like a SQLite database")


@contextmanager
def _reading() -> Iterator[sqlite3.Connection | None]:
    """A read-only connection to the record, or None when there is no record yet."""
    path = record_path()
    if not path.is_file() or path.stat().st_size == 0:
        yield None
        return
    _check_header(path)
    conn = _connect_for_reading(path)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'watched'").fetchall():
            yield None
        else:
            yield conn
    except sqlite3.DatabaseError as exc:
        raise RecordDamaged(path, str(exc)) from exc
    finally:
        conn.close()


def _connect_for_reading(path: Path) -> sqlite3.Connection:
    # mode=rw lets SQLite make the WAL index it needs to read; query_only
    # keeps this connection from changing anything. A read-only directory
    # falls back to mode=ro.
    for mode in ("rw", "ro"):
        try:
            conn = sqlite3.connect(f"file:{_uri_path(path)}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            conn.execute("PRAGMA query_only = 1")
            return conn
        except sqlite3.DatabaseError as exc:
            error = exc
    raise RecordDamaged(path, str(error))


def _uri_path(path: Path) -> str:
    from urllib.parse import quote

    return quote(str(path.resolve()))


def watched() -> list[Watched]:
    """Every watched film, most recently watched first, undated last, then by id."""
    with _reading() as conn:
        if conn is None:
            return []
        rows = conn.execute(
            "SELECT film_id, watched_on, rating FROM watched "
            "ORDER BY watched_on IS NULL, watched_on DESC, film_id"
        ).fetchall()
    return [Watched(*row) for row in rows]


def watched_ids() -> frozenset[str]:
    return frozenset(entry.film_id for entry in watched())


def watchlist() -> list[Wanted]:
    with _reading() as conn:
        if conn is None:
            return []
        rows = conn.execute("SELECT film_id, added_on FROM watchlist ORDER BY added_on, film_id").fetchall()
    return [Wanted(*row) for row in rows]


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


# Numbered, in order; append only. The names are recorded in the file.
MIGRATIONS = (
    ("0001_watched_and_watchlist", _create_watched_and_watchlist),
    ("0002_import_log", _create_import_log),
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

    overwrite=False (imports) only fills blanks or moves the date later: a date
    or rating the user already gave is never replaced by a file's.
    """
    if before is None:
        return on, rating
    new_on, new_rating = before.watched_on, before.rating
    if on is not None and (overwrite or before.watched_on is None or on > before.watched_on):
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
            "SELECT film_id, watched_on, rating FROM watched WHERE film_id = ?", [film_id]
        ).fetchone()
        return Watched(*row) if row else None

    def mark_watched(
        self, film_id: str, *, on: str | None = None, rating: float | None = None, source: str = "cli",
        overwrite: bool = True,
    ) -> bool:
        """Record a viewing (see `merged`); True if anything changed."""
        before = self.current(film_id)
        after = merged(before, on, rating, overwrite)
        if after is None:
            return False
        if before is None:
            self.db["watched"].insert(
                {"film_id": film_id, "watched_on": on, "rating": rating, "source": source, "updated_at": _now()}
            )
        else:
            self.db["watched"].update(film_id, {"watched_on": after[0], "rating": after[1], "updated_at": _now()})
        return True

    def unmark_watched(self, film_id: str) -> bool:
        return self.db.execute("DELETE FROM watched WHERE film_id = ?", [film_id]).rowcount > 0

    def want(self, film_id: str, *, on: str | None = None, source: str = "cli") -> bool:
        return self.db.execute(
            "INSERT OR IGNORE INTO watchlist (film_id, added_on, source) VALUES (?, ?, ?)",
            [film_id, on or time.strftime("%Y-%m-%d"), source],
        ).rowcount > 0

    def unwant(self, film_id: str) -> bool:
        return self.db.execute("DELETE FROM watchlist WHERE film_id = ?", [film_id]).rowcount > 0

    def log_import(self, source: str, file: str, added: int, present: int, unmatched: int) -> None:
        self.db["imports"].insert(
            {"source": source, "file": file, "at": _now(), "added": added, "present": present, "unmatched": unmatched}
        )


def _damage(conn: sqlite3.Connection) -> str | None:
    """What quick_check finds wrong with the file, or None."""
    (check,) = conn.execute("PRAGMA quick_check").fetchone()
    return None if check == "ok" else check


def _open_for_writing(path: Path):
    from sqlite_utils import Database

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RecordUnwritable(path, exc.strerror or str(exc)) from exc
    if path.exists():
        _check_header(path)
    elif not os.access(path.parent, os.W_OK):
        raise RecordUnwritable(path, "the directory is not writable")
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        problem = _damage(conn)
        if problem:
            conn.close()
            raise RecordDamaged(path, problem)
        _use_wal(conn)
    except sqlite3.DatabaseError as exc:
        raise _translate(path, exc) from exc
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
    if migrations.pending(db):
        # Under the write lock apply() looks again, in case another process
        # migrated meanwhile; inside our transaction it uses savepoints.
        with _immediate(conn):
            migrations.apply(db)


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
        raise _translate(path, exc) from exc
    finally:
        conn.close()


def _translate(path: Path, exc: sqlite3.DatabaseError) -> RecordError:
    text = str(exc)
    if "full" in text:
        return RecordError(f"The disk holding your viewing record {path} is full; nothing was changed.")
    if "readonly" in text or "read-only" in text or "unable to open" in text or "permission" in text.lower():
        return RecordUnwritable(path, text)
    if "locked" in text or "busy" in text:
        return RecordError(f"Your viewing record {path} is busy in another ussrfilms; try again.")
    return RecordDamaged(path, text)


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
            return Summary(path, path.exists(), 0, 0, 0, [], [])
        watched_count, rated = conn.execute("SELECT count(*), count(rating) FROM watched").fetchone()
        (wanted,) = conn.execute("SELECT count(*) FROM watchlist").fetchone()
        names = [row[0] for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id", [MIGRATION_SET]
        )]
        imports = []
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'imports'").fetchall():
            imports = conn.execute(
                "SELECT source, file, at, added, present, unmatched FROM imports ORDER BY id DESC LIMIT 5"
            ).fetchall()
    return Summary(path, True, watched_count, rated, wanted, names, imports)


def repair() -> Path | None:
    """Move a damaged record aside (never delete it); the path it went to, or None if it was fine."""
    path = record_path()
    if not path.exists():
        return None
    try:
        _check_header(path)
        conn = _connect_for_reading(path)
        try:
            if not _damage(conn):
                return None
        finally:
            conn.close()
    except (RecordDamaged, sqlite3.DatabaseError):
        pass
    stamp = time.strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        companion = Path(str(path) + suffix)
        if companion.exists():
            companion.rename(Path(str(aside) + suffix))
    return aside
