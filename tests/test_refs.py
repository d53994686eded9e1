"""The refs policy (data/refs.toml): every film cites a reference, no film cites piracy or a bare mirror."""

from __future__ import annotations

from collections import Counter

import pytest

from tools.build import REFERENCE_KINDS, RefPolicy, load_sources

SOURCES = load_sources()
POLICY = RefPolicy.load()


def test_every_film_cites_a_reference_and_no_denied_host_or_bare_mirror():
    problems = {
        film["id"]: found
        for film in SOURCES.films
        if (found := POLICY.problems(film.get("refs", []))) and film["id"] not in POLICY.pending
    }
    assert problems == {}


# The films data/refs.toml lists as still owing a reference page, when this test was written: the list may only shrink.
PENDING_AT_MOST = 11


def test_the_films_still_owing_a_reference_only_get_fewer():
    assert len(POLICY.pending) <= PENDING_AT_MOST
    ids = {film["id"] for film in SOURCES.films}
    assert set(POLICY.pending) <= ids
    # A pending film that has its reference now comes off the list.
    assert [
        film_id
        for film_id in POLICY.pending
        if not POLICY.problems(next(f["refs"] for f in SOURCES.films if f["id"] == film_id))
    ] == []


def test_the_policy_reads_hosts_as_a_person_would():
    assert POLICY.kind("https://en.m.wikipedia.org/wiki/Stalker_(1979_film)") == "encyclopedia"
    assert POLICY.kind("https://www.imdb.com/title/tt0079944/") == "database"
    assert POLICY.kind("http://piglix.com/piglix/Stalker_(1979_film)") == "mirror"
    assert POLICY.kind("https://pop4k.top/movie/stalker") == "denied"
    assert POLICY.kind("https://www.kviff.com/en/programme/film/50/25334") == "festival"
    assert POLICY.kind("https://example.org/a-blog-post") == "other"
    # A host that merely contains a listed name is not that host.
    assert POLICY.kind("https://notimdb.com/title") == "other"


@pytest.mark.parametrize("kind", ["deny", "mirrors"])
def test_no_host_is_listed_twice(kind):
    raw = {"deny": POLICY.deny, "mirrors": POLICY.mirrors}[kind]
    assert [host for host, n in Counter(raw).items() if n > 1] == []
    listed = {domain for domains in POLICY.kinds.values() for domain in domains}
    assert set(raw) & listed == set()


def test_issue_hosts_are_denied():
    for host in ("pop4k.top", "popmovies.net", "fmovies-to.lol", "azmovies.web.id", "whaappaa.tv", "owntitle.com"):
        assert POLICY.kind(f"https://{host}/x") == "denied"
    assert set(REFERENCE_KINDS) == set(POLICY.kinds)
