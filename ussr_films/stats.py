"""What the catalogue holds, counted and laid on a time axis, for `stats` and `timeline`.

Plain data only: charts.py draws it, the CLI prints it or dumps it as JSON.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from . import vocab
from .models import Film
from .vocab import Era

NOT_RECORDED = "not recorded"
NO_REPUBLIC = "no republic"


@dataclass(frozen=True)
class Count:
    value: str | int | None  # what --json gives and a filter takes: an era id, a studio, 1970; None if unknown
    label: str  # what a chart shows
    films: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Breakdown:
    key: str  # "era", "studio"...
    title: str
    counts: list[Count]
    note: str = ""

    def to_dict(self) -> list[dict[str, Any]]:
        return [count.to_dict() for count in self.counts]


@dataclass(frozen=True)
class Coverage:
    key: str  # "imdb_id"
    label: str  # "IMDb id"
    films: int  # how many films have it
    of: int

    @property
    def percent(self) -> float:
        return 100 * self.films / self.of if self.of else 0.0


@dataclass(frozen=True)
class Stats:
    films: int
    breakdowns: list[Breakdown]
    coverage: list[Coverage]

    def to_dict(self) -> dict[str, Any]:
        return {
            "films": self.films,
            **{b.key: b.to_dict() for b in self.breakdowns},
            "coverage": {c.key: {"films": c.films, "of": c.of} for c in self.coverage},
        }


# Fields whose coverage stats reports: the ids join users' Letterboxd and IMDb files.
COVERED = (("imdb_id", "IMDb id"), ("tmdb_id", "TMDb id"))


def stats(films: Sequence[Film]) -> Stats:
    """Films counted by era, perspective, kind, studio, republic and decade, and by the people behind the camera."""
    return Stats(
        films=len(films),
        breakdowns=[
            _by_era(films, vocab.eras()),
            _by_perspective(films),
            _by_count("kind", "Films by kind", (film.kind for film in films)),
            _by_count(
                "studio",
                "Films by studio (a co-production counts for each)",
                (studio for film in films for studio in film.studios or (None,)),
                unknown=NOT_RECORDED,
            ),
            _by_count(
                "republic",
                "Films by republic",
                (film.republic for film in films),
                unknown=NO_REPUBLIC,
                note=f"{NO_REPUBLIC}: made by a studio outside the Soviet republics, or the studio is not recorded.",
            ),
            _by_decade(films),
            _by_count(
                "cinematographer",
                "Films by cinematographer (a film shot by two counts for each)",
                (name for film in films for name in film.cinematographers or (None,)),
                unknown=NOT_RECORDED,
            ),
            _by_count(
                "composer",
                "Films by composer",
                (name for film in films for name in film.composers or (None,)),
                unknown=NOT_RECORDED,
            ),
            _by_count(
                "source",
                "Adaptations by the author adapted",
                (name for film in films for name in (film.source or {}).get("authors", [])),
            ),
        ],
        coverage=[
            Coverage(key, label, sum(1 for film in films if getattr(film, key)), len(films)) for key, label in COVERED
        ],
    )


def _by_era(films: Sequence[Film], eras: Sequence[Era]) -> Breakdown:
    """In chronological order: the production eras, then the two perspectives."""
    counts = Counter(film.era for film in films)
    return Breakdown("era", "Films by era", [Count(era.id, era.id, counts[era.id]) for era in eras])


def _by_perspective(films: Sequence[Film]) -> Breakdown:
    counts = Counter(film.perspective for film in films)
    return Breakdown(
        "perspective",
        "Films by perspective",
        [Count(p, p.replace("_", "-"), counts[p]) for p in vocab.PERSPECTIVES],
    )


def _by_count(key: str, title: str, values: Iterable[str | None], unknown: str = "", note: str = "") -> Breakdown:
    """Most films first, then by name; films with no value last (the note explains them)."""
    counts = Counter(values)
    missing = counts.pop(None, 0)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
    rows = [Count(value, value, films) for value, films in ordered]
    if missing:
        rows.append(Count(None, unknown, missing))
    return Breakdown(key, title, rows, note if missing else "")


def _by_decade(films: Sequence[Film]) -> Breakdown:
    counts = Counter(film.year // 10 * 10 for film in films)
    return Breakdown("decade", "Films by decade", [Count(d, f"{d}s", counts[d]) for d in sorted(counts)])


# -- the timeline ----------------------------------------------------------

AXIS_START = 1917


@dataclass(frozen=True)
class EraSpan:
    id: str
    name: str
    start: int
    end: int
    films: int


@dataclass(frozen=True)
class Shelving:
    """A film the censors held back: completed in year, released (if ever recorded) in released."""

    id: str
    title: str
    year: int
    shelved: int
    released: int | None

    @property
    def held(self) -> int | None:
        return None if self.released is None else self.released - self.year


@dataclass(frozen=True)
class Timeline:
    start: int
    end: int
    eras: list[EraSpan]
    per_year: dict[int, int]
    shelved: list[Shelving]

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "eras": [asdict(era) for era in self.eras],
            "films_per_year": [{"year": year, "films": films} for year, films in self.per_year.items()],
            "shelved": [{**asdict(s), "held_years": s.held} for s in self.shelved],
        }


def timeline(films: Sequence[Film]) -> Timeline:
    """The eras from 1917 to the latest film, films per year, and every shelved film."""
    end = max(film.year for film in films)
    counts = Counter(film.year for film in films)
    return Timeline(
        start=AXIS_START,
        end=end,
        eras=[_span(era, films, end) for era in vocab.eras()],
        per_year={year: counts[year] for year in range(AXIS_START, end + 1)},
        shelved=_shelved(films),
    )


def _span(era: Era, films: Sequence[Film], end: int) -> EraSpan:
    """A production era spans its years; a perspective (post-Soviet, Western) spans its films."""
    years = [film.year for film in films if film.era == era.id]
    if era.group == "production" or not years:
        return EraSpan(era.id, era.name, era.start, era.end or end, len(years))
    return EraSpan(era.id, era.name, min(years), max(years), len(years))


def _shelved(films: Iterable[Film]) -> list[Shelving]:
    found = [
        Shelving(film.id, film.title, film.year, film.censorship["shelved"], film.censorship.get("released"))
        for film in films
        if film.censorship and film.censorship.get("shelved")
    ]
    return sorted(found, key=lambda s: (s.year, s.released or 9999, s.title, s.id))


@dataclass(frozen=True)
class Section:
    key: str  # "facts", "soviet", "refs": a key of --json
    title: str
    lines: list[Coverage]


@dataclass(frozen=True)
class DataReport:
    """How complete the catalogue's structured data is: `stats --data`."""

    films: int
    sections: list[Section]

    def to_dict(self) -> dict[str, Any]:
        return {
            "films": self.films,
            **{s.key: {c.key: {"films": c.films, "of": c.of} for c in s.lines} for s in self.sections},
        }


# The kinds of reference data/refs.toml names, as the report words them.
REFERENCE_KINDS = (
    ("encyclopedia", "an encyclopedia"),
    ("archive", "a film archive or institute"),
    ("festival", "a festival"),
    ("database", "a major film database"),
    ("press", "the press or scholarship (beside them)"),
)


def data_report(films: Sequence[Film], reference_kinds: Mapping[str, set[str]]) -> DataReport:
    """Each field's coverage; crew and studio over Soviet films, which are the ones that have them to give."""
    soviet = [film for film in films if film.perspective == "soviet"]

    def share(key: str, label: str, group: Sequence[Film], has: Callable[[Film], object]) -> Coverage:
        return Coverage(key, label, sum(1 for film in group if has(film)), len(group))

    return DataReport(
        films=len(films),
        sections=[
            Section(
                "facts",
                "Every film",
                [
                    share("runtime", "running time", films, lambda f: f.runtime_min),
                    share("imdb_id", "IMDb id", films, lambda f: f.imdb_id),
                    share("tmdb_id", "TMDb id", films, lambda f: f.tmdb_id),
                    share("awards", "at least one award", films, lambda f: f.awards),
                    share("canons", "placed in a critics' or audience list", films, lambda f: f.canons),
                    share("censorship", "censorship history", films, lambda f: f.censorship),
                ],
            ),
            Section(
                "soviet",
                "Soviet films",
                [
                    share("studio", "studio", soviet, lambda f: f.studio),
                    share("writers", "screenwriters", soviet, lambda f: f.writers),
                    share("cinematographers", "cinematographers", soviet, lambda f: f.cinematographers),
                    share("composers", "composers", soviet, lambda f: f.composers),
                    share("source", "the work adapted named", soviet, lambda f: f.source),
                ],
            ),
            Section(
                "refs",
                "Films citing a page from",
                [
                    share(kind, label, films, lambda f, kind=kind: kind in reference_kinds.get(f.id, ()))
                    for kind, label in REFERENCE_KINDS
                ],
            ),
        ],
    )
