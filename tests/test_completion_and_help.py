"""Tab completion through the shells' own protocol, the top-level help, and pictures that line up."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ussr_films import completion

SCRIPT = Path(sys.executable).parent / "ussrfilms"
needs_script = pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is installed by pip install")


def complete_bash(words: str) -> list[str]:
    """What bash's completion function receives, as Typer's bash script asks for it."""
    parts = words.split(" ")
    env = {**os.environ, "_USSRFILMS_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    out = subprocess.run([str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    return [line for line in out.stdout.splitlines() if line]


def complete_zsh(words: str) -> str:
    env = {**os.environ, "_USSRFILMS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}
    out = subprocess.run([str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    return out.stdout


@needs_script
@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("ussrfilms recommend --mood har", ["harrowing"]),
        ("ussrfilms recommend --mood мр", ["мрачный"]),
        ("ussrfilms recommend --era th", ["thaw"]),
        ("ussrfilms by-era stag", ["stagnation"]),
        ("ussrfilms search --kind anim", ["animation"]),
        ("ussrfilms search --canon bbc", ["bbc-2018"]),
        ("ussrfilms search --decade 197", ["1970s"]),
        ("ussrfilms search --studio mosf", ["mosfilm"]),
        ("ussrfilms search --republic geo", ["georgia"]),
        ("ussrfilms path beg", ["beginner"]),
        ("ussrfilms show stalk", ["stalker-1979", "stalker"]),
        ("ussrfilms show Сталк", ["Сталкер"]),
        ("ussrfilms rate come-and", ["come-and-see-1985"]),
        ("ussrfilms watched add mirr", ["mirror-1975", "mirror"]),
        ("ussrfilms watchlist add solaris-19", ["solaris-1968", "solaris-1972"]),
        ("ussrfilms recommend --like stalk", ["stalker-1979", "stalker"]),
        ("ussrfilms sta", ["stats"]),
        ("ussrfilms watched a", ["add"]),
    ],
)
def test_bash_completes_values_paths_and_films(words, offered):
    assert complete_bash(words)[: len(offered)] == offered


@needs_script
def test_zsh_is_offered_films_with_their_titles():
    out = complete_zsh("ussrfilms show stalk")
    assert '"stalker-1979":"Stalker (1979)"' in out


@needs_script
def test_nothing_matching_offers_nothing():
    assert complete_bash("ussrfilms show qqqqq") == []
    assert complete_bash("ussrfilms recommend --mood zzz") == []


@needs_script
@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not on this machine")
def test_the_script_bash_installs_completes_in_bash(tmp_path):
    script = subprocess.run(
        ["bash", "-c", f"{SCRIPT} --show-completion"], capture_output=True, text=True, timeout=30
    ).stdout
    assert "_USSRFILMS_COMPLETE=complete_bash" in script
    (tmp_path / "completion.sh").write_text(script)
    probe = (
        f"source {tmp_path / 'completion.sh'}; "
        "COMP_WORDS=(ussrfilms recommend --mood har); COMP_CWORD=3; _ussrfilms_completion ussrfilms; "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    env = {**os.environ, "PATH": f"{SCRIPT.parent}:{os.environ['PATH']}"}
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, env=env, timeout=30)
    assert out.stdout.split() == ["harrowing"]


def test_film_completion_reads_titles_in_any_script():
    assert ("сталкер", "Stalker (1979)") in completion.films("сталк")
    assert completion.films("") == []
    assert len(completion.films("the")) <= completion.MAX_FILMS * 5


def test_a_broken_catalogue_offers_nothing_rather_than_a_traceback(monkeypatch, tmp_path):
    from ussr_films import catalogue

    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database")
    monkeypatch.setenv(catalogue.CATALOGUE_ENV, str(broken))
    catalogue.connection.cache_clear()
    assert completion.films("stalk") == []
    assert completion.moods("har") == []


# -- the top-level help ----------------------------------------------------------


def typer_help(columns: int) -> str:
    """Typer's own rich help screen, drawn the slow way."""
    code = "import sys; sys.argv = ['ussrfilms', '--help']; from ussr_films.cli import app; app()"
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60).stdout


@needs_script
@pytest.mark.parametrize("columns", [40, 80, 120])
def test_the_quick_help_screen_is_typers_own_line_for_line(columns):
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"}
    ours = subprocess.run([str(SCRIPT), "--help"], capture_output=True, text=True, env=env, timeout=60).stdout
    strip = lambda text: [line.rstrip() for line in text.splitlines()]  # noqa: E731
    assert strip(ours) == strip(typer_help(columns))
    assert "--install-c" in ours and "watchlist" in ours


# -- pictures ----------------------------------------------------------------------


def _svg_texts(svg: str) -> list[tuple[float, float, str]]:
    return [
        (float(x), float(y), text.replace("&#160;", " "))
        for x, y, text in re.findall(r'<text[^>]* x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg)
    ]


def test_the_svg_timeline_puts_each_year_over_its_bars(run, tmp_path):
    target = tmp_path / "timeline.svg"
    assert run("timeline", "--svg", str(target)).exit_code == 0
    texts = _svg_texts(target.read_text())
    ticks = {text: x for x, _, text in texts if re.fullmatch(r"(19|20)\d0|1917", text)}
    assert {"1917", "1930", "1960", "1990"} <= set(ticks)
    # The revolution era runs from 1917: its first bar cell sits under the 1917 label.
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in texts:
        rows.setdefault(y, []).append((x, text))
    revolution = next(cells for cells in rows.values() if any(text.startswith("revolution") for _, text in cells))
    first_bar = min(x for x, text in revolution if set(text) == {"█"})
    assert ticks["1917"] == first_bar
    labels = [x for x, text in revolution if text.startswith("revolution")]
    assert ticks["1917"] > labels[0]  # over the bars, not over the era names


def test_stats_saves_its_charts_as_svg_too(run, tmp_path):
    target = tmp_path / "stats.svg"
    result = run("stats", "--svg", str(target))
    assert result.exit_code == 0 and "Saved the charts" in result.stdout
    svg = target.read_text()
    assert svg.startswith("<svg") and "Films by era" in svg.replace("&#160;", " ")
    assert run("stats", "--svg", str(target)).exit_code != 0  # never replaced unless forced
    assert run("stats", "--svg", str(target), "--force").exit_code == 0
    assert run("stats", "--svg", str(target), "--json").exit_code == 2


def test_moods_answer_to_their_russian_names(run_json):
    assert run_json("recommend", "--mood", "мрачный", "-n", "3") == run_json("recommend", "--mood", "bleak", "-n", "3")
    assert run_json("recommend", "--mood", "жуткий", "-n", "3") == run_json("recommend", "--mood", "eerie", "-n", "3")


@pytest.mark.parametrize(
    ("russian", "era"),
    [
        ("оттепель", "thaw"),
        ("Оттепель", "thaw"),
        ("застой", "stagnation"),
        ("перестройка", "perestroika"),
        ("революция", "revolution"),
        ("сталинская эпоха", "stalinist"),
        ("хрущёв", "thaw"),
        ("хрущев", "thaw"),
    ],
)
def test_eras_answer_to_their_russian_names_wherever_an_era_is_taken(run_json, russian, era):
    films = run_json("by-era", russian)
    assert films and {film["era"] for film in films} == {era}
    assert run_json("search", "--era", russian, "war") == run_json("search", "--era", era, "war")
    assert run_json("recommend", "--era", russian, "-n", "3") == run_json("recommend", "--era", era, "-n", "3")


@needs_script
def test_bash_completes_russian_era_names():
    assert complete_bash("ussrfilms by-era отт") == ["оттепель"]
