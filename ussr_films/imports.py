"""Reading viewing histories exported from Letterboxd and IMDb.

Files are read by header name, never by column position, and checked whole
before anything is written: one bad row stops the import with a message that
names the file and line, and the record stays as it was.

Files are read as a stream, a line at a time, from the file or the ZIP member;
no file is ever read whole into memory. What a file may hold is capped (see
the caps below and the README), so that a hostile file (a ZIP bomb, a
gigabyte of one line, /dev/zero) is refused in bounded memory and time, with
exit status 2 and nothing written. What a file is, is decided by its header
before any row is used: an IMDb file given as Letterboxd is recognised and
refused with the command that reads it.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import BadImportFile
from .safe_text import strip_controls
from .values import BadValue, parse_date, parse_rating, parse_ten_point

LETTERBOXD_FILES = ("watched.csv", "diary.csv", "ratings.csv", "watchlist.csv")
# Folders of a Letterboxd export that hold other things: the user's own lists
# (which may well be called "watched"), likes, and what the user removed.
LETTERBOXD_OTHER_FOLDERS = ("lists", "likes", "deleted", "orphaned")
MAX_ERRORS_SHOWN = 5

# The caps. A real export of 50,000 films is a few MB and far inside each.
MAX_FILE_BYTES = 64 * 2**20  # a CSV, or a ZIP as it lies on disk
MAX_UNZIPPED_BYTES = 128 * 2**20  # the members read from one ZIP, uncompressed
MAX_ZIP_RATIO = 100  # uncompressed to compressed, per member (CSV exports run 3 to 10)
MAX_ZIP_ENTRIES = 10_000  # files inside one ZIP
MAX_ROWS = 100_000  # rows in one import, all files together
MAX_FIELD_CHARS = 10_000  # one cell
MAX_LINE_CHARS = 100_000  # one line of a file
_ZIP_METHODS = {
    zipfile.ZIP_STORED: "stored",
    zipfile.ZIP_DEFLATED: "deflate",
    zipfile.ZIP_BZIP2: "bzip2",
    zipfile.ZIP_LZMA: "lzma",
}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
IMDB_COLUMNS = ("Const", "Your Rating")


@dataclass(frozen=True, slots=True)
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
    file: str = ""  # "diary.csv", shared by every row of the file
    line: int = 0

    @property
    def where(self) -> str:
        """ "diary.csv line 4", for messages (made when asked: 100,000 rows need not carry it)."""
        return f"{self.file} line {self.line}"


class _Budget:
    """Rows and uncompressed bytes left for this import, across all its files."""

    def __init__(self) -> None:
        self.rows = 0
        self.unzipped = 0


def read_letterboxd(path: Path) -> list[Row]:
    """Rows from a Letterboxd export ZIP or one of its CSV files."""
    budget = _Budget()
    with _opened(path) as handle:
        if _is_zip(handle):
            return _read_letterboxd_zip(path, handle, budget)
        return _letterboxd_rows(path.name, _records(path.name, handle, budget, "letterboxd", path))


def read_imdb(path: Path) -> list[Row]:
    """Rows from IMDb's "Your Ratings" CSV (13 or 14 columns; both read by name)."""
    name = path.name
    budget = _Budget()
    with _opened(path) as handle:
        if _is_zip(handle):
            raise BadImportFile(
                f"{name} is a ZIP file; IMDb exports its ratings as a CSV. "
                f"If it is a Letterboxd export: ussrfilms import letterboxd {_quoted(path)}"
            )
        records = _records(name, handle, budget, "imdb", path)
        rows, errors = [], _Errors()
        for line, record in records:
            try:
                const = record["Const"].strip()
                if not re.fullmatch(r"tt\d{5,10}", const):
                    raise BadValue(f"'{const}' is not an IMDb id like tt0079944.")
                date = record.get("Date Rated", "").strip()
                original = (record.get("Original Title") or "").strip()
                rows.append(
                    Row(
                        list="watched",
                        title=_title(record["Title"]),
                        year=_year(record["Year"]),
                        date=parse_date(date) if date else None,
                        rating=parse_ten_point(record["Your Rating"]),
                        imdb_id=const,
                        original_title=_title(original) if original else None,
                        file=name,
                        line=line,
                    )
                )
            except BadValue as exc:
                errors.add(f"{name} line {line}: {exc}")
    errors.raise_any()
    return rows


# -- opening ---------------------------------------------------------------


@contextmanager
def _opened(path: Path) -> Iterator[io.BufferedReader]:
    """The file, opened for reading once it is known to be a regular file within the size cap."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise BadImportFile(f"No such file: {path}") from None
    except IsADirectoryError:
        raise BadImportFile(f"{path} is a directory; give the export file itself.") from None
    except OSError as exc:
        raise BadImportFile(f"Could not read {path}: {exc.strerror or exc}") from None
    handle = os.fdopen(fd, "rb")
    try:
        found = os.fstat(fd)
        if stat.S_ISDIR(found.st_mode):
            raise BadImportFile(f"{path} is a directory; give the export file itself.")
        if not stat.S_ISREG(found.st_mode):
            raise BadImportFile(
                f"{path} is not a regular file (a device, FIFO or socket); give the export file itself."
            )
        if found.st_size > MAX_FILE_BYTES:
            raise BadImportFile(
                f"{path} is {_mb(found.st_size)}; an export file may be at most {_mb(MAX_FILE_BYTES)}. "
                "Is it the right file?"
            )
        os.set_blocking(fd, True)
        yield handle
    finally:
        handle.close()


def _is_zip(handle) -> bool:
    head = handle.read(4)
    handle.seek(0)
    return head in _ZIP_MAGIC


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB" if size >= 2**20 else f"{size:,} bytes"


def _quoted(path: Path) -> str:
    import shlex

    return shlex.quote(strip_controls(str(path)))


class _Capped(io.RawIOBase):
    """A binary stream that refuses to give more than cap bytes in all (and counts them into a budget)."""

    def __init__(self, raw, name: str, cap: int, budget: _Budget | None = None):
        self.raw, self.name, self.cap, self.budget, self.total = raw, name, cap, budget, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self.raw.readinto(buffer)
        self.total += count
        if self.budget is not None:
            self.budget.unzipped += count
            if self.budget.unzipped > MAX_UNZIPPED_BYTES:
                raise BadImportFile(f"The ZIP expands to over {_mb(MAX_UNZIPPED_BYTES)}; nothing was imported.")
        if self.total > self.cap:
            raise BadImportFile(f"{self.name} is over {_mb(self.cap)}; nothing was imported.")
        return count


# -- ZIP files -------------------------------------------------------------


def _wanted(member: str) -> bool:
    """A current list of the export: at the top, or under one folder (the export's own), not in lists/ and such."""
    parts = PurePosixPath(member).parts
    if not parts or parts[-1] not in LETTERBOXD_FILES:
        return False
    return len(parts) == 1 or (len(parts) == 2 and parts[0] not in LETTERBOXD_OTHER_FOLDERS)


def _read_letterboxd_zip(path: Path, handle, budget: _Budget) -> list[Row]:
    rows: list[Row] = []
    _check_entry_count(path, handle)
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, EOFError):
        raise BadImportFile(
            f"{path} starts like a ZIP file but is cut short or damaged (its table of contents is missing). "
            "Download the export again."
        ) from None
    with archive:
        members = [info for info in archive.infolist() if _wanted(info.filename)]
        names = [info.filename for info in members]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise BadImportFile(
                f"{path} holds two members named {twice[0]}; Letterboxd never writes that, so it is not read. "
                "Download the export again."
            )
        for info in members:
            _check_member(path, info)
        if sum(info.file_size for info in members) > MAX_UNZIPPED_BYTES:
            raise BadImportFile(f"{path} expands to over {_mb(MAX_UNZIPPED_BYTES)}; nothing was imported.")
        for info in sorted(members, key=lambda info: info.filename):
            name = PurePosixPath(info.filename).name
            try:
                with archive.open(info) as member:
                    stream = _Capped(member, f"{path}: {info.filename}", info.file_size, budget)
                    rows += _letterboxd_rows(name, _records(name, stream, budget, "letterboxd"))
            except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as exc:
                raise BadImportFile(
                    f"{path} is cut short or damaged: {info.filename} cannot be read whole ({exc or 'it ends early'}). "
                    "Download the export again."
                ) from None
            except (NotImplementedError, RuntimeError) as exc:
                raise BadImportFile(f"Cannot read {info.filename} in {path}: {exc}.") from None
    if not members:
        raise BadImportFile(f"{path} holds none of {', '.join(LETTERBOXD_FILES)}; is it a Letterboxd export?")
    return rows


def _check_entry_count(path: Path, handle) -> None:
    # Python reads a ZIP's whole table of contents on opening it: a file of
    # a million tiny entries would cost hundreds of MB before any check.
    # The end record says how many there are; an export has a few dozen.
    try:
        end = zipfile._EndRecData(handle)
    except OSError:
        end = None
    finally:
        handle.seek(0)
    if end and end[zipfile._ECD_ENTRIES_TOTAL] > MAX_ZIP_ENTRIES:
        raise BadImportFile(
            f"{path} holds {end[zipfile._ECD_ENTRIES_TOTAL]:,} files; an export holds a few dozen "
            f"(at most {MAX_ZIP_ENTRIES:,} are read). It is not read."
        )


def _check_member(path: Path, info: zipfile.ZipInfo) -> None:
    if info.flag_bits & 0x1:
        raise BadImportFile(
            f"{path} is password-protected ({info.filename} is encrypted); ussrfilms reads only plain ZIP files. "
            "Unzip it yourself and import the CSV files, or download the export again."
        )
    if info.compress_type not in _ZIP_METHODS:
        method = "AES encryption" if info.compress_type == 99 else f"compression method {info.compress_type}"
        raise BadImportFile(
            f"{path} uses {method} for {info.filename}, which ussrfilms cannot read "
            f"(it reads {', '.join(_ZIP_METHODS.values())}). Unzip it yourself and import the CSV files."
        )
    if info.file_size > 2**20 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
        raise BadImportFile(
            f"{path}: {info.filename} expands {info.file_size // max(info.compress_size, 1):,} times "
            f"(at most {MAX_ZIP_RATIO} for an export); it is not read."
        )


# -- CSV -------------------------------------------------------------------


@contextmanager
def _field_limit(chars: int) -> Iterator[None]:
    # csv's limit is global to the interpreter: set for the read, then put back.
    before = csv.field_size_limit(chars)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _lines(name: str, text: io.TextIOBase) -> Iterator[str]:
    """The file's lines, each at most MAX_LINE_CHARS: the csv module is never handed more."""
    number = 0
    while True:
        try:
            line = text.readline(MAX_LINE_CHARS + 1)
        except UnicodeDecodeError as exc:
            raise BadImportFile(
                f"{name} is not UTF-8 text (bad byte after line {number}, position {exc.start}). "
                "Export it again, or save it as UTF-8, and retry."
            ) from None
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise BadImportFile(f"{name} line {number} is over {MAX_LINE_CHARS:,} characters; it is not an export.")
        if "\x00" in line:
            raise BadImportFile(f"{name} contains NUL bytes; it is not a CSV export.")
        yield line


def _records(
    name: str, raw, budget: _Budget, expected: str, path: Path | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row by header) for each data row, read as a stream; checks the header first."""
    if not isinstance(raw, _Capped):
        raw = _Capped(raw, name, MAX_FILE_BYTES)
    text = io.TextIOWrapper(io.BufferedReader(raw), encoding="utf-8-sig", newline="")
    with _field_limit(MAX_FIELD_CHARS):
        reader = csv.reader(_lines(name, text))
        try:
            header = next(reader, None)
            while header is not None and not any(cell.strip() for cell in header):
                header = next(reader, None)  # blank lines before the header
            if header is None:
                raise BadImportFile(f"{name} is empty.")
            headers = _identify(name, [cell.strip() for cell in header], expected, path or Path(name))
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) > len(headers):
                    raise BadImportFile(f"{name} line {reader.line_num}: more cells than the header has columns.")
                budget.rows += 1
                if budget.rows > MAX_ROWS:
                    raise BadImportFile(
                        f"{name} has more rows than ussrfilms imports at once ({MAX_ROWS:,}); nothing was imported. "
                        "Split the file and import each part."
                    )
                yield reader.line_num, dict(zip(headers, cells + [""] * (len(headers) - len(cells))))
        except csv.Error as exc:
            detail = str(exc)
            if "field larger" in detail:
                detail = f"a cell is over {MAX_FIELD_CHARS:,} characters"
            raise BadImportFile(f"{name} line {reader.line_num}: {detail}.") from None


# Letterboxd's importer format (what `ussrfilms export --format letterboxd`
# writes) names the same columns differently from its export.
IMPORTER_COLUMNS = {"Title": "Name", "WatchedDate": "Watched Date"}


def _identify(name: str, headers: list[str], expected: str, path: Path) -> list[str]:
    """The header, checked to be the file the user said it is; another known export is named, with its command."""
    present = set(headers)
    if expected == "letterboxd":
        if all(column in present for column in IMDB_COLUMNS):
            raise BadImportFile(
                f'{name} is IMDb\'s "Your Ratings" file, not a Letterboxd export; its ratings and dates would be '
                f"lost. Import it with: ussrfilms import imdb {_quoted(path)}"
            )
        if headers[:1] and headers[0].startswith("Letterboxd list export"):
            raise BadImportFile(
                f"{name} is a Letterboxd list, which ussrfilms does not import. Give the export ZIP, or its "
                f"{', '.join(LETTERBOXD_FILES)}."
            )
        headers = [IMPORTER_COLUMNS.get(h, h) if IMPORTER_COLUMNS.get(h, h) not in present else h for h in headers]
        required = ("Name", "Year")
    else:
        if "Letterboxd URI" in present or ("Name" in present and "Const" not in present):
            raise BadImportFile(
                f'{name} is a Letterboxd file, not IMDb\'s "Your Ratings". '
                f"Import it with: ussrfilms import letterboxd {_quoted(path)}"
            )
        required = ("Const", "Your Rating", "Title", "Year")
    missing = [column for column in required if column not in headers]
    if missing:
        shown = ", ".join(strip_controls(h)[:40] for h in headers[:12]) or "no header"
        raise BadImportFile(
            f"{name} lacks the column(s) {', '.join(missing)} (it has: {shown}). Is it the right export?"
        )
    return headers


def _letterboxd_rows(name: str, records: Iterator[tuple[int, dict[str, str]]]) -> list[Row]:
    rows, errors = [], _Errors()
    kind = date_column = None
    for line, record in records:
        if kind is None:
            kind, date_column = _letterboxd_kind(name, record)
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
                    file=name,
                    line=line,
                )
            )
        except BadValue as exc:
            errors.add(f"{name} line {line}: {exc}")
    errors.raise_any()
    return rows


def _letterboxd_kind(name: str, record: dict[str, str]) -> tuple[str, str | None]:
    if "Watched Date" in record:
        return "watched", "Watched Date"
    if "watchlist" in name.lower():
        return "watchlist", "Date"
    # watched.csv and ratings.csv: their Date is when it was logged or
    # rated, not when it was seen, so it is not taken as a viewing date.
    return "watched", None


class _Errors:
    """The first few bad rows, and how many in all: a file of a million bad rows keeps five messages."""

    def __init__(self) -> None:
        self.shown: list[str] = []
        self.count = 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.shown) < MAX_ERRORS_SHOWN:
            self.shown.append(message)

    def raise_any(self) -> None:
        if self.count:
            more = f" (and {self.count - MAX_ERRORS_SHOWN:,} more)" if self.count > MAX_ERRORS_SHOWN else ""
            raise BadImportFile("Nothing was imported; fix these rows and retry: " + "; ".join(self.shown) + more)


def _title(text: str) -> str:
    # A title is shown back to the user (unmatched rows): no escape sequences.
    title = " ".join(strip_controls(text).split())
    if not title:
        raise BadValue("the title is empty.")
    from .titles import MAX_CHARS

    if len(title) > MAX_CHARS:
        raise BadValue(f"the title is {len(title):,} characters; a film's title is at most {MAX_CHARS}.")
    return title


def _year(text: str) -> int | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if not re.fullmatch(r"\d{4}", cleaned, re.ASCII) or not 1880 <= int(cleaned) <= 2100:
        raise BadValue(f"year '{text[:20]}' is not a four-digit year.")
    return int(cleaned)


def _imdb_id(text: str) -> str | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if not re.fullmatch(r"tt\d{5,10}", cleaned, re.ASCII):
        raise BadValue(f"'{text[:40]}' is not an IMDb id like tt0079944.")
    return cleaned


def _tmdb_id(text: str) -> int | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if not re.fullmatch(r"[0-9]{1,9}", cleaned):
        raise BadValue(f"'{text[:40]}' is not a TMDb id (a whole number).")
    return int(cleaned)
