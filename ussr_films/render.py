"""Turn domain results into Rich renderables. Nothing here prints.

Catalogue text always goes in as rich.text.Text, never as markup, so a
title containing "[bold]" or ":sun:" shows literally.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Film, Recommendation, SearchHit
    from .paths import PathSummary, WatchPath
    from .people import Person
    from .record import RecordEntry
    from .vocab import Era, Mood

TABLE_BOX = box.SIMPLE_HEAD
MAX_REASONS = 4  # the table shows the strongest; --json carries them all


def _table(*columns: str, title: str | None = None) -> Table:
    table = Table(box=TABLE_BOX, title=title, title_justify="left", show_edge=False, pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _title_cell(film: Film) -> Text:
    text = Text(film.title, style="bold")
    if film.original_title and film.original_title != film.title:
        text.append("\n" + film.original_title, style="dim")
    return text


def _names(names: Sequence[str]) -> Text:
    return Text(", ".join(names))


def runtime(minutes: int | None) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    return f"{hours}h{rest:02d}" if hours else f"{rest} min"


def _seen_columns(seen: frozenset[str]) -> tuple[str, ...]:
    # The column appears only for people who keep a viewing record.
    return ("Seen",) if seen else ()


def _seen_cell(film: Film, seen: frozenset[str], tick: str) -> tuple[str, ...]:
    return (tick if film.id in seen else "",) if seen else ()


def search_table(hits: Sequence[SearchHit], query: str, seen: frozenset[str] = frozenset(), tick: str = "*") -> Table:
    table = _table("#", "Title", "Year", "Director", "Matched", *_seen_columns(seen), title=f"Films matching '{query}'")
    for rank, hit in enumerate(hits, start=1):
        film = hit.film
        table.add_row(
            str(rank), _title_cell(film), str(film.year), _names(film.directors), Text(hit.matched),
            *_seen_cell(film, seen, tick),
        )
    return table


def recommend_table(recs: Sequence[Recommendation], heading: str) -> Table:
    table = _table("#", "Title", "Year", "Director", "Why", title=heading)
    for rank, rec in enumerate(recs, start=1):
        film = rec.film
        table.add_row(
            str(rank), _title_cell(film), str(film.year), _names(film.directors), Text("; ".join(rec.reasons[:MAX_REASONS]))
        )
    return table


def eras_table(eras: Sequence[Era], fitting: str = "") -> Table:
    title = "Eras of Soviet cinema" + (f" (films: {fitting})" if fitting else "")
    table = _table("Era", "Name", "Years", "Films", "What it was", title=title)
    for era in eras:
        table.add_row(Text(era.id, style="bold"), Text(era.name), era.years, str(era.films), Text(era.description))
    return table


def films_table(films: Sequence[Film], heading: str, seen: frozenset[str] = frozenset(), tick: str = "*") -> Table:
    table = _table("Year", "Title", "Director", "Kind", *_seen_columns(seen), title=heading)
    for film in films:
        table.add_row(str(film.year), _title_cell(film), _names(film.directors), film.kind, *_seen_cell(film, seen, tick))
    return table


def record_table(entries: Sequence[RecordEntry], heading: str) -> Table:
    watchlist = any(entry.added_on is not None for entry in entries)
    columns = ("Added",) if watchlist else ("Watched", "Rating")
    table = _table("Title", "Year", "Director", *columns, title=heading)
    for entry in entries:
        film = entry.film
        extra = (entry.added_on or "",) if watchlist else (entry.watched_on or "", stars(entry.rating))
        table.add_row(_title_cell(film), str(film.year), _names(film.directors), *extra)
    return table


def stars(rating: float | None) -> str:
    if rating is None:
        return ""
    return f"{rating:g}/5"


def person_view(person: Person) -> Group:
    heading = Text(person.name, style="bold")
    if person.original_name and person.original_name != person.name:
        heading.append(f"  {person.original_name}", style="dim")
    if person.born:
        heading.append(f"  ({person.born}-{person.died or ''})")
    table = _table("Year", "Title", "Role", "Director")
    for credit in person.credits:
        film = credit.film
        table.add_row(str(film.year), _title_cell(film), ", ".join(credit.roles), _names(film.directors))
    return Group(heading, table)


def moods_table(moods: Sequence[Mood]) -> Table:
    table = _table("Mood", "Films", "What it means", "Also", title="Moods")
    for mood in moods:
        table.add_row(Text(mood.id, style="bold"), str(mood.films), Text(mood.description), Text(", ".join(mood.synonyms)))
    return table


def paths_table(summaries: Sequence[PathSummary]) -> Table:
    table = _table("Path", "Title", "For", "Steps", "Runtime", title="Watch paths")
    for summary in summaries:
        table.add_row(
            Text(summary.id, style="bold"),
            Text(summary.title),
            Text(summary.audience),
            str(summary.steps),
            runtime(summary.runtime_min),
        )
    return table


def path_view(path: WatchPath, seen: frozenset[str] = frozenset(), tick: str = "*") -> Group:
    """The steps in order; with a viewing record, watched steps ticked and the next one marked."""
    table = _table("#", "Film", "Year", "Runtime", "Why here", *_seen_columns(seen))
    upcoming = path.next_step(seen) if seen else None
    for step in path.steps:
        note = Text(step.note)
        if step.pair_with:
            note.append(f"\nPair with: {step.pair_with}", style="italic")
        is_next = upcoming is not None and step.position == upcoming.position
        marker = (("next" if is_next else tick if step.film.id in seen else ""),) if seen else ()
        table.add_row(
            str(step.position), _title_cell(step.film), str(step.film.year), runtime(step.film.runtime_min), note,
            *marker, style="reverse" if is_next else None,
        )
    heading = Text(path.title, style="bold")
    heading.append(f"  ({path.audience})", style="dim")
    parts = [heading, Text(path.description), Text(""), table]
    if seen:
        done = sum(1 for step in path.steps if step.film.id in seen)
        parts.append(Text(f"{done} of {len(path.steps)} watched."))
    return Group(*parts)


def film_card(film: Film, reasons: Sequence[str] = (), note: str = "") -> Panel:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    for label, value in _card_facts(film):
        if value:
            facts.add_row(label, Text(value))
    lead = []
    if note:
        lead += [Text(note, style="bold"), Text("")]
    if reasons:
        lead += [Text("Why: " + "; ".join(reasons)), Text("")]
    body = Group(
        *lead,
        facts,
        Text(""),
        Text(film.synopsis),
        Text(""),
        Text(film.context, style="italic"),
    )
    title = Text(f"{film.title} ({film.year})", style="bold")
    return Panel(body, title=title, title_align="left", box=box.ROUNDED, expand=False)


def _card_facts(film: Film) -> list[tuple[str, str]]:
    setting = ""
    if film.setting:
        start, end = film.setting["from"], film.setting["to"]
        setting = str(start) if start == end else f"{start}-{end}"
    censorship = ""
    if film.censorship:
        c = film.censorship
        when = ", ".join(
            part for part in (f"shelved {c['shelved']}" if c.get("shelved") else "",
                              f"released {c['released']}" if c.get("released") else "") if part
        )
        censorship = f"{when}: {c['reason']}" if when else c["reason"]
    awards = "\n".join(
        f"{a.get('award') or ''}, {a['body']} {a['year']} ({a['result']})".lstrip(", ") for a in film.awards
    )
    connections = "\n".join(_connection_line(c) for c in film.connections)
    return [
        ("Original title", film.original_title if film.original_title != film.title else ""),
        ("Transliteration", film.translit or ""),
        ("Also known as", "; ".join(film.alt_titles)),
        ("Directed by", ", ".join(film.directors)),
        ("Cast", ", ".join(film.cast)),
        ("Year", str(film.year)),
        ("Kind", film.kind + (" (television)" if film.made_for_tv else "")),
        ("Runtime", runtime(film.runtime_min)),
        ("Studio", film.studio or ""),
        ("Countries", ", ".join(film.countries)),
        ("Languages", ", ".join(film.languages)),
        ("Era", film.era),
        ("Perspective", film.perspective.replace("_", "-")),
        ("Set in", setting),
        ("Moods", ", ".join(film.moods)),
        ("Themes", ", ".join(film.themes)),
        ("Awards", awards),
        ("Tickets", f"{film.admissions:g} million in Soviet cinemas, first year" if film.admissions else ""),
        ("Censorship", censorship),
        ("Connections", connections),
        ("IMDb", film.imdb_id or ""),
        ("Id", film.id),
        ("Sources", "\n".join(film.refs)),
    ]


def _connection_line(connection: dict) -> str:
    target = connection.get("title") or connection.get("film", "")
    if connection.get("year") and connection.get("title"):
        target += f" ({connection['year']})"
    line = f"{connection['relation']}: {target}"
    if connection.get("note"):
        line += f" - {connection['note']}"
    return line


def orientation() -> Group:
    lines = [
        Text("ussrfilms", style="bold") + Text(": explore and get recommendations from Soviet cinema and films about the USSR."),
        Text("An offline catalogue, from Battleship Potemkin to Chernobyl."),
        Text(""),
        Text("Try:"),
        Text("  ussrfilms search stalker              find a film however you spell it"),
        Text("  ussrfilms recommend --mood harrowing  a film for a mood, with reasons"),
        Text("  ussrfilms path beginner               where to start, step by step"),
        Text(""),
        Text("More: ussrfilms --help, or ussrfilms COMMAND --help"),
    ]
    return Group(*lines)


def import_summary(outcome, dry_run: bool) -> Group:
    """Counts first, then every unmatched row with the closest catalogue films."""
    verb = "Would add" if dry_run else "Added"
    counts = _table("", "Films")
    counts.add_row(f"{verb} or update", str(len(outcome.added)))
    counts.add_row("Already in your record", str(len(outcome.present)))
    counts.add_row("Not in the catalogue", str(len(outcome.unmatched)))
    parts = [Text("Dry run: nothing was written." if dry_run else "Imported.", style="bold"), counts]
    if outcome.unmatched:
        table = _table("Row", "Title", "Year", "Closest in the catalogue", title="Unmatched rows")
        for match in outcome.unmatched:
            row = match.row
            table.add_row(Text(row.where), Text(row.title), str(row.year or ""), Text("; ".join(match.candidates)))
        parts += [Text(""), table]
    return Group(*parts)


def record_summary(summary) -> Group:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    facts.add_row("File", Text(str(summary.path)))
    if not summary.exists:
        facts.add_row("", Text("Not created yet: it starts with your first 'ussrfilms watched add'."))
        return Group(facts)
    facts.add_row("Watched", str(summary.watched))
    facts.add_row("Rated", str(summary.rated))
    facts.add_row("Watchlist", str(summary.watchlist))
    facts.add_row("Schema", Text(", ".join(summary.migrations) or "none"))
    for source, file, at, added, present, unmatched in summary.imports:
        facts.add_row("Import", Text(f"{at} {source} {file}: {added} added, {present} present, {unmatched} unmatched"))
    return Group(facts)
