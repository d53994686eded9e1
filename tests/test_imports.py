"""Start-up stays light: the CLI module imports only what every command needs."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlite_utils", "rapidfuzz", "iuliia", "tools.build", "ussr_films.searching", "ussr_films.recommending")


def modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_importing_the_cli_loads_no_heavy_module():
    loaded = modules_after("import ussr_films.cli")
    assert not [name for name in HEAVY if name in loaded]


def test_an_exact_search_does_not_load_the_fuzzy_matcher():
    loaded = modules_after(
        "from ussr_films.searching import search\nassert search('stalker')[0].film.id == 'stalker-1979'"
    )
    assert "rapidfuzz" not in loaded and "iuliia" not in loaded


def test_a_plain_search_loads_neither_the_record_writer_nor_json_by_the_cli():
    # The viewing record is read with sqlite3; sqlite-utils is for writes only.
    loaded = modules_after(
        "import sys\nsys.argv = ['ussrfilms', 'search', 'stalker']\nfrom ussr_films.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    assert "sqlite_utils" not in loaded and "rapidfuzz" not in loaded


def test_the_command_line_builds_only_the_command_it_runs():
    code = (
        "import sys\nsys.argv = ['ussrfilms', 'watched', 'list']\nfrom ussr_films import cli\n"
        "cli._register_only(sys.argv[1:])\n"
        "print([c.name for c in cli.app.registered_commands], [g.name for g in cli.app.registered_groups])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[0] == "[] ['watched']"


def test_every_command_is_named_so_the_command_line_can_find_it():
    # An unnamed command would make _register_only fall back to building every command.
    from ussr_films import cli

    assert all(info.name for info in cli.app.registered_commands)
    assert all(info.name for info in cli.app.registered_groups)


def _package_imports() -> dict[str, set[str]]:
    """Module -> the package modules it imports, at the top or inside a function."""
    import ast
    from pathlib import Path

    import ussr_films

    graph: dict[str, set[str]] = {}
    for path in Path(ussr_films.__file__).parent.glob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names |= {node.module.split(".")[0]} if node.module else {alias.name for alias in node.names}
        graph[path.stem] = names
    return graph


def test_no_module_imports_itself_back_through_others():
    graph = _package_imports()
    cycles = []

    def walk(start: str, module: str, path: list[str]) -> None:
        for imported in sorted(graph.get(module, ())):
            if imported == start:
                cycles.append(" -> ".join([*path, start]))
            elif imported not in path:
                walk(start, imported, [*path, imported])

    for module in sorted(graph):
        walk(module, module, [module])
    assert cycles == []


def test_the_api_names_stay_functions_whatever_was_imported_before():
    # A submodule named like an API function would replace it on the package once imported.
    code = (
        "import ussr_films.cli, ussr_films.api, ussr_films.searching, ussr_films.recommending\n"
        "from ussr_films import film, recommend, search, person\n"
        "import inspect\n"
        "assert all(inspect.isfunction(f) for f in (film, recommend, search, person))\n"
        "assert search('stalker')[0].film.id == 'stalker-1979'\n"
        "print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr
