"""The people behind the camera: found in every role, by person, search, --person and stats."""

from __future__ import annotations

import pytest


def roles(person: dict) -> dict[str, list[str]]:
    return {film["id"]: film["roles"] for film in person["films"]}


def test_a_cinematographer_is_a_person_too(run_json):
    urusevsky = run_json("person", "urusevsky")
    assert urusevsky["name"] == "Sergey Urusevsky"
    assert roles(urusevsky)["the-cranes-are-flying-1957"] == ["cinematographer"]


def test_a_composer_lists_his_scores(run_json):
    artemyev = roles(run_json("person", "artemyev"))
    assert {"solaris-1972", "stalker-1979"} <= set(artemyev)
    assert artemyev["stalker-1979"] == ["composer"]


def test_an_author_lists_the_adaptations_of_his_work(run_json):
    bulgakov = roles(run_json("person", "bulgakov"))
    for film_id in ("heart-of-a-dog-1988", "ivan-vasilievich-back-to-the-future-1973", "the-flight-1970"):
        assert "source" in bulgakov[film_id]


def test_role_keeps_one_role(run, run_json):
    sources = run_json("person", "strugatsky", "--role", "source")
    assert all(film["roles"] == ["source"] for film in sources["films"])
    assert "the-magicians-1982" not in roles(sources)  # they wrote it; it adapts none of their books
    refused = run("person", "tarkovsky", "--role", "cast")
    assert refused.exit_code == 2 and "No cast member in the catalogue matches 'tarkovsky'" in refused.stderr
    assert run("person", "tarkovsky", "--role", "grip").exit_code == 2


def test_search_puts_the_adaptations_of_an_author_first(run_json):
    hits = run_json("search", "strugatsky")
    adapted = [hit["id"] for hit in hits if hit["matched"] == "source"]
    assert {"stalker-1979", "dead-mountaineers-hotel-1979"} <= set(adapted)
    assert [hit["matched"] for hit in hits[: len(adapted)]] == ["source"] * len(adapted)


@pytest.mark.parametrize(
    "command",
    [["search", "stalker", "-n", "50"], ["recommend", "-n", "50"], ["by-era", "stagnation"], ["export"]],
)
def test_person_narrows_any_listing_to_one_persons_films(run, command):
    import json

    out = run(*command, "--person", "artemyev", *([] if command == ["export"] else ["--json"])).stdout
    films = json.loads(out)
    assert films, command
    for film in films:
        credited = film["composers"] + film["directors"] + film["writers"] + film["cast"]
        assert "Eduard Artemyev" in credited, command


def test_show_and_json_carry_the_crew(run, run_json):
    solaris = run_json("show", "solaris 1972")
    assert solaris["composers"] == ["Eduard Artemyev"] and solaris["source"]["authors"] == ["Stanisław Lem"]
    card = run("show", "solaris 1972").stdout
    assert "Eduard Artemyev" in card and "Lem" in card


def test_stats_count_the_busiest_cinematographers_composers_and_authors(run, run_json):
    data = run_json("stats")
    composers = {row["value"]: row["films"] for row in data["composer"] if row["value"]}
    assert composers["Eduard Artemyev"] >= 3
    assert any(row["value"] == "Chinghiz Aitmatov" for row in data["source"])
    shown = run("stats", "--top", "3").stdout
    assert "Films by composer" in shown and "Adaptations by the author adapted" in shown


def test_namesakes_spelled_apart_are_found_by_their_own_spelling(run_json):
    # The cinematographer Dmitri Meskhiev and his son, the director Dmitry Meskhiev, whose films begin in the 1980s.
    father = run_json("person", "Dmitri Meskhiev")
    son = run_json("person", "dmitry meskhiev")
    assert father["name"] == "Dmitri Meskhiev" and {"striped-trip-1961"} <= {f["id"] for f in father["films"]}
    assert son["name"] == "Dmitry Meskhiev" and son["original_name"] == "Дмитрий Месхиев"
    assert all(film["year"] >= 1963 for film in son["films"])
