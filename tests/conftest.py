"""Shared fixtures: every test reads the shipped catalogue unless it says otherwise."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ussr_films import catalogue
from ussr_films.cli import app


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Every test keeps its viewing record in its own directory, never the user's."""
    home = tmp_path / "home"
    monkeypatch.setenv("USSRFILMS_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def shipped_catalogue(monkeypatch):
    monkeypatch.delenv(catalogue.CATALOGUE_ENV, raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NO_COLOR", raising=False)
    catalogue.connection.cache_clear()
    yield
    catalogue.connection.cache_clear()


@pytest.fixture
def run():
    """Run ussrfilms with arguments; returns the Click result (stdout and stderr apart)."""
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def run_json(run):
    def invoke(*args: str):
        result = run(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return invoke


def pytest_terminal_summary(terminalreporter):
    """Print the search query table's figures, when that test ran."""
    import sys

    judged = getattr(sys.modules.get("test_recommend"), "JUDGEMENT_FIGURES", None)
    if judged:
        terminalreporter.write_line(
            f"recommend judgement table: {judged['held']} of {judged['checked']} hold "
            f"({judged['held'] / judged['checked']:.1%}; the bar is 95%)"
        )
    module = sys.modules.get("test_search_quality")
    quality = getattr(module, "QUALITY", None)
    if quality:
        terminalreporter.write_line(
            f"search query table: {quality['queries']} queries, "
            f"top-1 {quality['top1']:.1%} (where first place is required: {quality['top1_required']:.1%}), "
            f"top-5 {quality['top5']:.1%}"
        )
