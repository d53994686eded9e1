"""Find a film however it is typed.

Candidates come from tiers, highest first; a film keeps its best tier:

    6 exact title or alias   5 title prefix   4 every word in a title
    3 fuzzy title            2 person         1 subject (full text)

Titles, aliases and names are indexed at build time under folded keys in
every common romanisation (see text.py), so most queries are answered by an
indexed lookup. The fuzzy tier, the only one that needs rapidfuzz, runs only
when no title matched outright.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from . import catalogue
from .errors import AmbiguousFilm, FilmNotFound
from .filters import Filters
from .models import Film, SearchHit
from .text import compact, has_cyrillic, normalize, search_key

EXACT, PREFIX, ALL_WORDS, FUZZY, PERSON, SUBJECT = 6, 5, 4, 3, 2, 1
FUZZY_CUTOFF = 80.0
PARTIAL_DISCOUNT = 0.96
# Subject matches: text relevance, then renown lifts the classic among films
# about the same thing, and a film whose main theme the query names comes
# before one that merely touches it.
SUBJECT_RENOWN = 0.5
THEME_PLACE_BONUS = (1.0, 0.5, 0.2)
# The most relevant matches per text column: a common word matches thousands
# of synopses in a large catalogue, and only the best can reach a listing.
SUBJECT_ROWS = 400
FIELD_PRIORITY = {
    "title": 1.0,
    "original title": 0.95,
    "transliterated title": 0.9,
    "alternative title": 0.85,
}
FTS_COLUMNS = (("synopsis", "synopsis"), ("themes", "theme"), ("context", "context"))


@dataclass
class _Candidate:
    tier: int
    score: float
    matched: str


def parse_decade(text: str) -> int:
    """'1970s', '70s', '1970' -> 1970."""
    match = re.fullmatch(r"\s*(\d{2}|\d{4})\s*'?s?\s*", text)
    if not match:
        raise ValueError(f"'{text}' is not a decade; write it like 1970s")
    value = int(match.group(1))
    if value < 100:
        value += 1900
    if value % 10 or not 1890 <= value <= 2030:
        raise ValueError(f"'{text}' is not a decade; write it like 1970s")
    return value


def search(query: str, *, limit: int = 10, filters: Filters | None = None) -> list[SearchHit]:
    """Films matching query, best first. An empty query finds nothing."""
    filters = filters or Filters()
    key = search_key(query)
    if not key:
        return []
    found: dict[str, _Candidate] = {}
    _title_tiers(key, found)
    if has_cyrillic(key) and not found:
        # A Cyrillic query for a film indexed only in Latin (a Western title).
        _title_tiers(romanise(query), found)
    if not found:
        _fuzzy_tier(key, found)
    if has_cyrillic(key) and not found:
        _fuzzy_tier(romanise(query), found)
    _person_tier(key, found)
    _subject_tier(query, found)
    return _rank(found, filters, limit)


def _offer(found: dict[str, _Candidate], film_id: str, tier: int, score: float, matched: str) -> None:
    current = found.get(film_id)
    if current is None or (tier, score) > (current.tier, current.score):
        found[film_id] = _Candidate(tier, score, matched)


def _title_tiers(key: str, found: dict[str, _Candidate]) -> None:
    rows = catalogue.query(
        "SELECT film_id, key, field FROM title_keys WHERE key = ? OR compact = ?",
        [key, compact(key)],
    )
    for film_id, _, field in rows:
        _offer(found, film_id, EXACT, FIELD_PRIORITY[field], field)
    rows = catalogue.query(
        "SELECT film_id, key, field FROM title_keys WHERE key > ? AND key < ?",
        [key, key + "\uffff"],
    )
    for film_id, title_key, field in rows:
        _offer(found, film_id, PREFIX, len(key) / len(title_key), field)
    words = sorted(set(key.split()))
    if not words:
        return
    # Every word of the query begins a word of one title key: a range scan of
    # the title_words index per word, intersected, not a LIKE over every key.
    starts = " INTERSECT ".join("SELECT film_id, key FROM title_words WHERE word >= ? AND word < ?" for _ in words)
    params = [bound for word in words for bound in (word, word + "\uffff")]
    for film_id, title_key, field in catalogue.query(
        f"SELECT film_id, key, field FROM title_keys WHERE (film_id, key) IN ({starts}) ORDER BY rowid", params
    ):
        _offer(found, film_id, ALL_WORDS, len(key) / len(title_key), field)


def romanise(text: str) -> str:
    """The search key of Cyrillic text in its Wikipedia romanisation."""
    import iuliia

    return search_key(iuliia.WIKIPEDIA.translate(text))


def _fuzzy_scores(key: str, cutoff: float) -> list[tuple[str, float, str]]:
    """(film_id, score, field) for titles that look like key.

    Whole-title similarity catches typos ("stalkr"); for queries of five
    letters or more, the best-matching stretch of a longer title counts too
    ("potemkn" in "battleship potemkin"), a little discounted. Shorter
    queries would find themselves inside too many titles that way.
    Each distinct key is scored once, in rapidfuzz's compiled loop: at
    100,000 films a Python loop over the keys took seconds.
    """
    from rapidfuzz import fuzz, process

    keys = catalogue.query("SELECT keys FROM title_key_list")[0][0].split("\n")
    scores: dict[str, float] = {}
    for title_key, score, _ in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
        scores[title_key] = score
    if len(key) >= 5:
        partial = process.extract(
            key, keys, scorer=fuzz.partial_ratio, score_cutoff=cutoff / PARTIAL_DISCOUNT, limit=None
        )
        for title_key, score, _ in partial:
            # Only a stretch of a longer title: "star" is not inside "tarkovski".
            if len(title_key) > len(key):
                scores[title_key] = max(scores.get(title_key, 0.0), PARTIAL_DISCOUNT * score)
    if not scores:
        return []
    rows = catalogue.query(
        "SELECT film_id, key, field FROM title_keys WHERE key IN (SELECT value FROM json_each(?)) "
        "ORDER BY film_id, key",
        [json.dumps(sorted(scores))],
    )
    return [(film_id, scores[title_key], field) for film_id, title_key, field in rows]


def _fuzzy_tier(key: str, found: dict[str, _Candidate]) -> None:
    for film_id, score, field in _fuzzy_scores(key, FUZZY_CUTOFF):
        _offer(found, film_id, FUZZY, score / 100, field)


def _person_tier(key: str, found: dict[str, _Candidate]) -> None:
    rows = catalogue.query(
        "SELECT film_id, role FROM credit_keys WHERE key = ? OR compact = ?", [key, compact(key)]
    )
    for film_id, role in rows:
        _offer(found, film_id, PERSON, 1.0 if role == "director" else 0.5, role)


def fts_query(text: str) -> str:
    """User text as a safe FTS5 query: every word quoted, all required.

    Quoting each token means operators (NEAR, AND, OR, NOT, *, ^, :, -) and
    stray quotes in the user's text are searched as words, never parsed.
    """
    tokens = re.findall(r"\w+", normalize(text))
    return " ".join('"' + token.replace('"', '""') + '"' for token in tokens)


def _subject_tier(query: str, found: dict[str, _Candidate]) -> None:
    """Full-text matches; a film matching in several columns scores their sum."""
    match = fts_query(query)
    if not match:
        return
    totals: dict[str, float] = {}
    best_column: dict[str, tuple[float, str]] = {}
    theme_words_matched = False
    for column, label in FTS_COLUMNS:
        rows = catalogue.query(
            "SELECT film_id, bm25(film_text_fts) FROM film_text_fts "
            "JOIN film_text ON film_text.rowid = film_text_fts.rowid "
            f"WHERE film_text_fts MATCH ? ORDER BY 2, film_id LIMIT {SUBJECT_ROWS}",
            [f"{{{column}}} : ({match})"],
        )
        theme_words_matched |= column == "themes" and bool(rows)
        for film_id, rank in rows:
            # bm25 is negative, more negative is better; map onto (0, 1).
            score = -rank / (1 - rank)
            totals[film_id] = totals.get(film_id, 0.0) + score
            if score > best_column.get(film_id, (0.0, ""))[0]:
                best_column[film_id] = (score, label)
    if not totals:
        return
    # Only a query that matched theme words can name a theme; most searches skip the look-up.
    places = _theme_places(query) if theme_words_matched else {}
    facts = catalogue.sort_facts(totals)
    for film_id, total in totals.items():
        renown = facts[film_id].prominence
        score = total + SUBJECT_RENOWN * catalogue.renown_share(renown)
        if film_id in places:
            score += THEME_PLACE_BONUS[min(places[film_id], len(THEME_PLACE_BONUS) - 1)]
        _offer(found, film_id, SUBJECT, score, best_column[film_id][1])


def _theme_places(query: str) -> dict[str, int]:
    """When the query names a theme ("gulag", "cosmonaut"): each film's place for it, 0 = its main theme."""
    from .vocab import theme_named

    theme = theme_named(query)
    if theme is None:
        return {}
    return dict(catalogue.query("SELECT film_id, position FROM film_themes WHERE theme_id = ?", [theme]))


def _rank(found: dict[str, _Candidate], filters: Filters, limit: int) -> list[SearchHit]:
    """The best hits that pass the filters, reading whole only the films shown.

    Tier and score come first in the order, so candidates are taken a few
    (tier, score) groups at a time, best first: a broad word that matches
    thousands of titles in a large catalogue costs only the groups it shows.
    """
    hits: list[SearchHit] = []
    for group in _best_first(found, max(limit, 20)):
        facts = catalogue.sort_facts(film_id for film_id, _ in group)
        group.sort(
            key=lambda item: (
                -facts[item[0]].prominence,
                # Equal title matches: this is a Soviet-cinema tool, so the Soviet film first.
                facts[item[0]].perspective != "soviet",
                facts[item[0]].year,
                item[0],
            )
        )
        # The sort above is stable within each (tier, score); restore that order on top.
        group.sort(key=lambda item: (-item[1].tier, -round(item[1].score, 6)))
        films = catalogue.films_by_id(film_id for film_id, _ in group)
        for film_id, candidate in group:
            film = films[film_id]
            if filters.admit(film):
                hits.append(SearchHit(film, candidate.matched, candidate.tier, candidate.score))
            if len(hits) >= limit:
                return hits
    return hits


def _best_first(found: dict[str, _Candidate], size: int):
    """Candidates in (tier, score) order, in groups of at least size that never split equals."""
    ordered = sorted(found.items(), key=lambda item: (-item[1].tier, -round(item[1].score, 6)))
    start = 0
    while start < len(ordered):
        end = min(start + size, len(ordered))
        last = (ordered[end - 1][1].tier, round(ordered[end - 1][1].score, 6))
        while end < len(ordered) and (ordered[end][1].tier, round(ordered[end][1].score, 6)) == last:
            end += 1
        yield ordered[start:end]
        start = end


def suggestions(query: str, n: int = 3) -> list[str]:
    """Titles that look a little like query, for "did you mean"."""
    key = search_key(query)
    if not key:
        return []
    best: dict[str, float] = {}
    for film_id, score, _ in _fuzzy_scores(key, 55.0):
        best[film_id] = max(score, best.get(film_id, 0))
    ranked = sorted(best, key=lambda film_id: (-best[film_id], film_id))[:n]
    films = catalogue.films_by_id(ranked)
    return [films[film_id].label for film_id in ranked]


def resolve_film(text: str) -> Film:
    """The film an id or a title names; what search puts first."""
    by_id = catalogue.film(text.strip().lower())
    if by_id:
        return by_id
    hits = search(text, limit=1)
    if not hits:
        raise FilmNotFound(text, suggestions(text))
    return hits[0].film


def resolve_one(text: str) -> Film:
    """The one film text names, for changes to the viewing record.

    Unlike resolve_film, this never picks among equals: "solaris" fits three
    films, so it raises AmbiguousFilm listing them. A trailing year
    ("solaris 1972") or an id settles it. Subject matches (a word from a
    synopsis) are not taken as naming a film.
    """
    by_id = catalogue.film(text.strip().lower())
    if by_id:
        return by_id
    words = text.split()
    year = int(words[-1]) if len(words) > 1 and re.fullmatch(r"(18|19|20)\d\d", words[-1]) else None
    title = " ".join(words[:-1]) if year else text
    # A typo'd short word fits too many titles to act on.
    floor = FUZZY if len(search_key(title)) >= 5 else ALL_WORDS
    hits = [
        hit for hit in search(title, limit=50, filters=Filters(year=year))
        if hit.tier >= floor or hit.tier == PERSON
    ]
    if not hits:
        raise FilmNotFound(text, suggestions(title))
    if hits[0].tier == EXACT:
        best = round(hits[0].score, 6)
        candidates = [hit for hit in hits if hit.tier == EXACT and round(hit.score, 6) == best]
    else:
        # Below an exact title, only a single candidate is safe to act on.
        candidates = hits
    if len(candidates) > 1 or candidates[0].tier == PERSON:
        raise AmbiguousFilm(text, [(hit.film.id, hit.film.label) for hit in candidates[:6]])
    return candidates[0].film
