"""The film card: the questions a film lover asks, answered in order, at 80 columns and in a pipe."""

from __future__ import annotations

import pytest
from rich.console import Console

from ussr_films import catalogue
from ussr_films.render import film_card, fit, short_url, tonight_line


def card_text(film_id: str, width: int = 80) -> str:
    console = Console(
        width=width, color_system=None, highlight=False, emoji=False, record=True, file=open("/dev/null", "w")
    )
    console.print(fit(film_card(catalogue.film(film_id)), console))
    return console.export_text()


def fact(text: str, label: str) -> str:
    """The value of one fact row, its wrapped lines joined."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(label + " "))
    value = [lines[start][len(label) :].strip()]
    for line in lines[start + 1 :]:
        if not line.startswith(" " * 10) or not line.strip():
            break
        value.append(line.strip())
    return " ".join(value)


def test_show_stalker_answers_every_question(run):
    result = run("show", "stalker")
    assert result.exit_code == 0
    card = result.stdout
    assert card.startswith("Stalker (1979)\n")
    for label, value in [
        ("Original title", "Сталкер (Stalker)"),
        ("Year", "1979"),
        ("Runtime", "2h41 (161 min)"),
        ("Directed by", "Andrei Tarkovsky"),
        ("Written by", "Arkady Strugatsky, Boris Strugatsky, Andrei Tarkovsky, from the novel Roadside Picnic"),
        ("Photography", "Alexander Knyazhinsky"),
        ("Music", "Eduard Artemyev"),
        ("Cast", "Alexander Kaidanovsky"),
        ("Studio", "Mosfilm (Russia)"),
        ("Perspective", "Soviet: made in the USSR"),
        ("Canons", "#49 in BBC Culture"),
        ("Prizes", "Prize of the Ecumenical Jury, Cannes Film Festival 1980 (won)"),
        ("Where to watch", "Mosfilm's YouTube channel: a search on the rights holder's channel"),
        ("IMDb", "https://www.imdb.com/title/tt0079944/"),
        ("Sources", "en.wikipedia.org/wiki/Stalker_(1979_film)"),
    ]:
        assert value in fact(card, label), label
    assert "https://youtube.com/user/mosfilm/search?query=Сталкер" in card


def test_the_commissar_card_tells_its_censorship_and_its_years(run):
    card = run("show", "the commissar").stdout
    assert fact(card, "Year") == "1967 (released 1988)"
    assert fact(card, "Censorship").startswith("shelved 1967, released 1988: Censors had demanded changes")
    assert "from the story In the Town of Berdichev (В городе Бердичеве) by Vasily Grossman" in fact(card, "Written by")
    assert fact(card, "Music") == "Alfred Schnittke"
    assert fact(card, "Studio") == "Gorky Film Studio (Russia)"
    # Gorky Film Studio's channel address is not recorded (see data/free.toml): the card says so.
    assert fact(card, "Where to watch") == "no free, legal source recorded yet"


def test_war_and_peace_1966_lists_the_1956_film_among_its_other_versions(run):
    card = run("show", "war and peace 1966").stdout
    assert "War and Peace (1956), another adaptation of the same work" in fact(card, "Other versions")
    assert "58 million" in fact(card, "Tickets")
    assert "Vyacheslav Ovchinnikov" in fact(card, "Music")


def test_other_versions_link_both_ways_and_chain():
    def versions(film_id):
        return {c["film"] for c in catalogue.film(film_id).connections if c.get("film")}

    assert "war-and-peace-1966" in versions("war-and-peace-1956")
    assert "war-and-peace-1956" in versions("war-and-peace-1966")
    for solaris in ("solaris-1968", "solaris-1972", "solaris-2002"):
        assert {"solaris-1968", "solaris-1972", "solaris-2002"} - {solaris} <= versions(solaris), solaris
    assert "the-irony-of-fate-2-2007" in versions("the-irony-of-fate-1976")
    assert "the-irony-of-fate-1976" in versions("the-irony-of-fate-2-2007")


def test_a_link_read_from_the_other_record_says_so_and_carries_no_note():
    irony = catalogue.film("the-irony-of-fate-1976")
    sequel = next(c for c in irony.connections if c.get("film") == "the-irony-of-fate-2-2007")
    assert sequel["relation"] == "followed-by"
    solaris_2002 = catalogue.film("solaris-2002")
    chained = next(c for c in solaris_2002.connections if c.get("film") == "solaris-1968")
    assert chained["chained"] and "note" not in chained


@pytest.mark.parametrize("film", ["stalker", "the commissar", "war and peace 1966", "solaris 1972"])
def test_the_card_fits_80_columns_with_no_trailing_spaces(run, monkeypatch, film):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    for line in run("show", film).stdout.splitlines():
        assert len(line) <= 80 and line == line.rstrip(), line


@pytest.mark.parametrize("film_id", ["stalker-1979", "war-and-peace-1966", "the-commissar-1967"])
def test_refs_show_as_short_readable_lines_never_wrapped(film_id):
    card = card_text(film_id)
    film = catalogue.film(film_id)
    lines = card.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Sources "))
    shown = [line[16:].rstrip() for line in lines[start : start + len(film.refs)]]
    assert len(shown) == len(film.refs)
    for ref, line in zip(film.refs, shown):
        assert not line.startswith(("http", "www.")) and "%" not in line.replace("%20", "")
        assert line.rstrip("…") and short_url(ref).startswith(line.rstrip("…"))


def test_short_url_decodes_and_drops_the_scheme():
    assert (
        short_url("https://www.example.org/wiki/%D0%A1%D1%82%D0%B0%D0%BB%D0%BA%D0%B5%D1%80/")
        == "example.org/wiki/Сталкер"
    )
    assert short_url("http://piglix.com/piglix/Commissar_(film)") == "piglix.com/piglix/Commissar_(film)"


def test_show_json_gives_every_field(run_json):
    film = run_json("show", "stalker")
    for key in (
        "writers",
        "cinematographers",
        "composers",
        "production_designers",
        "source",
        "year_completed",
        "year_released",
        "canons",
        "free",
        "connections",
        "imdb_id",
        "tmdb_id",
        "republic",
        "refs",
    ):
        assert key in film, key
    assert film["free"][0]["kind"] == "search" and film["free"][0]["refs"]


def test_a_narrow_pipe_still_shows_every_fact(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("NO_COLOR", "1")
    card = run("show", "stalker").stdout
    assert "\x1b" not in card
    for text in ("Сталкер", "Eduard Artemyev", "Where to watch", "BBC Culture"):
        assert text in card


def test_tonight_reads_as_a_sentence(run):
    result = run("tonight", "--mood", "funny", "--max-runtime", "100", "--seed", "7")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first.startswith("Tonight, watch ") and first.endswith(".") and "funny" in first
    assert "Tonight:" not in result.stdout and "Why:" not in result.stdout


def test_tonight_line_without_reasons_is_still_a_sentence():
    film = catalogue.film("stalker-1979")
    assert tonight_line(film, []) == "Tonight, watch Stalker (1979)."
    assert tonight_line(film, ["eerie", "meditative"]) == "Tonight, watch Stalker (1979): eerie; meditative."


def test_a_film_under_an_hour_gives_its_runtime_once():
    assert fact(card_text("maria-1988"), "Runtime") == "41 min"
    assert (
        fact(card_text("hedgehog-in-the-fog-1975"), "Runtime")
        == f"{catalogue.film('hedgehog-in-the-fog-1975').runtime_min} min"
    )
