"""Listing lays out the listings' tables exactly as Rich's Table does: same characters, same style on each."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ussr_films.listing import Listing
from ussr_films.render import _table

WORDS = st.sampled_from(
    ["Stalker", "Сталкер", "Andrei", "Tarkovsky", "の", "映画", "a", "", "Kin-dza-dza!", "1979",
     "Supercalifragilisticexpialidocious", "Ivan's", "Childhood", "—", "émigré"]
)  # fmt: skip
STYLES = st.sampled_from(["", "bold", "dim", "italic", "bold red"])


@st.composite
def cell(draw) -> Text:
    lines = draw(st.lists(st.lists(WORDS, max_size=6).map(" ".join), min_size=1, max_size=3))
    text = Text(lines[0], style=draw(STYLES))
    for line in lines[1:]:
        text.append_text(Text("\n" + line, style=draw(STYLES)))
    return text


@st.composite
def tables(draw):
    headers = draw(st.lists(WORDS.filter(bool), min_size=1, max_size=5))
    rows = draw(st.lists(st.lists(cell(), min_size=len(headers), max_size=len(headers)), max_size=6))
    title = draw(st.one_of(st.none(), st.lists(WORDS, max_size=12).map(" ".join)))
    made = []
    for kind in (Table, Listing):
        table = kind(box=box.SIMPLE_HEAD, title=Text(title) if title is not None else None, title_justify="left",
                     show_edge=False, pad_edge=False)  # fmt: skip
        for header in headers:
            table.add_column(header, overflow="fold")
        for row in rows:
            table.add_row(*(c.copy() for c in row))
        made.append(table)
    return made


def styled(table, width: int) -> list[tuple[str, Style]]:
    """Every character the table renders to, with the style it is shown in."""
    console = Console(width=width, color_system="truecolor", force_terminal=True, file=io.StringIO())
    return [
        (char, segment.style or Style.null())
        for segment in console.render(table, console.options)
        if not segment.control
        for char in segment.text
    ]


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(min_value=1, max_value=120))
def test_listing_renders_as_table_does(pair, width):
    table, listing = pair
    assert styled(listing, width) == styled(table, width)


def test_the_listings_tables_take_the_fast_layout():
    table = _table("Year", "Title", title="Films")
    table.add_row(Text("1979"), Text("Stalker"))
    console = Console(width=80, file=io.StringIO())
    assert isinstance(table, Listing) and table._simple(console.options)


def test_another_shape_is_left_to_table():
    listing = Listing(box=box.ROUNDED)
    listing.add_column("Title")
    listing.add_row("Stalker")
    console = Console(width=80, file=io.StringIO())
    assert not listing._simple(console.options)
    assert styled(listing, 40) == styled(_as_table(listing), 40)


def _as_table(listing: Listing) -> Table:
    table = Table(box=listing.box)
    table.add_column("Title")
    table.add_row("Stalker")
    return table


def printed(table, width: int) -> str:
    """What a console with no colour prints, each line's trailing spaces dropped (as the CLI does)."""
    console = Console(width=width, color_system=None, file=io.StringIO())
    with console.capture() as captured:
        console.print(table)
    return "".join(line.rstrip() + "\n" for line in captured.get().splitlines())


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(min_value=1, max_value=120))
def test_a_plain_listing_prints_as_table_does(pair, width):
    table, listing = pair
    console = Console(width=width, color_system=None, file=io.StringIO())
    plain = listing.plain(console)
    if plain is not None:  # None: wide or zero-width text, or too narrow, which Rich lays out itself
        assert plain == printed(table, width)


def test_the_thaw_is_printed_plain():
    from ussr_films import vocab
    from ussr_films.render import films_table

    era = vocab.resolve_era("thaw")
    table = films_table(vocab.films_in_era(era), "The Thaw")
    console = Console(width=80, color_system=None, file=io.StringIO())
    plain = table.plain(console)
    assert plain is not None and plain == printed(table, 80)
    assert "Я — Куба" in plain  # a dash, Cyrillic: one cell each, so still the fast layout


def test_wide_characters_are_left_to_rich():
    listing = _table("Year", "Title")
    listing.add_row(Text("1958"), Text("映画"))
    console = Console(width=80, color_system=None, file=io.StringIO())
    assert listing.plain(console) is None
