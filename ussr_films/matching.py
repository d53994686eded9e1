"""Matching rows from other services' exports to catalogue films, and applying them.

Each row goes through the resolver's `match_row` (see resolver.py): the IMDb
or TMDb id when the row carries one, else an exact title in any field and
romanisation, or a unique short title, with the row's year, a year within
one, or any year the film is known by. Nothing fuzzy is written: a row that
fits no film, or several, is listed as unmatched with up to three plausible
candidates, for the user to settle with `rate` or `watched add`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .imports import Row
from .resolver import match_row


@dataclass(frozen=True)
class Match:
    row: Row
    # The film's id, not its record: nothing an import shows needs more, and
    # 10,000 rows holding records cost the memory budget's last 10 MB.
    film_id: str | None
    candidates: list[str] = field(default_factory=list)  # labels, when unmatched


@dataclass
class Outcome:
    """What an import did (or, with --dry-run, would do)."""

    added: list[Match] = field(default_factory=list)
    present: list[Match] = field(default_factory=list)
    unmatched: list[Match] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "added": [_match_dict(m) for m in self.added],
            "already_present": [_match_dict(m) for m in self.present],
            "unmatched": [_match_dict(m) for m in self.unmatched],
        }


def _match_dict(match: Match) -> dict:
    data = {"list": match.row.list, "title": match.row.title, "year": match.row.year, "where": match.row.where}
    if match.film_id:
        data["film_id"] = match.film_id
    if match.candidates:
        data["closest"] = match.candidates
    return data


# Candidates for an unmatched row come from a fuzzy search, four fifths of
# the cost of matching it. Past this many distinct unmatched titles (the
# summary shows 200) they are left out, which keeps a file of 100,000 made-up
# titles to seconds rather than a minute.
MAX_SUGGESTED = 2_000


def match_rows(rows: list[Row]) -> list[Match]:
    """Each row's film; rows naming the same title, year and ids are matched once."""
    settled: dict[tuple, tuple[str | None, list[str]]] = {}
    unmatched = 0
    for row in rows:
        key = (row.title, row.year, row.original_title, row.imdb_id, row.tmdb_id)
        if key not in settled:
            found = match_row(
                row.title,
                row.year,
                original_title=row.original_title,
                imdb_id=row.imdb_id,
                tmdb_id=row.tmdb_id,
                suggest=unmatched < MAX_SUGGESTED,
            )
            unmatched += found.film_id is None
            settled[key] = (found.film_id, found.candidates)
    matches = []
    for row in rows:
        film_id, candidates = settled[(row.title, row.year, row.original_title, row.imdb_id, row.tmdb_id)]
        matches.append(Match(row, film_id) if film_id else Match(row, None, candidates))
    return matches


def apply(matches: list[Match], *, source: str, file: str, dry_run: bool) -> Outcome:
    """Write matched rows to the record in one transaction; dry_run writes nothing.

    A row is "already present" only when its film was in the record before
    this import and the row changes nothing; a film the file names twice
    (a Letterboxd export lists a film in watched, diary and ratings) is
    added once and counted with the added rows.
    """
    from . import record

    outcome = Outcome()
    outcome.unmatched = [m for m in matches if m.film_id is None]
    matched = [m for m in matches if m.film_id is not None]
    watched: dict[str, record.Watched | None] = {entry.film_id: entry for entry in record.watched()}
    wanted = {entry.film_id for entry in record.watchlist()}
    before = {"watched": set(watched), "watchlist": set(wanted)}

    def count(match: Match, changed: bool) -> None:
        fresh = changed or match.film_id not in before[match.row.list]
        (outcome.added if fresh else outcome.present).append(match)

    if dry_run:
        # Replay the rows on a copy of the record, by the same rule the writer uses.
        for match in matched:
            film_id, row = match.film_id, match.row
            if row.list == "watchlist":
                changed = film_id not in wanted
                wanted.add(film_id)
            else:
                after = record.merged(watched.get(film_id), row.date, row.rating, overwrite=False)
                changed = after is not None
                if changed:
                    watched[film_id] = record.Watched(film_id, *after)
            count(match, changed)
        return outcome
    with record.writing() as writer:
        for match in matched:
            if match.row.list == "watchlist":
                changed = writer.want(match.film_id, on=match.row.date, source=source)
            else:
                changed = writer.mark_watched(
                    match.film_id, on=match.row.date, rating=match.row.rating, source=source, overwrite=False
                )
            count(match, changed)
        writer.log_import(source, file, len(outcome.added), len(outcome.present), len(outcome.unmatched))
    return outcome
