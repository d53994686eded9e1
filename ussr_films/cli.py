"""The ussrfilms command line: parse, call the domain, hand the result to a renderer.

Domain and rendering modules are imported inside each command so that
`ussrfilms --help` and a plain search load only what they use.
"""

import functools
import re
import sys
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from . import completion
from .errors import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_USAGE, UssrFilmsError

app = typer.Typer(
    name="ussrfilms",
    help="Explore Soviet cinema and films about the USSR, offline.",
    # Tab completion through Typer's own --install-completion / --show-completion.
    add_completion=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# What json leaves raw that a terminal may act on: DEL, C1 controls, bidi overrides.
_C1 = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Lone surrogates: undecodable bytes of a file name. Written out, they would
# go to stdout as the raw bytes (0xFF...), which no JSON reader accepts.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# A word longer than this in an error message is a pasted file, not a name.
_ECHOED = re.compile(r"\S{200,}")


def _whole_number(low: int, high: int):
    """A parser for a number option: ASCII digits only, in range.

    int() would also take "١٠" (Arabic-Indic), "１０" (full width) and "1_0".
    """

    def integer(text) -> int:
        if isinstance(text, int):  # a default
            return text
        cleaned = str(text).strip()
        if not re.fullmatch(r"[0-9]{1,20}", cleaned):
            from .safe_text import strip_controls

            raise typer.BadParameter(f"'{strip_controls(cleaned)[:40]}' is not a whole number written with 0-9.")
        value = int(cleaned)
        if not low <= value <= high:
            raise typer.BadParameter(f"{value} is not in the range {low}<=x<={high}.")
        return value

    return integer


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ChartJsonOption = Annotated[bool, typer.Option("--json", help="Print the figures as JSON instead of a chart.")]
SvgOption = Annotated[
    Optional[str],
    typer.Option("--svg", metavar="FILE", help="Save the picture as an SVG image instead of printing it."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="With --svg, replace FILE if it exists.")]
LimitOption = Annotated[
    int, typer.Option("--limit", "-n", parser=_whole_number(1, 1000), help="How many films at most (1 to 1000).")
]
# The filters every listing shares: same names, help and validation everywhere (see _filters).
KindOption = Annotated[
    Optional[str],
    typer.Option(
        help="Only films of this kind: feature, animation, documentary, series or short.",
        autocompletion=completion.kinds,
    ),
]
DecadeOption = Annotated[
    Optional[str], typer.Option(help="Only films of this decade, e.g. 1970s.", autocompletion=completion.decades)
]
StudioOption = Annotated[
    Optional[str],
    typer.Option(
        help="Only films from this studio, e.g. Mosfilm (any case; see: ussrfilms stats).",
        autocompletion=completion.studios,
    ),
]
RepublicOption = Annotated[
    Optional[str],
    typer.Option(
        help="Only films from this Soviet republic's studios, e.g. Georgia.", autocompletion=completion.republics
    ),
]
CanonOption = Annotated[
    Optional[str],
    typer.Option(
        help="Only films ranked in this critics' poll, e.g. bbc-2018, or 'any'.", autocompletion=completion.canons
    ),
]
GenreOption = Annotated[
    list[str],
    typer.Option(
        "--genre",
        "-g",
        help="A genre, e.g. comedy, war, fairy-tale, horror (repeatable; all must fit). See: ussrfilms genres",
        autocompletion=completion.genres,
    ),
]
PersonOption = Annotated[
    Optional[str],
    typer.Option(help="Only films this person made, in any role: director, writer, source, camera, music or cast."),
]


# -- output ----------------------------------------------------------------


def _console(stderr: bool = False):
    from rich.console import Console

    from .terminal import console_options

    # emoji=False: a title such as ":sun:" must print as typed.
    return Console(stderr=stderr, highlight=False, emoji=False, **console_options())


# Spaces at the end of a line (Rich pads every table cell), before any closing colour codes.
_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


_paging = {"allowed": True}


def _show(renderable) -> None:
    """Print renderable, fitted to the width, with no spaces left at the ends of lines.

    Text taller than the terminal goes through the pager, as git's does (see terminal.pager).
    """
    from .listing import Listing
    from .render import fit
    from .terminal import page, pager

    console = _console()
    fitted = fit(renderable, console)
    # With no styles to print, a listing lays itself out as plain lines (see listing.Listing.plain).
    text = fitted.plain(console) if isinstance(fitted, Listing) else None
    if text is None:
        with console.capture() as captured:
            console.print(fitted)
        text = _TRAILING.sub(r"\1", captured.get())
    command = pager(text.count("\n")) if _paging["allowed"] else None
    if command:
        sys.stdout.flush()
        if page(text, command):
            return
    sys.stdout.write(text)


def _speaks_unicode(stream) -> bool:
    encoding = (getattr(stream, "encoding", None) or "ascii").lower().replace("-", "")
    return encoding.startswith(("utf", "cp65001"))


_unshown = {"characters": 0}


def _replace_and_count(error: UnicodeEncodeError) -> tuple[str, int]:
    _unshown["characters"] += error.end - error.start
    return "?" * (error.end - error.start), error.end


def _tolerate_narrow_encodings() -> None:
    """On an ASCII-only or legacy stdout, print what can be printed and replace the rest.

    A Cyrillic title must not turn a listing into a UnicodeEncodeError; what
    was replaced is counted so that main() can say how to see it.
    """
    import codecs

    codecs.register_error("ussrfilms-replace", _replace_and_count)
    for stream in (sys.stdout, sys.stderr):
        if not _speaks_unicode(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="ussrfilms-replace")


def _emit_json(data: Any) -> None:
    import json

    # On an ASCII-only stdout, escaped JSON is still valid JSON.
    readable = _speaks_unicode(sys.stdout)
    text = json.dumps(data, ensure_ascii=not readable, indent=2)
    text = _SURROGATE.sub("\ufffd", text)
    sys.stdout.write(_C1.sub(lambda found: f"\\u{ord(found.group()):04x}", text) + "\n")


def _plain(message: str) -> str:
    from .safe_text import strip_controls

    return strip_controls(message)


def _shortened(message: str) -> str:
    """A message that echoes a megabyte of typed text shows its start and its length instead."""
    message = _ECHOED.sub(lambda found: f"{found.group()[:60]}... ({len(found.group()):,} characters)", message)
    return message if len(message) <= 4000 else message[:4000] + "..."


def _fail(message: str, code: int) -> typer.Exit:
    _console(stderr=True).print(f"Error: {_plain(_shortened(message))}", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(code)


def handled(command):
    """Turn domain errors and Ctrl-C into a message and an exit status."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except UssrFilmsError as exc:
            raise _fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:  # a library caller's Ctrl-C; main() raises Interrupted
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper


def _decade(text: Optional[str]) -> Optional[int]:
    if text is None:
        return None
    from .searching import parse_decade

    try:
        return parse_decade(text)
    except ValueError as exc:
        raise _fail(str(exc), EXIT_USAGE) from None


def _filters(
    kind=None,
    studio=None,
    republic=None,
    decade=None,
    canon=None,
    *,
    person=None,
    genre=(),
    year=None,
    era=None,
    perspective=None,
):
    """The filter options, resolved onto the catalogue's own values; an unknown value is a usage error."""
    from .filters import Filters

    def resolved(value, resolver: str):
        # The vocabularies load only when a filter is given: a plain search skips them.
        if value is None:
            return None
        from . import vocab

        return getattr(vocab, resolver)(value)

    chosen_era = resolved(era, "resolve_era")
    return Filters(
        year=year,
        decade=_decade(decade),
        era=chosen_era.id if chosen_era else None,
        perspective=resolved(perspective, "resolve_perspective"),
        kind=resolved(kind, "resolve_kind"),
        studio=resolved(studio, "resolve_studio"),
        republic=resolved(republic, "resolve_republic"),
        canon=resolved(canon, "resolve_canon"),
        person=_person_named(person),
        genres=tuple(dict.fromkeys(resolved(word, "resolve_genre") for word in genre)),
    )


def _person_named(text: Optional[str]) -> Optional[str]:
    if text is None:
        return None
    from .people import find_person

    return find_person(text).name


def _tick() -> str:
    return "\u2713" if _speaks_unicode(sys.stdout) else "*"


def _tolerated(read, fallback):
    """read(), or fallback with a warning when the record cannot be used: a listing goes on without it."""
    from .record import RecordError

    try:
        return read()
    except RecordError as exc:
        _console(stderr=True).print(f"Warning: {_plain(str(exc))}", markup=False, highlight=False, soft_wrap=True)
        return fallback


def _seen() -> frozenset[str]:
    """Watched film ids for ticking a listing; a record that cannot be used warns, it does not stop a search."""
    from .record import watched_ids

    return _tolerated(watched_ids, frozenset())


def _with_watched(items: list[dict], seen: frozenset[str]) -> list[dict]:
    return [{**item, "watched": item["id"] in seen} for item in items]


# -- commands --------------------------------------------------------------


VERSION_HELP = "Show the version and exit."
NO_PAGER_HELP = "Print long listings straight out, never through the pager (PAGER, as in git)."


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"ussrfilms {version('ussrfilms')}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=VERSION_HELP)] = False,
    no_pager: Annotated[bool, typer.Option("--no-pager", help=NO_PAGER_HELP)] = False,
) -> None:
    """Explore Soviet cinema and films about the USSR, offline.

    Example: ussrfilms search stalker
    """
    _tolerate_narrow_encodings()
    _paging["allowed"] = not no_pager
    if ctx.invoked_subcommand is None:
        from .render import orientation

        _show(orientation())


@app.command("search")
@handled
def search(
    query: Annotated[list[str], typer.Argument(help="Title, original title, transliteration, person or subject.")],
    year: Annotated[
        Optional[int], typer.Option(parser=_whole_number(1896, 2100), help="Only films of this year.")
    ] = None,
    decade: DecadeOption = None,
    era: Annotated[
        Optional[str], typer.Option(help="Only films of this era (see by-era).", autocompletion=completion.eras)
    ] = None,
    kind: KindOption = None,
    studio: StudioOption = None,
    republic: RepublicOption = None,
    canon: CanonOption = None,
    person: PersonOption = None,
    genre: GenreOption = [],
    limit: LimitOption = 10,
    as_json: JsonOption = False,
) -> None:
    """Find a film however it is typed.

    Example: ussrfilms search stalker   (also: Сталкер, "idi i smotri", tarkovskiy)
             ussrfilms search war --republic georgia
    """
    from .searching import search as run_search
    from .searching import suggestions

    text = " ".join(query)
    filters = _filters(kind, studio, republic, decade, canon, person=person, genre=genre, year=year, era=era)
    hits = run_search(text, limit=limit, filters=filters)
    seen = _seen()
    if as_json:
        _emit_json(_with_watched([hit.to_dict() for hit in hits], seen))
    elif hits:
        from .render import search_table

        _show(search_table(hits, text, seen=seen, tick=_tick()))
    if not hits:
        if as_json:
            raise typer.Exit(EXIT_FAILURE)
        from .errors import did_you_mean

        raise _fail(f"No film matches '{text}'.{did_you_mean(suggestions(text), quoted=False)}", EXIT_FAILURE)


MoodOption = Annotated[
    list[str],
    typer.Option(
        "--mood", "-m", help="A mood (repeatable; all must fit). See: ussrfilms moods", autocompletion=completion.moods
    ),
]
LikeOption = Annotated[
    list[str], typer.Option("--like", "-l", help="Films like this one (repeatable).", autocompletion=completion.films)
]
ThemeOption = Annotated[
    list[str],
    typer.Option("--theme", "-t", help="A theme, e.g. wwii, space (repeatable).", autocompletion=completion.themes),
]
EraOption = Annotated[Optional[str], typer.Option(help="Only films of this era.", autocompletion=completion.eras)]
PerspectiveOption = Annotated[
    Optional[str], typer.Option(help="soviet, post_soviet, western or emigre.", autocompletion=completion.perspectives)
]
RuntimeOption = Annotated[
    Optional[int], typer.Option(parser=_whole_number(1, 10000), help="Longest runtime in minutes.")
]
BeginnerOption = Annotated[bool, typer.Option("--beginner", help="Accessible films first.")]
FreeOption = Annotated[
    bool,
    typer.Option(
        "--free", help="Only films a reference names at a free, legal address (a channel search alone does not count)."
    ),
]
ForMeOption = Annotated[bool, typer.Option("--for-me", help="Weigh moods, themes and directors by your ratings.")]
IncludeWatchedOption = Annotated[
    bool, typer.Option("--include-watched", help="Do not leave out films you have watched.")
]


def _query(
    mood=(),
    like=(),
    theme=(),
    filters=None,
    max_runtime=None,
    beginner=False,
    free=False,
    for_me=False,
    include_watched=False,
    limit=10,
):
    """A recommend Query from the options recommend, random and export share; filters from _filters."""
    from . import record
    from .api import make_query

    seen = None
    if not for_me and not include_watched:
        # Leaving out seen films is a courtesy: a record that cannot be read earns a warning, not a stop.
        seen = frozenset(entry.film_id for entry in _tolerated(record.watched, []))
    return make_query(
        mood,
        like,
        theme,
        filters,
        max_runtime=max_runtime,
        beginner=beginner,
        free=free,
        for_me=for_me,
        include_watched=include_watched,
        seen=seen,
        limit=limit,
    )


@app.command("recommend")
@handled
def recommend(
    mood: MoodOption = [],
    like: LikeOption = [],
    theme: ThemeOption = [],
    era: EraOption = None,
    perspective: PerspectiveOption = None,
    kind: KindOption = None,
    decade: DecadeOption = None,
    studio: StudioOption = None,
    republic: RepublicOption = None,
    canon: CanonOption = None,
    person: PersonOption = None,
    genre: GenreOption = [],
    max_runtime: RuntimeOption = None,
    beginner: BeginnerOption = False,
    free: FreeOption = False,
    for_me: ForMeOption = False,
    include_watched: IncludeWatchedOption = False,
    limit: LimitOption = 10,
    as_json: JsonOption = False,
) -> None:
    """Recommend films for a mood, a theme, or like films you loved, with reasons.

    Films you have marked watched are left out.

    Example: ussrfilms recommend --mood harrowing   or   ussrfilms recommend --like stalker
             ussrfilms recommend --kind animation --studio soyuzmultfilm
    """
    from .recommending import recommend as run_recommend

    filters = _filters(
        kind, studio, republic, decade, canon, person=person, genre=genre, era=era, perspective=perspective
    )
    query = _query(mood, like, theme, filters, max_runtime, beginner, free, for_me, include_watched, limit)
    recs = run_recommend(query)
    if as_json:
        _emit_json([rec.to_dict() for rec in recs])
        return
    if not recs:
        raise _fail("No film fits all of that; drop a filter and try again.", EXIT_FAILURE)
    from .render import recommend_table

    asked = [*query.moods, *query.themes, *(f"like {film.title}" for film in query.like)]
    asked += [word for word, on in (("for you", for_me), ("for beginners", beginner), ("free", free)) if on]
    asked += [query.filters.describe()] if query.filters else []
    _show(recommend_table(recs, "Recommended" + (": " + ", ".join(asked) if asked else "")))


def random_pick(
    mood: MoodOption = [],
    like: LikeOption = [],
    theme: ThemeOption = [],
    era: EraOption = None,
    perspective: PerspectiveOption = None,
    kind: KindOption = None,
    decade: DecadeOption = None,
    studio: StudioOption = None,
    republic: RepublicOption = None,
    canon: CanonOption = None,
    person: PersonOption = None,
    genre: GenreOption = [],
    max_runtime: RuntimeOption = None,
    beginner: BeginnerOption = False,
    free: FreeOption = False,
    for_me: ForMeOption = False,
    include_watched: IncludeWatchedOption = False,
    seed: Annotated[
        Optional[int], typer.Option(parser=_whole_number(0, 2**63 - 1), help="The same seed gives the same pick.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """One film for tonight, picked at random from the best fits, shown as a card.

    Takes the same filters as recommend.

    Example: ussrfilms random --mood funny --max-runtime 100 --seed 7
    """
    from .recommending import pick

    filters = _filters(
        kind, studio, republic, decade, canon, person=person, genre=genre, era=era, perspective=perspective
    )
    query = _query(mood, like, theme, filters, max_runtime, beginner, free, for_me, include_watched, 10)
    chosen = pick(query, seed)
    if chosen is None:
        raise _fail("No film fits all of that; drop a filter and try again.", EXIT_FAILURE)
    if as_json:
        _emit_json(chosen.to_dict())
        return
    from .render import film_card, tonight_line

    _show(film_card(chosen.film, lead=tonight_line(chosen.film, chosen.reasons, query.like)))


app.command("random")(handled(random_pick))
app.command("tonight", help="Same as random.\n\nExample: ussrfilms tonight --mood eerie")(handled(random_pick))


class FilmSort(str, Enum):
    year = "year"
    title = "title"
    renown = "renown"


# A long listing (an era, a person's films) shows everything unless asked for fewer.
ListingLimitOption = Annotated[
    Optional[int], typer.Option("--limit", "-n", min=1, max=1000, help="Show at most this many films.")
]


@app.command("by-era")
@handled
def by_era(
    era_words: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="[ERA]", help="An era id or name; leave out to list the eras.", autocompletion=completion.eras
        ),
    ] = None,
    kind: KindOption = None,
    studio: StudioOption = None,
    republic: RepublicOption = None,
    decade: DecadeOption = None,
    canon: CanonOption = None,
    person: PersonOption = None,
    genre: GenreOption = [],
    sort: Annotated[
        FilmSort, typer.Option("--sort", help="Order an era's films by year, title or renown.")
    ] = FilmSort.year,
    limit: ListingLimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the eras of Soviet cinema, or the films of one era in year order.

    With filters, the eras count (and an era lists) only the films that fit.
    An era is named by its id or by its leader: khrushchev is the thaw, brezhnev the stagnation.

    Example: ussrfilms by-era thaw   or   ussrfilms by-era brezhnev --sort renown --limit 10
    """
    from . import vocab

    # Words, joined: "by-era post soviet" reads as typed, and a megabyte of words meets the length check.
    era = " ".join(era_words) if era_words else None
    filters = _filters(kind, studio, republic, decade, canon, person=person, genre=genre)
    if era is None:
        eras = vocab.eras(filters)
        if as_json:
            _emit_json([item.to_dict() for item in eras])
        else:
            from .render import eras_table

            _show(eras_table(eras, filters.describe()))
        return
    chosen = vocab.resolve_era(era)
    films = [film for film in vocab.films_in_era(chosen, sort.value) if filters.admit(film)]
    shown = films[:limit] if limit else films
    seen = _seen()
    if as_json:
        _emit_json(_with_watched([film.to_dict() for film in shown], seen))
        return
    if not films:
        raise _fail(f"No film of {chosen.name} fits {filters.describe()}; drop a filter and try again.", EXIT_FAILURE)
    from .render import films_table

    fitting = f" ({filters.describe()})" if filters else ""
    order = "" if sort is FilmSort.year else f", by {sort.value}"
    part = f"; the first {len(shown)}{order}" if len(shown) < len(films) else order
    heading = f"{chosen.name} ({chosen.years}): {len(films)} films{fitting}{part}"
    _show(films_table(shown, heading, seen=seen, tick=_tick()))


def path(
    name_words: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="[NAME]", help="A path id; leave out to list the paths.", autocompletion=completion.paths
        ),
    ] = None,
    next_only: Annotated[
        bool, typer.Option("--next", help="Only the next film you have not watched, as a card.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Show the curated watch paths, or one path step by step.

    With a viewing record, watched steps are ticked and the next is marked.

    Example: ussrfilms path beginner   or   ussrfilms path beginner --next
    """
    from . import paths as watch_paths

    name = " ".join(name_words) if name_words else None
    if name is None:
        if next_only:
            raise _fail("--next needs a path: ussrfilms path beginner --next", EXIT_USAGE)
        summaries = watch_paths.paths()
        if as_json:
            _emit_json([summary.to_dict() for summary in summaries])
        else:
            from .render import paths_table

            _show(paths_table(summaries))
        return
    chosen = watch_paths.path(name)
    seen = _seen()
    if next_only:
        step = chosen.next_step(seen)
        if step is None:
            if as_json:
                _emit_json(None)
                return
            _say(f"You have watched every film on the {chosen.id} path. Try another: ussrfilms path")
            return
        if as_json:
            _emit_json({**step.to_dict(), "path": chosen.id, "of": len(chosen.steps)})
            return
        from .render import film_card

        note = f"Next on {chosen.title}: step {step.position} of {len(chosen.steps)}"
        reasons = [step.note] + ([f"pair with {step.pair_with}"] if step.pair_with else [])
        _show(film_card(step.film, reasons=reasons, note=note))
        return
    if as_json:
        data = chosen.to_dict()
        data.pop("audience")
        for item in data["steps"]:
            item["film"]["watched"] = item["film"]["id"] in seen
        _emit_json(data)
    else:
        from .render import path_view

        _show(path_view(chosen, seen=seen, tick=_tick()))


app.command("path")(handled(path))
app.command("watch-path", help="Same as path.\n\nExample: ussrfilms watch-path beginner")(handled(path))


@app.command("show")
@handled
def show(
    film: Annotated[
        list[str],
        typer.Argument(
            help="A film id, IMDb id or exact title; a year settles same-title films.", autocompletion=completion.films
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """Show everything the catalogue holds on one film.

    Example: ussrfilms show stalker   (also: show "solaris 1972", show tt0079944)
    """
    from .resolver import resolve

    found = resolve(" ".join(film))
    if as_json:
        _emit_json(found.to_dict())
    else:
        from .render import film_card

        _show(film_card(found))


@app.command("person")
@handled
def person(
    name: Annotated[
        list[str],
        typer.Argument(
            help="A name, in any spelling: director, writer, source author, cinematographer, composer or actor."
        ),
    ],
    role: Annotated[
        Optional[str],
        typer.Option(
            "--role",
            help="Only this role: director, writer, source, cinematographer, composer, production designer or cast.",
            autocompletion=completion.roles,
        ),
    ] = None,
    sort: Annotated[FilmSort, typer.Option("--sort", help="Order the films by year, title or renown.")] = FilmSort.year,
    limit: ListingLimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show a person's films in the catalogue, in every role: director, writer, source, camera, music, cast.

    Example: ussrfilms person tarkovsky   (also: Тарковский, urusevsky, bulgakov --role source,
    ryazanov --sort renown --limit 5)
    """
    from dataclasses import replace

    from .people import find_person, resolve_role
    from .vocab import sort_films

    found = find_person(" ".join(name), resolve_role(role) if role else None)
    if sort is not FilmSort.year or limit:
        by_film = {credit.film.id: credit for credit in found.credits}
        ordered = [by_film[film.id] for film in sort_films([credit.film for credit in found.credits], sort.value)]
        found = replace(found, credits=ordered[:limit] if limit else ordered)
    if as_json:
        _emit_json(found.to_dict())
    else:
        from .render import person_view

        _show(person_view(found))


@app.command("moods")
@handled
def moods(as_json: JsonOption = False) -> None:
    """List the moods recommend understands, with how many films each has.

    Example: ussrfilms moods
    """
    from .vocab import moods as all_moods

    found = all_moods()
    if as_json:
        _emit_json([mood.to_dict() for mood in found])
    else:
        from .render import moods_table

        _show(moods_table(found))


@app.command("genres")
@handled
def genres(as_json: JsonOption = False) -> None:
    """List the genres recommend, search and by-era take with --genre, with how many films each has.

    Example: ussrfilms genres   then   ussrfilms recommend --genre fairy-tale
    """
    from .vocab import genres as all_genres

    found = all_genres()
    if as_json:
        _emit_json([genre.to_dict() for genre in found])
    else:
        from .render import genres_table

        _show(genres_table(found))


@app.command("stats")
@handled
def stats_command(
    top: Annotated[
        int,
        typer.Option(
            "--top",
            parser=_whole_number(0, 1000),
            help="Studios charted by name; the rest are 'other'. 0 charts every studio.",
        ),
    ] = 10,
    kind: KindOption = None,
    studio: StudioOption = None,
    republic: RepublicOption = None,
    decade: DecadeOption = None,
    canon: CanonOption = None,
    person: PersonOption = None,
    genre: GenreOption = [],
    svg: SvgOption = None,
    force: ForceOption = False,
    as_json: ChartJsonOption = False,
    data: Annotated[
        bool,
        typer.Option(
            "--data",
            help="Report how complete the data is instead: runtime, ids, awards, canons, censorship; studio and "
            "crew on Soviet films; refs by kind of source.",
        ),
    ] = False,
) -> None:
    """Count the films by era, perspective, kind, studio, republic and decade, as bar charts.

    --json gives every count, every studio included; --svg FILE saves the charts as a picture.
    --data reports instead how many films carry each kind of fact.

    Example: ussrfilms stats   or   ussrfilms stats --republic georgia   or   ussrfilms stats --data
    """
    from . import catalogue
    from .stats import stats

    _check_picture_options("stats", svg, force, as_json)
    if data and svg is not None:
        raise _fail("The data report has no picture: use --data alone or with --json.", EXIT_USAGE)
    filters = _filters(kind, studio, republic, decade, canon, person=person, genre=genre)
    films = [film for film in catalogue.all_films() if filters.admit(film)]
    if not films:
        raise _fail(f"No film fits {filters.describe()}; drop a filter and try again.", EXIT_FAILURE)
    if data:
        from .charts import data_view
        from .stats import data_report

        report = data_report(films, catalogue.reference_kinds())
        if as_json:
            _emit_json(report.to_dict())
        else:
            _show(data_view(report))
        return
    found = stats(films)
    if as_json:
        _emit_json(found.to_dict())
        return
    from .charts import stats_view

    if svg is None:
        _show(stats_view(found, top))
        return
    from .charts import picture_svg

    _save(svg, picture_svg(stats_view(found, top), "ussrfilms stats"), force)
    _say(f"Saved the charts to {svg}.")


def _check_picture_options(command: str, svg: Optional[str], force: bool, as_json: bool) -> None:
    if svg is not None and as_json:
        raise _fail("Choose one output: --svg FILE or --json.", EXIT_USAGE)
    if force and svg is None:
        raise _fail(
            f"--force only says to replace the --svg file: ussrfilms {command} --svg {command}.svg --force", EXIT_USAGE
        )


@app.command("timeline")
@handled
def timeline_command(
    svg: SvgOption = None,
    force: ForceOption = False,
    as_json: ChartJsonOption = False,
) -> None:
    """Show the eras on a time axis, films per year, and every shelved film from completion to release.

    Example: ussrfilms timeline   or   ussrfilms timeline --svg timeline.svg
    """
    from . import catalogue
    from .stats import timeline

    _check_picture_options("timeline", svg, force, as_json)
    found = timeline(catalogue.all_films())
    if as_json:
        _emit_json(found.to_dict())
        return
    if svg is None:
        from .charts import timeline_view

        _show(timeline_view(found))
        return
    from .charts import picture_svg, timeline_view

    _save(svg, picture_svg(timeline_view(found), "ussrfilms timeline"), force)
    _say(f"Saved the timeline to {svg}.")


def _save(path: str, text: str, force: bool) -> None:
    """Write text to a new file at path; an existing file is replaced only when forced."""
    from pathlib import Path

    if not path.strip():
        raise _fail("--svg needs a file name, e.g. --svg timeline.svg", EXIT_USAGE)
    target = Path(path).expanduser()
    if target.is_dir():
        raise _fail(f"{path} is a directory; give a file name, e.g. {target / 'timeline.svg'}", EXIT_FAILURE)
    try:
        # "x" fails if the file appeared meanwhile: a file is never replaced by surprise.
        with open(target, "w" if force else "x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise _fail(f"{path} already exists; add --force to replace it.", EXIT_FAILURE) from None
    except OSError as exc:
        raise _fail(f"Cannot write {path}: {exc.strerror or exc}.", EXIT_FAILURE) from None


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    letterboxd = "letterboxd"


@app.command("export")
@handled
def export(
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="json, csv or letterboxd.")
    ] = ExportFormat.json,
    watched: Annotated[bool, typer.Option("--watched", help="Your watched films, with dates and ratings.")] = False,
    watchlist: Annotated[bool, typer.Option("--watchlist", help="Your watchlist.")] = False,
    path_name: Annotated[
        Optional[str],
        typer.Option("--path", help="The films of one watch path, in order.", autocompletion=completion.paths),
    ] = None,
    mood: Annotated[
        list[str],
        typer.Option("--mood", "-m", help="The films recommend gives for a mood.", autocompletion=completion.moods),
    ] = [],
    theme: Annotated[
        list[str], typer.Option("--theme", "-t", help="... or a theme.", autocompletion=completion.themes)
    ] = [],
    like: Annotated[
        list[str], typer.Option("--like", "-l", help="... or films like this one.", autocompletion=completion.films)
    ] = [],
    era: EraOption = None,
    kind: KindOption = None,
    studio: StudioOption = None,
    republic: RepublicOption = None,
    decade: DecadeOption = None,
    canon: CanonOption = None,
    person: PersonOption = None,
    genre: GenreOption = [],
    limit: LimitOption = 10,
) -> None:
    """Print the catalogue, your record, a path or a recommendation as JSON or CSV.

    With --format letterboxd, a CSV that Letterboxd's list importer reads.
    Filters (--era, --kind, --studio, --republic, --decade, --canon) narrow any of them.

    Example: ussrfilms export --format csv > films.csv
             ussrfilms export --format letterboxd --path beginner > beginner.csv
             ussrfilms export --format csv --republic georgia > georgian-films.csv
    """
    from .export import record_to_csv, to_csv, to_letterboxd

    filters = _filters(kind, studio, republic, decade, canon, person=person, genre=genre, era=era)
    chosen = [
        flag
        for flag, on in (
            ("--watched", watched),
            ("--watchlist", watchlist),
            ("--path", path_name is not None),
            ("a recommend query", bool(mood or theme or like)),
        )
        if on
    ]
    if len(chosen) > 1:
        raise _fail(f"Export one thing at a time; you asked for {' and '.join(chosen)}.", EXIT_USAGE)
    if watched or watchlist:
        entries = [entry for entry in _entries("watched" if watched else "watchlist") if filters.admit(entry.film)]
        if format is ExportFormat.letterboxd:
            marks = {e.film.id: (e.watched_on, e.rating) for e in entries} if watched else None
            sys.stdout.write(to_letterboxd([e.film for e in entries], marks))
        elif format is ExportFormat.csv:
            sys.stdout.write(record_to_csv(entries))
        else:
            _emit_json([e.to_dict() for e in entries])
        return
    if path_name is not None:
        from .api import path_films

        films = path_films(path_name, filters)
    elif chosen:
        from .recommending import recommend as run_recommend

        # Exports a query as asked, watched films included.
        query = _query(mood, like, theme, filters, include_watched=True, limit=limit)
        films = [rec.film for rec in run_recommend(query)]
    elif format is ExportFormat.letterboxd and not filters:
        raise _fail(
            "Say what to export to Letterboxd: --watched, --watchlist, --path NAME, a query (--mood, --theme, --like)"
            " or a filter (--studio, --canon...).",
            EXIT_USAGE,
        )
    else:
        from .api import films as all_films

        films = all_films(filters)
    if format is ExportFormat.letterboxd:
        sys.stdout.write(to_letterboxd(films))
    elif format is ExportFormat.csv:
        sys.stdout.write(to_csv(films))
    else:
        _emit_json([film.to_dict() for film in films])


# -- the viewing record ----------------------------------------------------

FilmWords = Annotated[
    list[str],
    typer.Argument(
        help="A film id, IMDb id or exact title; a year settles same-title films.", autocompletion=completion.films
    ),
]
watched_app = typer.Typer(
    help="Films you have watched.\n\nExample: ussrfilms watched add stalker --rating 4.5", no_args_is_help=True
)
watchlist_app = typer.Typer(
    help="Films you want to watch.\n\nExample: ussrfilms watchlist add mirror", no_args_is_help=True
)
import_app = typer.Typer(
    help="Bring your history from Letterboxd or IMDb.\n\nExample: ussrfilms import letterboxd letterboxd-export.zip",
    no_args_is_help=True,
)
app.add_typer(watched_app, name="watched")
app.add_typer(watchlist_app, name="watchlist")
app.add_typer(import_app, name="import")


def _one_film(words: list[str]):
    from .resolver import resolve

    return resolve(" ".join(words))


def _say(message: str) -> None:
    _console().print(_plain(message), markup=False, highlight=False)


def _change(words: list[str], change: str, done: str, unchanged: str) -> None:
    """Apply one Writer change to the film words name; say which way it went ({} is the film)."""
    from . import record

    chosen = _one_film(words)
    with record.writing() as writer:
        changed = getattr(writer, change)(chosen.id)
    _say((done if changed else unchanged).format(chosen.label))


@watched_app.command("add")
@handled
def watched_add(
    film: FilmWords,
    date: Annotated[Optional[str], typer.Option("--date", help="When you watched it, YYYY-MM-DD.")] = None,
    rating: Annotated[Optional[str], typer.Option("--rating", help="0.5 to 5, in half stars.")] = None,
) -> None:
    """Mark a film watched, with a date and a rating if you like.

    Example: ussrfilms watched add come and see --date 2024-05-09 --rating 5
    """
    from . import record
    from .values import parse_date, parse_rating

    on = parse_date(date) if date is not None else None
    stars = parse_rating(rating) if rating is not None else None
    chosen = _one_film(film)
    with record.writing() as writer:
        changed = writer.mark_watched(chosen.id, on=on, rating=stars)
    _say(f"{'Marked' if changed else 'Already marked'} {chosen.label} as watched.")


@watched_app.command("rm")
@handled
def watched_rm(film: FilmWords) -> None:
    """Forget that you watched a film (and its rating).

    Example: ussrfilms watched rm stalker
    """
    _change(film, "unmark_watched", "Removed {} from your watched films.", "{} was not marked watched.")


def _entries(kind: str):
    from .api import record_entries

    return record_entries(kind)


def _list_entries(kind: str, as_json: bool) -> None:
    entries = _entries(kind)
    if as_json:
        _emit_json([entry.to_dict() for entry in entries])
        return
    if not entries:
        hint = "ussrfilms watched add FILM" if kind == "watched" else "ussrfilms watchlist add FILM"
        _say(f"Your {kind} list is empty. Add a film: {hint}")
        return
    from .render import record_table

    heading = "Watched" if kind == "watched" else "Watchlist"
    _show(record_table(entries, f"{heading}: {len(entries)} films"))


@watched_app.command("list")
@handled
def watched_list(as_json: JsonOption = False) -> None:
    """List the films you have watched, most recent first.

    Example: ussrfilms watched list
    """
    _list_entries("watched", as_json)


# Unknown options pass through so that "rate stalker -1" reaches the rating check.
@app.command("rate", context_settings={"ignore_unknown_options": True})
@handled
def rate(
    film: Annotated[
        list[str],
        typer.Argument(
            help="The film, then the rating: 0.5 to 5 in half stars.",
            metavar="FILM... RATING",
            autocompletion=completion.films,
        ),
    ],
) -> None:
    """Rate a film (0.5 to 5 in half stars, as on Letterboxd); it counts as watched.

    Example: ussrfilms rate stalker 4.5
    """
    from . import record
    from .values import parse_rating

    if len(film) < 2:
        raise _fail("Give a film and a rating, e.g. ussrfilms rate stalker 4.5", EXIT_USAGE)
    stars = parse_rating(film[-1])
    chosen = _one_film(film[:-1])
    with record.writing() as writer:
        writer.mark_watched(chosen.id, rating=stars)
    _say(f"Rated {chosen.label} {stars:g}/5.")


@watchlist_app.command("add")
@handled
def watchlist_add(film: FilmWords) -> None:
    """Add a film to your watchlist.

    Example: ussrfilms watchlist add the ascent
    """
    _change(film, "want", "Added {} to your watchlist.", "{} is already on your watchlist.")


@watchlist_app.command("rm")
@handled
def watchlist_rm(film: FilmWords) -> None:
    """Take a film off your watchlist.

    Example: ussrfilms watchlist rm the ascent
    """
    _change(film, "unwant", "Took {} off your watchlist.", "{} was not on your watchlist.")


@watchlist_app.command("list")
@handled
def watchlist_list(as_json: JsonOption = False) -> None:
    """List your watchlist, oldest addition first.

    Example: ussrfilms watchlist list
    """
    _list_entries("watchlist", as_json)


ExportFile = Annotated[str, typer.Argument(help="The export file (ZIP or CSV).")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Show what would change; write nothing.")]


def _import(source: str, file: str, dry_run: bool, as_json: bool) -> None:
    from pathlib import Path

    from . import imports, matching

    reader = imports.read_letterboxd if source == "letterboxd" else imports.read_imdb
    rows = reader(Path(file))
    # The log keeps the name as it can be shown (an undecodable byte cannot be stored).
    outcome = matching.apply(matching.match_rows(rows), source=source, file=_plain(file), dry_run=dry_run)
    if as_json:
        _emit_json({"dry_run": dry_run, **outcome.to_dict()})
        return
    from .render import import_summary

    _show(import_summary(outcome, dry_run))


@import_app.command("letterboxd")
@handled
def import_letterboxd(file: ExportFile, dry_run: DryRun = False, as_json: JsonOption = False) -> None:
    """Import a Letterboxd export: the ZIP, or its watched, diary, ratings or watchlist CSV.

    Example: ussrfilms import letterboxd ~/Downloads/letterboxd-export.zip --dry-run
    """
    _import("letterboxd", file, dry_run, as_json)


@import_app.command("imdb")
@handled
def import_imdb(file: ExportFile, dry_run: DryRun = False, as_json: JsonOption = False) -> None:
    """Import IMDb's "Your Ratings" CSV; ratings out of 10 are halved onto five stars.

    Example: ussrfilms import imdb ratings.csv --dry-run
    """
    _import("imdb", file, dry_run, as_json)


@app.command("record")
@handled
def record_command(
    repair: Annotated[bool, typer.Option("--repair", help="Move a damaged record aside and start afresh.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Where your viewing record lives and what it holds; --repair moves a damaged one aside.

    Example: ussrfilms record
    """
    from . import record

    if repair:
        moved = record.repair()
        if moved is None:
            _say(f"Your viewing record {record.record_path()} is fine (or absent); nothing was moved.")
        else:
            _say(f"Moved the damaged record to {moved}. A new one starts with your next change.")
        return
    found = record.summary()
    if as_json:
        _emit_json(
            {
                "path": str(found.path),
                "exists": found.exists,
                "watched": found.watched,
                "rated": found.rated,
                "watchlist": found.watchlist,
                "migrations": found.migrations,
            }
        )
        return
    from .render import record_summary

    _show(record_summary(found))


def _register_only(argv: list[str]) -> None:
    """Keep only the command named on the command line, when it names one.

    Typer turns every registered command into a Click command, reading each
    signature, before it parses anything: about 15 ms of a plain search's
    start-up spent on commands that will not run. Top-level help, options and
    unknown words keep the whole app, so they list and suggest every command.
    """
    word = argv[0] if argv else ""
    commands = [info for info in app.registered_commands if info.name == word]
    groups = [info for info in app.registered_groups if info.name == word]
    if commands or groups:
        app.registered_commands, app.registered_groups = commands, groups


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush cannot fail again."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _note_unshown() -> None:
    if _unshown["characters"]:
        sys.stderr.write(
            f"Note: {_unshown['characters']} characters could not be shown in this terminal's encoding "
            f"({sys.stdout.encoding}) and were printed as '?'. Use a UTF-8 locale (LANG=C.UTF-8) "
            "or set PYTHONIOENCODING=utf-8 to see them.\n"
        )


def _words_typed() -> list[str]:
    """The command line's words after the program's name, or when a shell asks for completions, the words it sends."""
    import os

    if "_USSRFILMS_COMPLETE" not in os.environ:
        return sys.argv[1:]
    line = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
    words = line.split()[1:]
    # The word being completed is not a command yet: only a finished one narrows the app.
    return words if len(words) > 1 or line.endswith(" ") else []


class Interrupted(BaseException):
    """Ctrl-C, as main() raises it.

    Not a KeyboardInterrupt: Click catches those while it parses the command
    line, prints "Aborted!" and exits 1. A BaseException of our own passes
    through Click and Typer to main(), which exits 130 whatever was running.
    """


def _interrupt(signum, frame) -> None:
    raise Interrupted


def main() -> None:
    """Console-script entry point."""
    import signal

    try:
        signal.signal(signal.SIGINT, _interrupt)
        _run(_words_typed())
    except (Interrupted, KeyboardInterrupt):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        # The work is done (or abandoned): a late Ctrl-C must not interrupt the exit itself.
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(argv: list[str]) -> None:
    _register_only(argv)
    from .terminal import settle

    settle()  # Typer's help consoles read the environment too
    try:
        try:
            if sys.argv[1:] in (["--help"], ["-h"]):
                from .help import top_level_help

                # As Typer prints its help: panels wrap, they are never stacked.
                _console().print(top_level_help(app, VERSION_HELP, NO_PAGER_HELP))
            else:
                app()
        finally:
            # Flush here, not at exit, so a full disk is caught below.
            sys.stdout.flush()
            _note_unshown()
    except BrokenPipeError:
        # The reader (| head) left; stop quietly, as other Unix tools do.
        _silence_stdout()
        sys.exit(0)
    except OSError as exc:
        # Typically ENOSPC (> /dev/full) or EIO: the output is lost, say so once.
        _silence_stdout()
        sys.stderr.write(f"Error: could not write the output: {exc.strerror or exc}.\n")
        sys.exit(EXIT_FAILURE)
