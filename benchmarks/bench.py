"""Whole-process latency and peak memory of ussrfilms, against honest baselines.

    python benchmarks/bench.py                 # the commands, 15 runs each
    python benchmarks/bench.py --runs 25 --scale 10000 100000
    python benchmarks/bench.py --runs 5 --import-rows 10000   # import rate only

Each figure is the median over N runs after one warm-up, of the wall time of a
whole process (start-up included) as a user at a shell feels it, and the peak
resident memory of that process (from the kernel's own accounting, wait4).
The commands take turns, round by round, so drift in a shared machine's speed
touches them all alike; ratios are the median of the per-round ratios.
Baselines run in the same session: `python -c "import sqlite3"` (the floor
for any Python tool), importing Typer and Rich (the floor for this stack) and
`sqlite-utils search` over the shipped catalogue (a
peer tool doing less work). With --scale, synthetic catalogues with the real
schema are generated and the search and recommend latencies are measured at
each size. Results print as a table and are written to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"

COMMANDS = {
    "--help": ["--help"],
    "search stalker": ["search", "stalker"],
    "search solyaris": ["search", "solyaris"],
    "search Сталкер": ["search", "Сталкер"],
    "recommend --mood harrowing": ["recommend", "--mood", "harrowing"],
    "recommend --like stalker": ["recommend", "--like", "stalker"],
    "path beginner": ["path", "beginner"],
    "show stalker": ["show", "stalker"],
    "by-era thaw": ["by-era", "thaw"],
    "genres": ["genres"],
    "person artemyev": ["person", "artemyev"],
}
# What a shell asks on Tab (see completion.py): the command line in COMP_WORDS.
COMPLETIONS = {
    "complete: show stalk<Tab>": ("ussrfilms show stalk", 2),
    "complete: recommend --mood har<Tab>": ("ussrfilms recommend --mood har", 3),
}


def completion_argv(base: list[str], words: str, cword: int) -> list[str]:
    """A bash completion request, as Typer's bash script makes it, run through env(1)."""
    env = shutil.which("env") or "/usr/bin/env"
    return [env, f"COMP_WORDS={words}", f"COMP_CWORD={cword}", "_USSRFILMS_COMPLETE=complete_bash", *base]


# What any Typer + Rich command pays before doing anything.
STACK_CODE = "import typer, rich.console, rich.table"
STACK = f'python -c "{STACK_CODE}" (the stack)'
# The stack again, ended as the console script ends (start.py): without the interpreter's teardown,
# which costs the stack itself about 20 ms. Not part of the budget: the like-for-like margin beside it.
QUICK_STACK_CODE = f"{STACK_CODE}, os; os._exit(0)"
QUICK_STACK = f'python -c "{QUICK_STACK_CODE}"'
SCALE_COMMANDS = {
    "search stalker": ["search", "stalker"],
    "search stalkr (fuzzy)": ["search", "stalkr"],
    "search Сталкер": ["search", "Сталкер"],
    "search white sun (all words)": ["search", "white", "sun"],
    "search war (common word)": ["search", "war"],
    # The synthetic films carry every mood but funny, harrowing and uplifting,
    # so eerie is the mood that grows with the catalogue.
    "recommend --mood eerie": ["recommend", "--mood", "eerie"],
    "recommend --like stalker": ["recommend", "--like", "stalker"],
}


def _environ() -> dict[str, str]:
    """This process's environment, less what would make a run unlike an installed copy's.

    PYTHONDONTWRITEBYTECODE would make every run compile the package from
    source again (tens of milliseconds): pip writes the bytecode at install.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall ms, peak RSS MB, exit status) of one whole process.

    A child's peak memory counts this process's size at the moment it starts
    (the kernel carries it across exec), so this process stays small: the
    synthetic catalogues are built in a child of their own.
    """
    devnull = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=devnull)
    _, status, usage = os.wait4(pid, 0)
    wall = (time.perf_counter() - start) * 1000
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)  # ru_maxrss: KiB on Linux


def measure_all(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, dict]:
    """Median and spread of wall time and peak memory per command, after one warm-up each.

    The commands take turns (A B C A B C ...), so a machine that slows down or
    speeds up during the session moves every command alike; ratios are taken
    round by round and their median reported.
    """
    for argv in commands.values():
        run_once(argv, env)  # warms the page cache
    samples: dict[str, list[tuple[float, float, int]]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, argv in commands.items():
            samples[label].append(run_once(argv, env))
    return {label: _summary(found) for label, found in samples.items()} | {"_rounds": samples}


def _summary(found: list[tuple[float, float, int]]) -> dict:
    walls = [wall for wall, _, _ in found]
    return {
        "median_ms": round(statistics.median(walls), 1),
        "min_ms": round(min(walls), 1),
        "max_ms": round(max(walls), 1),
        "peak_mb": round(statistics.median(peak for _, peak, _ in found), 1),
        "exit": found[-1][2],
    }


def paired_ratio(rounds: dict, label: str, baseline: str) -> float:
    return round(statistics.median(a[0] / b[0] for a, b in zip(rounds[label], rounds[baseline])), 2)


def _median_difference(rounds: dict, label: str, baseline: str) -> float:
    return round(statistics.median(a[0] - b[0] for a, b in zip(rounds[label], rounds[baseline])), 1)


def ussrfilms_argv() -> list[str]:
    script = Path(sys.executable).parent / "ussrfilms"
    if script.exists():
        return [str(script)]
    found = shutil.which("ussrfilms")
    if found:
        return [found]
    sys.exit("ussrfilms is not installed in this environment: pip install . first")


def catalogue_file() -> Path:
    from ussr_films import catalogue

    return catalogue.catalogue_path()


def run_commands(runs: int, home: str) -> list[dict]:
    base = ussrfilms_argv()
    env = {**_environ(), "COLUMNS": "100", "USSRFILMS_HOME": home}
    env.pop("USSRFILMS_CATALOGUE", None)
    floor_label, peer_label = 'python -c "import sqlite3" (floor)', "sqlite-utils search CATALOGUE films stalker (peer)"
    stack_label = STACK
    commands = {
        floor_label: [sys.executable, "-c", "import sqlite3"],
        stack_label: [sys.executable, "-c", STACK_CODE],
        QUICK_STACK: [sys.executable, "-c", QUICK_STACK_CODE],
    }
    sqlite_utils = Path(sys.executable).parent / "sqlite-utils"
    if sqlite_utils.exists():
        commands[peer_label] = [str(sqlite_utils), "search", str(catalogue_file()), "films", "stalker"]
    commands |= {f"ussrfilms {label}": base + args for label, args in COMMANDS.items()}
    commands |= {f"ussrfilms {label}": completion_argv(base, *words) for label, words in COMPLETIONS.items()}
    results = measure_all(commands, runs, env)
    rounds = results.pop("_rounds")
    rows = []
    for label, figures in results.items():
        row = {"command": label, **figures}
        if label.startswith("ussrfilms"):
            row["vs_floor"] = paired_ratio(rounds, label, floor_label)
            # The budget: at most the stack's own start-up plus 40 ms, round by round.
            row["over_stack_ms"] = _median_difference(rounds, label, stack_label)
            row["over_quick_stack_ms"] = _median_difference(rounds, label, QUICK_STACK)
            if peer_label in rounds:
                row["vs_peer"] = paired_ratio(rounds, label, peer_label)
        rows.append(row)
    return rows


def build_in_child(size: int, path: Path) -> None:
    code = (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); from pathlib import Path; "
        f"from synthetic import build_synthetic; build_synthetic({size}, Path({str(path)!r}))"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def run_scale(sizes: list[int], runs: int) -> list[dict]:
    base = ussrfilms_argv()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"catalogue-{size}.db"
            start = time.perf_counter()
            build_in_child(size, path)
            build_s = time.perf_counter() - start
            env = {**_environ(), "COLUMNS": "100", "USSRFILMS_CATALOGUE": str(path), "USSRFILMS_HOME": tmp}
            row = {"films": size, "build_s": round(build_s, 1), "size_mb": round(path.stat().st_size / 2**20, 1)}
            # The stack takes its turn in these rounds too: a scale command's multiple of it is taken
            # round by round, beside it, not against a median measured minutes earlier.
            scale_commands = {STACK: [sys.executable, "-c", STACK_CODE]}
            scale_commands |= {label: base + args for label, args in SCALE_COMMANDS.items()}
            scale_commands |= {label: completion_argv(base, *words) for label, words in COMPLETIONS.items()}
            results = measure_all(scale_commands, runs, env)
            rounds = results.pop("_rounds")
            for label in SCALE_COMMANDS:
                results[label]["x_stack"] = paired_ratio(rounds, label, STACK)
            row |= results
            rows.append(row)
    return rows


def letterboxd_file(rows: int, path: Path) -> None:
    """A ratings.csv of `rows` rows: every catalogue film as Letterboxd names it, then mainstream titles, over again.

    About half the rows name films the catalogue holds, the rest films it
    does not (tests/data/mainstream_ratings.csv), as for a person who logs
    everything they watch.
    """
    import csv
    import sqlite3

    conn = sqlite3.connect(f"file:{catalogue_file()}?mode=ro", uri=True)
    ours = conn.execute("SELECT title, year FROM films ORDER BY id").fetchall()
    with open(HERE.parent / "tests" / "data" / "mainstream_ratings.csv", encoding="utf-8") as handle:
        theirs = [(row["Name"], int(row["Year"])) for row in csv.DictReader(handle)]
    pool = [title_year for pair in zip(ours, theirs * (len(ours) // len(theirs) + 1)) for title_year in pair]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Date", "Name", "Year", "Letterboxd URI", "Rating"])
        for i in range(rows):
            title, year = pool[i % len(pool)]
            writer.writerow([f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}", title, year, "", (i % 10 + 1) / 2])


def run_import(rows: int, runs: int) -> dict:
    """Whole-process time and peak memory of importing a Letterboxd file of `rows` rows into an empty record."""
    base = ussrfilms_argv()
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "ratings.csv"
        letterboxd_file(rows, export)
        env = {**_environ(), "COLUMNS": "100", "USSRFILMS_HOME": str(Path(tmp) / "home")}
        env.pop("USSRFILMS_CATALOGUE", None)
        results = measure_all(
            {"import --dry-run": base + ["import", "letterboxd", str(export), "--dry-run"]}, runs, env
        )
        results.pop("_rounds")
        figure = results["import --dry-run"]
        return {"rows": rows, **figure, "rows_per_s": round(rows / (figure["median_ms"] / 1000))}


def machine() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
        "date": time.strftime("%Y-%m-%d"),
    }


def print_commands(rows: list[dict]) -> None:
    print(
        f"{'command':<68} {'median ms':>9} {'min':>7} {'max':>7} {'peak MB':>8} {'x floor':>8} {'x peer':>7}"
        f" {'+ms stack':>9} {'+ms quick':>9}"
    )
    for row in rows:
        print(
            f"{row['command']:<68} {row['median_ms']:>9} {row['min_ms']:>7} {row['max_ms']:>7} "
            f"{row['peak_mb']:>8} {row.get('vs_floor', ''):>8} {row.get('vs_peer', ''):>7}"
            f" {row.get('over_stack_ms', ''):>9} {row.get('over_quick_stack_ms', ''):>9}"
        )


def print_scale(rows: list[dict]) -> None:
    for row in rows:
        print(f"\n{row['films']} films: build {row['build_s']} s, {row['size_mb']} MB")
        for label in [STACK, *SCALE_COMMANDS, *COMPLETIONS]:
            figure = row[label]
            times = f"  {figure['x_stack']:>5}x stack" if "x_stack" in figure else ""
            print(f"  {label:<32} median {figure['median_ms']:>7} ms  peak {figure['peak_mb']:>6} MB{times}")


# Issue 17's speed budget: (what, limit). The stack is `import typer, rich.console, rich.table`.
OVER_STACK_MS = 40
PEER_RATIO = 0.8
SCALE_SEARCH_X_STACK = 2
SCALE_RECOMMEND_X_STACK = 3
PEAK_MB = 45


def budget(report: dict) -> list[tuple[str, str, str, bool]]:
    """Each line of the budget: (what, limit, measured, met)."""
    commands = {row["command"]: row for row in report["commands"]}
    lines = []
    for label, row in commands.items():
        if label.startswith("ussrfilms"):
            over = row["over_stack_ms"]
            lines.append((label, f"stack + {OVER_STACK_MS} ms", f"stack + {over} ms", over <= OVER_STACK_MS))
            lines.append((label, f"peak {PEAK_MB} MB", f"{row['peak_mb']} MB", row["peak_mb"] <= PEAK_MB))
    search = commands.get("ussrfilms search stalker", {})
    if "vs_peer" in search:
        lines.append(
            (
                f"search stalker vs sqlite-utils search ({report['runs']} rounds)",
                f"{PEER_RATIO}x",
                f"{search['vs_peer']}x",
                search["vs_peer"] <= PEER_RATIO,
            )
        )
    for row in report.get("scale", []):
        for label in SCALE_COMMANDS:
            figure = row[label]
            times = SCALE_RECOMMEND_X_STACK if label.startswith("recommend") else SCALE_SEARCH_X_STACK
            ratio = figure["x_stack"]
            what = f"{row['films']} films: {label}"
            lines.append((what, f"{times}x stack", f"{ratio}x stack", ratio <= times))
            lines.append((what, f"peak {PEAK_MB} MB", f"{figure['peak_mb']} MB", figure["peak_mb"] <= PEAK_MB))
    return lines


def print_budget(lines: list[tuple[str, str, str, bool]]) -> None:
    print(f"\nbudget: {sum(met for *_, met in lines)} of {len(lines)} met")
    for what, limit, measured, met in lines:
        print(f"  {'met ' if met else 'MISS'}  {what:<52} {limit:>16}  {measured:>18}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="counted runs per command (default 15)")
    parser.add_argument("--scale", type=int, nargs="*", default=[], help="synthetic catalogue sizes, e.g. 10000 100000")
    parser.add_argument("--import-rows", type=int, default=10_000, help="rows in the import benchmark (0 skips it)")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    sys.path.insert(0, str(HERE))
    with tempfile.TemporaryDirectory() as home:  # an empty viewing record, not the developer's
        report = {"machine": machine(), "runs": args.runs, "commands": run_commands(args.runs, home)}
    print_commands(report["commands"])
    if args.scale:
        report["scale"] = run_scale(args.scale, args.runs)
        print_scale(report["scale"])
    if args.import_rows:
        report["import"] = run_import(args.import_rows, max(3, args.runs // 3))
        figure = report["import"]
        print(
            f"\nimport letterboxd, {figure['rows']} rows (dry run, empty record): median {figure['median_ms']} ms, "
            f"{figure['rows_per_s']} rows/s, peak {figure['peak_mb']} MB"
        )
    report["budget"] = [
        {"what": what, "limit": limit, "measured": measured, "met": met}
        for what, limit, measured, met in budget(report)
    ]
    print_budget(budget(report))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
