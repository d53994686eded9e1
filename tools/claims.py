"""Claims of firsts, debuts, sole distinctions, inventions and losses, and the references that back them.

Such a claim is the easiest fact to get wrong and the hardest for a reader
to doubt: an earlier audit found three, each without a source or against the
film's own ref. So every sentence of a film's `context` that uses one of the
claim words, and every film marked `lost`, is listed in data/claims.toml with
the page that states it (one the film cites, never a mirror or a denied
host); a claim no page states is rewritten or dropped. The match is
deliberately mechanical ("at first" counts too): a reviewer reads every hit
once, and nothing slips through on a judgement of phrasing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

# "earliest", "sole" and "solely" are here so that a claim cannot hide behind a synonym.
CLAIM_WORDS = re.compile(r"\b(first|debut\w*|only|lost|invent\w*|earliest|sole|solely)\b", re.IGNORECASE)
FIELDS = ("film", "words", "ref", "says")


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def claim_words(text: str) -> set[str]:
    """The claim words a text uses, lower-cased: {"first", "debut"}."""
    return {word.lower() for word in CLAIM_WORDS.findall(text)}


def check(films: Iterable[dict[str, Any]], claims: list[dict[str, Any]], citable: Callable[[str], bool]) -> list[str]:
    """Every claim word in a context is backed by a listed claim, and every listed claim by a cited reference."""
    films_by_id = {film["id"]: film for film in films}
    backed: dict[str, set[str]] = {}
    problems = []
    for number, claim in enumerate(claims, start=1):
        where = f"claims.toml: claim {number}"
        if sorted(claim) != sorted(FIELDS):
            problems.append(f"{where}: has {sorted(claim)}, needs exactly {list(FIELDS)}")
            continue
        film = films_by_id.get(claim["film"])
        if film is None:
            problems.append(f"{where}: unknown film {claim['film']!r}")
            continue
        if claim["ref"] not in film.get("refs", []):
            problems.append(f"{where}: {claim['ref']} is not among {claim['film']}'s refs")
        elif not citable(claim["ref"]):
            problems.append(f"{where}: {claim['ref']} is a mirror or a denied host, not a page that can back a claim")
        if not str(claim["says"]).strip():
            problems.append(f"{where}: says nothing of what the reference states")
        words = {str(word).lower() for word in claim["words"]}
        unused = words - claim_words(film.get("context", "")) - ({"lost"} if film.get("lost") else set())
        if unused:
            problems.append(f"{where}: {claim['film']}'s context no longer says {sorted(unused)}")
        backed.setdefault(claim["film"], set()).update(words)
    for film in films_by_id.values():
        if film.get("lost") and "lost" not in backed.get(film["id"], set()):
            problems.append(f"films/{film.get('_file', film['id'])}.toml: lost = true with no reference in claims.toml")
        for sentence in sentences(film.get("context", "")):
            unbacked = claim_words(sentence) - backed.get(film["id"], set())
            if unbacked:
                problems.append(
                    f"films/{film.get('_file', film['id'])}.toml: context claims {sorted(unbacked)} with no "
                    f"reference in claims.toml: {sentence!r}"
                )
    return problems
