"""What a recommendation is asked for, what a user's ratings teach, and the weights of the score.

Both the scorer (recommending.py) and the SQL shortlist (shortlist.py) read
these, so neither imports the other.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .filters import Filters
from .models import Film

# A mood counts by how central it is to the film: its moods are listed most
# defining first. The first two both define it (a comedy-adventure is both);
# the third and fourth colour it.
MOOD_POSITION_WEIGHT = (1.0, 0.95, 0.7, 0.5)
# Standing (standing.py) can lift a film by at most this: a classic beats an
# obscure film of the same mood strength, and passes a film the mood defines
# more only when it stands clearly higher.
STANDING_WEIGHT = 1.0

# Likeness: what a film shares with one the user liked.
SAME_DIRECTOR = 1.2
SHARED_PERSON = 0.5  # a writer, source author, cinematographer, composer or designer, each of at most three
SHARED_CAST = 0.3  # each of at most three players
CONNECTED = 1.2  # the seed names it, or it names the seed (a pair, an homage...)
SHARED_THEME = 0.6
# A shared mood counts by its place in the seed's list: sharing what defines the seed matters most.
SHARED_MOOD = (0.9, 0.5, 0.35, 0.25)
# The years the two stories depict: in full when they are the same years,
# by the share they have in common otherwise (1953 and 1917-1953 share little).
SAME_SETTING = 1.5
SAME_STUDIO = 0.3
SAME_REPUBLIC = 0.3
SAME_ERA = 0.3
# Other versions of a liked film (sequels, remakes, other adaptations of the
# same work) are not "like" it: they are the card's "other versions".
VERSION_RELATIONS = frozenset({"sequel", "followed-by", "prequel", "remake", "remade-as", "adaptation-of-same"})

PER_DIRECTOR = 2  # at most this many films by one director in a top ten
NON_SOVIET_IN_TOP = 3  # Western, post-Soviet and emigre films in a top ten, unless asked for
TOP = 10

# Personal taste: a rating of 3 is neutral; 5 pulls, 2 or less pushes.
# Per person by their role in the film scored: a director says most of a film, one player least.
TASTE_DIRECTOR = 0.5
TASTE_CREW = 0.25
TASTE_CAST = 0.15
TASTE_PEOPLE_CAP = 1.2  # all the people of one film together move it at most this much either way
TASTE_MOODS = 0.2  # moods asked for are left out: the user has said what they want tonight
TASTE_THEMES = 0.15
LOW_RATING = 2.0
PUSH = 1.5  # a low rating weighs this much more than a high one: a friend remembers what you disliked


@dataclass(frozen=True)
class Taste:
    """What a user's ratings say: a weight per person, mood and theme, learnt from the films rated.

    A film rated r gives each of its people, moods and themes r - 3, and a
    low rating (2 or less) PUSH times that; each weight is the average over
    the rated films that have it, so one disliked film by a director counts
    in full however many films were rated. Names keep the films that taught
    them, for reasons.
    """

    people: dict[str, float]
    moods: dict[str, float]
    themes: dict[str, float]
    teachers: dict[str, str]  # "person:Name" -> the film that taught it, best- or worst-rated

    @classmethod
    def from_ratings(cls, rated: list[tuple[Film, float]]) -> Taste:
        sums: dict[str, Counter[str]] = {"people": Counter(), "moods": Counter(), "themes": Counter()}
        counts: dict[str, Counter[str]] = {"people": Counter(), "moods": Counter(), "themes": Counter()}
        teachers: dict[str, tuple[float, str]] = {}
        for film, rating in rated:
            weight = rating - 3.0
            if rating <= LOW_RATING:
                weight *= PUSH
            keys = {
                "people": sorted(film.people),
                "moods": film.moods,
                "themes": film.themes,
            }
            for kind, names in keys.items():
                for position, name in enumerate(names):
                    share = MOOD_POSITION_WEIGHT[min(position, 3)] if kind == "moods" else 1.0
                    sums[kind][name] += weight * share
                    counts[kind][name] += 1
                    key = f"{kind}:{name}"
                    strength = abs(weight)
                    if weight and (key not in teachers or strength > teachers[key][0]):
                        teachers[key] = (strength, film.title)
        average = {kind: {name: sums[kind][name] / counts[kind][name] for name in sums[kind]} for kind in sums}
        return cls(average["people"], average["moods"], average["themes"], {k: t for k, (_, t) in teachers.items()})


@dataclass(frozen=True)
class Query:
    moods: tuple[str, ...] = ()
    like: tuple[Film, ...] = ()
    themes: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)
    max_runtime: int | None = None
    beginner: bool = False
    free: bool = False
    taste: Taste | None = None
    exclude: frozenset[str] = field(default_factory=frozenset)
    limit: int = 10

    def admits(self, film: Film) -> bool:
        if film.id in self.exclude or any(film.id == seed.id for seed in self.like):
            return False
        if film.lost or film.outside_scope:  # nobody can watch it tonight; or not what this tool is for
            return False
        if any(is_version(film, seed) for seed in self.like):
            return False
        if any(mood not in film.moods for mood in self.moods):
            return False
        if any(theme not in film.themes for theme in self.themes):
            return False
        if not self.filters.admit(film):
            return False
        if self.beginner and not (film.accessible or {}).get("ok"):
            return False
        if self.free and not film.free_to_watch:
            return False
        return self.max_runtime is None or (film.runtime_min is not None and film.runtime_min <= self.max_runtime)


def is_version(film: Film, seed: Film) -> bool:
    """Whether film is another version of seed (or seed of film): a sequel, a remake, another adaptation."""
    return any(
        link.get("film") == other.id and link.get("relation") in VERSION_RELATIONS
        for one, other in ((film, seed), (seed, film))
        for link in one.connections
    )
