"""Recommendations a knowledgeable friend would make: the judgement table and properties."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ussr_films import catalogue
from ussr_films.filters import Filters
from ussr_films.recommending import Query, pick, recommend

JUDGEMENTS = tomllib.loads((Path(__file__).parent / "data" / "judgements.toml").read_text(encoding="utf-8"))
MOODS = sorted(JUDGEMENTS["mood"])
# The figure the run prints at its end (see conftest.py), as the search table's does.
JUDGEMENT_FIGURES: dict[str, int] = {}


def _asked(kind: str, name: str) -> Query:
    if kind == "mood":
        return Query(moods=(name,), limit=1000)
    return Query(filters=Filters(genres=(name,)), limit=1000)


def judge() -> tuple[int, list[str]]:
    """(judgements checked, the ones that failed, in words)."""
    known = set(catalogue.film_ids())
    checked, failed = 0, []
    for kind in ("mood", "genre"):
        for name, expected in JUDGEMENTS.get(kind, {}).items():
            ranked = [rec.film.id for rec in recommend(_asked(kind, name))]
            for film_id in expected["top_ten"]:
                assert film_id in known, film_id
                checked += 1
                if film_id not in ranked[:10]:
                    failed.append(f"--{kind} {name}: {film_id} not in the top ten")
            for film_id in expected["never"]:
                assert film_id in known, film_id
                checked += 1
                if film_id in ranked:
                    failed.append(f"--{kind} {name}: {film_id} should never appear")
    for seed_id, expected in JUDGEMENTS["like"].items():
        ranked = [rec.film.id for rec in recommend(Query(like=(catalogue.film(seed_id),), limit=10))]
        for film_id in expected["top_ten"]:
            assert film_id in known, film_id
            checked += 1
            if film_id not in ranked:
                failed.append(f"--like {seed_id}: {film_id} not in the top ten")
    return checked, failed


@pytest.mark.xfail(
    strict=True,
    reason="issue 16 is blocked: 314 of 333 judgements hold (94.3%); the bar is 95%. "
    "The figure is printed at the end of every run; when it reaches the bar this test passes and strict xfail flags it.",
)
def test_the_judgement_table_holds_at_least_95_percent():
    checked, failed = judge()
    JUDGEMENT_FIGURES.update(checked=checked, held=checked - len(failed))
    assert 1 - len(failed) / checked >= 0.95, f"{len(failed)} of {checked} judgements fail:\n" + "\n".join(failed)


def test_every_mood_and_genre_judgement_cites_its_list_and_asks_enough():
    entries = {
        **{f"mood {k}": v for k, v in JUDGEMENTS["mood"].items()},
        **{f"genre {k}": v for k, v in JUDGEMENTS.get("genre", {}).items()},
    }
    assert len(entries) >= 25 and len(JUDGEMENTS["like"]) >= 15
    thin = [
        name
        for name, entry in entries.items()
        if not entry.get("source") or not entry.get("refs") or len(entry["top_ten"]) < 5 or len(entry["never"]) < 3
    ]
    assert thin == []


def test_every_mood_has_films(run_json):
    counts = {mood["id"]: mood["films"] for mood in run_json("moods")}
    assert len(counts) >= 14 and all(counts.values())


def test_a_tarkovsky_seed_brings_tarkovsky_and_kin_not_the_films_of_its_year():
    recs = recommend(Query(like=(catalogue.film("stalker-1979"),), limit=10))
    directors = [name for rec in recs for name in rec.film.directors]
    # Two of his (the cap holds for a seed's director too), then his kin in science fiction and faith.
    assert directors.count("Andrei Tarkovsky") == 2
    assert {"Alexander Sokurov", "Konstantin Lopushansky"} <= set(directors)
    assert sum(1 for rec in recs if rec.film.year == 1979) <= 2


def test_reasons_name_the_mood_the_theme_the_director_and_the_prize(run_json):
    recs = run_json("recommend", "--mood", "harrowing", "--theme", "wwii")
    # A mood the film carries first is named as it is; one it carries lower, "(in part)".
    assert all(
        rec["reasons"][0] in ("harrowing", "harrowing (in part)") and "wwii theme" in rec["reasons"] for rec in recs
    )
    assert any("Golden" in reason or "Palme" in reason for rec in recs for reason in rec["reasons"])
    like = run_json("recommend", "--like", "stalker")
    assert any("same director as Stalker" in rec["reasons"] for rec in like)


def test_no_more_than_two_films_by_one_director_in_a_top_ten_unless_asked():
    for mood in MOODS:
        recs = recommend(Query(moods=(mood,), limit=10))
        names = [name for rec in recs for name in rec.film.directors]
        assert all(names.count(name) <= 2 for name in names), (mood, names)


def test_beginner_puts_the_beginner_path_first(run_json):
    recs = run_json("recommend", "--beginner", "-n", "5")
    beginner = {step["film"]["id"] for step in run_json("path", "beginner")["steps"]}
    assert recs[0]["id"] in beginner and any(reason.startswith("an easy way in: ") for reason in recs[0]["reasons"])


def test_free_keeps_only_films_with_a_known_free_way_to_watch(run_json):
    recs = run_json("recommend", "--free", "-n", "50")
    assert recs and all(any(link["named"] for link in rec["free"]) for rec in recs)


def test_free_means_a_reference_names_the_film_not_a_bare_search(run_json):
    # Stalker is a Mosfilm film, so it has a search link, but no report names it on the channel.
    stalker = run_json("show", "stalker")
    assert stalker["free"] and not any(link["named"] for link in stalker["free"])
    picks = {rec["id"] for rec in run_json("recommend", "--free", "-n", "1000")}
    assert "stalker-1979" not in picks and "solaris-1972" in picks


def test_random_with_a_seed_is_reproducible_and_honours_filters(run_json):
    first = run_json("random", "--mood", "funny", "--max-runtime", "100", "--seed", "42")
    again = run_json("tonight", "--mood", "funny", "--max-runtime", "100", "--seed", "42")
    assert first == again
    assert "funny" in first["moods"] and first["runtime_min"] <= 100
    picks = {run_json("random", "--seed", str(seed))["id"] for seed in range(8)}
    assert len(picks) > 1


mood_lists = st.lists(st.sampled_from(MOODS), max_size=2, unique=True)
limits = st.integers(min_value=1, max_value=30)
seeds = st.sampled_from(sorted(JUDGEMENTS["like"]))


@settings(max_examples=40, deadline=None)
@given(moods=mood_lists, limit=limits, seed=st.none() | seeds)
def test_results_are_ordered_limited_deterministic_and_never_the_seed(moods, limit, seed):
    like = (catalogue.film(seed),) if seed else ()
    query = Query(moods=tuple(moods), like=like, limit=limit)
    first = recommend(query)
    assert [rec.film.id for rec in first] == [rec.film.id for rec in recommend(query)]
    assert len(first) <= limit
    assert seed not in {rec.film.id for rec in first}
    # Score order holds within the top ten and after it; only the diversity
    # rule moves a film, from the top ten to just after it (or, when fewer
    # than ten films fit, to just after those that do): at most one rise in
    # score, and never after the tenth place.
    scores = [round(rec.score, 6) for rec in first]
    rises = [i for i in range(1, len(scores)) if scores[i] > scores[i - 1]]
    assert len(rises) <= 1 and all(i <= 10 for i in rises)
    for rec in first:
        assert all(mood in rec.film.moods for mood in moods)


@settings(max_examples=20, deadline=None)
@given(moods=mood_lists, seed=st.integers(min_value=0, max_value=10**6))
def test_pick_is_one_of_the_best_fits(moods, seed):
    query = Query(moods=tuple(moods))
    chosen = pick(query, seed)
    pool = [rec.film.id for rec in recommend(Query(moods=tuple(moods), limit=20))]
    assert (chosen is None and not pool) or chosen.film.id in pool


@pytest.mark.parametrize(
    ("typed", "mood"),
    [
        ("sad", "heartbreaking"),
        ("brutal", "harrowing"),
        ("comedy", "funny"),
        ("lighthearted", "funny"),
        ("slow", "meditative"),
        ("poetic", "meditative"),
        ("creepy", "eerie"),
    ],
)
def test_the_words_users_type_reach_their_mood(run_json, typed, mood):
    assert run_json("recommend", "--mood", typed, "-n", "5") == run_json("recommend", "--mood", mood, "-n", "5")


def test_moods_lists_every_mood_with_its_synonyms_and_a_true_count(run_json):
    listed = {mood["id"]: mood for mood in run_json("moods")}
    assert "sad" in listed["heartbreaking"]["synonyms"] and "slow" in listed["meditative"]["synonyms"]
    for mood_id in ("harrowing", "whimsical"):
        carrying = [film for film in catalogue.all_films() if mood_id in film.moods]
        assert listed[mood_id]["films"] == len(carrying)
        # recommend offers every one of them that can be watched and is in scope.
        offered = recommend(Query(moods=(mood_id,), limit=10_000))
        assert len(offered) == sum(1 for film in carrying if not film.lost and not film.outside_scope)


def test_the_filters_combine_and_each_holds(run_json):
    recs = run_json(
        "recommend",
        "--mood",
        "funny",
        "--perspective",
        "soviet",
        "--kind",
        "feature",
        "--decade",
        "1960",
        "--max-runtime",
        "100",
        "-n",
        "30",
    )
    assert recs
    for rec in recs:
        assert "funny" in rec["moods"] and rec["perspective"] == "soviet" and rec["kind"] == "feature"
        assert 1960 <= rec["year"] <= 1969 and rec["runtime_min"] <= 100
    western = run_json("recommend", "--theme", "cold-war", "--perspective", "western", "-n", "30")
    assert western and all(rec["perspective"] == "western" and "cold-war" in rec["themes"] for rec in western)


def test_unknown_theme_exits_2_with_the_valid_themes_and_a_suggestion(run):
    result = run("recommend", "--theme", "wwiii")
    assert result.exit_code == 2
    assert "Did you mean 'wwii'" in result.stderr and "gulag" in result.stderr


def test_box_office_hits_say_so_in_their_reasons(run_json):
    recs = run_json("recommend", "--mood", "funny")
    hits = [rec for rec in recs if rec["admissions"]]
    assert hits, "the funny top ten holds no Soviet box-office hit"
    for rec in hits:
        assert f"Soviet box office: {rec['admissions']:g} million tickets" in rec["reasons"]


def test_a_film_held_back_by_the_diversity_rule_comes_straight_after_the_top_ten():
    recs = recommend(Query(moods=("funny",), limit=30))
    top = [name for rec in recs[:10] for name in rec.film.directors]
    held = [rec for rec in recs[10:] if any(top.count(name) >= 2 for name in rec.film.directors)]
    assert held, "no director reaches the cap in the funny top ten"
    best_rest = max(rec.score for rec in recs[10:])
    assert recs[10].score == best_rest


@pytest.mark.parametrize(
    "query",
    [
        Query(moods=("harrowing",), limit=50),
        Query(moods=("funny", "romantic"), limit=50),
        Query(like=(catalogue.film("stalker-1979"),), limit=50),
        Query(like=(catalogue.film("come-and-see-1985"), catalogue.film("mirror-1975")), moods=("bleak",), limit=50),
        Query(themes=("space",), beginner=True, limit=50),
        # Filtered queries: each hard filter the SQL applies must agree with Python's.
        Query(moods=("funny",), filters=Filters(era="thaw", kind="feature"), limit=50),
        Query(moods=("epic",), filters=Filters(perspective="soviet", canon="any"), limit=50),
        Query(like=(catalogue.film("stalker-1979"),), filters=Filters(decade=1980, republic="Russia"), limit=50),
        Query(filters=Filters(genres=("fairy-tale",), studio="Mosfilm"), limit=50),
        Query(moods=("harrowing",), filters=Filters(year=1988), limit=50),
        Query(filters=Filters(person="Andrei Tarkovsky"), limit=50),
        Query(moods=("romantic",), max_runtime=100, free=True, limit=50),
    ],
    ids=[
        "mood",
        "two-moods",
        "like",
        "two-likes-and-a-mood",
        "theme-beginner",
        "era-kind",
        "perspective-canon",
        "like-decade-republic",
        "genre-studio",
        "year-known-by",
        "person",
        "runtime-free",
    ],
)
def test_the_sql_shortlist_gives_what_scoring_every_film_gives(query, monkeypatch):
    # The shortlist and the settled reading exist for catalogues of 100,000
    # films; on the shipped one they must change nothing, with every kind of
    # filter the SQL applies, at any length of answer.
    from ussr_films import recommending as module
    from ussr_films import shortlist

    answers = {limit: recommend(replace(query, limit=limit)) for limit in (1, 5, 10, 11, 50)}
    if shortlist.scored_in_sql(query):
        # SQL's score is never below recommend's (for seeds it may be above), so reading in its order settles.
        in_sql = {film_id: score for film_id, score, _ in shortlist.ranked(query)}
        whole = recommend(replace(query, limit=10_000))
        assert {rec.film.id for rec in whole} <= set(in_sql)
        assert [rec.film.id for rec in whole if round(rec.score, 6) > in_sql[rec.film.id]] == []
    # Reading one film at a time settles at every step, held-back directors included.
    monkeypatch.setattr(module, "SETTLE_BATCH", 1)
    assert all(recommend(replace(query, limit=limit)) == answer for limit, answer in answers.items())
    # SQL ranks only the first SETTLE_FIRST at first; when they do not settle it, the rest are fetched.
    monkeypatch.setattr(module, "SETTLE_FIRST", 3)
    assert all(recommend(replace(query, limit=limit)) == answer for limit, answer in answers.items())
    monkeypatch.setattr(shortlist, "scored_in_sql", lambda q: False)
    monkeypatch.setattr(module, "_candidates", lambda q: catalogue.all_films())
    for limit, answer in answers.items():
        everything = recommend(replace(query, limit=limit))
        assert [(rec.film.id, round(rec.score, 6), rec.reasons) for rec in answer] == [
            (rec.film.id, round(rec.score, 6), rec.reasons) for rec in everything
        ], limit
    monkeypatch.undo()
    # And its SQL filters keep exactly the films Python's filters keep.
    monkeypatch.setattr(shortlist, "SHORTLIST", 100_000)
    plain = Query(filters=query.filters, max_runtime=query.max_runtime, free=query.free, limit=query.limit)
    in_sql = set(shortlist.candidate_ids(plain))
    in_python = {film.id for film in catalogue.all_films() if plain.admits(film)}
    assert in_python <= in_sql and {i for i in in_sql if plain.admits(catalogue.film(i))} == in_python


def test_a_lost_film_is_never_recommended_but_still_shown(run):
    lost = [film for film in catalogue.all_films() if film.lost]
    assert {"bezhin-meadow-1937", "jimmy-higgins-1928"} <= {film.id for film in lost}
    for film in lost:
        offered = recommend(Query(moods=tuple(film.moods[:1]), limit=1000))
        assert film.id not in {rec.film.id for rec in offered}
    result = run("show", "bezhin meadow")
    assert result.exit_code == 0 and "the film is lost" in result.stdout
