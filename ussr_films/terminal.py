"""What the terminal can take: colour or plain text, and how wide to draw.

Rich reads the environment itself, but two of its readings would hurt us:
COLUMNS=0 gives a width of 0 and Rich then prints nothing, and FORCE_COLOR=0
forces colour, where most tools read it as "no colour". This module reads the
same variables once, our way, for our consoles and for Typer's help.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, MutableMapping

MIN_WIDTH = 20  # narrower than this, lines are left for the terminal to wrap
_OFF = ("0", "false", "no", "off")


def colour(environ: Mapping[str, str] = os.environ) -> bool | None:
    """True when colour is forced, False when it is refused, None to ask whether stdout is a terminal.

    FORCE_COLOR (any value but 0/false) wins over NO_COLOR and TERM=dumb,
    as on force-color.org; FORCE_COLOR=0 refuses colour, as in Node's tools.
    """
    forced = environ.get("FORCE_COLOR", "").strip().lower()
    if forced and forced not in _OFF:
        return True
    if forced in _OFF or environ.get("NO_COLOR", "") != "" or environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return False
    return None


def _ascii_number(text: str) -> bool:
    # str.isdigit() is also true of "²" and "١", which int() then refuses
    # (or reads): Rich and Typer test COLUMNS and LINES so, and crash.
    return text.isascii() and text.isdigit() and len(text) <= 6


def width(environ: Mapping[str, str] = os.environ) -> int | None:
    """A usable width when COLUMNS is 0 or tiny; None to leave Rich to it."""
    columns = environ.get("COLUMNS", "").strip()
    if not _ascii_number(columns) or int(columns) >= MIN_WIDTH:
        return None  # unset, junk (which Rich ignores) or fine
    if int(columns) > 0:
        return MIN_WIDTH
    try:
        real = os.get_terminal_size(sys.__stdout__.fileno()).columns
    except (AttributeError, OSError, ValueError):
        real = 0  # not a terminal
    # A terminal that reports no size gets Rich's own default, 80.
    return max(real, MIN_WIDTH) if real else 80


def console_options(environ: Mapping[str, str] = os.environ) -> dict:
    """Keyword arguments for a rich Console that follow colour() and width()."""
    return {"force_terminal": colour(environ), "width": width(environ)}


def settle(environ: MutableMapping[str, str] = os.environ) -> None:
    """Rewrite the environment so that consoles we do not make (Typer's help) agree with ours.

    COLUMNS and LINES that are not plain numbers are dropped, as if unset.
    """
    for name in ("COLUMNS", "LINES"):
        if name in environ and not _ascii_number(environ[name].strip()):
            del environ[name]
    chosen = colour(environ)
    if chosen is False:
        environ.pop("FORCE_COLOR", None)
        environ["TTY_COMPATIBLE"] = "0"  # Rich: not a terminal, so no escape codes at all
    fixed = width(environ)
    if fixed is not None:
        environ["COLUMNS"] = str(fixed)


DEFAULT_PAGER = "less"
PAGER_LESS = "FRX"  # as git sets it: quit if one screen, keep colours, leave the text on screen


def pager(lines: int, environ: Mapping[str, str] = os.environ, stdout=None) -> str | None:
    """The pager command to show `lines` lines through, or None to print them straight.

    Like git: only when stdout is a terminal (never in a pipe or a file), only
    when the text is taller than the terminal, and PAGER decides which program
    (an empty PAGER or "cat" means none). USSRFILMS_NO_PAGER set to anything
    but 0/false is the environment's --no-pager.
    """
    stdout = stdout or sys.stdout
    refused = environ.get("USSRFILMS_NO_PAGER", "").strip().lower()
    if refused and refused not in _OFF:
        return None
    try:
        if not stdout.isatty():
            return None
        height = os.get_terminal_size(stdout.fileno()).lines
    except (AttributeError, OSError, ValueError):
        return None
    if height <= 0 or lines < height:
        return None
    command = environ.get("PAGER", DEFAULT_PAGER).strip()
    return None if command in ("", "cat") else command


def page(text: str, command: str, environ: Mapping[str, str] = os.environ) -> bool:
    """Show text through the pager; False when the pager cannot start (then the caller prints it)."""
    import subprocess

    env = dict(environ)
    env.setdefault("LESS", PAGER_LESS)
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env, text=True, encoding="utf-8")
    except OSError:
        return False
    try:
        process.communicate(text)
    except BrokenPipeError:
        pass  # the reader quit before the end: that is what q in less means
    if process.returncode == 127:  # the shell found no such program
        return False
    return True
