"""Domain errors. The CLI maps them to exit statuses and one-line messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from enum import IntEnum


class ExitStatus(IntEnum):
    """Every exit status ussrfilms uses, named once (after httpie's status module).

    The record's six states use the sysexits.h codes where one fits.
    """

    OK = 0
    FAILURE = 1  # nothing found, or another failure
    USAGE = 2  # an unknown option, value or film; text too long
    RECORD_DAMAGED = 65  # EX_DATAERR
    RECORD_FOREIGN = 66  # another program's file
    RECORD_UNREADABLE = 74  # EX_IOERR
    RECORD_BUSY = 75  # EX_TEMPFAIL: try again
    RECORD_LOCKED = 76  # another program holds it
    RECORD_PERMISSION = 77  # EX_NOPERM
    INTERRUPTED = 130  # Ctrl-C, as a shell expects


EXIT_OK = ExitStatus.OK
EXIT_FAILURE = ExitStatus.FAILURE
EXIT_USAGE = ExitStatus.USAGE
EXIT_INTERRUPTED = ExitStatus.INTERRUPTED


class UssrFilmsError(Exception):
    """Base class: every error the user can cause or meet."""

    exit_code = EXIT_FAILURE


class CatalogueUnavailable(UssrFilmsError):
    """The bundled catalogue is missing or damaged."""


# Past this, typed text is not a name but a pasted file: it is shown cut, and
# not compared (difflib's cost grows with the product of the lengths).
SHOWN_CHARS = 80
COMPARED_CHARS = 300


def shown(text: str) -> str:
    """text as an error message quotes it: whole when short, else its start and its length."""
    if len(text) <= SHOWN_CHARS:
        return text
    return f"{text[:SHOWN_CHARS]}... ({len(text):,} characters)"


def closest(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The choices nearest to word, best first, for a "did you mean"."""
    if len(word) > COMPARED_CHARS:
        return []
    choices = list(choices)
    lowered = {choice.lower(): choice for choice in choices}
    found = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.5)
    return [lowered[match] for match in found]


def did_you_mean(suggestions: list[str], quoted: bool = True) -> str:
    """' Did you mean 'a' or 'b'?', or nothing when there is no suggestion."""
    if not suggestions:
        return ""
    shown = [f"'{s}'" if quoted else s for s in suggestions]
    return " Did you mean " + " or ".join(shown) + "?"


class UnknownName(UssrFilmsError):
    """A name from a fixed vocabulary (mood, era, path...) that we do not know."""

    exit_code = EXIT_USAGE
    what = "name"

    def __init__(self, name: str, valid: Iterable[str], suggestions: list[str] | None = None):
        self.name = name
        self.valid = list(valid)
        self.suggestions = suggestions if suggestions is not None else closest(name, self.valid)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"Unknown {self.what} '{shown(self.name)}'." + did_you_mean(self.suggestions)
        return text + f" Valid {self.what}s: {', '.join(self.valid)}."


class UnknownMood(UnknownName):
    what = "mood"


class UnknownTheme(UnknownName):
    what = "theme"


class UnknownGenre(UnknownName):
    what = "genre"


class UnknownEra(UnknownName):
    what = "era"


class UnknownPath(UnknownName):
    what = "path"


class UnknownKind(UnknownName):
    what = "kind"


class UnknownPerspective(UnknownName):
    what = "perspective"


class UnknownRepublic(UnknownName):
    what = "republic"


class UnknownCanon(UnknownName):
    what = "canon"


class UnknownStudio(UnknownName):
    """Studios are too many to list in one line: name the busiest and say where the rest are."""

    what = "studio"
    SHOWN = 12

    @property
    def message(self) -> str:
        text = f"Unknown studio '{shown(self.name)}'." + did_you_mean(self.suggestions)
        listed = ", ".join(self.valid[: self.SHOWN])
        more = len(self.valid) - self.SHOWN
        if more <= 0:
            return text + f" Valid studios: {listed}."
        return text + f" Studios with the most films: {listed}; {more} more: ussrfilms stats --top 0"


class NotAMood(UssrFilmsError):
    """A word that is a theme, not a mood (users type "war" for a mood)."""

    exit_code = EXIT_USAGE

    def __init__(self, word: str, theme: str):
        self.word, self.theme = word, theme
        # Suggest the very word typed: --theme accepts it and finds the theme.
        typed = f"'{word}'" if " " in word else word
        super().__init__(f"'{word}' is a theme, not a mood. Try: ussrfilms recommend --theme {typed} (theme {theme})")


class FilmNotFound(UssrFilmsError):
    """Nothing names exactly one film: we never act on a guess."""

    exit_code = EXIT_FAILURE

    def __init__(self, query: str, suggestions: list[str], note: str = ""):
        self.query = query
        self.suggestions = suggestions
        text = f"No film matches '{shown(query)}'." + (f" {note}" if note else "")
        text += did_you_mean(suggestions) or " Try: ussrfilms search WORDS"
        super().__init__(text)


class AmbiguousFilm(UssrFilmsError):
    """A name that fits several films: we ask, never guess."""

    exit_code = EXIT_USAGE
    SHOWN = 8

    def __init__(self, query: str, candidates: list[tuple[str, str]]):
        self.query = query
        self.candidates = candidates
        listed = "; ".join(f"{label}, id {film_id}" for film_id, label in candidates[: self.SHOWN])
        more = len(candidates) - self.SHOWN
        if more > 0:
            listed += f"; and {more} more (ussrfilms search {query!r})"
        example_id, example_label = candidates[0]
        year = example_label.rsplit("(", 1)[-1].rstrip(")")
        super().__init__(
            f"'{query}' could be {len(candidates)} films: {listed}. "
            f"Name one by its year ('{query} {year}') or its id ('{example_id}')."
        )


class NeedsRatings(UssrFilmsError):
    exit_code = EXIT_USAGE

    def __init__(self):
        super().__init__("--for-me needs ratings: rate a few films first (ussrfilms rate stalker 4.5) or import them.")


class TooLong(UssrFilmsError):
    """Text far longer than any title: refused before any work is done."""

    exit_code = EXIT_USAGE


class AmbiguousPerson(UssrFilmsError):
    """A name that fits several people equally well: we list them, never pick."""

    exit_code = EXIT_USAGE

    def __init__(self, text: str, names: list[tuple[str, int]]):
        self.names = [name for name, _ in names]
        listed = "; ".join(f"{name} ({count} film{'s' if count != 1 else ''})" for name, count in names)
        super().__init__(f"'{text}' could be {len(names)} people: {listed}. Give the full name, e.g. '{names[0][0]}'.")


# -- the viewing record ----------------------------------------------------
# Six states of a record that cannot be used, told apart because each asks
# something different of the user: wait, close a program, fix permissions,
# point elsewhere, or (only when the file itself is damaged) repair. Each has
# its own exit status (after sysexits.h where one fits), so scripts can tell
# them apart too.
EXIT_RECORD_DAMAGED = ExitStatus.RECORD_DAMAGED
EXIT_RECORD_FOREIGN = ExitStatus.RECORD_FOREIGN
EXIT_RECORD_UNREADABLE = ExitStatus.RECORD_UNREADABLE
EXIT_RECORD_BUSY = ExitStatus.RECORD_BUSY
EXIT_RECORD_LOCKED = ExitStatus.RECORD_LOCKED
EXIT_RECORD_PERMISSION = ExitStatus.RECORD_PERMISSION
HOME_ENV = "USSRFILMS_HOME"


class RecordError(UssrFilmsError):
    exit_code = EXIT_FAILURE


class RecordDamaged(RecordError):
    """Our file, or not a database at all, and unreadable as one: the only state --repair is for."""

    exit_code = EXIT_RECORD_DAMAGED

    def __init__(self, path, detail: str):
        self.path, self.detail = path, detail
        super().__init__(
            f"Your viewing record {path} is damaged ({detail}). "
            "It has not been touched. Restore it from a backup, or run "
            "'ussrfilms record --repair' to move it aside and start a new one."
        )


class RecordForeign(RecordError):
    """A SQLite file that another program made: never written, never moved."""

    exit_code = EXIT_RECORD_FOREIGN

    def __init__(self, path, why: str):
        self.path = path
        super().__init__(
            f"{path} is not an ussrfilms viewing record ({why}). It belongs to another program and has not "
            f"been changed. Move it elsewhere yourself, or set {HOME_ENV} to another directory."
        )


class RecordUnreadable(RecordError):
    """The file or its directory cannot be read as a file at all: a FIFO, a device, a loop, an I/O error."""

    exit_code = EXIT_RECORD_UNREADABLE

    def __init__(self, path, detail: str):
        self.path = path
        super().__init__(
            f"Cannot read your viewing record at {path} ({detail}). Nothing was changed. "
            f"Put a regular file there (or none), or set {HOME_ENV} to a directory of your own."
        )


class RecordBusy(RecordError):
    """Another process kept the write lock longer than we wait."""

    exit_code = EXIT_RECORD_BUSY

    def __init__(self, path, seconds: float):
        self.path = path
        super().__init__(
            f"Your viewing record {path} is busy: another program has been writing to it for over "
            f"{seconds:g} s. Nothing was changed; try again when it has finished."
        )


class RecordLocked(RecordError):
    """Another process holds the file so that it cannot even be read, or has it open while --repair runs."""

    exit_code = EXIT_RECORD_LOCKED

    def __init__(self, path, detail: str):
        self.path = path
        super().__init__(
            f"Your viewing record {path} is locked by another program ({detail}). Nothing was changed or "
            "moved. Close that program, or wait for it, and try again."
        )


class RecordPermissionDenied(RecordError):
    exit_code = EXIT_RECORD_PERMISSION

    def __init__(self, path, detail: str):
        self.path = path
        super().__init__(
            f"Permission denied on your viewing record {path} ({detail}). Nothing was changed. "
            f"Give yourself access to it, its -wal and -shm files and its directory, or set {HOME_ENV} "
            "to a directory you can write."
        )


class RecordTooNew(RecordError):
    def __init__(self, path, unknown: list[str]):
        super().__init__(
            f"Your viewing record {path} was written by a newer ussrfilms "
            f"(migrations {', '.join(unknown)}). Upgrade ussrfilms to use it; it has not been touched."
        )


class BadImportFile(UssrFilmsError):
    """An export file that cannot be imported as it is: nothing was written."""

    exit_code = EXIT_USAGE


class BadValue(UssrFilmsError):
    """A rating, date or number that is not one."""

    exit_code = EXIT_USAGE


class UnknownPerson(UnknownName):
    what = "person"

    def __init__(self, name: str, valid, suggestions: list[str] | None = None, role: str | None = None):
        self.role = role
        super().__init__(name, valid, suggestions)

    @property
    def message(self) -> str:
        who = {"cast": "cast member", "source": "source author"}.get(self.role, self.role)
        if not who:
            return f"No one the catalogue credits matches '{self.name}'." + did_you_mean(self.suggestions)
        return f"No {who} in the catalogue matches '{self.name}'." + did_you_mean(self.suggestions)


class UnknownRole(UnknownName):
    what = "role"
