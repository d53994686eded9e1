"""One film, for sure: the resolver's table, on the shipped catalogue.

Each row is what a person might type and what must come of it: one film's
id, NOT_FOUND (exit 1, "did you mean") or SEVERAL (exit 2, the films listed).
A write that is refused must leave the viewing record byte for byte as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ussr_films import catalogue
from ussr_films.errors import AmbiguousFilm, FilmNotFound, TooLong
from ussr_films.resolver import resolve
from ussr_films.titles import split_year

NOT_FOUND, SEVERAL = "no film", "several films"
DATA = Path(__file__).parent / "data"

TABLE = [
    # ids, in any case, and IMDb ids
    ("stalker-1979", "stalker-1979"),
    ("STALKER-1979", "stalker-1979"),
    ("tt0079944", "stalker-1979"),
    ("tt0091251", "come-and-see-1985"),
    ("tt9999999", NOT_FOUND),
    # exact titles, in both scripts and several romanisations
    ("stalker", "stalker-1979"),
    ("Stalker", "stalker-1979"),
    ("Сталкер", "stalker-1979"),
    ("сталкер", "stalker-1979"),
    ("mirror", "mirror-1975"),
    ("The Mirror", "mirror-1975"),
    ("Зеркало", "mirror-1975"),
    ("zerkalo", "mirror-1975"),
    ("come and see", "come-and-see-1985"),
    ("Иди и смотри", "come-and-see-1985"),
    ("idi i smotri", "come-and-see-1985"),
    ("andrei rublev", "andrei-rublev-1966"),
    ("Андрей Рублёв", "andrei-rublev-1966"),
    ("Андрей Рублев", "andrei-rublev-1966"),
    ("andrey rublyov", "andrei-rublev-1966"),
    ("Andrei Roublev", "andrei-rublev-1966"),
    ("The Cranes Are Flying", "the-cranes-are-flying-1957"),
    ("cranes are flying", "the-cranes-are-flying-1957"),
    ("Летят журавли", "the-cranes-are-flying-1957"),
    ("letyat zhuravli", "the-cranes-are-flying-1957"),
    ("Hedgehog in the Fog", "hedgehog-in-the-fog-1975"),
    ("Ёжик в тумане", "hedgehog-in-the-fog-1975"),
    ("Ежик в тумане", "hedgehog-in-the-fog-1975"),
    ("yozhik v tumane", "hedgehog-in-the-fog-1975"),
    ("ezhik v tumane", "hedgehog-in-the-fog-1975"),
    ("kin-dza-dza", "kin-dza-dza-1986"),
    ("kindzadza", "kin-dza-dza-1986"),
    ("Кин-дза-дза!", "kin-dza-dza-1986"),
    ("brat", "brother-1997"),
    ("Брат", "brother-1997"),
    ("white sun of the desert", "white-sun-of-the-desert-1970"),
    ("The White Sun of the Desert", "white-sun-of-the-desert-1970"),
    ("beloye solntse pustyni", "white-sun-of-the-desert-1970"),
    ("beloe solnce pustyni", "white-sun-of-the-desert-1970"),
    ("irony of fate", "the-irony-of-fate-1976"),
    ("Ирония судьбы", "the-irony-of-fate-1976"),
    ("Служебный роман", "office-romance-1977"),
    ("office romance", "office-romance-1977"),
    ("brilliantovaya ruka", "the-diamond-arm-1969"),
    ("Heat", "heat-1963"),
    ("Wings", "wings-1966"),
    ("Cargo 200", "cargo-200-2007"),
    ("Груз 200", "cargo-200-2007"),
    ("1944", "1944-2015"),
    ("12", "12-2007"),
    ("Twelve", "12-2007"),
    # digits and letters part at their border
    ("k19", "k-19-the-widowmaker-2002"),
    ("K-19", "k-19-the-widowmaker-2002"),
    # the beginning of one film's title, on a whole word
    ("seventeen moments", "seventeen-moments-of-spring-1973"),
    ("Семнадцать мгновений", "seventeen-moments-of-spring-1973"),
    ("the russians are coming", "the-russians-are-coming-the-russians-are-coming-1966"),
    # a title with its subtitle, when the short title is one film's
    ("Ivan the Terrible, Part II: The Boyars' Plot", "ivan-the-terrible-part-ii-1946"),
    ("Ivan the Terrible, Part II", "ivan-the-terrible-part-ii-1946"),
    ("Ivan the Terrible, Part I", "ivan-the-terrible-part-i-1945"),
    # a year, bare or in brackets, settles same-title films
    ("solaris 1972", "solaris-1972"),
    ("Solaris (1972)", "solaris-1972"),
    ("Solaris, 1968", "solaris-1968"),
    ("solaris [2002]", "solaris-2002"),
    ("Солярис 1972", "solaris-1972"),
    ("Солярис (1968)", "solaris-1968"),
    ("war and peace 1966", "war-and-peace-1966"),
    ("war and peace (1956)", "war-and-peace-1956"),
    ("Война и мир", "war-and-peace-1966"),
    ("mother 1926", "mother-1926"),
    ("mother (1990)", "mother-1990"),
    ("Мать 1926", "mother-1926"),
    ("hamlet 1964", "hamlet-1964"),
    ("stalker 1979", "stalker-1979"),
    ("the twelve chairs 1976", "the-twelve-chairs-1976"),
    # any year the film is known by: completed, listed, released
    ("the commissar 1988", "the-commissar-1967"),
    ("my friend ivan lapshin 1985", "my-friend-ivan-lapshin-1984"),
    ("andrei rublev 1971", "andrei-rublev-1966"),
    # a year the film is not known by
    ("stalker 1980", NOT_FOUND),
    ("solaris 1999", NOT_FOUND),
    # several films: listed, never picked
    ("solaris", SEVERAL),
    ("Солярис", SEVERAL),
    ("war and peace", SEVERAL),
    ("mother", SEVERAL),
    ("Мать", SEVERAL),
    ("Иван Грозный", SEVERAL),
    ("the twelve chairs", SEVERAL),
    # nothing names one film: refused, never guessed
    ("qwerty", NOT_FOUND),
    ("russian ark", NOT_FOUND),
    ("zzzz", NOT_FOUND),
    ("Parasite", NOT_FOUND),
    ("stalkr", NOT_FOUND),
    ("солярс", NOT_FOUND),
    ("tsar", "tsar-to-lenin-1937"),  # the one title that begins with the word
    ("Груз", "cargo-200-2007"),
    ("cargo 20", NOT_FOUND),
    ("stalk", NOT_FOUND),
    ("", NOT_FOUND),
    ("   ", NOT_FOUND),
]


def outcome(text: str) -> str:
    try:
        return resolve(text).id
    except AmbiguousFilm:
        return SEVERAL
    except FilmNotFound:
        return NOT_FOUND


@pytest.mark.parametrize(("text", "expected"), TABLE, ids=[text or "(empty)" for text, _ in TABLE])
def test_the_resolver_table(text, expected):
    assert outcome(text) == expected


def test_the_table_is_large_and_in_both_scripts():
    assert len(TABLE) >= 80
    cyrillic = [text for text, _ in TABLE if any("\u0400" <= ch <= "\u04ff" for ch in text)]
    assert len(cyrillic) >= 15


def test_several_films_are_listed_with_their_years_and_ids():
    with pytest.raises(AmbiguousFilm) as raised:
        resolve("solaris")
    message = str(raised.value)
    for film_id, year in (("solaris-1968", 1968), ("solaris-1972", 1972), ("solaris-2002", 2002)):
        assert film_id in message and str(year) in message
    assert "'solaris 1968'" in message  # how to name one


def test_a_miss_suggests_but_never_picks():
    with pytest.raises(FilmNotFound) as raised:
        resolve("stalkr")
    assert "Stalker (1979)" in raised.value.suggestions


@pytest.mark.parametrize(
    ("text", "title", "year"),
    [
        ("solaris 1972", "solaris", 1972),
        ("Solaris (1972)", "Solaris", 1972),
        ("Solaris, 1972", "Solaris", 1972),
        ("hamlet [1964]", "hamlet", 1964),
        ("Cargo 200", "Cargo 200", None),
        ("1944", "1944", None),
        ("stalker", "stalker", None),
    ],
)
def test_a_trailing_year_is_read_off(text, title, year):
    assert split_year(text) == (title, year)


def test_text_longer_than_any_title_is_refused_at_once():
    with pytest.raises(TooLong):
        resolve("stalker " * 200_000)


def test_every_id_ever_shipped_still_names_its_film():
    shipped = (DATA / "ids_shipped_in_0.1.0.txt").read_text().split()
    assert len(shipped) == 714
    assert [resolve(film_id).id for film_id in shipped] == shipped


# -- the command line: refusals change nothing --------------------------------


def _record_bytes(home: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(home.iterdir()) if path.is_file()}


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("rate", "qwerty", "4"), 1, "No film matches 'qwerty'"),
        (("rate", "russian", "ark", "4"), 1, "No film matches 'russian ark'"),
        (("rate", "solaris", "4"), 2, "could be 3 films"),
        (("watched", "add", "zzzz"), 1, "No film matches"),
        (("watched", "rm", "mother"), 2, "could be 2 films"),
        (("watchlist", "add", "stalkr"), 1, "Did you mean 'Stalker (1979)'"),
        (("watchlist", "rm", "war", "and", "peace"), 2, "war-and-peace-1966"),
    ],
)
def test_a_refused_write_leaves_the_record_byte_for_byte(run, private_home, args, code, said):
    assert run("rate", "stalker", "4.5").exit_code == 0
    assert run("watchlist", "add", "mirror").exit_code == 0
    before = _record_bytes(private_home)
    result = run(*args)
    assert result.exit_code == code
    assert said in result.stderr
    assert _record_bytes(private_home) == before


def test_show_refuses_a_guess_as_writes_do(run):
    for text, code in (("zzzz", 1), ("Parasite", 1), ("Viy-ish", 1), ("solaris", 2)):
        result = run("show", text)
        assert result.exit_code == code, text
        assert result.stdout == ""


def test_like_names_one_film_for_sure(run):
    result = run("recommend", "--like", "solaris")
    assert result.exit_code == 2
    assert "solaris-1972" in result.stderr
    assert run("recommend", "--like", "solaris 1972").exit_code == 0


def test_catalogue_ids_join_the_imdb_and_tmdb_indexes():
    rows = catalogue.query("SELECT count(*) FROM films WHERE imdb_id IS NOT NULL")
    assert rows[0][0] > 0
