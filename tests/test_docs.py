"""Every command has help with an example and appears in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from ussr_films.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(info.name or info.callback.__name__.replace("_", "-") for info in app.registered_commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    assert f"ussrfilms {command}" in README
