"""Find a film however it is typed.

Candidates come from tiers, highest first; a film keeps its best tier:

    6 exact title or alias   5 title prefix   4 every word in a title
    3 person                 2 subject (full text)
    1 close spelling of a title (fuzzy)

Titles, aliases and names are indexed at build time under folded keys in
every common romanisation (see text.py), so most queries are answered by an
indexed lookup. A year at the end of the query ("mother 1926", "hamlet
(1964)") keeps the films known by that year.

What counts as a match, so that a hit is never a surprise:
- a word of the query that is not a whole word of the title must have
  MIN_PARTIAL letters or more to match as the start of one ("stalk" finds
  Stalker; "tsar", which folds to "car", does not find Cargo 200);
- the fuzzy tier, the only one that needs rapidfuzz, runs only when no title
  matched outright, only for queries of MIN_FUZZY letters or more, and only
  keeps titles that score FUZZY_CUTOFF (of 100) or better; its hits are
  labelled "close spelling" and rank after every other kind of match.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from . import catalogue
from .filters import Filters
from .models import Film, SearchHit
from .text import compact, exact_agrees, folds_agree, has_cyrillic, normalize, plain_key, romanise, search_key

EXACT, PREFIX, ALL_WORDS, PERSON, SUBJECT, FUZZY = 6, 5, 4, 3, 2, 1
FUZZY_CUTOFF = 80.0
MIN_FUZZY = 5
MIN_PARTIAL = 4
CLOSE_SPELLING = "close spelling"
# "Did you mean" may reach further than a hit: it only suggests.
SUGGESTION_CUTOFF = 55.0
SHORT_SUGGESTION_CUTOFF = 72.0
PARTIAL_DISCOUNT = 0.96
# Subject matches: text relevance, then renown lifts the classic among films
# about the same thing, and a film whose main theme the query names comes
# before one that merely touches it.
SUBJECT_RENOWN = 0.5
THEME_PLACE_BONUS = (1.0, 0.5, 0.2)
# The most relevant matches per text column: a common word matches thousands
# of synopses in a large catalogue, and only the best can reach a listing.
SUBJECT_ROWS = 400
# A name typed into search is most likely a director's, or the author of what
# a film adapts ("strugatsky"), then the rest of the crew, then the cast.
ROLE_WEIGHT = {
    "director": 1.0,
    "source": 0.95,
    "writer": 0.7,
    "cinematographer": 0.65,
    "composer": 0.65,
    "production designer": 0.6,
    "cast": 0.5,
}
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
    from .titles import check_length, exact_ids, split_year

    check_length(query)
    filters = filters or Filters()
    title, year = split_year(query)
    if year is not None and not exact_ids(query):
        query, filters = title, filters._replace(year=year)
    key = search_key(query)
    if not key:
        return []
    found: dict[str, _Candidate] = {}
    _title_tiers(key, found, plain_key(query))
    if has_cyrillic(key) and not found:
        # A Cyrillic query for a film indexed only in Latin (a Western title).
        _title_tiers(romanise(query), found, romanise(query))
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


def _title_tiers(key: str, found: dict[str, _Candidate], plain: str) -> None:
    rows = catalogue.query(
        "SELECT film_id, key, field, plain FROM title_keys WHERE key = ? OR compact = ?",
        [key, compact(key)],
    )
    for film_id, title_key, field, title_plain in rows:
        if exact_agrees(key, plain, title_key, title_plain):
            _offer(found, film_id, EXACT, FIELD_PRIORITY[field], field)
    rows = catalogue.query(
        "SELECT film_id, key, field, plain FROM title_keys WHERE key > ? AND key < ?",
        [key, key + "\uffff"],
    )
    partial_ok = len(key.split()[-1]) >= MIN_PARTIAL
    for film_id, title_key, field, title_plain in rows:
        whole_word = title_key[len(key)] == " "
        if (partial_ok or whole_word) and folds_agree(plain, title_plain, partial_last=not whole_word):
            _offer(found, film_id, PREFIX, len(key) / len(title_key), field)
    words = sorted(set(key.split()))
    if not words:
        return
    # Every word of the query is a word of one title key, or begins one when
    # it is long enough: a range scan of the title_words index per word,
    # intersected, not a LIKE over every key.
    starts = " INTERSECT ".join("SELECT film_id, key FROM title_words WHERE word >= ? AND word < ?" for _ in words)
    params = [bound for word in words for bound in (word, word + ("\uffff" if len(word) >= MIN_PARTIAL else "\x00"))]
    # Joined from the matches, not "(film_id, key) IN (...)", which SQLite answers by scanning every key.
    for film_id, title_key, field, title_plain in catalogue.query(
        f"SELECT t.film_id, t.key, t.field, t.plain FROM ({starts}) AS w "
        "JOIN title_keys AS t ON t.film_id = w.film_id AND t.key = w.key ORDER BY t.rowid",
        params,
    ):
        held = found.get(film_id)
        if held is not None and held.tier > ALL_WORDS:
            continue  # already found by its title's start, which outranks any all-words match
        if folds_agree(plain, title_plain, partial_last=True, any_order=True):
            _offer(found, film_id, ALL_WORDS, len(key) / len(title_key), field)


def _fuzzy_scores(key: str, cutoff: float, partial: bool = True) -> list[tuple[str, float, str]]:
    """(film_id, score, field) for titles that look like key.

    Whole-title similarity catches typos ("stalkr"); for queries of five
    letters or more, the best-matching stretch of a longer title counts too
    ("potemkn" in "battleship potemkin"), a little discounted. Shorter
    queries would find themselves inside too many titles that way.
    Each distinct key is scored once, in rapidfuzz's compiled loop: at
    100,000 films a Python loop over the keys took seconds.
    """
    from rapidfuzz import fuzz, process

    partial = partial and len(key) >= 5
    shortest, longest = _lengths_within_reach(len(key), cutoff)
    scores: dict[str, float] = {}
    # The build lists the keys in parts (title_key_list), shortest first, so only one part is held at a
    # time, and only the parts with keys long enough to reach the cutoff are read at all.
    for part, part_shortest in catalogue.rows(
        "SELECT keys, shortest FROM title_key_list WHERE longest >= ? AND (shortest <= ? OR ?) ORDER BY id",
        [shortest, longest, partial],
    ):
        keys = part.split("\n")
        if part_shortest <= longest:
            # Only keys of a length within reach: 100,000 films' 300,000 keys took 16 ms to score whole.
            reach = keys[bisect_left(keys, shortest, key=len) : bisect_right(keys, longest, key=len)]
            for title_key, score, _ in process.extract(key, reach, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
                scores[title_key] = score
        if partial:
            # Only a stretch of a longer title counts: "star" is not inside "tarkovski".
            longer = keys[bisect_right(keys, len(key), key=len) :]
            partial_hits = process.extract(
                key, longer, scorer=fuzz.partial_ratio, score_cutoff=cutoff / PARTIAL_DISCOUNT, limit=None
            )
            for title_key, score, _ in partial_hits:
                scores[title_key] = max(scores.get(title_key, 0.0), PARTIAL_DISCOUNT * score)
    if not scores:
        return []
    rows = catalogue.query(
        "SELECT film_id, key, field FROM title_keys WHERE key IN (SELECT value FROM json_each(?)) "
        "ORDER BY film_id, key",
        [json.dumps(sorted(scores))],
    )
    return [(film_id, scores[title_key], field) for film_id, title_key, field in rows]


def _lengths_within_reach(length: int, cutoff: float) -> tuple[int, int]:
    """The shortest and longest keys whose whole-title similarity to a key of this length can reach cutoff.

    rapidfuzz's ratio is 100 x (1 - edits / the two lengths' sum), and it takes at least the difference
    of the lengths in edits: a key of k letters scores at most 200 x min(k, length) / (k + length).
    """
    return math.floor(cutoff * length / (200 - cutoff)), math.ceil(length * (200 - cutoff) / cutoff)


def _fuzzy_tier(key: str, found: dict[str, _Candidate]) -> None:
    if len(compact(key)) < MIN_FUZZY:
        return
    for film_id, score, _ in _fuzzy_scores(key, FUZZY_CUTOFF):
        _offer(found, film_id, FUZZY, score / 100, CLOSE_SPELLING)


def _person_tier(key: str, found: dict[str, _Candidate]) -> None:
    rows = catalogue.query(
        "SELECT film_id, role, own FROM credit_keys WHERE key = ? OR compact = ?", [key, compact(key)]
    )
    for film_id, role, own in rows:
        # A person's own name before an alias someone else once had.
        _offer(found, film_id, PERSON, ROLE_WEIGHT[role] * (1.0 if own else 0.8), role)


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
        # The build writes film_text in film id order, so rowid breaks ties as the id would: the
        # best rows are chosen inside the index and only they are joined to their ids. At 100,000
        # films a common word ("war") matches tens of thousands, and joining them all cost a third.
        rows = catalogue.query(
            "SELECT film_id, rank FROM (SELECT rowid AS row, bm25(film_text_fts) AS rank FROM film_text_fts "
            f"WHERE film_text_fts MATCH ? ORDER BY rank, rowid LIMIT {SUBJECT_ROWS}) "
            "JOIN film_text ON film_text.rowid = row ORDER BY rank, row",
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
    places = _theme_places(query, totals) if theme_words_matched else {}
    facts = catalogue.sort_facts(totals)
    for film_id, total in totals.items():
        renown = facts[film_id].prominence
        score = total + SUBJECT_RENOWN * catalogue.renown_share(renown)
        if film_id in places:
            score += THEME_PLACE_BONUS[min(places[film_id], len(THEME_PLACE_BONUS) - 1)]
        _offer(found, film_id, SUBJECT, score, best_column[film_id][1])


def _theme_places(query: str, film_ids: Iterable[str]) -> dict[str, int]:
    """When the query names a theme ("gulag", "cosmonaut"): each of these films' place for it, 0 = its main theme."""
    from .vocab import theme_named

    theme = theme_named(query)
    if theme is None:
        return {}
    # Only the films found: at 100,000 films a common theme has tens of thousands.
    return dict(
        catalogue.query(
            "SELECT film_id, position FROM film_themes WHERE theme_id = ? "
            "AND film_id IN (SELECT value FROM json_each(?))",
            [theme, json.dumps(sorted(film_ids))],
        )
    )


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
    """Titles that look a little like query, for "did you mean"; a short query needs a closer look."""
    key = search_key(query)
    if not key:
        return []
    cutoff = SUGGESTION_CUTOFF if len(compact(key)) >= MIN_FUZZY else SHORT_SUGGESTION_CUTOFF
    best: dict[str, float] = {}
    for film_id, score, _ in _fuzzy_scores(key, cutoff):
        best[film_id] = max(score, best.get(film_id, 0))
    ranked = sorted(best, key=lambda film_id: (-best[film_id], film_id))[:n]
    films = catalogue.films_by_id(ranked)
    return [films[film_id].label for film_id in ranked]


def close_titles(title: str, year: int | None, n: int = 3) -> list[Film]:
    """Films whose whole title is spelled much like title, of a year near the given one: import's candidates."""
    key = search_key(title)
    if len(compact(key)) < MIN_FUZZY:
        return []
    best: dict[str, float] = {}
    for film_id, score, _ in _fuzzy_scores(key, FUZZY_CUTOFF, partial=False):
        best[film_id] = max(score, best.get(film_id, 0))
    films = catalogue.films_by_id(best)
    near = [film for film in films.values() if year is None or min(abs(y - year) for y in film.years) <= 2]
    near.sort(key=lambda film: (-best[film.id], film.id))
    return near[:n]
