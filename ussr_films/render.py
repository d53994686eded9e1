"""Turn domain results into Rich renderables. Nothing here prints.

Catalogue text always goes in as rich.text.Text, never as markup, so a
title containing "[bold]" or ":sun:" shows literally; `_text` also strips
terminal control sequences from it (see safe_text.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .labels import award_line, censorship_line, connection_line, setting_years
from .listing import Listing, narrow
from .models import VERSION_RELATIONS

if TYPE_CHECKING:
    from .models import Film, Recommendation, SearchHit
    from .paths import PathSummary, WatchPath
    from .people import Person
    from .record import RecordEntry
    from .vocab import Era, Mood

from .safe_text import strip_controls

TABLE_BOX = box.SIMPLE_HEAD
MAX_REASONS = 4  # the table shows the strongest; --json carries them all


def _text(value, style: str = "") -> Text:
    """Outside text for display: literal (no markup), without control characters."""
    return Text(strip_controls(str(value)), style=style)


def _row(table: Table, *cells, style: str | None = None) -> None:
    table.add_row(*(_text(cell) if isinstance(cell, str) else cell for cell in cells), style=style)


def _table(*columns: str, title: str | None = None) -> Table:
    table = Listing(
        box=TABLE_BOX,
        title=_text(title) if title is not None else None,
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _title_cell(film: Film) -> Text:
    text = _text(film.title, style="bold")
    if film.original_title and film.original_title != film.title:
        text.append_text(_text("\n" + film.original_title, style="dim"))
    return text


# Under the year in listings, where a film was made when not in the USSR.
MADE_ABROAD = {"western": "Western", "post_soviet": "post-Soviet", "emigre": "émigré"}


def _year_cell(film: Film) -> Text:
    text = _text(str(film.year))
    if film.perspective in MADE_ABROAD:
        text.append_text(_text("\n" + MADE_ABROAD[film.perspective], style="dim"))
    return text


def _names(names: Sequence[str]) -> Text:
    return _text(", ".join(names))


def runtime(minutes: int | None) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    return f"{hours}h{rest:02d}" if hours else f"{rest} min"


def _card_runtime(minutes: int | None) -> str:
    """ "2h41 (161 min)" on a card; a film under an hour is already in minutes: "41 min", not "41 min (41 min)"."""
    if not minutes or minutes < 60:
        return runtime(minutes)
    return f"{runtime(minutes)} ({minutes} min)"


def _seen_columns(seen: frozenset[str]) -> tuple[str, ...]:
    # The column appears only for people who keep a viewing record.
    return ("Seen",) if seen else ()


def _seen_cell(film: Film, seen: frozenset[str], tick: str) -> tuple[str, ...]:
    return (tick if film.id in seen else "",) if seen else ()


def search_table(hits: Sequence[SearchHit], query: str, seen: frozenset[str] = frozenset(), tick: str = "*") -> Table:
    table = _table("#", "Title", "Year", "Director", "Matched", *_seen_columns(seen), title=f"Films matching '{query}'")
    for rank, hit in enumerate(hits, start=1):
        film = hit.film
        _row(
            table,
            str(rank),
            _title_cell(film),
            _year_cell(film),
            _names(film.directors),
            _text(hit.matched),
            *_seen_cell(film, seen, tick),
        )
    return table


def recommend_table(recs: Sequence[Recommendation], heading: str) -> Table:
    table = _table("#", "Title", "Year", "Director", "Why", title=heading)
    for rank, rec in enumerate(recs, start=1):
        film = rec.film
        _row(
            table,
            str(rank),
            _title_cell(film),
            _year_cell(film),
            _names(film.directors),
            _text("; ".join(rec.reasons[:MAX_REASONS])),
        )
    return table


def eras_table(eras: Sequence[Era], fitting: str = "") -> Table:
    title = "Eras of Soviet cinema" + (f" (films: {fitting})" if fitting else "")
    table = _table("Era", "Name", "Years", "Films", "What it was", title=title)
    for era in eras:
        _row(table, _text(era.id, style="bold"), _text(era.name), era.years, str(era.films), _text(era.description))
    return table


def films_table(films: Sequence[Film], heading: str, seen: frozenset[str] = frozenset(), tick: str = "*") -> Table:
    table = _table("Year", "Title", "Director", "Kind", *_seen_columns(seen), title=heading)
    for film in films:
        _row(table, str(film.year), _title_cell(film), _names(film.directors), film.kind, *_seen_cell(film, seen, tick))
    return table


def record_table(entries: Sequence[RecordEntry], heading: str) -> Table:
    watchlist = any(entry.added_on is not None for entry in entries)
    columns = ("Added",) if watchlist else ("Watched", "Rating")
    table = _table("Title", "Year", "Director", *columns, title=heading)
    for entry in entries:
        film = entry.film
        extra = (entry.added_on or "",) if watchlist else (entry.watched_on or "", stars(entry.rating))
        _row(table, _title_cell(film), str(film.year), _names(film.directors), *extra)
    return table


def stars(rating: float | None) -> str:
    if rating is None:
        return ""
    return f"{rating:g}/5"


def person_view(person: Person) -> Group:
    heading = _text(person.name, style="bold")
    if person.original_name and person.original_name != person.name:
        heading.append_text(_text(f"  {person.original_name}", style="dim"))
    if person.born:
        # "(1908-)" would read as still living; with no death year given, say only what is known.
        life = f"{person.born}-{person.died}" if person.died else f"born {person.born}"
        heading.append_text(_text(f"  ({life})"))
    table = _table("Year", "Title", "Role", "Director")
    for credit in person.credits:
        film = credit.film
        _row(table, str(film.year), _title_cell(film), ", ".join(credit.roles), _names(film.directors))
    return Group(heading, table)


def genres_table(genres) -> Table:
    return _words_table(genres, "Genre", "What it holds", title="Genres")


def moods_table(moods: Sequence[Mood]) -> Table:
    return _words_table(moods, "Mood", "What it means", title="Moods")


def _words_table(words, name: str, meaning: str, *, title: str) -> Table:
    """Moods and genres: the words recommend takes, each with its film count, meaning and synonyms."""
    table = _table(name, "Films", meaning, "Also", title=title)
    for word in words:
        _row(
            table,
            _text(word.id, style="bold"),
            str(word.films),
            _text(word.description),
            _text(", ".join(word.synonyms)),
        )
    return table


def paths_table(summaries: Sequence[PathSummary]) -> Table:
    table = _table("Path", "Title", "For", "Steps", "Runtime", title="Watch paths")
    for summary in summaries:
        _row(
            table,
            _text(summary.id, style="bold"),
            _text(summary.title),
            _text(summary.audience),
            str(summary.steps),
            runtime(summary.runtime_min),
        )
    return table


def path_view(path: WatchPath, seen: frozenset[str] = frozenset(), tick: str = "*") -> Group:
    """The steps in order; with a viewing record, watched steps ticked and the next one marked."""
    table = _table("#", "Film", "Year", "Runtime", "Why here", *_seen_columns(seen))
    upcoming = path.next_step(seen) if seen else None
    for step in path.steps:
        note = _text(step.note)
        if step.pair_with:
            note.append_text(_text(f"\nPair with: {step.pair_with}", style="italic"))
        is_next = upcoming is not None and step.position == upcoming.position
        marker = (("next" if is_next else tick if step.film.id in seen else ""),) if seen else ()
        _row(
            table,
            str(step.position),
            _title_cell(step.film),
            str(step.film.year),
            runtime(step.film.runtime_min),
            note,
            *marker,
            style="reverse" if is_next else None,
        )
    heading = _text(path.title, style="bold")
    heading.append_text(_text(f"  ({path.audience})", style="dim"))
    parts = [heading, _text(path.description), _text(""), table]
    if seen:
        done = sum(1 for step in path.steps if step.film.id in seen)
        parts.append(_text(f"{done} of {len(path.steps)} watched."))
    return Group(*parts)


def film_card(film: Film, reasons: Sequence[str] = (), note: str = "", lead: str = "") -> Group:
    """Everything the catalogue holds on one film, in the order a film lover asks for it.

    A heading (English title and year), a grid of facts (rows with nothing
    in them are left out), then the synopsis and why the film matters. No
    frame: at 80 columns every cell of width goes to the facts, and a pipe
    gets plain lines.
    """
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    for label, value in _card_facts(film):
        if value:
            _row(facts, label, value if isinstance(value, Text) else _text(value))
    parts: list[RenderableType] = []
    if lead:
        parts += [_text(lead, style="bold"), _text("")]
    if note:
        parts += [_text(note, style="bold"), _text("")]
    if reasons:
        parts += [_text("Why: " + "; ".join(reasons)), _text("")]
    heading = _text(f"{film.title} ({film.year})", style="bold")
    parts += [heading, _text(""), facts, _text(""), _text(film.synopsis)]
    if film.context:
        parts += [_text(""), _text(film.context, style="italic")]
    return Group(*parts)


def tonight_line(film: Film, reasons: Sequence[str], like: Sequence[Film] = ()) -> str:
    """The pick as one sentence: "Tonight, watch Mimino (1977): funny; under 100 minutes." """
    seeds = " and ".join(seed.title for seed in like)
    line = (
        f"Tonight, like {seeds}, watch {film.title} ({film.year})"
        if seeds
        else f"Tonight, watch {film.title} ({film.year})"
    )
    return line + (f": {'; '.join(reasons)}." if reasons else ".")


PERSPECTIVES = {
    "soviet": "Soviet: made in the USSR",
    "post_soviet": "post-Soviet: made in a former republic after 1991",
    "western": "Western: made outside the USSR",
    "emigre": "émigré: made abroad by a film-maker who had left the USSR",
}
WATCH_KINDS = {"search": "a search on the rights holder's channel", "page": "a named page"}
REF_LINE = 72  # a ref longer than this is cut with an ellipsis, never wrapped


def _card_facts(film: Film) -> list[tuple[str, str | Text]]:
    setting = setting_years(film.setting) if film.setting else ""
    awards = "\n".join(award_line(award) for award in film.awards)
    canons = "\n".join((f"#{c['rank']} in " if c.get("rank") else "in ") + c["name"] for c in film.canons)
    versions = [c for c in film.connections if c["relation"] in VERSION_RELATIONS or c.get("chained")]
    others = [c for c in film.connections if c not in versions]
    studio = film.studio or ""
    if studio and film.republic:
        studio += f" ({film.republic})"
    return [
        ("Original title", _original(film)),
        ("Also known as", "; ".join(film.alt_titles)),
        ("Year", _years(film)),
        ("Runtime", _card_runtime(film.runtime_min)),
        ("Directed by", ", ".join(film.directors)),
        ("Written by", _writers(film)),
        ("Photography", ", ".join(film.cinematographers)),
        ("Music", ", ".join(film.composers)),
        ("Design", ", ".join(film.production_designers)),
        ("Cast", ", ".join(film.cast)),
        ("Kind", film.kind + (" (television)" if film.made_for_tv else "")),
        ("Survives", "no: the film is lost; only fragments or stills remain" if film.lost else ""),
        ("Scope", f"kept, though outside the catalogue's scope: {film.outside_scope}" if film.outside_scope else ""),
        ("Studio", studio),
        ("Countries", ", ".join(film.countries)),
        ("Languages", ", ".join(film.languages) or ("silent" if not film.languages else "")),
        ("Era", film.era),
        ("Perspective", PERSPECTIVES.get(film.perspective, film.perspective)),
        ("Set in", setting),
        ("Moods", ", ".join(film.moods)),
        ("Themes", ", ".join(film.themes)),
        ("Canons", canons),
        ("Prizes", awards),
        ("Tickets", f"{film.admissions:g} million in Soviet cinemas, first year" if film.admissions else ""),
        ("Censorship", censorship_line(film.censorship) if film.censorship else ""),
        ("Other versions", "\n".join(connection_line(c) for c in versions)),
        ("Connections", "\n".join(connection_line(c) for c in others)),
        ("Where to watch", _watch(film)),
        ("IMDb", f"https://www.imdb.com/title/{film.imdb_id}/" if film.imdb_id else ""),
        ("TMDb", f"https://www.themoviedb.org/movie/{film.tmdb_id}" if film.tmdb_id else ""),
        ("Id", film.id),
        ("Sources", _refs(film.refs)),
    ]


def _original(film: Film) -> str:
    if film.original_title == film.title:
        return ""
    if film.translit and film.translit != film.original_title:
        return f"{film.original_title} ({film.translit})"
    return film.original_title


def _writers(film: Film) -> str:
    writers = ", ".join(film.writers)
    source = film.source
    if not source:
        return writers
    authors = " and ".join(source.get("authors", []))
    title = source["title"] + (f" ({source['original_title']})" if source.get("original_title") else "")
    adapted = f"from the {source.get('kind', 'work')} {title}" + (f" by {authors}" if authors else "")
    return f"{writers}, {adapted}" if writers else adapted[0].upper() + adapted[1:]


def _years(film: Film) -> str:
    """The listed year, with the years it was completed or released when they differ."""
    released = film.year_released
    if released is None and film.censorship and film.censorship.get("released"):
        released = film.censorship["released"]
    others = [
        f"{what} {year}"
        for what, year in (("completed", film.year_completed), ("released", released))
        if year and year != film.year
    ]
    return f"{film.year} ({', '.join(others)})" if others else str(film.year)


def readable_url(url: str) -> str:
    """url as people read it: percent-escapes decoded (Cyrillic shows), spaces kept escaped so it stays one link."""
    from urllib.parse import unquote

    return unquote(url).replace(" ", "%20")


def short_url(url: str) -> str:
    """A ref as a short readable line: no scheme, no www., no trailing slash, escapes decoded."""
    text = readable_url(url)
    for prefix in ("https://", "http://"):
        text = text.removeprefix(prefix)
    return text.removeprefix("www.").rstrip("/")


def _refs(refs: Sequence[str]) -> Text:
    lines = [short_url(ref) for ref in refs]
    lines = [line if len(line) <= REF_LINE else line[: REF_LINE - 1] + "\u2026" for line in lines]
    text = _text("\n".join(lines))
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


def _watch(film: Film) -> Text | str:
    if not film.free:
        return "no free, legal source recorded yet"
    text = Text()
    for position, link in enumerate(film.free):
        notes = []
        if link.get("named"):
            notes.append("a reference names the film there")
        if link.get("subtitles"):
            notes.append(f"{', '.join(link['subtitles'])} subtitles")
        line = f"{link['channel']}: {WATCH_KINDS.get(link.get('kind', ''), 'a named page')}"
        line += f" ({'; '.join(notes)})" if notes else ""
        if position:
            text.append("\n")
        text.append_text(_text(line + "\n"))
        # Shown, not linked: an OSC 8 hyperlink is a terminal control sequence, which we never print.
        text.append_text(_text(readable_url(link["url"]).replace("://www.", "://", 1)))
    return text


def orientation() -> Group:
    lines = [
        _text("ussrfilms", style="bold")
        + _text(": explore and get recommendations from Soviet cinema and films about the USSR."),
        _text("An offline catalogue, from Battleship Potemkin to Chernobyl."),
        _text(""),
        _text("Try:"),
        _text("  ussrfilms search stalker              find a film however you spell it"),
        _text("  ussrfilms recommend --mood harrowing  a film for a mood, with reasons"),
        _text("  ussrfilms path beginner               where to start, step by step"),
        _text(""),
        _text("More: ussrfilms --help, or ussrfilms COMMAND --help"),
    ]
    return Group(*lines)


UNMATCHED_SHOWN = 200


def import_summary(outcome, dry_run: bool) -> Group:
    """Counts first, then every unmatched row with the closest catalogue films."""
    counts = _table("", "Rows")
    _row(counts, "Would add or update" if dry_run else "Added or updated", str(len(outcome.added)))
    _row(counts, "Already in your record", str(len(outcome.present)))
    _row(counts, "Not in the catalogue", str(len(outcome.unmatched)))
    parts = [_text("Dry run: nothing was written." if dry_run else "Imported.", style="bold"), counts]
    if outcome.unmatched:
        table = _table("Row", "Title", "Year", "Closest in the catalogue", title="Unmatched rows")
        for match in outcome.unmatched[:UNMATCHED_SHOWN]:
            row = match.row
            _row(table, _text(row.where), _text(row.title), str(row.year or ""), _text("; ".join(match.candidates)))
        parts += [_text(""), table]
        more = len(outcome.unmatched) - UNMATCHED_SHOWN
        if more > 0:
            # A table of 50,000 rows would cost more memory than the import itself.
            parts.append(_text(f"... and {more:,} more unmatched rows; --json lists every one."))
    return Group(*parts)


def record_summary(summary) -> Group:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    _row(facts, "File", _text(str(summary.path)))
    if not summary.exists:
        _row(facts, "", _text("Not created yet: it starts with your first 'ussrfilms watched add'."))
        return Group(facts)
    _row(facts, "Watched", str(summary.watched))
    _row(facts, "Rated", str(summary.rated))
    _row(facts, "Watchlist", str(summary.watchlist))
    _row(facts, "Schema", _text(", ".join(summary.migrations) or "none"))
    for source, file, at, added, present, unmatched in summary.imports:
        _row(facts, "Import", _text(f"{at} {source} {file}: {added} added, {present} present, {unmatched} unmatched"))
    return Group(facts)


# -- narrow terminals --------------------------------------------------------


LONGEST_WORD = 20  # longer words (links) are folded anywhere, even when there is room


def fit(renderable: RenderableType, console: Console) -> RenderableType:
    """renderable as it best shows at console's width.

    A table whose words cannot fit side by side would have Rich cut every
    title into slivers (or, narrower still, drop columns); it is shown
    instead as one block per row, "Column: value", where text wraps at spaces.
    """
    if _needed(renderable, console) <= console.width:
        return renderable
    if isinstance(renderable, Group):
        return Group(*(fit(part, console) for part in renderable.renderables))
    if isinstance(renderable, Panel):
        return Group(renderable.title or _text(""), fit(renderable.renderable, console))
    if isinstance(renderable, Table):
        return _stacked(renderable)
    return renderable


def _needed(renderable: RenderableType, console: Console) -> int:
    """The narrowest width at which renderable shows without breaking a word."""
    if isinstance(renderable, Group):
        return max((_needed(part, console) for part in renderable.renderables), default=0)
    if isinstance(renderable, Panel):
        return _needed(renderable.renderable, console) + 4  # borders and padding
    if isinstance(renderable, Table):
        _, right, _, left = renderable.padding
        gap = left + right + (1 if renderable.box else 0)
        widths = [_column_needed(column, console) for column in renderable.columns]
        return sum(widths) + gap * max(len(widths) - 1, 0)
    if isinstance(renderable, Text):
        return min(_longest_word(renderable.plain), LONGEST_WORD)
    return 0


def _column_needed(column, console: Console) -> int:
    cells = list(column.cells) + ([column.header] if column.header else [])
    if column.no_wrap:
        return max((_widest_line(cell, console) for cell in cells), default=0)
    return max((_needed(cell if not isinstance(cell, str) else Text(cell), console) for cell in cells), default=0)


# Measured on the plain text, as Rich's own measurement does for Text, but
# without its machinery: a listing of 130 films measures 650 cells.
def _longest_word(plain: str) -> int:
    words = plain.split()
    if narrow(plain):
        return max(map(len, words), default=0)
    return max((cell_len(word) for word in words), default=0)


def _widest_line(cell, console: Console) -> int:
    if isinstance(cell, (str, Text)):
        plain = cell if isinstance(cell, str) else cell.plain
        return max((cell_len(line) for line in plain.split("\n")), default=0)
    return Measurement.get(console, console.options.update(width=10_000), cell).maximum


def _stacked(table: Table) -> Group:
    columns = [(column.header if table.show_header else "", list(column.cells)) for column in table.columns]
    blocks: list[RenderableType] = [table.title] if table.title else []
    for index in range(table.row_count):
        lines = []
        for header, cells in columns:
            cell = cells[index]
            if isinstance(cell, Text) and not cell.plain.strip():
                continue
            lines.append(_text(f"{header}: ", style="bold") + cell if header else cell)
        if table.show_header:
            blocks += [*lines, _text("")]
        else:
            # A grid's rows are label and value: one line each.
            blocks.append(_text(": ").join(lines))
    return Group(*blocks)
