"""The console script's first and last lines: Ctrl-C is quiet from the first instruction, and the end is quick.

Importing the command line (Typer, Rich) takes tens of milliseconds; a Ctrl-C
in that time would otherwise print a KeyboardInterrupt traceback and end the
process by the signal. Until main() takes over, it ends the process at once
with status 130, as a shell expects of an interrupted command.

The cyclic garbage collector is switched off for the run, as short-lived
command-line tools often do: a command lasts a fraction of a second and
leaves little cyclic garbage, while the collector's passes over the tens of
thousands of objects that importing Typer and Rich creates cost about a
tenth of a run. Reference counting still frees everything else; the
benchmark's peak-memory lines (45 MB at 100,000 films and for a
100,000-row import) hold either way.

For the same reason the process ends without the interpreter's teardown,
once the command has finished and its output is flushed: tearing down what
importing Typer and Rich built (every module, class and cached object, one
at a time) took about 20 ms, a fifth of importing them, to free memory the
operating system takes back at once anyway. Nothing is left undone by then:
the record's connections are closed in `finally` blocks as each write ends,
files are written inside `with`, and the one `atexit` hook a run can leave
(logging's shutdown: Typer's usage errors import logging) has no handler to
flush. An error that escapes main() (a bug) still goes through the
interpreter's usual traceback and exit.

Only the console script does any of this: importing ussr_films as a library
leaves the collector and the interpreter's exit alone.
"""

# _signal, not signal: the signal module builds enums on import, which is
# itself long enough to be interrupted.
import _signal
import gc
import os
import sys

# Python's own status when it cannot flush standard output at exit.
FLUSH_FAILED = 120


def _interrupted_while_starting(signum, frame):
    os._exit(130)


def run() -> None:
    _signal.signal(_signal.SIGINT, _interrupted_while_starting)
    gc.disable()
    from .cli import main

    try:
        main()
    except SystemExit as exc:
        _end(exc.code)
    _end(0)


def _end(code) -> None:
    """Exit with code as sys.exit would (None is 0, text is printed and is 1), skipping the teardown."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        sys.stderr.write(f"{code}\n")
        status = 1
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        status = status or FLUSH_FAILED
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(status)
