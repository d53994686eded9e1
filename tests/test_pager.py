"""Long listings page like git's: through PAGER on a terminal, never in a pipe, never with --no-pager."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from ussr_films.terminal import pager


class _Terminal(io.StringIO):
    """A stdout that says it is a terminal of `lines` lines."""

    def __init__(self, lines: int):
        super().__init__()
        self.lines = lines

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1


@pytest.fixture
def tall_terminal(monkeypatch):
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((80, 24)))
    return _Terminal(24)


def test_a_listing_taller_than_the_terminal_goes_through_pager(tall_terminal):
    assert pager(300, {"PAGER": "most"}, tall_terminal) == "most"
    assert pager(300, {}, tall_terminal) == "less"


def test_a_listing_that_fits_the_screen_is_printed_straight(tall_terminal):
    assert pager(10, {"PAGER": "less"}, tall_terminal) is None


def test_a_pipe_or_a_file_never_gets_a_pager():
    assert pager(300, {"PAGER": "less"}, io.StringIO()) is None


@pytest.mark.parametrize("environ", [{"PAGER": ""}, {"PAGER": "cat"}, {"USSRFILMS_NO_PAGER": "1"}])
def test_pager_can_be_switched_off_from_the_environment(tall_terminal, environ):
    assert pager(300, environ, tall_terminal) is None


def _run_in_a_terminal(args: list[str], tmp_path: Path) -> tuple[str, str]:
    """Run `ussrfilms ARGS` on a 24-line pseudo-terminal whose PAGER saves what it is given.

    Returns (what reached the terminal, what reached the pager).
    """
    fcntl = pytest.importorskip("fcntl")  # pseudo-terminals are POSIX's
    pty = pytest.importorskip("pty")
    termios = pytest.importorskip("termios")
    paged = tmp_path / "paged.txt"
    save = f"import sys; open({str(paged)!r}, 'w', encoding='utf-8').write(sys.stdin.read())"
    env = {**os.environ, "PAGER": f'{sys.executable} -c "{save}"', "NO_COLOR": "1", "COLUMNS": "80"}
    env.pop("USSRFILMS_NO_PAGER", None)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "ussr_films", *args], stdout=follower, stderr=follower, stdin=follower, env=env
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the program has exited
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=60)
    os.close(leader)
    return shown.decode("utf-8", "replace"), paged.read_text(encoding="utf-8") if paged.exists() else ""


def test_by_era_thaw_on_a_terminal_pages_and_no_pager_prints(tmp_path):
    shown, paged = _run_in_a_terminal(["by-era", "thaw"], tmp_path)
    assert "The Cranes Are Flying" in paged and "The Cranes Are Flying" not in shown

    (tmp_path / "again").mkdir()
    shown, paged = _run_in_a_terminal(["--no-pager", "by-era", "thaw"], tmp_path / "again")
    assert "The Cranes Are Flying" in shown and paged == ""


def test_a_short_answer_on_a_terminal_is_never_paged(tmp_path):
    shown, paged = _run_in_a_terminal(["search", "stalker", "--limit", "3"], tmp_path)
    assert "Stalker" in shown and paged == ""
