"""Matching rows from other services' exports to catalogue films, and applying them.

In order: the IMDb id where the catalogue has one; an exact title (English,
original, transliterated or alternative, in any romanisation) within a year
of the row's; then a fuzzy title within a year, if only one film fits.
Same-title films (Solaris 1968, 1972, 2002) are told apart by year and never
merged; a row that fits several equally is reported, not guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import catalogue
from .imports import Row
from .models import Film
from .search import FUZZY, Filters, search, suggestions
from .text import search_key

YEAR_SLACK = 1


@dataclass(frozen=True)
class Match:
    row: Row
    film: Film | None
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
    if match.film:
        data["film_id"] = match.film.id
    if match.candidates:
        data["closest"] = match.candidates
    return data


def match_rows(rows: list[Row]) -> list[Match]:
    by_imdb = {film.imdb_id: film for film in catalogue.all_films() if film.imdb_id}
    return [_match(row, by_imdb) for row in rows]


def _near(film: Film, year: int | None) -> bool:
    return year is None or abs(film.year - year) <= YEAR_SLACK


def _match(row: Row, by_imdb: dict[str, Film]) -> Match:
    if row.imdb_id and row.imdb_id in by_imdb:
        return Match(row, by_imdb[row.imdb_id])
    titles = [row.title] + ([row.original_title] if row.original_title else [])
    exact: dict[str, Film] = {}
    for title in titles:
        key = search_key(title)
        if not key:
            continue
        ids = [film_id for (film_id,) in catalogue.query("SELECT DISTINCT film_id FROM title_keys WHERE key = ?", [key])]
        for film in catalogue.films_by_id(ids).values():
            if _near(film, row.year):
                exact[film.id] = film
    chosen = _settle(list(exact.values()), row.year)
    if chosen:
        return Match(row, chosen)
    if len(exact) > 1:
        return Match(row, None, sorted(film.label for film in exact.values()))
    fuzzy = {
        hit.film.id: hit.film
        for title in titles
        for hit in search(title, limit=10, filters=Filters())
        if hit.tier >= FUZZY and _near(hit.film, row.year)
    }
    chosen = _settle(list(fuzzy.values()), row.year)
    if chosen:
        return Match(row, chosen)
    closest = sorted(film.label for film in fuzzy.values()) or suggestions(row.title)
    return Match(row, None, closest)


def _settle(films: list[Film], year: int | None) -> Film | None:
    """The one film among near-year candidates, preferring the exact year."""
    if len(films) == 1:
        return films[0]
    same_year = [film for film in films if film.year == year]
    return same_year[0] if len(same_year) == 1 else None


def apply(matches: list[Match], *, source: str, file: str, dry_run: bool) -> Outcome:
    """Write matched rows to the record in one transaction; dry_run writes nothing."""
    from . import record

    outcome = Outcome()
    outcome.unmatched = [m for m in matches if m.film is None]
    matched = [m for m in matches if m.film is not None]
    if dry_run:
        # Replay the rows on a copy of the record, by the same rule the writer uses.
        watched: dict[str, record.Watched | None] = {entry.film_id: entry for entry in record.watched()}
        wanted = {entry.film_id for entry in record.watchlist()}
        for match in matched:
            film_id, row = match.film.id, match.row
            if row.list == "watchlist":
                changed = film_id not in wanted
                wanted.add(film_id)
            else:
                after = record.merged(watched.get(film_id), row.date, row.rating, overwrite=False)
                changed = after is not None
                if changed:
                    watched[film_id] = record.Watched(film_id, *after)
            (outcome.added if changed else outcome.present).append(match)
        return outcome
    with record.writing() as writer:
        for match in matched:
            if match.row.list == "watchlist":
                changed = writer.want(match.film.id, on=match.row.date, source=source)
            else:
                changed = writer.mark_watched(
                    match.film.id, on=match.row.date, rating=match.row.rating, source=source, overwrite=False
                )
            (outcome.added if changed else outcome.present).append(match)
        writer.log_import(source, file, len(outcome.added), len(outcome.present), len(outcome.unmatched))
    return outcome

