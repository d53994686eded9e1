"""Run many ussrfilms command lines under one environment, each in a fresh fork.

`python tests/cli_driver.py` reads a JSON list of argument lists on stdin and
prints, as JSON, each one's exit status, stdout and stderr (as latin-1 text,
so every byte survives). Each command line runs through `ussr_films.cli.main`
in a forked child whose stdout and stderr are files, exactly as
`python -m ussr_films ARGS > out 2> err` would, but one interpreter start
serves the lot: the environment battery stays fast.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile

WARM = (
    "ussr_films.render",
    "ussr_films.searching",
    "ussr_films.recommending",
    "ussr_films.people",
    "ussr_films.vocab",
    "ussr_films.export",
    "ussr_films.record",
    "ussr_films.paths",
    "ussr_films.matching",
    "rich.console",
    "rich.table",
    "rapidfuzz.fuzz",
    "rapidfuzz.process",
)
# Not typer.rich_utils: it reads FORCE_COLOR when imported, which must happen
# after main() has settled the environment, as it does in a real run.


def run_one(args: list[str]) -> dict:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:  # the child: becomes `ussrfilms ARGS`
            code = 70
            try:
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                sys.argv = ["ussrfilms", *args]
                main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                try:
                    sys.stdout.flush()
                    sys.stderr.flush()
                except BaseException:
                    import traceback

                    traceback.print_exc()
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        out.seek(0)
        err.seek(0)
        return {
            "args": args,
            "code": os.waitstatus_to_exitcode(status),
            "stdout": out.read().decode("latin-1"),
            "stderr": err.read().decode("latin-1"),
        }


if __name__ == "__main__":
    from ussr_films.cli import main  # once, before the forks

    # Modules the commands import lazily, loaded here once rather than in every fork.
    for name in WARM:
        __import__(name)

    results = [run_one(args) for args in json.load(sys.stdin)]
    sys.__stdout__.buffer.write(json.dumps(results).encode())
