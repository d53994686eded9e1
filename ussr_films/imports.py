"""Reading viewing histories exported from Letterboxd and IMDb.

Files are read by header name, never by column position, and checked whole
before anything is written: one bad row stops the import with a message that
names the file and line, and the record stays as it was.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import EXIT_USAGE, UssrFilmsError
from .safe_text import strip_controls
from .values import BadValue, parse_date, parse_rating, parse_ten_point

LETTERBOXD_FILES = ("watched.csv", "diary.csv", "ratings.csv", "watchlist.csv")
MAX_ERRORS_SHOWN = 5


class BadImportFile(UssrFilmsError):
    exit_code = EXIT_USAGE


@dataclass(frozen=True)
class Row:
    """One film from an export: which list it belongs to, and what the file says of it."""

    list: str  # "watched" or "watchlist"
    title: str
    year: int | None
    date: str | None = None
    rating: float | None = None
    imdb_id: str | None = None
    tmdb_id: int | None = None
    original_title: str | None = None
    where: str = ""  # "diary.csv line 4", for messages


def read_letterboxd(path: Path) -> list[Row]:
    """Rows from a Letterboxd export ZIP or one of its CSV files."""
    if zipfile.is_zipfile(path):
        return _read_letterboxd_zip(path)
    return _letterboxd_rows(path.name, _read_text(path))


def read_imdb(path: Path) -> list[Row]:
    """Rows from IMDb's "Your Ratings" CSV (13 or 14 columns; both read by name)."""
    name = path.name
    records = _records(name, _read_text(path), required=("Const", "Your Rating", "Title", "Year"))
    rows, errors = [], []
    for line, record in records:
        where = f"{name} line {line}"
        try:
            const = record["Const"].strip()
            if not re.fullmatch(r"tt\d{5,10}", const):
                raise BadValue(f"'{const}' is not an IMDb id like tt0079944.")
            date = record.get("Date Rated", "").strip()
            rows.append(
                Row(
                    list="watched",
                    title=_title(record["Title"]),
                    year=_year(record["Year"]),
                    date=parse_date(date) if date else None,
                    rating=parse_ten_point(record["Your Rating"]),
                    imdb_id=const,
                    original_title=_title(record.get("Original Title") or " ") if (record.get("Original Title") or "").strip() else None,
                    where=where,
                )
            )
        except BadValue as exc:
            errors.append(f"{where}: {exc}")
    _raise_if(errors)
    return rows


def _read_letterboxd_zip(path: Path) -> list[Row]:
    rows: list[Row] = []
    try:
        with zipfile.ZipFile(path) as archive:
            for member in sorted(archive.namelist()):
                parts = PurePosixPath(member).parts
                # The export keeps current lists at the top (or under one
                # folder); deleted/ and orphaned/ hold what the user removed.
                if parts and parts[-1] in LETTERBOXD_FILES and len(parts) <= 2 and parts[0] not in ("deleted", "orphaned"):
                    rows += _letterboxd_rows(parts[-1], _decode(parts[-1], archive.read(member)))
    except (zipfile.BadZipFile, OSError) as exc:
        raise BadImportFile(f"Could not read the ZIP file {path}: {exc}") from exc
    if not rows:
        raise BadImportFile(
            f"{path} holds none of {', '.join(LETTERBOXD_FILES)}; is it a Letterboxd export?"
        )
    return rows


# Letterboxd's importer format (what `ussrfilms export --format letterboxd`
# writes) names the same columns differently from its export.
IMPORTER_COLUMNS = {"Title": "Name", "WatchedDate": "Watched Date"}


def _letterboxd_rows(name: str, text: str) -> list[Row]:
    records = _records(name, text, required=("Name", "Year"), aliases=IMPORTER_COLUMNS)
    headers = set(records[0][1]) if records else set()
    if "Watched Date" in headers:
        kind, date_column = "watched", "Watched Date"
    elif "watchlist" in name.lower():
        kind, date_column = "watchlist", "Date"
    else:
        # watched.csv and ratings.csv: their Date is when it was logged or
        # rated, not when it was seen, so it is not taken as a viewing date.
        kind, date_column = "watched", None
    rows, errors = [], []
    for line, record in records:
        where = f"{name} line {line}"
        try:
            date = (record.get(date_column) or "").strip() if date_column else ""
            rating = (record.get("Rating") or "").strip()
            rows.append(
                Row(
                    list=kind,
                    title=_title(record["Name"]),
                    year=_year(record["Year"]),
                    date=parse_date(date) if date else None,
                    rating=parse_rating(rating) if rating and kind == "watched" else None,
                    imdb_id=_imdb_id(record.get("imdbID") or ""),
                    tmdb_id=_tmdb_id(record.get("tmdbID") or ""),
                    where=where,
                )
            )
        except BadValue as exc:
            errors.append(f"{where}: {exc}")
    _raise_if(errors)
    return rows


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise BadImportFile(f"{path} is a directory; give the export file itself.") from None
    except FileNotFoundError:
        raise BadImportFile(f"No such file: {path}") from None
    except OSError as exc:
        raise BadImportFile(f"Could not read {path}: {exc.strerror or exc}") from exc
    return _decode(path.name, data)


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadImportFile(
            f"{name} is not UTF-8 text (bad byte at position {exc.start}). "
            "Export it again, or save it as UTF-8, and retry."
        ) from None


def _records(
    name: str, text: str, required: tuple[str, ...], aliases: dict[str, str] | None = None
) -> list[tuple[int, dict[str, str]]]:
    """(line number, row by header) for each data row; checks the headers first."""
    if not text.strip():
        raise BadImportFile(f"{name} is empty.")
    if "\x00" in text:
        raise BadImportFile(f"{name} contains NUL bytes; it is not a CSV export.")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    headers = [header.strip() for header in (reader.fieldnames or [])]
    for other, ours in (aliases or {}).items():
        if other in headers and ours not in headers:
            headers[headers.index(other)] = ours
    reader.fieldnames = headers
    missing = [column for column in required if column not in headers]
    if missing:
        raise BadImportFile(
            f"{name} lacks the column(s) {', '.join(missing)} "
            f"(it has: {', '.join(headers) or 'no header'}). Is it the right export?"
        )
    records = []
    try:
        for record in reader:
            if None in record:
                raise BadImportFile(f"{name} line {reader.line_num}: more cells than the header has columns.")
            if not any((value or "").strip() for value in record.values()):
                continue
            records.append((reader.line_num, {key: value or "" for key, value in record.items()}))
    except csv.Error as exc:
        raise BadImportFile(f"{name} line {reader.line_num}: {exc}") from exc
    return records


def _title(text: str) -> str:
    # A title is shown back to the user (unmatched rows): no escape sequences.
    title = " ".join(strip_controls(text).split())
    if not title:
        raise BadValue("the title is empty.")
    return title


def _year(text: str) -> int | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if not re.fullmatch(r"\d{4}", cleaned) or not 1880 <= int(cleaned) <= 2100:
        raise BadValue(f"year '{text}' is not a four-digit year.")
    return int(cleaned)


def _imdb_id(text: str) -> str | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if not re.fullmatch(r"tt\d{5,10}", cleaned):
        raise BadValue(f"'{text}' is not an IMDb id like tt0079944.")
    return cleaned


def _tmdb_id(text: str) -> int | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if not re.fullmatch(r"[0-9]{1,9}", cleaned):
        raise BadValue(f"'{text}' is not a TMDb id (a whole number).")
    return int(cleaned)


def _raise_if(errors: list[str]) -> None:
    if errors:
        more = f" (and {len(errors) - MAX_ERRORS_SHOWN} more)" if len(errors) > MAX_ERRORS_SHOWN else ""
        raise BadImportFile(
            "Nothing was imported; fix these rows and retry: " + "; ".join(errors[:MAX_ERRORS_SHOWN]) + more
        )
