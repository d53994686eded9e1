"""The main tables and the card, drawn at fixed widths without colour, as Rich's own tests pin renders.

The films are a fixed copy (tests/golden/films.json), so a change to the
catalogue never moves these; only a change to how things are drawn does.
After an intended change to the drawing, rewrite the expected files with

    USSRFILMS_UPDATE_GOLDEN=1 pytest tests/test_golden_renders.py

and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from rich.console import Console

from ussr_films.models import Film, Recommendation, SearchHit
from ussr_films.render import film_card, films_table, fit, recommend_table, search_table

GOLDEN = Path(__file__).parent / "golden"
FILMS = {data["id"]: Film.from_dict(data) for data in json.loads((GOLDEN / "films.json").read_text(encoding="utf-8"))}
STALKER, CRANES, COME_AND_SEE = FILMS["stalker-1979"], FILMS["the-cranes-are-flying-1957"], FILMS["come-and-see-1985"]


def _draw(renderable, width: int) -> str:
    console = Console(
        width=width, force_terminal=False, no_color=True, highlight=False, emoji=False, legacy_windows=False
    )
    with console.capture() as captured:
        console.print(fit(renderable, console))
    return "\n".join(line.rstrip() for line in captured.get().splitlines()) + "\n"


RENDERS = {
    "search": lambda: search_table(
        [SearchHit(STALKER, "title", 0, 100.0), SearchHit(CRANES, "cinematographer", 3, 40.0)], "stalker"
    ),
    "recommend": lambda: recommend_table(
        [
            Recommendation(COME_AND_SEE, 2.0, ["harrowing", "wwii theme", "Golden Prize, Moscow 1985"]),
            Recommendation(CRANES, 1.5, ["heartbreaking", "Palme d'Or, Cannes 1958"]),
        ],
        "Recommended: harrowing",
    ),
    "films": lambda: films_table([CRANES, STALKER, COME_AND_SEE], "Thaw and after", seen=frozenset({"stalker-1979"})),
    "card": lambda: film_card(CRANES),
}


@pytest.mark.parametrize("width", [80, 50])
@pytest.mark.parametrize("name", sorted(RENDERS))
def test_the_render_matches_its_golden_copy(name, width):
    drawn = _draw(RENDERS[name](), width)
    expected = GOLDEN / f"{name}-{width}.txt"
    if os.environ.get("USSRFILMS_UPDATE_GOLDEN"):
        expected.write_text(drawn, encoding="utf-8")
    assert drawn == expected.read_text(encoding="utf-8")
