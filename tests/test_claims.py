"""Every "first", "debut", "only", "invented" or "lost" in a film's context is backed by a reference that says so."""

from __future__ import annotations

from tools import build, claims

SOURCES = build.load_sources()
FILMS = {film["id"]: film for film in SOURCES.films}
# The build's own test of a page that can back a claim (no mirror, no denied host).
citable = build.citable(SOURCES)


def film(context: str, refs: list[str]) -> dict:
    return {"id": "a-film-1960", "context": context, "refs": refs}


WIKI = "https://en.wikipedia.org/wiki/A_Film"


def test_the_catalogue_backs_every_claim_it_makes():
    assert claims.check(SOURCES.films, SOURCES.claims, citable) == []


def test_every_listed_claim_names_what_its_reference_states():
    assert all(len(claim["says"].split()) >= 4 for claim in SOURCES.claims)


def test_a_claim_without_a_listed_reference_is_refused():
    problems = claims.check([film("Her first feature. A quiet comedy.", [WIKI])], [], citable)
    assert problems == [
        "films/a-film-1960.toml: context claims ['first'] with no reference in claims.toml: 'Her first feature.'"
    ]


def test_a_claim_backed_by_one_of_the_films_references_passes():
    claim = {"film": "a-film-1960", "words": ["first"], "ref": WIKI, "says": "the article calls it her first feature"}
    assert claims.check([film("Her first feature.", [WIKI])], [claim], citable) == []


def test_a_claim_is_backed_only_by_a_page_the_film_cites_and_never_by_a_mirror():
    mirror = "https://wikimili.com/en/A_Film"
    claim = {"film": "a-film-1960", "words": ["debut"], "ref": WIKI, "says": "the article calls it her debut"}
    assert "is not among a-film-1960's refs" in claims.check([film("Her debut.", [])], [claim], citable)[0]
    claim["ref"] = mirror
    assert "is a mirror or a denied host" in claims.check([film("Her debut.", [mirror])], [claim], citable)[0]


def test_a_synonym_does_not_hide_a_claim():
    problems = claims.check([film("The earliest Soviet sound film, and its sole print.", [WIKI])], [], citable)
    assert "['earliest', 'sole']" in problems[0]


def test_a_claim_the_context_no_longer_makes_is_reported():
    claim = {"film": "a-film-1960", "words": ["lost"], "ref": WIKI, "says": "the article says two reels are lost"}
    assert claims.check([film("A quiet comedy.", [WIKI])], [claim], citable) == [
        "claims.toml: claim 1: a-film-1960's context no longer says ['lost']"
    ]


def test_the_three_false_claims_the_audit_found_are_corrected():
    # Seven Brave Men was not Gerasimov's first film; Cities and Years lost one reel, not two;
    # The Sky of Our Childhood's novelist is Kadyrkul Omurkulov.
    assert "Gerasimov's first film" not in " ".join(FILMS["seven-brave-men-1936"]["context"].split())
    assert "Two reels" not in FILMS["cities-and-years-1930"]["context"]
    sky = " ".join(FILMS["the-sky-of-our-childhood-1966"]["context"].split())
    assert "Kadyrkul Omurkulov" in sky and "Kasymaly" not in sky


def test_a_film_marked_lost_needs_a_reference_that_says_so():
    lost = {"id": "a-film-1960", "context": "A quiet comedy.", "refs": [WIKI], "lost": True}
    assert claims.check([lost], [], citable) == ["films/a-film-1960.toml: lost = true with no reference in claims.toml"]
    claim = {"film": "a-film-1960", "words": ["lost"], "ref": WIKI, "says": "the article says no print survives"}
    assert claims.check([lost], [claim], citable) == []
