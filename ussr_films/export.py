"""Films and the viewing record as CSV, for spreadsheets and Letterboxd.

(JSON is written by the command line itself, as every --json is.)
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from .labels import award_line, censorship_line, setting_years
from .models import Film
from .safe_text import spreadsheet_cell

CSV_COLUMNS = (
    "id",
    "title",
    "original_title",
    "translit",
    "year",
    "kind",
    "runtime_min",
    "perspective",
    "era",
    "countries",
    "languages",
    "studio",
    "directors",
    "cast",
    "moods",
    "themes",
    "setting",
    "awards",
    "censorship",
    "synopsis",
    "context",
    "imdb_id",
    "tmdb_id",
)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(_describe(item) for item in value)
    elif isinstance(value, dict):
        value = _describe(value)
    return spreadsheet_cell(str(value))


def _describe(item) -> str:
    if not isinstance(item, dict):
        return str(item)
    if "award" in item or "body" in item:
        return award_line(item)
    if "reason" in item:
        return censorship_line(item)
    if "from" in item:
        return setting_years(item)
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def to_csv(films: Iterable[Film]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for film in films:
        data = film.to_dict()
        writer.writerow([_cell(data[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def to_letterboxd(films: Iterable[Film], watched: dict[str, tuple[str | None, float | None]] | None = None) -> str:
    """A CSV Letterboxd's importer reads: imdbID, tmdbID, Title, Year, Directors,
    and WatchedDate and Rating when the rows are watched films.

    Letterboxd matches on tmdbID and imdbID first, then title and year; the
    English title is what its database knows.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = ["imdbID", "tmdbID", "Title", "Year", "Directors"] + (
        ["WatchedDate", "Rating"] if watched is not None else []
    )
    writer.writerow(columns)
    for film in films:
        row = [film.imdb_id or "", film.tmdb_id or "", film.title, film.year, ", ".join(film.directors)]
        if watched is not None:
            on, rating = watched.get(film.id, (None, None))
            row += [on or "", f"{rating:g}" if rating is not None else ""]
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


RECORD_CSV_COLUMNS = ("watched_on", "rating", "added_on")


def record_to_csv(entries) -> str:
    """The viewing record as CSV: the catalogue's columns plus the record's own."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS + RECORD_CSV_COLUMNS)
    for entry in entries:
        data = entry.film.to_dict()
        writer.writerow(
            [_cell(data[column]) for column in CSV_COLUMNS]
            + [_cell(entry.watched_on), _cell(entry.rating), _cell(entry.added_on)]
        )
    return buffer.getvalue()
