"""The ussrfilms command line: parse, call the domain, hand the result to a renderer.

Domain and rendering modules are imported inside each command so that
`ussrfilms --help` and a plain search load only what they use.
"""

from __future__ import annotations

import functools
import json
import sys
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from .errors import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_USAGE, UssrFilmsError

app = typer.Typer(
    name="ussrfilms",
    help="Explore Soviet cinema and films about the USSR, offline.",
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, max=1000, help="How many films at most.")]


# -- output ----------------------------------------------------------------


def _console(stderr: bool = False):
    from rich.console import Console

    # emoji=False: a title such as ":sun:" must print as typed.
    return Console(stderr=stderr, highlight=False, emoji=False)


def _show(renderable) -> None:
    _console().print(renderable)


def _speaks_unicode(stream) -> bool:
    encoding = (getattr(stream, "encoding", None) or "ascii").lower().replace("-", "")
    return encoding.startswith(("utf", "cp65001"))


def _tolerate_narrow_encodings() -> None:
    """On an ASCII-only or legacy stdout, print what can be printed and replace the rest.

    A Cyrillic title must not turn a listing into a UnicodeEncodeError.
    """
    for stream in (sys.stdout, sys.stderr):
        if not _speaks_unicode(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _emit_json(data: Any) -> None:
    # On an ASCII-only stdout, escaped JSON is still valid JSON.
    readable = _speaks_unicode(sys.stdout)
    sys.stdout.write(json.dumps(data, ensure_ascii=not readable, indent=2) + "\n")


def _fail(message: str, code: int) -> typer.Exit:
    _console(stderr=True).print(f"Error: {message}", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(code)


def handled(command):
    """Turn domain errors and Ctrl-C into a message and an exit status."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except UssrFilmsError as exc:
            raise _fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper


def _decade(text: Optional[str]) -> Optional[int]:
    if text is None:
        return None
    from .search import parse_decade

    try:
        return parse_decade(text)
    except ValueError as exc:
        raise _fail(str(exc), EXIT_USAGE) from None


# -- commands --------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"ussrfilms {version('ussrfilms')}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Explore Soviet cinema and films about the USSR, offline.

    Example: ussrfilms search stalker
    """
    _tolerate_narrow_encodings()
    if ctx.invoked_subcommand is None:
        from .render import orientation

        _show(orientation())


@app.command()
@handled
def search(
    query: Annotated[list[str], typer.Argument(help="Title, original title, transliteration, person or subject.")],
    year: Annotated[Optional[int], typer.Option(min=1896, max=2100, help="Only films of this year.")] = None,
    decade: Annotated[Optional[str], typer.Option(help="Only films of this decade, e.g. 1970s.")] = None,
    era: Annotated[Optional[str], typer.Option(help="Only films of this era (see by-era).")] = None,
    kind: Annotated[Optional[str], typer.Option(help="feature, animation, documentary, series or short.")] = None,
    limit: LimitOption = 10,
    as_json: JsonOption = False,
) -> None:
    """Find a film however it is typed.

    Example: ussrfilms search stalker   (also: Сталкер, "idi i smotri", tarkovskiy)
    """
    from .search import Filters, search as run_search, suggestions
    from .vocab import resolve_era, resolve_kind

    text = " ".join(query)
    filters = Filters(
        year=year,
        decade=_decade(decade),
        era=resolve_era(era).id if era else None,
        kind=resolve_kind(kind) if kind else None,
    )
    hits = run_search(text, limit=limit, filters=filters)
    if as_json:
        _emit_json([hit.to_dict() for hit in hits])
    elif hits:
        from .render import search_table

        _show(search_table(hits, text))
    if not hits:
        if as_json:
            raise typer.Exit(EXIT_FAILURE)
        from .errors import did_you_mean

        raise _fail(f"No film matches '{text}'.{did_you_mean(suggestions(text), quoted=False)}", EXIT_FAILURE)


@app.command()
@handled
def recommend(
    mood: Annotated[list[str], typer.Option("--mood", "-m", help="A mood (repeatable; all must fit). See: ussrfilms moods")] = [],
    like: Annotated[list[str], typer.Option("--like", "-l", help="Films like this one (repeatable).")] = [],
    theme: Annotated[list[str], typer.Option("--theme", "-t", help="A theme, e.g. wwii, space (repeatable).")] = [],
    era: Annotated[Optional[str], typer.Option(help="Only films of this era.")] = None,
    perspective: Annotated[Optional[str], typer.Option(help="soviet, post_soviet or western.")] = None,
    kind: Annotated[Optional[str], typer.Option(help="feature, animation, documentary, series or short.")] = None,
    decade: Annotated[Optional[str], typer.Option(help="Only films of this decade, e.g. 1960s.")] = None,
    max_runtime: Annotated[Optional[int], typer.Option(min=1, max=10000, help="Longest runtime in minutes.")] = None,
    limit: LimitOption = 10,
    as_json: JsonOption = False,
) -> None:
    """Recommend films for a mood, a theme, or like films you loved.

    Example: ussrfilms recommend --mood harrowing   or   ussrfilms recommend --like stalker
    """
    from .recommend import Query, recommend as run_recommend
    from .search import resolve_film
    from .vocab import resolve_era, resolve_kind, resolve_mood, resolve_perspective, resolve_theme

    query = Query(
        moods=tuple(dict.fromkeys(resolve_mood(word) for word in mood)),
        like=tuple(resolve_film(text) for text in like),
        themes=tuple(dict.fromkeys(resolve_theme(word) for word in theme)),
        era=resolve_era(era).id if era else None,
        perspective=resolve_perspective(perspective) if perspective else None,
        kind=resolve_kind(kind) if kind else None,
        decade=_decade(decade),
        max_runtime=max_runtime,
        limit=limit,
    )
    recs = run_recommend(query)
    if as_json:
        _emit_json([rec.to_dict() for rec in recs])
        return
    if not recs:
        raise _fail("No film fits all of that; drop a filter and try again.", EXIT_FAILURE)
    from .render import recommend_table

    asked = [*query.moods, *query.themes, *(f"like {film.title}" for film in query.like)]
    _show(recommend_table(recs, "Recommended" + (": " + ", ".join(asked) if asked else "")))


@app.command("by-era")
@handled
def by_era(
    era: Annotated[Optional[str], typer.Argument(help="An era id; leave out to list the eras.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List the eras of Soviet cinema, or the films of one era in year order.

    Example: ussrfilms by-era thaw
    """
    from . import vocab

    if era is None:
        eras = vocab.eras()
        if as_json:
            _emit_json([item.to_dict() for item in eras])
        else:
            from .render import eras_table

            _show(eras_table(eras))
        return
    chosen = vocab.resolve_era(era)
    films = vocab.films_in_era(chosen)
    if as_json:
        _emit_json([film.to_dict() for film in films])
    else:
        from .render import films_table

        _show(films_table(films, f"{chosen.name} ({chosen.years}): {len(films)} films"))


def path(
    name: Annotated[Optional[str], typer.Argument(help="A path id; leave out to list the paths.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Show the curated watch paths, or one path step by step.

    Example: ussrfilms path beginner
    """
    from . import paths as watch_paths

    if name is None:
        summaries = watch_paths.paths()
        if as_json:
            _emit_json([summary.to_dict() for summary in summaries])
        else:
            from .render import paths_table

            _show(paths_table(summaries))
        return
    chosen = watch_paths.path(name)
    if as_json:
        data = chosen.to_dict()
        data.pop("audience")
        _emit_json(data)
    else:
        from .render import path_view

        _show(path_view(chosen))


app.command("path")(handled(path))
app.command("watch-path", help="Same as path.\n\nExample: ussrfilms watch-path beginner")(handled(path))


@app.command()
@handled
def show(
    film: Annotated[list[str], typer.Argument(help="A film id or title, as search would find it.")],
    as_json: JsonOption = False,
) -> None:
    """Show everything the catalogue holds on one film.

    Example: ussrfilms show stalker
    """
    from .search import resolve_film

    found = resolve_film(" ".join(film))
    if as_json:
        _emit_json(found.to_dict())
    else:
        from .render import film_card

        _show(film_card(found))


@app.command()
@handled
def person(
    name: Annotated[list[str], typer.Argument(help="A director's or actor's name, in any spelling.")],
    as_json: JsonOption = False,
) -> None:
    """Show a director's or actor's films in the catalogue, with their roles.

    Example: ussrfilms person tarkovsky   (also: Тарковский, tarkovskij)
    """
    from .people import find_person

    found = find_person(" ".join(name))
    if as_json:
        _emit_json(found.to_dict())
    else:
        from .render import person_view

        _show(person_view(found))


@app.command()
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


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"


@app.command()
@handled
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="json or csv.")] = ExportFormat.json,
) -> None:
    """Print the whole catalogue as JSON or CSV.

    Example: ussrfilms export --format csv > films.csv
    """
    from . import catalogue
    from .export import to_csv, to_json

    films = catalogue.all_films()
    sys.stdout.write((to_json(films) + "\n") if format is ExportFormat.json else to_csv(films))


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader (| head) left; stop quietly, as other Unix tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
