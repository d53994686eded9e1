"""The console script's first lines: Ctrl-C is quiet from the first instruction.

Importing the command line (Typer, Rich) takes tens of milliseconds; a Ctrl-C
in that time would otherwise print a KeyboardInterrupt traceback and end the
process by the signal. Until main() takes over, it ends the process at once
with status 130, as a shell expects of an interrupted command.
"""

# _signal, not signal: the signal module builds enums on import, which is
# itself long enough to be interrupted.
import _signal
import os


def _interrupted_while_starting(signum, frame):
    os._exit(130)


def run() -> None:
    _signal.signal(_signal.SIGINT, _interrupted_while_starting)
    from .cli import main

    main()
