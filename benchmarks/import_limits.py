"""Memory and time of imports, real and hostile, and of megabyte arguments (issue 19).

    python benchmarks/import_limits.py            # every case, 3 runs each
    python benchmarks/import_limits.py --runs 1

Each case runs the whole `ussrfilms` process, as a user would, and reports
its wall time and peak resident memory from the kernel's accounting (wait4),
as bench.py does. The targets: a real 50,000-row Letterboxd export in at
most 100 MB; any hostile file refused (or, within the caps, imported) in at
most 200 MB and under 30 s; a megabyte argument refused within a second.
The files are made in a temporary directory and removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import string
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import letterboxd_file, machine, measure_all, ussrfilms_argv  # noqa: E402

RESULTS = HERE / "results"
HEADER = b"Date,Name,Year,Letterboxd URI,Rating\n"
ROW = b"2023-01-01,Stalker,1979,https://boxd.it/a,4\n"


def _deflated(path: Path, member: str, size: int) -> None:
    """A ZIP whose one member is `size` bytes of repeated rows, written as a stream."""
    block = ROW * (2**20 // len(ROW))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open(member, "w", force_zip64=True) as out:
            out.write(HEADER)
            written = len(HEADER)
            while written < size:
                out.write(block)
                written += len(block)


def _real_export(rows: int, path: Path, tmp: Path) -> None:
    """A Letterboxd export ZIP of `rows` rows, split as an export is: watched, diary, ratings, watchlist."""
    ratings = tmp / "pool.csv"
    letterboxd_file(rows, ratings)
    lines = ratings.read_text(encoding="utf-8").splitlines()[1:]
    quarter = len(lines) // 4
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "watched.csv",
            "Date,Name,Year,Letterboxd URI\n" + "\n".join(line.rsplit(",", 1)[0] for line in lines[:quarter]) + "\n",
        )
        archive.writestr(
            "diary.csv",
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
            + "\n".join(f"{line},,,{line[:10]}" for line in lines[quarter : 2 * quarter])
            + "\n",
        )
        archive.writestr(
            "ratings.csv", "Date,Name,Year,Letterboxd URI,Rating\n" + "\n".join(lines[2 * quarter : 3 * quarter]) + "\n"
        )
        archive.writestr(
            "watchlist.csv",
            "Date,Name,Year,Letterboxd URI\n"
            + "\n".join(line.rsplit(",", 1)[0] for line in lines[3 * quarter :])
            + "\n",
        )


def _made_up_titles(rows: int, path: Path) -> None:
    """`rows` distinct titles that name no film: the most work an import within the caps can ask for."""
    random.seed(19)
    letters = string.ascii_lowercase + "     "
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER.decode())
        for i in range(rows):
            title = "".join(random.choice(letters) for _ in range(random.randint(10, 60))).strip() or "x"
            out.write(f"2023-01-01,{title} {i},{1920 + i % 90},https://boxd.it/{i},{(i % 10 + 1) / 2}\n")


def _many_entries(entries: int, path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(entries):
            archive.writestr(f"x/{i}.txt", "")


WORDS = "@66000 words"


def _expanded(argv: list[str]) -> list[str]:
    # 66,000 references to one string: half a megabyte in this process, where
    # 66,000 strings decoded from JSON would add 20 MB to every child's figure.
    word = "stalkerstalker"
    return [part for arg in argv for part in ([word] * 66_000 if arg == WORDS else [arg])]


def cases(tmp: Path) -> dict[str, tuple[list[str], str]]:
    """label -> (arguments after `ussrfilms`, what is expected)."""
    made: dict[str, tuple[list[str], str]] = {}
    real = tmp / "letterboxd-export.zip"
    _real_export(50_000, real, tmp)
    made["real export ZIP, 50,000 rows, --dry-run"] = (["import", "letterboxd", str(real), "--dry-run"], "imported")
    made["real export ZIP, 50,000 rows, written"] = (["import", "letterboxd", str(real)], "imported")
    csv_50k = tmp / "ratings.csv"
    letterboxd_file(50_000, csv_50k)
    made["real ratings.csv, 50,000 rows, --dry-run"] = (["import", "letterboxd", str(csv_50k), "--dry-run"], "imported")

    bomb = tmp / "bomb-50mb.zip"
    _deflated(bomb, "ratings.csv", 50 * 2**20)
    made[f"ZIP of {bomb.stat().st_size // 1024} KB expanding to 50 MB"] = (
        ["import", "letterboxd", str(bomb)],
        "refused",
    )
    gib = tmp / "bomb-1gib.zip"
    _deflated(gib, "diary.csv", 2**30)
    made[f"ZIP of {gib.stat().st_size / 2**20:.1f} MB expanding to 1 GiB"] = (
        ["import", "letterboxd", str(gib)],
        "refused",
    )
    big = tmp / "big.csv"
    with open(big, "wb") as out:
        out.write(HEADER)
        block = ROW * (2**20 // len(ROW))
        for _ in range(200):
            out.write(block)
    made["CSV of 200 MB"] = (["import", "letterboxd", str(big)], "refused")
    made["/dev/zero"] = (["import", "letterboxd", "/dev/zero"], "refused")
    line = tmp / "one-line.csv"
    with open(line, "wb") as out:
        out.write(HEADER)
        out.write(b"x" * (63 * 2**20))
    made["CSV of 63 MB in one line"] = (["import", "letterboxd", str(line)], "refused")
    over = tmp / "over.csv"
    with open(over, "wb") as out:
        out.write(HEADER)
        out.write(ROW * 100_001)
    made["CSV of 100,001 rows (over the row cap)"] = (["import", "letterboxd", str(over)], "refused")
    made_up = tmp / "made-up.csv"
    _made_up_titles(100_000, made_up)
    made["CSV of 100,000 distinct made-up titles, --dry-run"] = (
        ["import", "letterboxd", str(made_up), "--dry-run"],
        "imported",
    )
    entries = tmp / "entries.zip"
    _many_entries(50_000, entries)
    made["ZIP of 50,000 entries"] = (["import", "letterboxd", str(entries)], "refused")

    # A megabyte of words (one argument may be at most 128 KB), expanded only when run: see _expanded.
    for command in (["search"], ["show"], ["rate"], ["watched", "add"], ["person"]):
        tail = ["4"] if command == ["rate"] else []
        made[f"{' '.join(command)} with 1 MB of words"] = ([*command, WORDS, *tail], "refused")
    made["recommend --like with a 128 KB argument"] = (["recommend", "--like", "x" * 131_000], "refused")
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", type=Path, default=RESULTS / "import_limits.json")
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)  # internal: make the files in DIR, print the cases
    args = parser.parse_args()
    if args.make:
        print(json.dumps(cases(args.make)))
        return 0
    base = ussrfilms_argv()
    report = {"machine": machine(), "runs": args.runs, "cases": []}
    with tempfile.TemporaryDirectory() as tmp:
        # Made in a child: a process's peak memory counts its parent's size at
        # fork, so this process must stay small (see bench.run_once).
        made = json.loads(
            subprocess.run([sys.executable, __file__, "--make", tmp], capture_output=True, check=True, text=True).stdout
        )
        for label, (argv, expected) in made.items():
            # Each case has a record of its own (the written import: its warm-up run fills it, so the
            # counted runs are re-imports of the same file, as a user importing it again would do).
            home = tempfile.mkdtemp(dir=tmp)
            env = {**os.environ, "COLUMNS": "100", "USSRFILMS_HOME": home}
            env.pop("USSRFILMS_CATALOGUE", None)
            figure = measure_all({label: base + _expanded(argv)}, args.runs, env)[label]
            status = {0: "imported", 2: "refused"}.get(figure["exit"], f"exit {figure['exit']}")
            row = {"case": label, "expected": expected, "outcome": status, **figure}
            report["cases"].append(row)
            print(
                f"{label:<58} {status:>9}  median {figure['median_ms'] / 1000:>6.2f} s  "
                f"max {figure['max_ms'] / 1000:>6.2f} s  peak {figure['peak_mb']:>6.1f} MB",
                flush=True,
            )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.output}")
    wrong = [row["case"] for row in report["cases"] if row["outcome"] != row["expected"]]
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
