"""Build the bundled SQLite catalogue from the TOML sources in data/: a developer's tool.

    python -m tools.build            # data/ -> ussr_films/catalogue.db, from a checkout
    python -m tools.build --check    # validate only

It lives outside the package, so an installed ussrfilms cannot run it and no
command of the installed tool writes into the install. It reads data/ and
writes ussr_films/catalogue.db beside it in the same checkout, and refuses to
run without them. The build is deterministic: the same sources give the same
rows in the same order, and the digest of the sources is stored in the
catalogue so a test can tell when the shipped file is stale. Every rule the
data must keep (validate()) runs before a single row is written.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools import claims
from ussr_films.models import Film, split_studios
from ussr_films.safe_text import has_controls
from ussr_films.schema import KINDS, PERSPECTIVES, SCHEMA_VERSION
from ussr_films.standing import standings
from ussr_films.text import compact, has_cyrillic, plain_key, search_key, slugify

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
CATALOGUE_PATH = REPO_ROOT / "ussr_films" / "catalogue.db"

AWARD_RESULTS = ("won", "nominated")
RELATIONS = (
    "homage",
    "remake",
    "remade-as",
    "sequel",
    "followed-by",
    "prequel",
    "pair",
    "influenced",
    "adaptation-of-same",
)
# How a connection reads from the other film, for linking both ways. In the
# data a "prequel" names the film this one follows, and a "homage" names the
# film that pays homage to this one (Potemkin -> The Untouchables); the two
# relations that only the build writes, homage-to and influence-on, read back.
INVERSE_RELATIONS = {
    "remake": "remade-as",
    "remade-as": "remake",
    "sequel": "followed-by",
    "prequel": "followed-by",
    "followed-by": "sequel",
    "pair": "pair",
    "adaptation-of-same": "adaptation-of-same",
    "homage": "homage-to",
    "influenced": "influence-on",
}
# Versions of the same work, whichever way round: they chain (Solaris 1968,
# 1972 and 2002 are all versions of Lem's novel, though no record links the
# first and the last).
SAME_WORK_RELATIONS = frozenset({"remake", "remade-as", "adaptation-of-same"})
REQUIRED_FILM_FIELDS = (
    "id",
    "title",
    "original_title",
    "year",
    "kind",
    "perspective",
    "era",
    "countries",
    "languages",
    "directors",
    "moods",
    "themes",
    "synopsis",
    "context",
    "refs",
)
FILM_FIELDS = REQUIRED_FILM_FIELDS + (
    "translit",
    "alt_titles",
    "made_for_tv",
    "lost",
    "runtime_min",
    "admissions",
    "studio",
    "cast",
    "setting",
    "awards",
    "censorship",
    "connections",
    "imdb_id",
    "tmdb_id",
    "year_completed",
    "year_released",
    "writers",
    "source",
    "cinematographers",
    "composers",
    "production_designers",
    "genres",
    "accessible",
    "outside_scope",
)
# Other years a film is known by, beside `year` (the year IMDb and Letterboxd
# list it under): search, the resolver and import accept any of them.
OTHER_YEAR_FIELDS = ("year_completed", "year_released")
CREW_FIELDS = ("writers", "cinematographers", "composers", "production_designers")
# Every role a person can have on a film, in the order a card lists them:
# (role, how to read the names from a film record).
CREDIT_ROLES = (
    ("director", lambda film: film.get("directors", [])),
    ("writer", lambda film: film.get("writers", [])),
    ("source", lambda film: (film.get("source") or {}).get("authors", [])),
    ("cinematographer", lambda film: film.get("cinematographers", [])),
    ("composer", lambda film: film.get("composers", [])),
    ("production designer", lambda film: film.get("production_designers", [])),
    ("cast", lambda film: film.get("cast", [])),
)


def film_credits(film: dict[str, Any]) -> list[tuple[str, int, str]]:
    """(role, position, name) for everyone a film record credits."""
    return [(role, position, name) for role, names in CREDIT_ROLES for position, name in enumerate(names(film))]


SOURCE_KINDS = (
    "novel",
    "novella",
    "story",
    "stories",
    "play",
    "poem",
    "fairy tale",
    "opera",
    "memoir",
    "comic",
    "film",
)
IMDB_ID = re.compile(r"tt\d{7,8}")
# The romanisation systems a Latin query may be written in (iuliia's names).
TRANSLIT_SCHEMAS = (
    "WIKIPEDIA",
    "BGN_PCGN",
    "ALA_LC",
    "GOST_7034",
    "ISO_9_1968",
    "SCIENTIFIC",
    "ICAO_DOC_9303",
    "MOSMETRO",
    "YANDEX_MAPS",
)


@dataclass
class Sources:
    eras: list[dict[str, Any]]
    moods: list[dict[str, Any]]
    themes: list[dict[str, Any]]
    people: list[dict[str, Any]]
    films: list[dict[str, Any]]
    paths: list[dict[str, Any]]
    studios: list[dict[str, Any]] = field(default_factory=list)
    genres: list[dict[str, Any]] = field(default_factory=list)
    canons: list[dict[str, Any]] = field(default_factory=list)
    channels: list[dict[str, Any]] = field(default_factory=list)
    refs: RefPolicy | None = None
    pages: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)


class BuildError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in data/:\n" + "\n".join(problems))


# -- reading ---------------------------------------------------------------


def _read_toml(path: Path, files: dict[str, bytes], root: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    files[path.relative_to(root).as_posix()] = raw
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BuildError([f"{path.relative_to(root)}: {exc}"]) from exc


def load_sources(data_dir: Path = DATA_DIR) -> Sources:
    if not (data_dir / "films").is_dir() or not (data_dir / "eras.toml").is_file():
        # An empty catalogue is never what anyone meant: missing sources are an error, not zero films.
        raise BuildError([f"{data_dir} is not a checkout's data/ folder (no films/ or eras.toml): nothing was built"])
    files: dict[str, bytes] = {}

    def table(name: str, key: str) -> list[dict[str, Any]]:
        path = data_dir / name
        return _read_toml(path, files, data_dir).get(key, []) if path.exists() else []

    def records(folder: str) -> list[dict[str, Any]]:
        found = []
        for path in sorted((data_dir / folder).glob("*.toml")):
            record = _read_toml(path, files, data_dir)
            record["_file"] = path.stem
            found.append(record)
        return found

    return Sources(
        eras=table("eras.toml", "era"),
        moods=table("moods.toml", "mood"),
        themes=table("themes.toml", "theme"),
        genres=table("genres.toml", "genre"),
        people=records("people"),
        films=records("films"),
        paths=table("paths.toml", "path"),
        studios=table("studios.toml", "studio"),
        canons=table("canons.toml", "canon"),
        channels=table("free.toml", "channel"),
        pages=table("free.toml", "page"),
        claims=table("claims.toml", "claim"),
        files=files,
        refs=RefPolicy.load(data_dir) if (data_dir / "refs.toml").exists() else None,
    )


def source_digest(sources: Sources) -> str:
    digest = hashlib.sha256(f"schema:{SCHEMA_VERSION}\n".encode())
    for name in sorted(sources.files):
        digest.update(name.encode() + b"\0" + sources.files[name] + b"\0")
    return digest.hexdigest()


def fold_whitespace(text: str) -> str:
    return " ".join(text.split())


# -- validation ------------------------------------------------------------


def era_for_year(eras: list[dict[str, Any]], year: int) -> str | None:
    for era in eras:
        if era.get("group") == "production" and era["start"] <= year <= era["end"]:
            return era["id"]
    return None


def validate(sources: Sources) -> list[str]:
    """Every rule the data must satisfy, as a list of human-readable problems."""
    problems: list[str] = []
    era_ids = {era["id"] for era in sources.eras}
    mood_ids = {mood["id"] for mood in sources.moods}
    theme_ids = {theme["id"] for theme in sources.themes}
    genre_ids = {genre["id"] for genre in sources.genres}
    mood_conflicts = {mood["id"]: set(mood.get("excludes", [])) for mood in sources.moods}
    people_names: dict[str, str] = {}
    for person in sources.people:
        where = f"people/{person['_file']}.toml"
        for key in ("name", "original_name", "refs"):
            if not person.get(key):
                problems.append(f"{where}: missing {key}")
        name = person.get("name", "")
        if slugify(name) != person["_file"]:
            problems.append(f"{where}: file should be named {slugify(name)}.toml")
        if name in people_names:
            problems.append(f"{where}: duplicate person {name!r}")
        people_names[name] = person["_file"]

    film_ids: set[str] = set()
    known_ids: dict[str, str] = {}
    titles_seen: dict[tuple[str, int], str] = {}
    for film in sources.films:
        where = f"films/{film['_file']}.toml"
        for key in REQUIRED_FILM_FIELDS:
            # A silent film without intertitles honestly has no language.
            empty_ok = key == "languages" and isinstance(film.get(key), list)
            if film.get(key) in (None, "", []) and not empty_ok:
                problems.append(f"{where}: missing {key}")
        for key in film:
            if key not in FILM_FIELDS and key != "_file":
                problems.append(f"{where}: unknown field {key!r}")
        film_id = film.get("id", "")
        year = film.get("year")
        if film_id != film["_file"]:
            problems.append(f"{where}: id {film_id!r} does not match the file name")
        if film_id in film_ids:
            problems.append(f"{where}: duplicate id {film_id!r}")
        film_ids.add(film_id)
        if not isinstance(year, int) or not 1896 <= year <= 2030:
            problems.append(f"{where}: year {year!r} out of range")
            continue
        problems += _check_years_and_ids(where, film, known_ids)
        title_key = (search_key(film.get("title", "")), year)
        if title_key in titles_seen:
            problems.append(f"{where}: same title and year as {titles_seen[title_key]}")
        titles_seen[title_key] = film_id
        if film.get("kind") not in KINDS:
            problems.append(f"{where}: kind {film.get('kind')!r} not one of {', '.join(KINDS)}")
        problems += _check_era(where, film, sources.eras, era_ids)
        moods = film.get("moods", [])
        for mood in moods:
            if mood not in mood_ids:
                problems.append(f"{where}: unknown mood {mood!r}")
            clash = mood_conflicts.get(mood, set()) & set(moods)
            if clash:
                problems.append(f"{where}: mood {mood!r} cannot go with {sorted(clash)}")
        if not 1 <= len(moods) <= 4:
            problems.append(f"{where}: give one to four moods")
        for theme in film.get("themes", []):
            if theme not in theme_ids:
                problems.append(f"{where}: unknown theme {theme!r}")
        if not 1 <= len(film.get("themes", [])) <= 5:
            problems.append(f"{where}: give one to five themes")
        problems += _check_genres(where, film, genre_ids)
        if len(set(moods)) != len(moods) or len(set(film.get("themes", []))) != len(film.get("themes", [])):
            problems.append(f"{where}: a mood or theme is listed twice")
        for director in film.get("directors", []):
            if director not in people_names:
                problems.append(f"{where}: director {director!r} has no people/ record")
        if has_cyrillic(film.get("original_title", "")) and not film.get("translit"):
            problems.append(f"{where}: a Cyrillic original title needs translit")
        for award in film.get("awards", []):
            if award.get("result") not in AWARD_RESULTS or not award.get("body"):
                problems.append(f"{where}: award {award!r} needs body and result won/nominated")
            # A premiere at a festival can precede general release by a year.
            if not isinstance(award.get("year"), int) or award["year"] < min(film_years(film)) - 1:
                problems.append(f"{where}: award year {award.get('year')!r} before the film")
        problems += _check_censorship(where, film)
        problems += _check_admissions(where, film)
        if "outside_scope" in film and not (isinstance(film["outside_scope"], str) and film["outside_scope"].strip()):
            problems.append(f"{where}: outside_scope says in a sentence why the film is kept though out of scope")
        if "lost" in film and film["lost"] is not True:
            problems.append(f"{where}: lost is either true or left out")
        setting = film.get("setting")
        if setting is not None and not (
            isinstance(setting.get("from"), int)
            and isinstance(setting.get("to"), int)
            and setting["from"] <= setting["to"]
        ):
            problems.append(f"{where}: setting needs integer from <= to")
        for connection in film.get("connections", []):
            if connection.get("relation") not in RELATIONS:
                problems.append(f"{where}: connection relation {connection.get('relation')!r}")
            if not connection.get("film") and not (connection.get("title") and connection.get("year")):
                problems.append(f"{where}: a connection needs film, or title and year")

    held = _titles_held(sources.films)
    for film in sources.films:
        for connection in film.get("connections", []):
            target = connection.get("film")
            if target and target not in film_ids:
                problems.append(f"films/{film['_file']}.toml: connection to unknown film {target!r}")
            if not target and connection.get("title") and isinstance(connection.get("year"), int):
                # A title and year are for films outside the catalogue: one held under another year
                # or spelling would never be linked, and likeness and the card would miss it.
                near = sorted(
                    held.get((search_key(connection["title"]), connection["year"] + shift), "") for shift in (-1, 0, 1)
                )
                named = [film_id for film_id in near if film_id and film_id != film["id"]]
                if named:
                    problems.append(
                        f"films/{film['_file']}.toml: the connection to {connection['title']!r} "
                        f"({connection['year']}) is a catalogue film: write film = {named[0]!r}"
                    )
    problems += _check_paths(sources.paths, film_ids)
    problems += _check_side_tables(sources, film_ids)
    problems += _check_controls(sources)
    problems += _check_refs(sources)
    problems += claims.check(sources.films, sources.claims, citable(sources))
    return problems


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _check_controls(sources: Sources) -> list[str]:
    """Terminal control characters have no place in the catalogue: they would act on the user's terminal."""
    problems = []
    for kind in ("eras", "moods", "themes", "people", "films", "paths", "studios", "canons", "channels", "pages"):
        for record in getattr(sources, kind):
            bad = [text for text in _strings(record) if has_controls(text)]
            if bad:
                name = record.get("_file") or record.get("id") or record.get("name")
                problems.append(f"{kind} {name!r}: control characters in {bad[0]!r}")
    return problems


REFERENCE_KINDS = ("encyclopedia", "archive", "festival", "database")


@dataclass(frozen=True)
class RefPolicy:
    """data/refs.toml: which hosts are references of which kind, press, mirrors, and never cited."""

    kinds: dict[str, tuple[str, ...]]
    mirrors: tuple[str, ...]
    deny: tuple[str, ...]
    pending: tuple[str, ...] = ()
    press: tuple[str, ...] = ()

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> RefPolicy:
        with open(data_dir / "refs.toml", "rb") as handle:
            raw = tomllib.load(handle)
        return cls(
            {kind: tuple(raw["kinds"][kind]) for kind in REFERENCE_KINDS},
            tuple(raw["mirrors"]),
            tuple(raw["deny"]),
            tuple(raw.get("pending", [])),
            tuple(raw.get("press", [])),
        )

    def kind(self, url: str) -> str:
        """'encyclopedia', 'archive', 'festival', 'database', 'press', 'mirror', 'denied' or 'other'."""
        host = ref_host(url)
        if _listed(host, self.deny):
            return "denied"
        if _listed(host, self.mirrors):
            return "mirror"
        for kind, domains in self.kinds.items():
            if _listed(host, domains):
                return kind
        if _listed(host, self.press):
            return "press"
        return "other"

    def problems(self, refs: list[str], *, person: bool = False) -> list[str]:
        """What breaks the policy in a film's refs, or with person=True in a person's.

        A person may rest on the press alone: an obituary or a festival's note is where life years
        and native names are printed. Everything else holds for both.
        """
        kinds = [self.kind(url) for url in refs]
        found = [f"cites {url}, a denied host" for url, kind in zip(refs, kinds) if kind == "denied"]
        # The list is closed: a host no one has placed (a blog, a shop, a content farm) is never cited.
        found += [
            f"cites {url}: {ref_host(url)} is not a reference, press or mirror host that refs.toml lists"
            for url, kind in zip(refs, kinds)
            if kind == "other"
        ]
        if person and not refs:
            found.append("no ref")
        if not person and not any(kind in REFERENCE_KINDS for kind in kinds):
            found.append("no ref from an encyclopedia, archive or institute, festival or major film database")
        # The mirrors listed are copies of Wikipedia: one stands only beside a wikipedia.org page.
        if "mirror" in kinds and not any(_listed(ref_host(url), ("wikipedia.org",)) for url in refs):
            found.append("cites a mirror without the original page beside it")
        return found


def _check_refs(sources: Sources) -> list[str]:
    """The refs policy (data/refs.toml): for every film but those it lists as still owing a reference, and every person."""
    if sources.refs is None:
        return []
    return [
        f"films/{film['_file']}.toml: {problem}"
        for film in sources.films
        if film["id"] not in sources.refs.pending
        for problem in sources.refs.problems(film.get("refs", []))
    ] + [
        f"people/{person['_file']}.toml: {problem}"
        for person in sources.people
        for problem in sources.refs.problems(person.get("refs", []), person=True)
    ]


def citable(sources: Sources) -> Callable[[str], bool]:
    """A page that can back a claim: any the policy does not deny or count as a mirror."""
    policy = sources.refs
    return (lambda url: policy.kind(url) not in ("denied", "mirror")) if policy else (lambda url: True)


def ref_host(url: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url.strip()).hostname or "").rstrip(".").removeprefix("www.")


def _listed(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def production_year(film: dict[str, Any]) -> int:
    """The year a film was made: completed, when that differs from the year it is listed under."""
    return film.get("year_completed") or film["year"]


def film_years(film: dict[str, Any]) -> list[int]:
    """Every year a film is known by: listed, completed, released, and out of the censor's hands."""
    years = [film["year"]] + [film[key] for key in OTHER_YEAR_FIELDS if isinstance(film.get(key), int)]
    censorship = film.get("censorship") or {}
    years += [censorship[key] for key in ("shelved", "released") if isinstance(censorship.get(key), int)]
    return sorted(set(years))


def _check_years_and_ids(where: str, film: dict[str, Any], known_ids: dict[str, str]) -> list[str]:
    """Other years in range and distinct; ids well-formed and unique; the file id names one of the years.

    A film id is permanent once shipped, so when a film's listed year is
    corrected, its id keeps the old year, which must stay one of its years.
    """
    problems = []
    for key in OTHER_YEAR_FIELDS:
        value = film.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 1896 <= value <= 2030:
            problems.append(f"{where}: {key} {value!r} out of range")
        elif value == film["year"]:
            problems.append(f"{where}: {key} {value} is the same as year; leave it out")
    title_slug = slugify(film.get("title", ""))
    ids_fit = [f"{title_slug}-{year}" for year in film_years(film)]
    if film.get("id") not in ids_fit and not any(film.get("id", "").endswith(f"-{year}") for year in film_years(film)):
        problems.append(f"{where}: id should be {ids_fit[0]!r} (the title's slug and one of the film's years)")
    imdb_id = film.get("imdb_id")
    if imdb_id is not None:
        if not isinstance(imdb_id, str) or not IMDB_ID.fullmatch(imdb_id):
            problems.append(f"{where}: imdb_id {imdb_id!r} is not like tt0079944")
        elif imdb_id in known_ids:
            problems.append(f"{where}: imdb_id {imdb_id} is also {known_ids[imdb_id]}'s")
        else:
            known_ids[imdb_id] = film.get("id", "")
    tmdb_id = film.get("tmdb_id")
    if tmdb_id is not None:
        key = f"tmdb:{tmdb_id}"
        if isinstance(tmdb_id, bool) or not isinstance(tmdb_id, int) or tmdb_id <= 0:
            problems.append(f"{where}: tmdb_id {tmdb_id!r} should be a positive whole number")
        elif key in known_ids:
            problems.append(f"{where}: tmdb_id {tmdb_id} is also {known_ids[key]}'s")
        else:
            known_ids[key] = film.get("id", "")
    for key in CREW_FIELDS:
        names = film.get(key)
        if names is not None and (not isinstance(names, list) or not all(isinstance(n, str) and n for n in names)):
            problems.append(f"{where}: {key} should be a list of names")
    source = film.get("source")
    if source is not None:
        if not isinstance(source, dict) or not source.get("title") or not source.get("authors"):
            problems.append(f"{where}: source needs title and authors")
        elif source.get("kind") not in SOURCE_KINDS:
            problems.append(f"{where}: source kind {source.get('kind')!r} not one of {', '.join(SOURCE_KINDS)}")
    return problems


def _check_genres(where: str, film: dict[str, Any], genre_ids: set[str]) -> list[str]:
    """One to three genres from genres.toml; the accessible judgement says yes or no, and why."""
    problems = []
    genres = film.get("genres")
    if genres is not None:
        if not isinstance(genres, list) or not 1 <= len(genres) <= 3 or len(set(genres)) != len(genres):
            problems.append(f"{where}: give one to three different genres")
        problems += [f"{where}: unknown genre {genre!r}" for genre in genres or [] if genre not in genre_ids]
    accessible = film.get("accessible")
    if accessible is not None and not (
        isinstance(accessible, dict) and isinstance(accessible.get("ok"), bool) and accessible.get("why")
    ):
        problems.append(f'{where}: accessible is {{ ok = true or false, why = "one line" }}')
    return problems


def _check_era(where: str, film: dict[str, Any], eras: list[dict], era_ids: set[str]) -> list[str]:
    era, perspective, year = film.get("era"), film.get("perspective"), film["year"]
    if era not in era_ids:
        return [f"{where}: unknown era {era!r}"]
    if perspective not in PERSPECTIVES:
        return [f"{where}: perspective {perspective!r} not one of {', '.join(PERSPECTIVES)}"]
    if perspective == "soviet":
        # The production era: a shelved film belongs to the years it was made in.
        expected = era_for_year(eras, production_year(film))
        if era != expected:
            return [f"{where}: a Soviet film of {year} belongs to era {expected!r}, not {era!r}"]
        return []
    group = next(e for e in eras if e["id"] == era)
    if group.get("perspective") != perspective:
        return [f"{where}: perspective {perspective!r} goes with era {era!r}? it does not"]
    if perspective == "post_soviet" and production_year(film) < 1992:
        return [f"{where}: a post-Soviet film must be from 1992 or later"]
    return []


def _check_admissions(where: str, film: dict[str, Any]) -> list[str]:
    """Soviet cinema tickets, in millions: only a film that played in Soviet cinemas has them."""
    admissions = film.get("admissions")
    if admissions is None:
        return []
    if isinstance(admissions, bool) or not isinstance(admissions, (int, float)) or not 0 < admissions <= 150:
        return [f"{where}: admissions {admissions!r} should be millions of tickets, above 0 and at most 150"]
    if film.get("made_for_tv") or film["year"] > 1991:
        return [f"{where}: admissions are Soviet cinema tickets; a television or post-1991 film has none"]
    return []


def _check_censorship(where: str, film: dict[str, Any]) -> list[str]:
    censorship = film.get("censorship")
    if censorship is None:
        return []
    problems = []
    if not censorship.get("reason"):
        problems.append(f"{where}: censorship needs a reason")
    shelved, released = censorship.get("shelved"), censorship.get("released")
    if shelved is not None and shelved < production_year(film) - 1:
        problems.append(f"{where}: shelved {shelved} before the film's year")
    if shelved is not None and released is not None and released < shelved:
        problems.append(f"{where}: released {released} before shelved {shelved}")
    return problems


def _titles_held(films: list[dict[str, Any]]) -> dict[tuple[str, int], str]:
    """(title or other title, year) -> the film holding it, for every year a film is known by."""
    held: dict[tuple[str, int], str] = {}
    for film in films:
        years = {film["year"], film.get("year_released", film["year"]), film.get("year_completed", film["year"])}
        for title in (film["title"], *film.get("alt_titles", [])):
            for year in years:
                held.setdefault((search_key(title), year), film["id"])
    return held


def _check_side_tables(sources: Sources, film_ids: set[str]) -> list[str]:
    """Canons and free channels may only name catalogue films, once each."""
    problems = []
    for canon in sources.canons:
        for key in ("id", "name", "short", "kind", "size", "year", "description", "url"):
            if key not in canon:
                problems.append(f"canons.toml [{canon.get('id')}]: missing {key}")
        if canon.get("kind") not in ("critics", "audience"):
            problems.append(f"canons.toml [{canon.get('id')}]: kind is critics or audience")
        scope = canon.get("scope", "general")
        if scope not in ("general", "specialist", "continuation"):
            problems.append(f"canons.toml [{canon.get('id')}]: scope is general, specialist or continuation")
        # A continuation carries a poll on past its last place: its places run from `first` to `size`.
        first = canon.get("first", 1)
        if scope == "continuation" and not (isinstance(first, int) and 1 < first <= canon.get("size", 0)):
            problems.append(f"canons.toml [{canon.get('id')}]: a continuation names its first place (first)")
        seen: set[str] = set()
        for entry in canon.get("entries", []):
            rank = entry.get("rank")
            if scope == "continuation" and rank is None:
                problems.append(f"canons.toml [{canon.get('id')}]: {entry.get('film')} needs its place")
            if rank is not None and not (isinstance(rank, int) and first <= rank <= canon.get("size", 0)):
                problems.append(f"canons.toml [{canon.get('id')}]: rank {rank!r} outside the poll's places")
            if entry.get("film") not in film_ids:
                problems.append(f"canons.toml [{canon.get('id')}]: unknown film {entry.get('film')!r}")
            if entry.get("film") in seen:
                problems.append(f"canons.toml [{canon.get('id')}]: {entry.get('film')} listed twice")
            seen.add(entry.get("film"))
    problems += _check_watch_sources(sources, film_ids)
    studio_names = [studio["name"] for studio in sources.studios]
    if len(studio_names) != len(set(studio_names)):
        problems.append("studios.toml: a studio is listed twice")
    return problems


def _is_address(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://")) and not any(c.isspace() for c in value)


def _check_watch_sources(sources: Sources, film_ids: set[str]) -> list[str]:
    """Every stored address is a web address with at least one ref; films named exist."""
    problems = []
    for channel in sources.channels:
        where = f"free.toml [{channel.get('id') or channel.get('name')}]"
        for key in ("id", "name", "url", "refs"):
            if not channel.get(key):
                problems.append(f"{where}: missing {key}")
        if "url" in channel and not _is_address(channel["url"]):
            problems.append(f"{where}: url {channel['url']!r} is not a web address")
        if channel.get("studio"):
            search = channel.get("search", "")
            if not _is_address(search) or "{query}" not in search:
                problems.append(f"{where}: a channel with a studio needs search, an address with {{query}}")
        for ref in channel.get("refs", []):
            if not _is_address(ref):
                problems.append(f"{where}: ref {ref!r} is not a web address")
        named = set(channel.get("films", []))
        for film_id in channel.get("films", []):
            if film_id not in film_ids:
                problems.append(f"{where}: unknown film {film_id!r}")
        for subtitles in channel.get("subtitles", []):
            if not subtitles.get("languages") or not subtitles.get("refs"):
                problems.append(f"{where}: subtitles need languages and refs")
            for film_id in subtitles.get("films", []):
                if film_id not in named:
                    problems.append(f"{where}: subtitles for {film_id!r}, which no ref names on the channel")
    seen: set[tuple[str, str]] = set()
    for page in sources.pages:
        where = f"free.toml [page {page.get('film')}]"
        for key in ("film", "name", "url", "refs"):
            if not page.get(key):
                problems.append(f"{where}: missing {key}")
        if page.get("film") not in film_ids:
            problems.append(f"{where}: unknown film {page.get('film')!r}")
        if "url" in page and not _is_address(page["url"]):
            problems.append(f"{where}: url {page['url']!r} is not a web address")
        for ref in page.get("refs", []):
            if not _is_address(ref):
                problems.append(f"{where}: ref {ref!r} is not a web address")
        if (page.get("film"), page.get("name")) in seen:
            problems.append(f"{where}: {page.get('name')!r} is listed twice for this film")
        seen.add((page.get("film"), page.get("name")))
    return problems


def _check_paths(paths: list[dict[str, Any]], film_ids: set[str]) -> list[str]:
    problems = []
    seen_paths = set()
    for path in paths:
        where = f"paths.toml [{path.get('id')}]"
        if path.get("id") in seen_paths:
            problems.append(f"{where}: duplicate path id")
        seen_paths.add(path.get("id"))
        for key in ("id", "title", "audience", "description"):
            if not path.get(key):
                problems.append(f"{where}: missing {key}")
        steps = path.get("steps", [])
        if not 3 <= len(steps) <= 12:
            problems.append(f"{where}: a path has 3 to 12 steps")
        films = [step.get("film") for step in steps]
        if len(set(films)) != len(films):
            problems.append(f"{where}: a film appears twice")
        for step in steps:
            if step.get("film") not in film_ids:
                problems.append(f"{where}: step film {step.get('film')!r} is not in the catalogue")
            if not step.get("note"):
                problems.append(f"{where}: step {step.get('film')!r} has no note")
    return problems


# -- building --------------------------------------------------------------


def film_document(
    film: dict[str, Any],
    labels: dict[str, tuple[str, int]],
    extras: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The complete film object, as the JSON contract shows it.

    A connection by id gains the title and year to show. (One by title and
    year is to a film outside the catalogue: validation refuses a title and
    year that a catalogue film answers to.)
    """
    connections = []
    for connection in film.get("connections", []):
        linked = dict(connection)
        if linked.get("film") and not linked.get("title"):
            linked["title"], linked["year"] = labels[linked["film"]]
        connections.append({key: linked[key] for key in sorted(linked)})
    censorship = film.get("censorship")
    if censorship:
        censorship = {**censorship, "reason": fold_whitespace(censorship["reason"])}
    return {
        "id": film["id"],
        "title": film["title"],
        "original_title": film["original_title"],
        "year": film["year"],
        "kind": film["kind"],
        "perspective": film["perspective"],
        "era": film["era"],
        "directors": list(film["directors"]),
        "moods": list(film["moods"]),
        "themes": list(film["themes"]),
        "translit": film.get("translit"),
        "alt_titles": list(film.get("alt_titles", [])),
        "made_for_tv": bool(film.get("made_for_tv", False)),
        "lost": bool(film.get("lost", False)),
        "outside_scope": film.get("outside_scope"),
        "runtime_min": film.get("runtime_min"),
        "admissions": film.get("admissions"),
        "countries": list(film["countries"]),
        "languages": list(film["languages"]),
        "studio": film.get("studio"),
        "cast": list(film.get("cast", [])),
        "setting": film.get("setting"),
        "synopsis": fold_whitespace(film["synopsis"]),
        "context": fold_whitespace(film["context"]),
        "awards": [dict(award) for award in film.get("awards", [])],
        "censorship": censorship,
        "connections": connections,
        "imdb_id": film.get("imdb_id"),
        "tmdb_id": film.get("tmdb_id"),
        "year_completed": film.get("year_completed"),
        "year_released": film.get("year_released"),
        "writers": list(film.get("writers", [])),
        "source": film.get("source"),
        "cinematographers": list(film.get("cinematographers", [])),
        "composers": list(film.get("composers", [])),
        "production_designers": list(film.get("production_designers", [])),
        "genres": list(film.get("genres", [])),
        "accessible": film.get("accessible"),
        "refs": list(film["refs"]),
        "republic": None,
        "canons": [],
        "free": [],
        **(extras or {}),
    }


def film_extras(sources: Sources) -> dict[str, dict[str, Any]]:
    """Facts that live outside a film's own file: its republic, canons and free channels."""
    republic_of = {studio["name"]: studio["republic"] for studio in sources.studios}
    extras: dict[str, dict[str, Any]] = {
        film["id"]: {"republic": republic_of.get(film.get("studio") or ""), "canons": [], "free": []}
        for film in sources.films
    }
    for canon in sources.canons:
        for entry in canon.get("entries", []):
            if entry["film"] in extras:
                extras[entry["film"]]["canons"].append(
                    {
                        "canon": canon["id"],
                        "name": canon["name"],
                        "rank": entry.get("rank"),
                        "kind": canon.get("kind", "critics"),
                        "short": canon.get("short", canon["name"]),
                        "size": canon.get("size"),
                        "scope": canon.get("scope", "general"),
                        "first": canon.get("first", 1),
                    }
                )
    for film_id, links in watch_links(sources).items():
        extras[film_id]["free"] = links
    return extras


WATCH_SEARCH = "search"  # a search on the rights holder's channel
WATCH_PAGE = "page"  # a named page for this one film


def watch_links(sources: Sources) -> dict[str, list[dict[str, Any]]]:
    """Each film's ways to watch: named pages first, then searches on its studio's channel.

    A search address is built offline from the film's original title, so it
    is deterministic and can only find that studio's uploads. `named` says a
    reference names the film at that address: only those count for --free.
    """
    from urllib.parse import quote

    links: dict[str, list[dict[str, Any]]] = {film["id"]: [] for film in sources.films}
    for page in sources.pages:
        if page.get("film") in links:
            links[page["film"]].append(
                {
                    "kind": WATCH_PAGE,
                    "channel": page["name"],
                    "url": page["url"],
                    "named": True,
                    "subtitles": list(page.get("subtitles", [])),
                    "refs": list(page["refs"]),
                }
            )
    for channel in sources.channels:
        named = set(channel.get("films", []))
        subtitles: dict[str, list[str]] = {}
        subtitle_refs: dict[str, list[str]] = {}
        for entry in channel.get("subtitles", []):
            for film_id in entry.get("films", []):
                subtitles.setdefault(film_id, []).extend(entry["languages"])
                subtitle_refs.setdefault(film_id, []).extend(entry["refs"])
        for film in sources.films:
            on_channel = bool(channel.get("studio")) and channel["studio"] in split_studios(film.get("studio"))
            if not on_channel and film["id"] not in named:
                continue
            url = (
                channel["search"].replace("{query}", quote(film["original_title"], safe=""))
                if on_channel
                else channel["url"]
            )
            links[film["id"]].append(
                {
                    "kind": WATCH_SEARCH if on_channel else WATCH_PAGE,
                    "channel": channel["name"],
                    "url": url,
                    "named": film["id"] in named,
                    "subtitles": list(dict.fromkeys(subtitles.get(film["id"], []))),
                    "refs": list(dict.fromkeys(channel["refs"] + subtitle_refs.get(film["id"], []))),
                }
            )
    return links


def link_both_ways(documents: dict[str, dict[str, Any]]) -> None:
    """Complete each film's connections from the other films' records, in place.

    A link written on one film shows on both: War and Peace 1956 names the 1966
    film, and the 1966 card names the 1956 one. Versions of the same work chain
    (remakes and other adaptations), so every Solaris lists the other two. Added
    links carry `reverse` (read from the other film's record) or `chained`
    (through a third film); they have no note, which was written for the other card.
    """
    links = {
        film_id: {c["film"] for c in doc["connections"] if c.get("film") in documents}
        for film_id, doc in documents.items()
    }
    added: dict[str, list[dict[str, Any]]] = {film_id: [] for film_id in documents}
    same_work: dict[str, set[str]] = {film_id: set() for film_id in documents}
    for film_id in sorted(documents):
        for connection in documents[film_id]["connections"]:
            other = connection.get("film")
            if other not in documents or other == film_id:
                continue
            if connection["relation"] in SAME_WORK_RELATIONS:
                same_work[film_id].add(other)
                same_work[other].add(film_id)
            if film_id in links[other]:
                continue
            links[other].add(film_id)
            title, year = documents[film_id]["title"], documents[film_id]["year"]
            added[other].append(
                {
                    "film": film_id,
                    "relation": INVERSE_RELATIONS[connection["relation"]],
                    "reverse": True,
                    "title": title,
                    "year": year,
                }
            )
    for film_id in sorted(documents):
        group, frontier = set(), [film_id]
        while frontier:
            current = frontier.pop()
            for other in same_work[current]:
                if other not in group and other != film_id:
                    group.add(other)
                    frontier.append(other)
        for other in sorted(group, key=lambda i: (documents[i]["year"], i)):
            if other not in links[film_id]:
                links[film_id].add(other)
                added[film_id].append(
                    {
                        "film": other,
                        "relation": "adaptation-of-same",
                        "chained": True,
                        "title": documents[other]["title"],
                        "year": documents[other]["year"],
                    }
                )
    for film_id, extra in added.items():
        documents[film_id]["connections"] += [{key: link[key] for key in sorted(link)} for link in extra]


def latin_variants(text: str) -> list[str]:
    """Search keys of text in every romanisation system we index."""
    import iuliia

    keys = []
    for name in TRANSLIT_SCHEMAS:
        romanised = getattr(iuliia, name).translate(text)
        key = search_key(romanised)
        if key and not has_cyrillic(key) and key not in keys:
            keys.append(key)
    return keys


def name_keys(text: str) -> list[str]:
    keys = [search_key(text)]
    if has_cyrillic(text):
        keys += latin_variants(text)
    return list(dict.fromkeys(key for key in keys if key))


def _title_rows(film: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per distinct folded key of each title; plain is the unfolded key of an English title.

    A key that comes from Cyrillic, or from a transliteration field, is a
    romanisation, and any romanisation may match it: plain is None there.
    """
    labelled = [("title", film["title"]), ("original title", film["original_title"])]
    if film.get("translit"):
        labelled.append(("transliterated title", film["translit"]))
    labelled += [("alternative title", alt) for alt in film.get("alt_titles", [])]
    rows, seen = [], set()
    for field_name, text in labelled:
        romanised = has_cyrillic(text) or field_name == "transliterated title"
        for key in name_keys(text):
            if key not in seen:
                seen.add(key)
                plain = None if romanised or has_cyrillic(key) else plain_key(text)
                rows.append(
                    {"film_id": film["id"], "key": key, "compact": compact(key), "field": field_name, "plain": plain}
                )
    return rows


def _title_word_rows(title_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each word of each title key, so search finds "white sun" by word prefixes."""
    return [
        {"word": word, "film_id": row["film_id"], "key": row["key"]}
        for row in title_rows
        for word in dict.fromkeys(row["key"].split())
    ]


def _name_variant_keys(names: list[str]) -> list[str]:
    """Keys for a person's full names, for their surname alone, and for each part of a double surname."""
    keys: list[str] = []
    for name in names:
        for key in name_keys(name):
            keys += [key, key.split()[-1]]
        # A double surname, whole and in parts: "Mikhalkov-Konchalovsky".
        surname = name.split()[-1] if name.split() else ""
        if "-" in surname:
            keys += name_keys(surname) + [k for part in surname.split("-") for k in name_keys(part)]
    return list(dict.fromkeys(key for key in keys if key))


def _credit_key_rows(films: list[dict[str, Any]], people: list[dict[str, Any]]) -> list[dict]:
    by_name = {person["name"]: person for person in people}
    rows, seen = [], set()
    for film in films:
        for role, _, name in film_credits(film):
            person = by_name.get(name)
            own = _name_variant_keys([name, (person or {}).get("original_name") or ""])
            aliases = _name_variant_keys(person.get("aliases", [])) if person else []
            for key in own + [key for key in aliases if key not in own]:
                # Two authors of one source can share a surname (the Strugatsky brothers): one row each key.
                if (film["id"], role, key) in seen:
                    continue
                seen.add((film["id"], role, key))
                rows.append(
                    {
                        "film_id": film["id"],
                        "person_id": person["_file"] if person else None,
                        "role": role,
                        "key": key,
                        "compact": compact(key),
                        "name": name,
                        "own": int(key in own),
                    }
                )
    return rows


def prominence(film: dict[str, Any], inbound_links: int, path_steps: int, canons: int = 0) -> int:
    """A rough measure of renown, used to order otherwise equal matches.

    Prizes count, but capped, so a television series that swept its awards
    season does not outrank a festival classic; a place on a curated watch
    path or in a critics' canon counts most, as considered judgement.
    """
    awards = film.get("awards", [])
    won = sum(1 for award in awards if award["result"] == "won")
    nominated = len(awards) - won
    return (
        2 * min(won, 3)
        + min(nominated, 2)
        + inbound_links
        + 2 * path_steps
        + 3 * canons
        + (1 if film.get("censorship") else 0)
        + popularity(film)
    )


KEYS_PER_PART = 20_000  # title keys in one row of title_key_list: at 100,000 films one row of all took 70 MB to search

TICKETS_PER_POINT = 10.0  # millions
POPULARITY_CAP = 8


def popularity(film: dict[str, Any]) -> int:
    """Renown earned at the Soviet box office: a point per ten million tickets, at most eight.

    Prizes and critics' polls miss the comedies and adventures the whole
    country queued for; admissions (first-year tickets, as Soviet
    distribution counted them) measure that directly. The cap keeps the
    biggest hit level with three festival prizes plus a canon entry, so
    popularity sharpens a match and never outweighs critical standing.
    """
    admissions = film.get("admissions") or 0
    return min(POPULARITY_CAP, round(admissions / TICKETS_PER_POINT))


def _theme_words(film: dict[str, Any], themes: dict[str, dict[str, Any]]) -> str:
    words = []
    for theme_id in film["themes"]:
        theme = themes[theme_id]
        words += [theme_id.replace("-", " "), theme["name"], *theme.get("synonyms", [])]
    return " ; ".join(words)


# Every table, its columns and keys: the catalogue's contract with the
# runtime. test_build pins it; bump SCHEMA_VERSION when it changes.
SCHEMA: dict[str, dict[str, Any]] = {
    "meta": {"columns": {"key": str, "value": str}, "pk": "key"},
    "eras": {
        "columns": {
            "id": str,
            "position": int,
            "name": str,
            "start": int,
            "end": int,
            "grp": str,
            "perspective": str,
            "description": str,
            "aliases": str,
        },
        "pk": "id",
    },
    "moods": {
        "columns": {"id": str, "position": int, "description": str, "synonyms": str, "excludes": str},
        "pk": "id",
    },
    "themes": {
        "columns": {"id": str, "position": int, "name": str, "description": str, "synonyms": str},
        "pk": "id",
    },
    "genres": {
        "columns": {"id": str, "position": int, "name": str, "description": str, "synonyms": str},
        "pk": "id",
    },
    "people": {
        "columns": {"id": str, "name": str, "original_name": str, "aliases": str, "born": int, "died": int},
        "pk": "id",
    },
    "films": {
        "columns": {
            "id": str,
            "title": str,
            "original_title": str,
            "year": int,
            "kind": str,
            "perspective": str,
            "era": str,
            "runtime_min": int,
            "studio": str,
            "republic": str,
            "prominence": int,
            "standing": float,
            "setting_from": int,
            "setting_to": int,
            "imdb_id": str,
            "tmdb_id": int,
            "doc": str,
        },
        "pk": "id",
        "foreign_keys": [("era", "eras", "id")],
        # A covering index for recommend's shortlist and ranking joins (schema.RANKING_INDEX): no large row is read.
        "indexes": [
            ["year"],
            ["era"],
            ["kind"],
            ["perspective"],
            ["studio"],
            ["republic"],
            ["id", "prominence", "standing", "year", "setting_from", "setting_to", "era", "republic", "studio"],
            ["imdb_id"],
            ["tmdb_id"],
        ],
    },
    "film_years": {
        # Every year a film is known by (listed, completed, released), for
        # search, the resolver and import: a shelved film is filed under one
        # year by IMDb and remembered under another by its audience.
        "columns": {"film_id": str, "year": int},
        "pk": ("film_id", "year"),
        "foreign_keys": [("film_id", "films", "id")],
        "indexes": [["year"]],
    },
    "canons": {
        "columns": {"id": str, "position": int, "name": str, "year": int, "description": str, "url": str},
        "pk": "id",
    },
    "film_canons": {
        "columns": {"film_id": str, "canon_id": str, "rank": int},
        "pk": ("film_id", "canon_id"),
        "foreign_keys": [("film_id", "films", "id"), ("canon_id", "canons", "id")],
        "indexes": [["canon_id"]],
    },
    "film_refs": {
        # Every reference a film cites, with its kind by data/refs.toml, for the data report (stats --data).
        "columns": {"film_id": str, "position": int, "url": str, "kind": str},
        "pk": ("film_id", "position"),
        "foreign_keys": [("film_id", "films", "id")],
    },
    "free_channels": {
        # Every way to watch a film; named = 1 when a reference names the film
        # there (what --free asks for), 0 for a search on its studio's channel.
        "columns": {"film_id": str, "channel": str, "url": str, "kind": str, "named": int},
        "pk": ("film_id", "channel"),
        "foreign_keys": [("film_id", "films", "id")],
    },
    "film_moods": {
        "columns": {"film_id": str, "mood_id": str, "position": int},
        "pk": ("film_id", "mood_id"),
        "foreign_keys": [("film_id", "films", "id"), ("mood_id", "moods", "id")],
        "indexes": [["mood_id"]],
    },
    "film_themes": {
        "columns": {"film_id": str, "theme_id": str, "position": int},
        "pk": ("film_id", "theme_id"),
        "foreign_keys": [("film_id", "films", "id"), ("theme_id", "themes", "id")],
        "indexes": [["theme_id"]],
    },
    "film_genres": {
        "columns": {"film_id": str, "genre_id": str, "position": int},
        "pk": ("film_id", "genre_id"),
        "foreign_keys": [("film_id", "films", "id"), ("genre_id", "genres", "id")],
        "indexes": [["genre_id"]],
    },
    "film_links": {
        "columns": {"film_id": str, "other_id": str},
        "pk": ("film_id", "other_id"),
        "foreign_keys": [("film_id", "films", "id"), ("other_id", "films", "id")],
        "indexes": [["other_id"]],
    },
    "credits": {
        "columns": {"film_id": str, "role": str, "position": int, "name": str, "person_id": str},
        "pk": ("film_id", "role", "position"),
        "foreign_keys": [("film_id", "films", "id"), ("person_id", "people", "id")],
        "indexes": [["person_id"], ["name"]],
    },
    "title_keys": {
        "columns": {"film_id": str, "key": str, "compact": str, "field": str, "plain": str},
        "pk": ("film_id", "key"),
        "foreign_keys": [("film_id", "films", "id")],
        "indexes": [["key"], ["compact"]],
    },
    "title_key_list": {
        # Every distinct title key, newline-separated, KEYS_PER_PART to a row: fuzzy
        # search reads a part in one fetch, not key by key, and holds one part at a time.
        # Keys run shortest first, and each part says how long its keys are, so that
        # fuzzy search reads and scores only the lengths that could reach its cutoff.
        "columns": {"id": int, "keys": str, "shortest": int, "longest": int},
        "pk": "id",
    },
    "title_words": {
        "columns": {"word": str, "film_id": str, "key": str},
        "pk": ("word", "film_id", "key"),
        "foreign_keys": [("film_id", "films", "id")],
    },
    "credit_keys": {
        # own: 1 when the key comes from the person's own name (or its
        # surname), 0 from an alias, so that "konchalovsky" is Andrei
        # Konchalovsky and not his brother's old double surname.
        "columns": {
            "film_id": str,
            "role": str,
            "key": str,
            "compact": str,
            "name": str,
            "person_id": str,
            "own": int,
        },
        "pk": ("film_id", "role", "key"),
        "foreign_keys": [("film_id", "films", "id"), ("person_id", "people", "id")],
        "indexes": [["key"], ["compact"]],
    },
    "film_text": {
        "columns": {"film_id": str, "synopsis": str, "context": str, "themes": str},
        "pk": "film_id",
        "foreign_keys": [("film_id", "films", "id")],
    },
    "paths": {
        "columns": {"id": str, "position": int, "title": str, "audience": str, "description": str},
        "pk": "id",
    },
    "path_steps": {
        "columns": {"path_id": str, "position": int, "film_id": str, "note": str, "pair_with": str},
        "pk": ("path_id", "position"),
        "foreign_keys": [("path_id", "paths", "id"), ("film_id", "films", "id")],
    },
}


def create_schema(db) -> None:
    for name, spec in SCHEMA.items():
        db[name].create(spec["columns"], pk=spec["pk"], foreign_keys=spec.get("foreign_keys", []))
        for columns in spec.get("indexes", []):
            db[name].create_index(columns)
    db["film_text"].enable_fts(["synopsis", "context", "themes"], tokenize="porter", create_triggers=False)
    # Titles too, so generic SQLite tools (sqlite-utils search) can query the file.
    db["films"].enable_fts(["title", "original_title"], create_triggers=False)


def build(sources: Sources, out_path: Path) -> None:
    """Write the catalogue to out_path, replacing any file there."""
    import sqlite_utils

    problems = validate(sources)
    if problems:
        raise BuildError(problems)
    tmp_path = out_path.with_suffix(".tmp")
    tmp_path.unlink(missing_ok=True)
    db = sqlite_utils.Database(tmp_path)
    db.conn.execute("PRAGMA journal_mode = DELETE")
    create_schema(db)
    db["eras"].insert_all(_era_rows(sources.eras))
    db["moods"].insert_all(_mood_rows(sources.moods))
    db["themes"].insert_all(_theme_rows(sources.themes))
    db["genres"].insert_all(_theme_rows(sources.genres))
    db["people"].insert_all(_people_rows(sources.people))
    _write_films(db, sources)
    db["canons"].insert_all(
        {
            "id": c["id"],
            "position": i,
            "name": c["name"],
            "year": c["year"],
            "description": c["description"],
            "url": c["url"],
        }
        for i, c in enumerate(sources.canons)
    )
    db["film_canons"].insert_all(
        {"film_id": e["film"], "canon_id": c["id"], "rank": e.get("rank")}
        for c in sources.canons
        for e in c.get("entries", [])
    )
    policy = sources.refs
    db["film_refs"].insert_all(
        {"film_id": film["id"], "position": i, "url": url, "kind": policy.kind(url) if policy else "other"}
        for film in sources.films
        for i, url in enumerate(film.get("refs", []))
    )
    db["free_channels"].insert_all(
        {
            "film_id": film_id,
            "channel": link["channel"],
            "url": link["url"],
            "kind": link["kind"],
            "named": int(link["named"]),
        }
        for film_id, links in sorted(watch_links(sources).items())
        for link in links
    )
    db["paths"].insert_all(_path_rows(sources.paths))
    db["path_steps"].insert_all(_path_step_rows(sources.paths))
    db["film_text"].rebuild_fts()
    db["films"].rebuild_fts()
    db["meta"].insert_all(
        [
            {"key": "schema_version", "value": str(SCHEMA_VERSION)},
            {"key": "source_digest", "value": source_digest(sources)},
            {"key": "films", "value": str(len(sources.films))},
        ]
    )
    db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.conn.commit()
    db.conn.execute("VACUUM")
    db.close()
    tmp_path.replace(out_path)


def _era_rows(eras: list[dict[str, Any]]) -> list[dict]:
    return [
        {
            "id": era["id"],
            "position": position,
            "name": era["name"],
            "start": era["start"],
            "end": era.get("end"),
            "grp": era["group"],
            "perspective": era.get("perspective"),
            "description": era["description"],
            "aliases": json.dumps(era.get("aliases", []), ensure_ascii=False),
        }
        for position, era in enumerate(eras)
    ]


def _mood_rows(moods: list[dict[str, Any]]) -> list[dict]:
    return [
        {
            "id": mood["id"],
            "position": position,
            "description": mood["description"],
            "synonyms": json.dumps(mood.get("synonyms", [])),
            "excludes": json.dumps(mood.get("excludes", [])),
        }
        for position, mood in enumerate(moods)
    ]


def _theme_rows(themes: list[dict[str, Any]]) -> list[dict]:
    return [
        {
            "id": theme["id"],
            "position": position,
            "name": theme["name"],
            "description": theme["description"],
            "synonyms": json.dumps(theme.get("synonyms", [])),
        }
        for position, theme in enumerate(themes)
    ]


def _people_rows(people: list[dict[str, Any]]) -> list[dict]:
    return [
        {
            "id": person["_file"],
            "name": person["name"],
            "original_name": person.get("original_name"),
            "aliases": json.dumps(person.get("aliases", []), ensure_ascii=False),
            "born": person.get("born"),
            "died": person.get("died"),
        }
        for person in people
    ]


def _write_films(db, sources: Sources) -> None:
    person_ids = {person["name"]: person["_file"] for person in sources.people}
    themes = {theme["id"]: theme for theme in sources.themes}
    films = sorted(sources.films, key=lambda f: f["id"])
    labels = {film["id"]: (film["title"], film["year"]) for film in films}
    extras = film_extras(sources)
    documents = {film["id"]: film_document(film, labels, extras[film["id"]]) for film in films}
    inbound = {film["id"]: 0 for film in films}
    on_paths = {film["id"]: 0 for film in films}
    for path in sources.paths:
        for step in path["steps"]:
            on_paths[step["film"]] += 1
    for document in documents.values():
        for connection in document["connections"]:
            if connection.get("film") in inbound:
                inbound[connection["film"]] += 1
    # After renown, which counts only the links each record makes itself.
    link_both_ways(documents)
    # A film's standing is its place among all the catalogue's films (standing.py), stored in its document.
    for film_id, value in standings(Film.from_dict(document) for document in documents.values()).items():
        documents[film_id]["standing"] = value
    db["films"].insert_all(
        {
            "id": film["id"],
            "title": film["title"],
            "original_title": film["original_title"],
            "year": film["year"],
            "kind": film["kind"],
            "perspective": film["perspective"],
            "era": film["era"],
            "runtime_min": film.get("runtime_min"),
            "studio": film.get("studio"),
            "republic": extras[film["id"]]["republic"],
            "prominence": prominence(
                film, inbound[film["id"]], on_paths[film["id"]], len(extras[film["id"]]["canons"])
            ),
            # The runtime's own blend (standing.py), stored so that SQL can rank by it.
            "standing": documents[film["id"]]["standing"],
            "setting_from": (film.get("setting") or {}).get("from"),
            "setting_to": (film.get("setting") or {}).get("to"),
            "imdb_id": film.get("imdb_id"),
            "tmdb_id": film.get("tmdb_id"),
            "doc": json.dumps(documents[film["id"]], ensure_ascii=False, sort_keys=True),
        }
        for film in films
    )
    db["film_years"].insert_all({"film_id": film["id"], "year": year} for film in films for year in film_years(film))
    db["film_moods"].insert_all(
        {"film_id": film["id"], "mood_id": mood, "position": position}
        for film in films
        for position, mood in enumerate(film["moods"])
    )
    db["film_links"].insert_all(
        (
            {"film_id": film_id, "other_id": connection["film"]}
            for film_id, document in documents.items()
            for connection in document["connections"]
            if connection.get("film") in documents and not (connection.get("reverse") or connection.get("chained"))
        ),
        ignore=True,
    )
    db["film_genres"].insert_all(
        {"film_id": film["id"], "genre_id": genre, "position": position}
        for film in films
        for position, genre in enumerate(film.get("genres", []))
    )
    db["film_themes"].insert_all(
        {"film_id": film["id"], "theme_id": theme, "position": position}
        for film in films
        for position, theme in enumerate(film["themes"])
    )
    db["credits"].insert_all(
        {
            "film_id": film["id"],
            "role": role,
            "position": position,
            "name": name,
            "person_id": person_ids.get(name),
        }
        for film in films
        for role, position, name in film_credits(film)
    )
    title_rows = [row for film in films for row in _title_rows(film)]
    db["title_keys"].insert_all(title_rows)
    db["title_words"].insert_all(_title_word_rows(title_rows), ignore=True)
    every_key = sorted({row["key"] for row in title_rows}, key=lambda key: (len(key), key))
    parts = [every_key[start : start + KEYS_PER_PART] for start in range(0, len(every_key), KEYS_PER_PART)]
    db["title_key_list"].insert_all(
        {"id": number, "keys": "\n".join(keys), "shortest": len(keys[0]), "longest": len(keys[-1])}
        for number, keys in enumerate(parts, 1)
    )
    db["credit_keys"].insert_all(_credit_key_rows(films, sources.people), ignore=True)
    # In film id order: search breaks ties between equal full-text scores by rowid, as by the id.
    db["film_text"].insert_all(
        {
            "film_id": film["id"],
            "synopsis": fold_whitespace(film["synopsis"]),
            "context": fold_whitespace(film["context"]),
            "themes": _theme_words(film, themes),
        }
        for film in sorted(films, key=lambda film: film["id"])
    )


def _path_rows(paths: list[dict[str, Any]]) -> list[dict]:
    return [
        {
            "id": path["id"],
            "position": position,
            "title": path["title"],
            "audience": path["audience"],
            "description": fold_whitespace(path["description"]),
        }
        for position, path in enumerate(paths)
    ]


def _path_step_rows(paths: list[dict[str, Any]]) -> list[dict]:
    return [
        {
            "path_id": path["id"],
            "position": position,
            "film_id": step["film"],
            "note": fold_whitespace(step["note"]),
            "pair_with": step.get("pair_with"),
        }
        for path in paths
        for position, step in enumerate(path["steps"], start=1)
    ]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if not CATALOGUE_PATH.parent.joinpath("__init__.py").is_file():
            raise BuildError([f"{CATALOGUE_PATH.parent} is not the package in this checkout: nothing was built"])
        sources = load_sources(DATA_DIR)
        if "--check" in argv:
            problems = validate(sources)
            if problems:
                raise BuildError(problems)
            print(f"data/ is valid: {len(sources.films)} films, {len(sources.people)} people")
            return 0
        build(sources, CATALOGUE_PATH)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"built {CATALOGUE_PATH.name}: {len(sources.films)} films, {len(sources.paths)} paths")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
