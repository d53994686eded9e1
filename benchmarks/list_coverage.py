"""How much of two public lists of renowned Soviet films the catalogue holds.

    python benchmarks/list_coverage.py                  # downloads the two lists as published (pinned commits)
    python benchmarks/list_coverage.py --kinopoisk ussr-movies.ts --tspdt tspdt-starting-list.csv
    python benchmarks/list_coverage.py --json           # the figures and the missing films, as JSON

It also checks our crew against the Kinopoisk list's own credits (names
without roles): each writer, cinematographer and composer of a film the list
holds should be named there.

The lists, each read in the form its repository publishes it:

- Kinopoisk, the 250 most-voted feature films whose countries include the
  USSR (a saved kinopoisk.dev answer, about October 2023, in a TypeScript
  file of a public quiz game): an audience list. Matched by Russian or
  English title and year (one year either way, or any of the film's years).
  Kinopoisk lists the parts of some television serials apart ("Шерлок Холмс
  и доктор Ватсон: Знакомство"); a part whose serial the catalogue holds
  whole counts as held, and is reported as such. So does a segment of an
  anthology that Kinopoisk lists on its own (SEGMENTS).
- They Shoot Pictures, Don't They?, the 2024 starting list (every film in
  its ranking, with IMDb ids), the Soviet films: the USSR among a film's
  countries and a Soviet one first ("USSR-Georgia", "Estonia-USSR", not
  "Hungary-USSR"): a critics' list. Matched by IMDb id, then by title and year.

Nothing is written to the catalogue; the figures are printed.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

KINOPOISK_URL = (
    "https://raw.githubusercontent.com/gitSergeyhab/guess_the_movie_server/"
    "bbc34292ad4364d293aa45782c00ea7e332eb2c6/src/data/ussr/ussr-movies.ts"
)
TSPDT_URL = (
    "https://raw.githubusercontent.com/gcuddy/tspdt-explorer/"
    "0f8c7a54c3b152fb702c40f97c9fcd8534269a36/packages/api/tspdt-starting-list.csv"
)
ROMAN = str.maketrans("хі", "xi")
NEAR_YEARS = 3  # a title only one film has may be listed up to this many years from ours (made 1968, shown 1970)
KINOPOISK_BANDS = ((1, 25), (26, 50), (51, 100), (101, 150), (151, 200), (201, 250))


@dataclass
class Entry:
    place: int  # its row in the list as read: what the figures key on (TSPDT ranks can be 0, "unranked in 2024")
    rank: int
    title: str
    year: int
    titles: list[str]
    imdb_id: str | None = None
    kind: str = "feature"
    people: list[str] = field(default_factory=list)  # the list's own credits, where it gives them (no roles)


@dataclass
class Coverage:
    name: str
    entries: list[Entry]
    held: dict[int, str] = field(default_factory=dict)  # place -> catalogue id
    as_part: dict[int, str] = field(default_factory=dict)  # place -> the serial's catalogue id

    def share(self, entries: Iterable[Entry]) -> tuple[int, int]:
        entries = list(entries)
        return sum(1 for e in entries if e.place in self.held or e.place in self.as_part), len(entries)

    def missing(self) -> list[Entry]:
        return [e for e in self.entries if e.place not in self.held and e.place not in self.as_part]


def key(title: str) -> str:
    """A title as search compares it (search_key), with Roman numerals typed in Cyrillic read as Latin ("ХХ века")."""
    from ussr_films.text import search_key

    return " ".join(w.translate(ROMAN) if set(w) <= set("хіxiv") else w for w in search_key(title).split())


def read_kinopoisk(text: str) -> list[Entry]:
    start = text.index("=", text.index("export const")) + 1
    docs = json.loads(text[start:].strip().rstrip(";"))["docs"]
    return [
        Entry(
            rank,
            rank,
            doc["name"],
            int(doc["year"]),
            [t for t in (doc["name"], doc.get("enName")) if t],
            people=[person["name"] for person in doc.get("persons", []) if person.get("name")],
        )
        for rank, doc in enumerate(docs, start=1)
    ]


def _tspdt_title(title: str) -> str:
    # The list moves articles to the end ("Cranes Are Flying, The") and marks television films " [TV]".
    title = title.replace(" [TV]", "").strip()
    match = re.fullmatch(r"(.*), (The|A|An)", title)
    return f"{match.group(2)} {match.group(1)}" if match else title.strip()


SOVIET = {
    "USSR", "Russia", "Ukraine", "Belarus", "Georgia", "Armenia", "Azerbaijan", "Kazakhstan", "Uzbekistan",
    "Turkmenistan", "Kyrgyzstan", "Tajikistan", "Moldova", "Lithuania", "Latvia", "Estonia",
}  # fmt: skip


def _soviet(country: str) -> bool:
    """A film of the USSR or a co-production it led: the USSR among its countries, a Soviet one first.

    "Hungary-USSR" (The Red and the White) and "Poland-USSR" are their makers' films, with Soviet help.
    """
    countries = country.split("-")
    return "USSR" in countries and countries[0] in SOVIET


def read_tspdt(text: str) -> list[Entry]:
    rows = [row for row in csv.DictReader(io.StringIO(text)) if _soviet(row["Country"])]
    entries = []
    for row in rows:
        genre = row["Genre"]
        kind = "documentary" if "Documentary" in genre else "short" if "Short" in genre else "feature"
        title = _tspdt_title(row["Title"])
        rank = int(row["2024"] or 0)
        year = int(row["Year"][:4])  # "1976-79" for a serial: its first year
        entries.append(Entry(len(entries), rank, title, year, [title], row.get("IMDB_ID") or None, kind))
    return entries


def _catalogue() -> list[dict]:
    from ussr_films import catalogue

    return [film.to_dict() for film in catalogue.all_films()]


def _years(film: dict) -> set[int]:
    years = {film["year"]} | {y for y in (film.get("year_completed"), film.get("year_released")) if y}
    return {y + d for y in years for d in (-1, 0, 1)}


# Segments of an anthology that a list names as films of their own, with the anthology the catalogue holds whole:
# (title, year) -> catalogue id. Each is written down from the anthology's own refs.
SEGMENTS = {
    # "Obsession", the second of the three stories of Gaidai's 1965 film (its en.wikipedia article).
    ("Наваждение", 1965): "operation-y-and-shuriks-other-adventures-1965",
}


def match(coverage: Coverage, films: list[dict]) -> Coverage:
    by_imdb = {film["imdb_id"]: film["id"] for film in films if film.get("imdb_id")}
    by_title: dict[str, list[dict]] = {}
    for film in films:
        for title in {film["title"], film["original_title"], film.get("translit") or "", *film.get("alt_titles", [])}:
            if title:
                by_title.setdefault(key(title), []).append(film)
    serials = [f for f in films if f["kind"] == "series" or f.get("made_for_tv")]
    ids = {f["id"] for f in films}
    for entry in coverage.entries:
        if entry.imdb_id and entry.imdb_id in by_imdb:
            coverage.held[entry.place] = by_imdb[entry.imdb_id]
            continue
        found = [f for t in entry.titles for f in by_title.get(key(t), []) if entry.year in _years(f)]
        if not found:
            named = {f["id"]: f for t in entry.titles for f in by_title.get(key(t), [])}
            if len(named) == 1 and abs(next(iter(named.values()))["year"] - entry.year) <= NEAR_YEARS:
                found = list(named.values())
        if found:
            coverage.held[entry.place] = found[0]["id"]
            continue
        anthology = SEGMENTS.get((entry.title, entry.year))
        if anthology in ids:
            coverage.as_part[entry.place] = anthology
            continue
        head = key(entry.title.split(":")[0])
        whole = [f for f in serials if ":" in entry.title and key(f["original_title"]) == head]
        if whole:
            coverage.as_part[entry.place] = whole[0]["id"]
    return coverage


# The places of each list that the catalogue records as a canon (data/canons.toml): canon id prefix, last place.
RECORDED_PLACES = {"kinopoisk": ("kinopoisk-votes", 250), "tspdt": ("tspdt-2024", 5000)}


def unrecorded(coverage: Coverage, films: list[dict], list_id: str) -> list[str]:
    """Held films whose place on the list the catalogue should record as a canon entry and does not."""
    prefix, last = RECORDED_PLACES[list_id]
    by_id = {film["id"]: film for film in films}
    gaps = []
    for entry in coverage.entries:
        film = by_id.get(coverage.held.get(entry.place, ""))
        if film is None or not 0 < entry.rank <= last:
            continue
        recorded = [c.get("rank") for c in film.get("canons", []) if c["canon"].startswith(prefix)]
        if entry.rank not in recorded:
            gaps.append(f"#{entry.rank} {entry.title} ({entry.year}): {film['id']} records {recorded or 'no place'}")
    return gaps


CREW_ROLES = ("writers", "cinematographers", "composers")


def _surname(name: str) -> str:
    """A name's last word as compared: romanised, folded."""
    from ussr_films.text import compact, has_cyrillic, romanise, search_key

    last = name.split()[-1] if name.split() else name
    return compact(search_key(romanise(last) if has_cyrillic(last) else last))


SAME_SURNAME = 75  # rapidfuzz ratio at which two romanisations are one surname (Shvarts, Schwartz)


def crew_check(coverage: Coverage, films: list[dict]) -> dict[str, tuple[int, int, list[str]]]:
    """For films the list holds with its own credits: how many of our crew names those credits name.

    The list's credits are Cyrillic and carry no roles, so a name counts when
    surname, romanised, is among theirs or close to one (Shvarts and Schwartz,
    Doga and Dogă are one surname): a check that our
    writers, cinematographers and composers are people the film credits, made
    against a source other than the one they were taken from.
    """
    from rapidfuzz import fuzz

    by_id = {film["id"]: film for film in films}
    found: dict[str, tuple[int, int, list[str]]] = {}
    for role in CREW_ROLES:
        named, checked, unconfirmed = 0, 0, []
        for entry in coverage.entries:
            film = by_id.get(coverage.held.get(entry.place, ""))
            if not film or not entry.people:
                continue
            surnames = {_surname(person) for person in entry.people}
            for name in film.get(role, []):
                surname = _surname(name)
                checked += 1
                if surname in surnames or any(fuzz.ratio(surname, theirs) >= SAME_SURNAME for theirs in surnames):
                    named += 1
                else:
                    unconfirmed.append(f"{film['id']}: {name}")
        found[role] = (named, checked, unconfirmed)
    return found


def _fetch(url: str, given: str | None) -> str:
    if given:
        return Path(given).read_text(encoding="utf-8")
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (a pinned https address)
        return response.read().decode("utf-8")


def report(kinopoisk: Coverage, tspdt: Coverage, films: list[dict]) -> str:
    lines = []
    held, total = kinopoisk.share(kinopoisk.entries)
    lines.append(f"{kinopoisk.name}: {held} of {total} held ({held / total:.0%})")
    if kinopoisk.as_part:
        lines.append(f"  of which {len(kinopoisk.as_part)} are parts of a serial or anthology held whole")
    for low, high in KINOPOISK_BANDS:
        held, total = kinopoisk.share(e for e in kinopoisk.entries if low <= e.rank <= high)
        lines.append(f"  ranks {low}-{high}: {held} of {total} ({held / total:.0%})")
    held, total = tspdt.share(tspdt.entries)
    lines.append(f"{tspdt.name}: {held} of {total} held ({held / total:.0%})")
    for kind in ("feature", "documentary", "short"):
        held, total = tspdt.share(e for e in tspdt.entries if e.kind == kind)
        lines.append(f"  {kind}: {held} of {total}")
    held, total = tspdt.share(e for e in tspdt.entries if 0 < e.rank <= 1000)
    lines.append(f"  in the 1,000 Greatest Films (2024): {held} of {total}")
    lines.append(f"Crew named in {kinopoisk.name}' own credits (names without roles):")
    for role, (named, checked, unconfirmed) in crew_check(kinopoisk, films).items():
        lines.append(
            f"  {role}: {named} of {checked}" + (f"; not named: {', '.join(unconfirmed)}" if unconfirmed else "")
        )
    for coverage, list_id in ((kinopoisk, "kinopoisk"), (tspdt, "tspdt")):
        gaps = unrecorded(coverage, films, list_id)
        lines.append(f"Held, but {coverage.name}' place not recorded: {len(gaps)}")
        lines += [f"  {gap}" for gap in gaps]
    for coverage in (kinopoisk, tspdt):
        lines.append(f"Missing from {coverage.name}:")
        lines += [f"  #{e.rank or '-'} {e.title} ({e.year})" for e in coverage.missing()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kinopoisk", help="a local copy of ussr-movies.ts (default: download it)")
    parser.add_argument("--tspdt", help="a local copy of tspdt-starting-list.csv (default: download it)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    films = _catalogue()
    kinopoisk = match(
        Coverage("Kinopoisk, 250 most-voted Soviet films", read_kinopoisk(_fetch(KINOPOISK_URL, args.kinopoisk))),
        films,
    )
    tspdt = match(Coverage("TSPDT 2024 starting list, Soviet films", read_tspdt(_fetch(TSPDT_URL, args.tspdt))), films)
    if args.json:
        print(
            json.dumps(
                {
                    c.name: {
                        "held": c.share(c.entries)[0],
                        "of": len(c.entries),
                        "parts_of_a_serial": len(c.as_part),
                        "missing": [{"rank": e.rank, "title": e.title, "year": e.year} for e in c.missing()],
                        "place_not_recorded": unrecorded(c, films, list_id),
                    }
                    for c, list_id in ((kinopoisk, "kinopoisk"), (tspdt, "tspdt"))
                }
                | {
                    "crew named in the Kinopoisk credits": {
                        role: {"named": named, "of": checked, "not_named": unconfirmed}
                        for role, (named, checked, unconfirmed) in crew_check(kinopoisk, films).items()
                    }
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        print(report(kinopoisk, tspdt, films))
    return 0


if __name__ == "__main__":
    sys.exit(main())
