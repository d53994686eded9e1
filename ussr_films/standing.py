"""A film's standing: what critics, audiences and juries have made of it, on a scale of 0 to 1.

Recommend ranks by mood strength first and standing second; both come from
data/ and from this one module, so the blend is written down once:

    standing = 0.70 x the better of its critics' and audience places
             + 0.02 x the other place
             + 0.03 x prizes

- critics: the film's best place in a critics' poll (BBC 2018, Sight and
  Sound 2022, TSPDT 2024) on a straight line, first place 1.0 and a poll's
  last 0.5; a second poll adds a tenth of its own share. A specialist list
  (the Suzdal festival's hundred best Russian animated films) is read on the
  same line, scaled so that its first place counts as a general poll's last.
  TSPDT's starting list carries on past its thousandth place: places 1,001
  to 5,000 count from a general poll's last place down to half of it.
- audience: its place among the most-voted Soviet films on Kinopoisk, on
  the same line, or its first-year Soviet admissions (FULL_HOUSE tickets
  count as much as first place), whichever is higher.
- places: critics and audiences measure on different scales (a
  thousand-film poll, a 250-film vote, ticket sales), so each is turned into
  the film's place among the catalogue's films by that measure: the best
  film by critics and the best by audience both count 1.0, each film
  ranked above another takes 1/PLACES from its place, and a film any poll
  or vote places at all keeps at least LEAST (a film on Kinopoisk's list
  of the 250 most-voted is loved, however far down). It is stored at build
  time (standings()). A film stands as high as its better side, so a top
  ten holds the films critics rank highest and the films audiences love
  most, side by side; a film both rank high gets a little more.
- prizes: each won prize weighed by where it was given, a Palme d'Or or an
  Oscar far above a regional festival's diploma (PRIZE_WEIGHTS); the sum
  levels off, so ten minor diplomas never make a classic. They only part
  equals: a prize is already counted in the polls and the votes it led to.

Search orders equal matches by the build's `prominence` instead, a cruder
count that needs no film read whole.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

from .models import Film

BETTER_SIDE, BOTH_SIDES, PRIZES = 0.70, 0.02, 0.03
PLACES = 150  # each film ranked above another takes 1/PLACES from its place
LEAST = 0.2  # a film any poll or vote places at all counts at least this much of the first
LAST_PLACE_SHARE = 0.5  # the last place of a poll counts this much of the first
SECOND_POLL_SHARE = 0.1  # a second poll counts this much of its own share
# A specialist list (one country's animation) ranks films only against their own kind, so its first place
# counts as much as a general poll's last: such a film stands with those a general poll admits at all.
SPECIALIST_SHARE = LAST_PLACE_SHARE
FULL_HOUSE = 90.0  # million first-year tickets that count as a poll's first place (the record is 87.6)
POLL_SIZES = {
    "bbc-2018": 100,
    "sight-and-sound-2022": 250,
    "sight-and-sound-2022-directors": 100,
    "tspdt-2024": 1000,
    "kinopoisk-votes-2023": 250,
}
DEFAULT_POLL_SIZE = 100

# (words in the festival or body, words in the award) -> weight, first match wins.
# Parallel juries (the critics' federation, the churches) sit beside a festival's
# own jury and weigh less than any of its prizes.
PRIZE_WEIGHTS: tuple[tuple[str, str, float], ...] = (
    ("", "FIPRESCI", 0.25),
    ("", "Ecumenical", 0.2),
    ("Cannes", "Palme", 1.0),
    ("Venice", "Golden Lion", 1.0),
    ("Berlin", "Golden Bear", 1.0),
    ("Academy Awards", "", 1.0),
    ("Cannes", "Grand Prix", 0.8),
    ("Cannes", "", 0.6),
    ("Venice", "", 0.6),
    ("Berlin", "", 0.6),
    ("Golden Globe", "", 0.4),
    ("BAFTA", "", 0.4),
    ("Karlovy Vary", "", 0.4),
    ("Moscow", "", 0.4),
    ("Locarno", "", 0.4),
    ("San Sebasti", "", 0.4),
    ("Lenin Prize", "", 0.4),
    ("USSR State Prize", "", 0.35),
    ("Stalin Prize", "", 0.3),
    ("All-Union", "", 0.25),
)
OTHER_PRIZE = 0.15


def standings(films: Iterable[Film]) -> dict[str, float]:
    """Each film's standing, by its places among these films: the build stores it (Film.standing)."""
    films = list(films)
    critics_place = _places({film.id: critics(film) for film in films})
    audience_place = _places({film.id: audience(film) for film in films})
    return {
        film.id: round(
            BETTER_SIDE * max(critics_place[film.id], audience_place[film.id])
            + BOTH_SIDES * min(critics_place[film.id], audience_place[film.id])
            + PRIZES * prizes(film),
            6,
        )
        for film in films
    }


def _places(measure: dict[str, float]) -> dict[str, float]:
    """1.0 for the best-measured film, less 1/PLACES for each film measured better, never below LEAST; 0 unmeasured."""
    ordered = sorted(-value for value in measure.values() if value > 0)
    return {
        film_id: max(LEAST, 1.0 - bisect_left(ordered, -value) / PLACES) if value > 0 else 0.0
        for film_id, value in measure.items()
    }


def place_share(rank: int | None, size: int) -> float:
    """1.0 for first place, LAST_PLACE_SHARE for the last, on a straight line; an unranked entry counts as last."""
    if rank is None or rank > size:
        return LAST_PLACE_SHARE
    return 1.0 - (1.0 - LAST_PLACE_SHARE) * (rank - 1) / max(1, size - 1)


def _polls(film: Film, kind: str) -> list[dict[str, Any]]:
    return [entry for entry in film.canons if entry.get("kind", "critics") == kind]


def critics(film: Film) -> float:
    """The film's best poll share, and a tenth of its second: never above 1, never equal for two polls' worth."""
    shares = sorted((_share(e) for e in _polls(film, "critics")), reverse=True) + [0.0, 0.0]
    return (1.0 - SECOND_POLL_SHARE) * shares[0] + SECOND_POLL_SHARE * shares[1]


def audience(film: Film) -> float:
    votes = max((place_share(e.get("rank"), _size(e)) for e in _polls(film, "audience")), default=0.0)
    tickets = min(1.0, (film.admissions or 0.0) / FULL_HOUSE)
    return max(votes, tickets)


def prizes(film: Film) -> float:
    total = sum(prize_weight(award) for award in film.awards if award.get("result") == "won")
    return 1.0 - math.exp(-total)


def prize_weight(award: dict[str, Any]) -> float:
    body, name = award.get("body") or "", award.get("award") or ""
    for in_body, in_name, weight in PRIZE_WEIGHTS:
        if in_body in body and in_name in name:
            return weight
    return OTHER_PRIZE


def best_place(film: Film) -> str | None:
    """ "#5, BBC 2018 poll": the film's best-ranked place in a critics' poll, for a reason."""
    ranked = [e for e in _polls(film, "critics") if e.get("rank")]
    if not ranked:
        return None
    best = max(ranked, key=lambda e: (_share(e), -e["rank"]))
    return f"#{best['rank']}, {best.get('short') or best['name']}"


def _share(entry: dict[str, Any]) -> float:
    if entry.get("scope") == "continuation":
        # Places after a poll's last, on a line of their own below it: `first` counts as the poll's last place.
        first = entry["first"]
        return LAST_PLACE_SHARE * place_share(entry["rank"] - first + 1, _size(entry) - first + 1)
    share = place_share(entry.get("rank"), _size(entry))
    return share * SPECIALIST_SHARE if entry.get("scope") == "specialist" else share


def _size(entry: dict[str, Any]) -> int:
    return entry.get("size") or POLL_SIZES.get(entry["canon"], DEFAULT_POLL_SIZE)
