"""Start-up stays light: the CLI module imports only what every command needs."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlite_utils", "rapidfuzz", "iuliia", "ussr_films.build", "ussr_films.search", "ussr_films.recommend")


def modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout
    return set(out.split())


def test_importing_the_cli_loads_no_heavy_module():
    loaded = modules_after("import ussr_films.cli")
    assert not [name for name in HEAVY if name in loaded]


def test_an_exact_search_does_not_load_the_fuzzy_matcher():
    loaded = modules_after(
        "from ussr_films.search import search\nassert search('stalker')[0].film.id == 'stalker-1979'"
    )
    assert "rapidfuzz" not in loaded and "iuliia" not in loaded
