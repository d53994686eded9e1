"""Run every `$ ussrfilms ...` example in README.md and compare its output with what the README shows.

    python -m tools.readme_examples            # check: exit 1 and a diff when an example drifted
    python -m tools.readme_examples --update   # rewrite the README's example outputs from real runs

Each ```console block runs in a fresh, empty viewing record, its commands in
order, at 80 columns with no colour, as a reader in a terminal would see
them piped. A line "..." in the README stands for any lines the example leaves
out; a comment after a command (`$ ussrfilms path beginner --next   # ...`)
is kept, and such a command's output is not shown. Blocks preceded by
`<!-- example: not run -->` (they need a file of the reader's) are skipped.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
FENCE = re.compile(r"```console\n(.*?)```", re.S)
SKIP = "<!-- example: not run -->"
ELIDED = "..."


def run(command: str, home: str) -> str:
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "USSRFILMS_HOME": home, "LANG": "C.UTF-8"}
    env.pop("FORCE_COLOR", None)
    argv = shlex.split(command)
    script = Path(sys.executable).parent / "ussrfilms"
    program = [str(script)] if script.exists() else [sys.executable, "-m", "ussr_films"]
    done = subprocess.run(
        program + argv[1:], capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL
    )
    out = done.stdout + done.stderr
    return "\n".join(line.rstrip() for line in out.rstrip("\n").split("\n"))


def blocks(text: str) -> list[re.Match]:
    return [m for m in FENCE.finditer(text) if not text[: m.start()].rstrip().endswith(SKIP)]


def parse(block: str) -> list[tuple[str, list[str]]]:
    """[(command line as written, the output lines the README shows)]."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            steps.append((line, []))
        elif steps:
            steps[-1][1].append(line)
    return steps


def command_of(line: str) -> str | None:
    """The ussrfilms command of a "$ " line, without a trailing comment; None for a pipe or another program."""
    command = line[2:].split("   #")[0].strip()
    if not command.startswith("ussrfilms") or "|" in command or ">" in command:
        return None
    return command


def matches(shown: list[str], real: list[str]) -> bool:
    """Whether real output fits the shown lines, where "..." stands for any run of lines."""
    pattern = "\n".join(re.escape(line.rstrip()) if line.strip() != ELIDED else r"(?:.*\n)*?.*" for line in shown)
    return re.fullmatch(pattern, "\n".join(real), re.S) is not None


def elide(shown: list[str], real: list[str]) -> list[str]:
    """The real output cut as the README cuts it: the lines before the first "..." and after the last."""
    if ELIDED not in [line.strip() for line in shown]:
        return real
    first = [line.strip() for line in shown].index(ELIDED)
    last = len(shown) - 1 - [line.strip() for line in shown][::-1].index(ELIDED)
    tail = len(shown) - last - 1
    return real[:first] + [ELIDED] + (real[-tail:] if tail else [])


def check(update: bool = False) -> int:
    text = README.read_text(encoding="utf-8")
    problems: list[str] = []
    pieces: list[str] = []
    cursor = 0
    for match in blocks(text):
        pieces.append(text[cursor : match.start(1)])
        with tempfile.TemporaryDirectory() as home:
            lines = []
            for line, shown in parse(match.group(1)):
                lines.append(line)
                command = command_of(line)
                if command is None or "   #" in line:
                    if command is not None:
                        run(command, home)  # its effect on the record counts; its output is not shown
                    lines += shown
                    continue
                real = run(command, home).split("\n") if command else []
                real = [] if real == [""] else real
                if not matches(shown, real):
                    problems.append(
                        f"{line}\n" + "\n".join(difflib.unified_diff(shown, real, "README", "real", lineterm="", n=1))
                    )
                lines += elide(shown, real) if update else shown
        pieces.append("\n".join(lines) + "\n")
        cursor = match.end(1)
    pieces.append(text[cursor:])
    if update:
        README.write_text("".join(pieces), encoding="utf-8")
        print(f"README examples rewritten; {len(problems)} had drifted")
        return 0
    for problem in problems:
        print(problem, end="\n\n")
    print(f"{len(problems)} README example(s) differ from real output" if problems else "README examples match")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(check(update="--update" in sys.argv[1:]))
