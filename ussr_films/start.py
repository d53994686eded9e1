"""The console script's first lines: Ctrl-C is quiet from the first instruction.

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
100,000-row import) hold either way. Only the console script does this:
importing ussr_films as a library leaves the collector alone.
"""

# _signal, not signal: the signal module builds enums on import, which is
# itself long enough to be interrupted.
import _signal
import gc
import os


def _interrupted_while_starting(signum, frame):
    os._exit(130)


def run() -> None:
    _signal.signal(_signal.SIGINT, _interrupted_while_starting)
    gc.disable()
    from .cli import main

    main()
