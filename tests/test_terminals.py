"""Every listing and showing command under hostile terminals and streams.

These run the real entry point in a fresh interpreter, because what is being
tested is how ussrfilms reads its environment: colour variables, COLUMNS, the
locale and stdout's encoding, a pipe, a closed pipe, a full disk.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

import ussr_films

PACKAGE_ROOT = str(Path(ussr_films.__file__).resolve().parent.parent)
DRIVER = str(Path(__file__).with_name("cli_driver.py"))

# Every command that lists or shows something, and the help. (Exports of the
# whole catalogue are left to the tests below: they cost a second each here.)
COMMANDS = [
    [],
    ["--help"],
    ["search", "--help"],
    ["export", "--help"],
    ["search", "stalker"],
    ["search", "stalker", "--json"],
    ["recommend", "--mood", "harrowing"],
    ["recommend", "--like", "stalker", "--json"],
    ["random", "--seed", "1"],
    ["tonight", "--seed", "2", "--json"],
    ["by-era"],
    ["by-era", "thaw"],
    ["path"],
    ["path", "beginner"],
    ["path", "beginner", "--next"],
    ["watch-path", "war"],
    ["show", "stalker"],
    ["show", "stalker", "--json"],
    ["person", "tarkovsky"],
    ["moods"],
    ["export", "--path", "beginner"],
    ["export", "--format", "csv", "--mood", "funny"],
    ["export", "--format", "letterboxd", "--path", "beginner"],
    ["watched", "list"],
    ["watchlist", "list"],
    ["record"],
]
SCENARIOS = {
    "a pipe": {},
    "NO_COLOR=1": {"NO_COLOR": "1"},
    "FORCE_COLOR=0": {"FORCE_COLOR": "0"},
    "TERM=dumb": {"TERM": "dumb"},
    "COLUMNS=20": {"COLUMNS": "20"},
    "COLUMNS=0": {"COLUMNS": "0"},
    "LANG=C LC_ALL=C": {"LANG": "C", "LC_ALL": "C"},
    "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
}
# Variables a developer's shell may carry that would change what is tested.
_UNSET = (
    "COLUMNS",
    "LINES",
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "PYTHONIOENCODING",
    "LC_ALL",
    "TERMINAL_WIDTH",
    "PY_COLORS",
    "GITHUB_ACTIONS",
)


def environment(home: Path, **overrides: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _UNSET}
    return {**env, "PYTHONPATH": PACKAGE_ROOT, "USSRFILMS_HOME": str(home), **overrides}


def drive(commands: list[list[str]], env: dict[str, str], cwd: Path) -> list[dict]:
    result = subprocess.run(
        [sys.executable, DRIVER],
        input=json.dumps(commands).encode(),
        capture_output=True,
        env=env,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return json.loads(result.stdout)


def ussrfilms(*args, env: dict[str, str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ussr_films", *args], env=env, cwd=cwd, **kwargs)


def words(*texts: str) -> set[str]:
    return {word for text in texts for word in re.findall(r"\w+", text)}


@pytest.fixture
def a_record(run):
    """A viewing record, so that the record's lists have rows (and a Cyrillic title) to show."""
    assert run("watched", "add", "stalker", "--rating", "4.5").exit_code == 0
    assert run("watchlist", "add", "the cranes are flying").exit_code == 0


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_command_prints_something_plain_and_whole(scenario, a_record, private_home, tmp_path, run_json):
    results = drive(COMMANDS, environment(private_home, **SCENARIOS[scenario]), cwd=tmp_path)
    ascii_only = scenario == "PYTHONIOENCODING=ascii"
    by_args = {}
    for result in results:
        args, err = result["args"], result["stderr"]
        # Decoding in the stream's own encoding also proves the output is well formed.
        out = result["stdout"].encode("latin-1").decode("ascii" if ascii_only else "utf-8")
        by_args[tuple(args)] = out
        assert result["code"] == 0, (args, err)
        assert out.strip(), f"{args}: nothing printed"
        assert "Traceback" not in err, (args, err)
        assert "\x1b" not in out + err, f"{args}: escape codes in plain output"
        if ascii_only:
            assert out.isascii(), args
            if "?" in out and "--json" not in args and "export" not in args[:1]:
                assert "PYTHONIOENCODING=utf-8" in err, f"{args}: replaced characters without saying how to see them"
    # --json is never cut to the terminal, whatever the width or encoding.
    for args in (
        ("search", "stalker", "--json"),
        ("show", "stalker", "--json"),
        ("recommend", "--like", "stalker", "--json"),
    ):
        assert json.loads(by_args[args]) == run_json(*args[:-1]), args
    if ascii_only:
        return
    # Titles wrap at spaces rather than being cut into slivers or dropped.
    hits = run_json("search", "stalker")
    shown = words(by_args[("search", "stalker")])
    assert words(*(hit["title"] for hit in hits), *(hit["original_title"] or "" for hit in hits)) <= shown
    steps = run_json("path", "beginner")["steps"]
    assert words(*(step["film"]["title"] for step in steps)) <= words(by_args[("path", "beginner")])
    film = run_json("show", "stalker")
    assert words(film["title"], film["original_title"], *film["directors"], *film["cast"]) <= words(
        by_args[("show", "stalker")]
    )


def on_a_terminal(args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, bytes, bytes]:
    """Run ussrfilms with stdout on a pseudo-terminal; its exit status, stdout and stderr."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "ussr_films", *args],
        stdout=slave,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
    )
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child has closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    err = process.stderr.read()
    process.stderr.close()
    return process.wait(), out, err


@pytest.mark.parametrize("args", [["search", "stalker", "-n", "2"], ["--help"]])
@pytest.mark.parametrize(
    "setting, coloured",
    [
        ({}, True),
        ({"NO_COLOR": "1"}, False),
        ({"TERM": "dumb"}, False),
        ({"FORCE_COLOR": "0"}, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True),
    ],
)
def test_a_terminal_gets_colour_unless_it_is_refused(args, setting, coloured, private_home, tmp_path):
    code, out, err = on_a_terminal(args, environment(private_home, **setting), tmp_path)
    assert code == 0, err
    assert b"Stalker" in out or b"Usage" in out
    assert (b"\x1b[" in out) is coloured, out[:200]


def test_forced_colour_reaches_a_pipe(private_home, tmp_path):
    result = ussrfilms(
        "search", "stalker", env=environment(private_home, FORCE_COLOR="1"), cwd=tmp_path, capture_output=True
    )
    assert result.returncode == 0 and b"\x1b[" in result.stdout


def test_a_terminal_that_reports_no_width_still_gets_the_table(private_home, tmp_path):
    code, out, _ = on_a_terminal(["search", "stalker"], environment(private_home, COLUMNS="0"), tmp_path)
    assert code == 0 and b"Stalker" in out and b"Tarkovsky" in out


@pytest.mark.parametrize("args", [["search", "stalker"], ["show", "stalker", "--json"], ["export"], ["--help"]])
def test_a_full_disk_is_one_line_on_stderr_and_exit_1(args, private_home, tmp_path):
    with open("/dev/full", "wb") as full:
        result = ussrfilms(*args, env=environment(private_home), cwd=tmp_path, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0], result.stderr


@pytest.mark.parametrize("args", [["export"], ["export", "--format", "csv"], ["by-era", "thaw"], ["--help"]])
def test_a_reader_that_leaves_early_gets_no_complaint(args, private_home, tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "ussr_films", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(private_home),
        cwd=tmp_path,
    )
    first = process.stdout.readline()  # as `| head -1` does
    process.stdout.close()
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait() in (0, 1)
    assert first and err == b"", err


@pytest.mark.parametrize("command", ["search", "show", "person", "path"])
def test_undecodable_bytes_in_argv_get_a_message(command, private_home, tmp_path):
    result = subprocess.run(
        [sys.executable.encode(), b"-m", b"ussr_films", command.encode(), b"stalk\xff\xfe"],
        capture_output=True,
        env=environment(private_home),
        cwd=tmp_path,
    )
    assert result.returncode in (0, 1, 2)
    assert b"Traceback" not in result.stderr
    assert (result.stdout if result.returncode == 0 else result.stderr).strip()
    result.stdout.decode("utf-8")  # the undecodable bytes are not echoed back raw


# -- the environment cannot crash a command (issue 19) -------------------------

ALWAYS_FINE = [
    ["--help"],
    ["search", "stalker"],
    ["search", "stalker", "--json"],
    ["show", "stalker"],
    ["by-era"],
    ["recommend", "--mood", "eerie", "-n", "2"],
]
RECORD_COMMANDS = [
    ["watched", "add", "stalker"],
    ["watched", "list"],
    ["watched", "list", "--json"],
    ["record"],
    ["record", "--json"],
    ["record", "--repair"],
]


def _odd_home(kind: str, tmp_path: Path) -> str:
    """A USSRFILMS_HOME of the given kind."""
    if kind == "~user":
        return "~nosuchuser/ussrfilms"
    if kind == "non-UTF-8":
        path = os.fsencode(tmp_path) + b"/home-\xff\xfe"
        return os.fsdecode(path)  # the bytes reach the child as they are
    if kind == "a file":
        (tmp_path / "a-file").write_text("not a directory")
        return str(tmp_path / "a-file")
    if kind == "a symlink loop":
        (tmp_path / "loop").symlink_to(tmp_path / "loop")
        return str(tmp_path / "loop")
    if kind == "a FIFO":
        os.mkfifo(tmp_path / "fifo")
        return str(tmp_path / "fifo")
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["~user", "non-UTF-8", "a file", "a symlink loop", "a FIFO"])
def test_an_odd_ussrfilms_home_never_gets_a_traceback(kind, tmp_path):
    home = _odd_home(kind, tmp_path)
    results = drive(ALWAYS_FINE + RECORD_COMMANDS, environment(tmp_path, USSRFILMS_HOME=home), cwd=tmp_path)
    for result in results:
        args, code, err = result["args"], result["code"], result["stderr"]
        assert "Traceback" not in err, (args, err)
        out = result["stdout"].encode("latin-1").decode("utf-8")  # well-formed, whatever the path's bytes
        if args in ALWAYS_FINE or kind == "non-UTF-8":
            assert code == 0, (args, err)  # a record that cannot be used only warns a search
        else:
            assert code == 74, (args, err)  # unreadable: said once, and no --repair
            assert "--repair" not in err and "Error: Cannot read your viewing record" in err
        if "--json" in args and code == 0:
            json.loads(out)
    if kind == "non-UTF-8":
        listed = json.loads(
            next(r for r in results if r["args"] == ["watched", "list", "--json"])["stdout"].encode("latin-1")
        )
        assert [film["id"] for film in listed] == ["stalker-1979"]
        shown = json.loads(next(r for r in results if r["args"] == ["record", "--json"])["stdout"].encode("latin-1"))
        assert shown["path"].endswith("home-\ufffd\ufffd/record.db")


@pytest.mark.parametrize(
    "setting",
    [
        {"COLUMNS": "²"},
        {"LINES": "²"},
        {"COLUMNS": "١٠٠", "LINES": "x"},
        {"COLUMNS": "９９"},
        {"COLUMNS": "99999999999"},
        {"HOME": ""},
        {"HOME": "/nonexistent/home"},
        {"HOME": "FILE"},
        {"LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8"},
        {"LANG": "xx_YY.bogus"},
        {"LC_ALL": "C", "LANG": "C"},
    ],
    ids=lambda setting: " ".join(f"{k}={v}" for k, v in setting.items()),
)
def test_odd_terminal_and_locale_settings_never_get_a_traceback(setting, private_home, tmp_path):
    if setting.get("HOME") == "FILE":
        (tmp_path / "home-file").write_text("x")
        setting = {"HOME": str(tmp_path / "home-file")}
    env = environment(private_home, **setting)
    if "HOME" in setting:
        env.pop("USSRFILMS_HOME")  # the platform's data directory, under HOME
    for result in drive(ALWAYS_FINE + [["watched", "list"], ["record"]], env, cwd=tmp_path):
        assert "Traceback" not in result["stderr"], (result["args"], result["stderr"])
        assert result["code"] in (0, 74, 77), (result["args"], result["stderr"])
        if result["args"] in ALWAYS_FINE:
            assert result["code"] == 0 and result["stdout"].strip(), (result["args"], result["stderr"])


INTERRUPT = """
import os, signal, sys, threading
from ussr_films.start import _interrupted_while_starting, run
signal.signal(signal.SIGINT, _interrupted_while_starting)  # as run() does first, so this harness is covered too
delay = float(sys.argv[1])
timer = threading.Timer(delay, os.kill, (os.getpid(), signal.SIGINT))
timer.daemon = True
timer.start()
sys.argv = ["ussrfilms", *sys.argv[2:]]
run()
"""


@pytest.mark.parametrize("args", [["search", "stalker"], ["watched", "add", "stalker"], ["export", "--format", "csv"]])
def test_ctrl_c_at_any_moment_exits_130_without_a_traceback(args, private_home, tmp_path):
    """Ctrl-C from 0 to 400 ms after ussrfilms' own code starts: while the CLI imports, parses, works and prints.

    (Before the first line of ussr_films runs, the interpreter's own start-up
    is Python's to handle; the console script reaches ours within milliseconds.)
    """
    env = environment(private_home)
    for step in range(16):
        delay = step * 0.025
        result = subprocess.run(
            [sys.executable, "-c", INTERRUPT, str(delay), *args], capture_output=True, env=env, cwd=tmp_path
        )
        assert b"Traceback" not in result.stderr and b"Aborted" not in result.stderr, (delay, result.stderr)
        assert result.returncode in (0, 130), (delay, result.returncode, result.stderr)


END = """
import sys
from ussr_films.start import _end
print("all of it", end="")  # still in stdout's buffer when the process ends
_end(None if sys.argv[1] == "None" else int(sys.argv[1]) if sys.argv[1].isdigit() else sys.argv[1])
"""


@pytest.mark.parametrize(
    ("code", "status", "stderr"), [("None", 0, ""), ("0", 0, ""), ("3", 3, ""), ("bye", 1, "bye\n")]
)
def test_the_quick_end_keeps_the_output_and_the_exit_status(code, status, stderr, private_home, tmp_path):
    """The console script ends without the interpreter's teardown, as sys.exit would end it otherwise."""
    result = subprocess.run(
        [sys.executable, "-c", END, code], capture_output=True, env=environment(private_home), cwd=tmp_path
    )
    assert (result.stdout, result.returncode, result.stderr.decode()) == (b"all of it", status, stderr)


def test_a_write_through_the_console_script_is_whole_and_closed(private_home, tmp_path):
    env = environment(private_home)
    assert ussrfilms("watched", "add", "stalker", "--rating", "4.5", env=env, cwd=tmp_path).returncode == 0
    # The record's connection was closed before the quick end: SQLite folded its log back in.
    assert sorted(path.name for path in private_home.iterdir()) == ["record.db"]
    listed = ussrfilms("watched", "list", "--json", env=env, cwd=tmp_path, capture_output=True)
    assert [(item["id"], item["rating"]) for item in json.loads(listed.stdout)] == [("stalker-1979", 4.5)]
