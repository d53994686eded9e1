"""Read-only access to the bundled catalogue.

The catalogue ships inside the package and is opened lazily, once, with a
read-only immutable URI: nothing is ever written next to it (no -wal or
-journal files), so it works from a read-only site-packages.
USSRFILMS_CATALOGUE points tests and benchmarks at another file.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

from .errors import CatalogueUnavailable
from .models import Film
from .schema import SCHEMA_VERSION

CATALOGUE_ENV = "USSRFILMS_CATALOGUE"
_REINSTALL = "Reinstall ussrfilms (pip install --force-reinstall ussrfilms) to restore it."


def catalogue_path() -> Path:
    override = os.environ.get(CATALOGUE_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent / "catalogue.db"


_HEADER = b"SQLite format 3\x00"


def _check_file(path: Path) -> None:
    """Refuse a file that is not whole: with immutable=1 SQLite trusts it, and a
    truncated file would answer some queries and fail others."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        raise CatalogueUnavailable(
            f"The film catalogue cannot be read ({path}: {exc.strerror or exc}). {_REINSTALL}"
        ) from exc
    if len(header) < 100 or not header.startswith(_HEADER):
        raise CatalogueUnavailable(f"The film catalogue is damaged ({path} is not a SQLite database). {_REINSTALL}")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if size < page_size * pages:
        raise CatalogueUnavailable(
            f"The film catalogue is damaged ({path} is cut short: {size} of {page_size * pages} bytes). {_REINSTALL}"
        )


@cache
def connection() -> sqlite3.Connection:
    path = catalogue_path()
    if not path.is_file():
        raise CatalogueUnavailable(f"The film catalogue is missing ({path}). {_REINSTALL}")
    _check_file(path)
    uri = f"file:{quote(str(path))}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        conn.execute("SELECT 1 FROM films LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        raise CatalogueUnavailable(f"The film catalogue is damaged ({path}: {exc}). {_REINSTALL}") from exc
    if version != SCHEMA_VERSION:
        raise CatalogueUnavailable(
            f"The film catalogue has schema {version}, this version expects {SCHEMA_VERSION}. {_REINSTALL}"
        )
    return conn


def _bindable(value):
    # Undecodable bytes in argv arrive as lone surrogates, which SQLite cannot take.
    return value.encode("utf-8", "replace").decode("utf-8") if isinstance(value, str) else value


def query(sql: str, params: Iterable = ()) -> list[tuple]:
    try:
        return connection().execute(sql, tuple(_bindable(value) for value in params)).fetchall()
    except sqlite3.DatabaseError as exc:
        raise CatalogueUnavailable(f"The film catalogue could not be read ({exc}). {_REINSTALL}") from exc


def rows(sql: str, params: Iterable = ()) -> Iterator[tuple]:
    """query's rows one at a time, for answers too large to hold at once."""
    try:
        yield from connection().execute(sql, tuple(_bindable(value) for value in params))
    except sqlite3.DatabaseError as exc:
        raise CatalogueUnavailable(f"The film catalogue could not be read ({exc}). {_REINSTALL}") from exc


def _rows_for_ids(columns: str, ids: Iterable[str]) -> list[tuple]:
    """(id, *columns) for each film id; the ids go in as one JSON array, as many as there are."""
    return query(
        f"SELECT id, {columns} FROM films WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(list(dict.fromkeys(ids)))],
    )


def films_by_id(ids: Iterable[str]) -> dict[str, Film]:
    return {film_id: Film.from_dict(json.loads(doc)) for film_id, doc in _rows_for_ids("doc", ids)}


class SortFacts(NamedTuple):
    year: int
    perspective: str
    prominence: int


def sort_facts(ids: Iterable[str]) -> dict[str, SortFacts]:
    """What ranking needs of each film, without reading its whole document."""
    rows = _rows_for_ids("year, perspective, prominence", ids)
    return {film_id: SortFacts(*facts) for film_id, *facts in rows}


def prominence(ids: Iterable[str]) -> dict[str, int]:
    """How renowned each film is (awards, links to it): orders equal matches."""
    return dict(_rows_for_ids("prominence", ids))


RENOWN_HALF = 8  # a prize, a path step and a canon entry, say


def renown_share(renown: int) -> float:
    """Renown on a scale from 0 towards 1: a quick rise, half way at RENOWN_HALF, then slow.

    Search and recommend weigh it differently, never so much that it
    outweighs what was asked for.
    """
    return renown / (renown + RENOWN_HALF)


def film(film_id: str) -> Film | None:
    return films_by_id([film_id]).get(film_id)


def all_films() -> list[Film]:
    """Every film, in year then id order."""
    return [Film.from_dict(json.loads(doc)) for (doc,) in query("SELECT doc FROM films ORDER BY year, id")]


def reference_kinds() -> dict[str, set[str]]:
    """The kinds of reference each film cites (data/refs.toml's: encyclopedia, archive, festival, database...)."""
    found: dict[str, set[str]] = {}
    for film_id, kind in query("SELECT film_id, kind FROM film_refs"):
        found.setdefault(film_id, set()).add(kind)
    return found


def film_ids() -> list[str]:
    return [film_id for (film_id,) in query("SELECT id FROM films ORDER BY id")]
