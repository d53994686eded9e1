"""`ussrfilms --help`, drawn without building every command.

Typer draws its help by turning all nineteen commands into Click commands
(reading each signature) and importing its rich_utils module, which pulls in
Rich's Markdown and a Markdown parser: about 150 ms on a 2-core machine, more
than the whole of a search. The top-level screen needs only each command's
name and first line of help, so it is drawn here from the app's registry with
the same Rich panels; tests/test_completion_and_help.py holds it equal to
Typer's own screen, line for line.
"""

from __future__ import annotations

import inspect

from rich.columns import Columns
from rich.console import Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

# Typer's own wording for the options it adds (typer/main.py, typer/completion.py).
INSTALL_HELP = "Install completion for the current shell."
SHOW_HELP = "Show completion for the current shell, to copy it or customize the installation."
HELP_HELP = "Show this message and exit."


def top_level_help(app, version_help: str, no_pager_help: str) -> Group:
    """The screen Typer's rich help draws for `ussrfilms --help`, with the same tables and styles."""
    usage = Text.assemble(("Usage: ", "yellow"), "ussrfilms [OPTIONS] COMMAND [ARGS]...")
    options = _table()
    for long, short, text in (
        ("--version", "", version_help),
        ("--no-pager", "", no_pager_help),
        ("--install-completion", "", INSTALL_HELP),
        ("--show-completion", "", SHOW_HELP),
        ("--help", "-h", HELP_HELP),
    ):
        # Typer's columns: long, short, negative long, negative short, type, help.
        options.add_row(
            Text(long, style="bold cyan"),
            Text(short, style="bold green"),
            Text(),
            Text(),
            Text(),
            Columns([Text(text)]),
        )
    rows = _commands(app)
    commands = _table()
    commands.add_column(style="bold cyan", no_wrap=True, width=max(len(name) for name, _ in rows))
    commands.add_column(justify="left", no_wrap=False, ratio=10)
    for name, text in rows:
        commands.add_row(Text(name), Text(text))
    return Group(
        Padding(usage, 1, style="bold"),
        Padding(Text(_first_paragraph(app.info.help or "")), (0, 1, 1, 1)),
        _panel(options, "Options"),
        _panel(commands, "Commands"),
        Text(""),
    )


def _table() -> Table:
    return Table(
        highlight=False,
        show_header=False,
        expand=True,
        box=None,
        padding=(0, 1),
        pad_edge=False,
        show_lines=False,
        leading=0,
    )


def _panel(table: Table, title: str) -> Panel:
    return Panel(table, border_style="dim", title=title, title_align="left")


def _commands(app) -> list[tuple[str, str]]:
    rows = [
        (info.name, _first_paragraph(info.help or inspect.getdoc(info.callback) or ""))
        for info in app.registered_commands
        if not info.hidden
    ]
    rows += [(info.name, _first_paragraph(info.typer_instance.info.help or "")) for info in app.registered_groups]
    return rows


def _first_paragraph(doc: str) -> str:
    return " ".join(doc.split("\n\n", 1)[0].split())
