"""What the shell offers on Tab: option values, path names and films.

Each function takes the word being typed and returns (value, help) pairs,
as Typer's `autocompletion=` expects. They run in a process of their own on
every Tab, so each reads the catalogue with one indexed query and never
loads a whole film. A failure offers nothing rather than print a traceback
into the user's prompt.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

from . import catalogue
from .text import has_cyrillic, search_key

Offer = list[tuple[str, str]]
MAX_FILMS = 40


def _quietly(complete: Callable[[str], Offer]) -> Callable[[str], Offer]:
    @functools.wraps(complete)
    def wrapper(incomplete: str) -> Offer:
        try:
            return complete(incomplete or "")
        except Exception:  # a broken catalogue must not spill into the prompt
            return []

    return wrapper


def _starting(incomplete: str, offers: Offer) -> Offer:
    """The offers that begin with what was typed, in any case, spelled on from exactly what was typed.

    Typer passes on only values that begin with the typed text to the letter,
    and every value here is read in any case: `mos` completes to `mosfilm`.
    """
    wanted = incomplete.casefold()
    return [
        (incomplete + value[len(incomplete) :], help) for value, help in offers if value.casefold().startswith(wanted)
    ]


def _named(table: str, column: str) -> list[tuple[str, str]]:
    """A vocabulary table's ids in its own order, each with its name as help."""
    return list(catalogue.query(f"SELECT id, {column} FROM {table} ORDER BY position"))


@_quietly
def moods(incomplete: str) -> Offer:
    """Mood ids, and their Russian names when a Russian word is being typed."""
    rows = catalogue.query("SELECT id, description, synonyms FROM moods ORDER BY position")
    offers = [(mood_id, _first_clause(text)) for mood_id, text, _ in rows]
    if has_cyrillic(incomplete):
        offers = [
            (word, mood_id) for mood_id, _, synonyms in rows for word in json.loads(synonyms) if has_cyrillic(word)
        ]
    return _starting(incomplete, offers)


@_quietly
def genres(incomplete: str) -> Offer:
    return _starting(incomplete, _named("genres", "name"))


@_quietly
def themes(incomplete: str) -> Offer:
    return _starting(incomplete, _named("themes", "name"))


@_quietly
def eras(incomplete: str) -> Offer:
    """Era ids, and their Russian names when a Russian word is being typed."""
    rows = catalogue.query("SELECT id, name, aliases FROM eras ORDER BY position")
    if has_cyrillic(incomplete):
        return _starting(
            incomplete,
            [
                (alias, era_id)
                for era_id, _, aliases in rows
                for alias in json.loads(aliases or "[]")
                if has_cyrillic(alias)
            ],
        )
    return _starting(incomplete, [(era_id, name) for era_id, name, _ in rows])


@_quietly
def kinds(incomplete: str) -> Offer:
    rows = catalogue.query("SELECT kind, count(*) FROM films GROUP BY kind ORDER BY 2 DESC, kind")
    return _starting(incomplete, [(kind, f"{count} films") for kind, count in rows])


@_quietly
def perspectives(incomplete: str) -> Offer:
    rows = catalogue.query("SELECT perspective, count(*) FROM films GROUP BY perspective ORDER BY perspective")
    return _starting(incomplete, [(value, f"{count} films") for value, count in rows])


@_quietly
def decades(incomplete: str) -> Offer:
    rows = catalogue.query("SELECT year / 10 * 10, count(*) FROM films GROUP BY 1 ORDER BY 1")
    return _starting(incomplete, [(f"{decade}s", f"{count} films") for decade, count in rows])


@_quietly
def studios(incomplete: str) -> Offer:
    from .vocab import studios as counted

    return _starting(incomplete, [(name, f"{count} films") for name, count in counted()])


@_quietly
def republics(incomplete: str) -> Offer:
    from .vocab import republics as counted

    return _starting(incomplete, [(name, f"{count} films") for name, count in counted()])


@_quietly
def canons(incomplete: str) -> Offer:
    return _starting(incomplete, [("any", "a place in any recorded poll"), *_named("canons", "name")])


@_quietly
def roles(incomplete: str) -> Offer:
    from .people import ROLES

    return _starting(incomplete, [(role, "") for role in ROLES if " " not in role])


@_quietly
def paths(incomplete: str) -> Offer:
    return _starting(incomplete, _named("paths", "title"))


@_quietly
def films(incomplete: str) -> Offer:
    """Film ids and titles that begin with what was typed, each with its title and year as help.

    `stalk` offers stalker-1979 and Stalker, `сталк` offers Сталкер: any of a
    film's titles, in the script typed. One indexed range query over the
    folded title keys finds the films; only their titles are read.
    """
    text = incomplete.strip()
    key = search_key(text)
    if not key:
        return []
    rows = catalogue.query(
        "SELECT id, title, year, original_title, json_extract(doc, '$.translit'), json_extract(doc, '$.alt_titles') "
        "FROM films WHERE id IN ("
        "  SELECT id FROM films WHERE id >= ? AND id < ? "
        "  UNION SELECT film_id FROM title_keys WHERE key >= ? AND key < ?"
        ") ORDER BY id LIMIT ?",
        [text.lower(), text.lower() + "\uffff", key, key + "\uffff", MAX_FILMS],
    )
    offers: Offer = []
    for film_id, title, year, original, translit, alt_titles in rows:
        label = f"{title} ({year})"
        names = [film_id, title, original, translit or "", *json.loads(alt_titles or "[]")]
        offers += [(name, label) for name in dict.fromkeys(names) if name]
    # A title several films share is offered once; their ids tell them apart.
    return list({value: (value, label) for value, label in reversed(_starting(text, offers))}.values())[::-1]


def _first_clause(text: str) -> str:
    return text.split(";")[0].split(". ")[0].strip()
