"""The catalogue holds the films a reader of Soviet film history expects, with their facts.

Each list below was checked against public references before it was
written down (see the films' refs and data/canons.toml); a test here fails
if a named film is missing or has lost the fact it is named for.
"""

from __future__ import annotations

import re

import pytest

from tools import build

SOURCES = build.load_sources(build.DATA_DIR)
FILMS = {film["id"]: film for film in SOURCES.films}
CANONS = {canon["id"]: canon for canon in SOURCES.canons}

# Films the Soviet censor shelved, cut to nothing or kept from release for years.
SHELVED = [
    "the-commissar-1967",
    "andrei-rublev-1966",
    "asyas-happiness-1966",
    "brief-encounters-1967",
    "the-long-farewell-1971",
    "trial-on-the-road-1971",
    "my-friend-ivan-lapshin-1984",
    "repentance-1984",
    "the-theme-1979",
    "agony-1975",
    "ivan-the-terrible-part-ii-1946",
    "bezhin-meadow-1937",
    "i-am-twenty-1962",
    "the-beginning-of-an-unknown-era-1967",
    "the-lonely-voice-of-man-1978",
    "a-nasty-anecdote-1966",
]

# (film, result) for every catalogued Best Foreign Language Film nominee or winner
# from the USSR, and from Russia where the film looks back at Soviet life.
FOREIGN_LANGUAGE_OSCARS = [
    ("war-and-peace-1966", "won"),
    ("the-brothers-karamazov-1969", "nominated"),
    ("tchaikovsky-1970", "nominated"),
    ("the-dawns-here-are-quiet-1972", "nominated"),
    ("dersu-uzala-1975", "won"),
    ("white-bim-black-ear-1977", "nominated"),
    ("moscow-does-not-believe-in-tears-1980", "won"),
    ("private-life-1982", "nominated"),
    ("wartime-romance-1984", "nominated"),
    ("close-to-eden-1991", "nominated"),
    ("burnt-by-the-sun-1994", "won"),
    ("prisoner-of-the-mountains-1996", "nominated"),
    ("the-thief-1997", "nominated"),
    ("12-2007", "nominated"),
]

# (film, festival, top prize) for the great festival wins.
TOP_FESTIVAL_PRIZES = [
    ("the-cranes-are-flying-1957", "Cannes Film Festival", "Palme d'Or"),
    ("ivans-childhood-1962", "Venice Film Festival", "Golden Lion"),
    ("the-ascent-1977", "Berlin International Film Festival", "Golden Bear"),
    ("close-to-eden-1991", "Venice Film Festival", "Golden Lion"),
]

# (canon, film, rank) as the poll reports give them.
CANON_RANKS = [
    ("bbc-2018", "mirror-1975", 20),
    ("bbc-2018", "battleship-potemkin-1925", 24),
    ("bbc-2018", "andrei-rublev-1966", 40),
    ("bbc-2018", "stalker-1979", 49),
    ("bbc-2018", "solaris-1972", 57),
    ("bbc-2018", "come-and-see-1985", 59),
    ("bbc-2018", "man-with-a-movie-camera-1929", 73),
    ("sight-and-sound-2022", "man-with-a-movie-camera-1929", 9),
    ("sight-and-sound-2022-directors", "mirror-1975", 8),
    ("suzdal-2012", "once-upon-a-dog-1982", 1),
    ("suzdal-2012", "hedgehog-in-the-fog-1975", 2),
    ("kinopoisk-votes-2023", "take-care-of-women-1981", 179),
]


@pytest.mark.parametrize("film_id", SHELVED)
def test_shelved_films_carry_their_censorship(film_id):
    censorship = FILMS[film_id].get("censorship")
    assert censorship, film_id
    assert isinstance(censorship.get("shelved"), int)
    assert isinstance(censorship.get("released"), int)
    assert censorship["released"] >= censorship["shelved"]
    # A reason is a sentence, not a tag.
    assert len(build.fold_whitespace(censorship["reason"]).split()) >= 12


@pytest.mark.parametrize(("film_id", "result"), FOREIGN_LANGUAGE_OSCARS)
def test_foreign_language_oscar_films_carry_the_award(film_id, result):
    oscars = [
        a
        for a in FILMS[film_id].get("awards", [])
        if a["body"] == "Academy Awards" and a["award"] == "Best Foreign Language Film"
    ]
    assert [a["result"] for a in oscars] == [result]
    # The ceremony honours the previous year's films; allow a festival-to-release gap.
    assert 1 <= oscars[0]["year"] - FILMS[film_id]["year"] <= 3


@pytest.mark.parametrize(("film_id", "body", "award"), TOP_FESTIVAL_PRIZES)
def test_top_festival_prizes_are_recorded(film_id, body, award):
    assert {"body": body, "award": award, "result": "won"}.items() <= next(
        (a for a in FILMS[film_id].get("awards", []) if a["award"] == award), {}
    ).items()


@pytest.mark.parametrize(("canon", "film_id", "rank"), CANON_RANKS)
def test_canon_ranks_are_recorded(canon, film_id, rank):
    entries = {entry["film"]: entry.get("rank") for entry in CANONS[canon]["entries"]}
    assert entries.get(film_id) == rank


def test_canon_ranks_are_unique_and_within_the_poll():
    for canon in SOURCES.canons:
        ranks = [entry["rank"] for entry in canon["entries"] if entry.get("rank") is not None]
        assert all(1 <= rank <= canon["size"] for rank in ranks), canon["id"]
        assert len(ranks) == len(set(ranks)), canon["id"]


def test_every_canon_names_its_sources():
    assert all(canon.get("refs") for canon in SOURCES.canons)


# A mention of a ban, the shelf or the censor in a film's prose.
CENSORSHIP_WORDS = re.compile(r"\b(shelv\w*|bann(?:ed|ing)|bans?|censor\w*|withheld|suppress\w*)\b", re.IGNORECASE)
# Films whose prose speaks of a ban or the censor without its own censorship: what the mention is about.
NOT_ITS_OWN = {
    "bastards-2006": "its publicity, which sold the story as a suppressed truth",
    "change-of-fate-1987": "Muratova's earlier films, brought off the shelf in 1986",
    "doctor-zhivago-1965": "Pasternak's novel",
    "dont-be-afraid-im-with-you-1981": "a ban it escaped",
    "father-sergius-1918": "the imperial censorship that kept Tolstoy's story off the screen before 1917",
    "getting-to-know-the-big-wide-world-1978": "Muratova's years under a ban before it",
    "ivan-vasilievich-back-to-the-future-1973": "Bulgakov's play",
    "oxygen-starvation-1992": "the hurdles of its making, with no ban or cut to record",
    "the-desert-of-forbidden-art-2010": "the art it is about",
    "the-door-1986": "a threat to shelve it that was withdrawn",
    "the-last-bolshevik-1993": "Medvedkin's films, its subject",
    "the-master-and-margarita-2024": "the hero's play, in its story",
    "the-singing-revolution-2006": "the songs it is about",
    "valentina-1981": "Panfilov's The Theme",
    "we-cannot-live-like-this-1990": "a ban it was shown to deputies to avoid",
}


def _mentions_censorship(film: dict) -> bool:
    return bool(CENSORSHIP_WORDS.search(film["synopsis"] + " " + film["context"]))


def test_a_film_whose_prose_tells_of_a_ban_or_cuts_carries_a_censorship_block():
    unrecorded = sorted(
        film_id
        for film_id, film in FILMS.items()
        if _mentions_censorship(film) and not film.get("censorship") and film_id not in NOT_ITS_OWN
    )
    assert unrecorded == []


def test_each_exception_still_mentions_someone_elses_ban_and_has_no_block_of_its_own():
    for film_id in NOT_ITS_OWN:
        assert _mentions_censorship(FILMS[film_id]) and not FILMS[film_id].get("censorship"), film_id
