"""The shipped catalogue is built from data/, current, and shaped as the runtime expects."""

from __future__ import annotations

import sqlite3

import pytest

from ussr_films import build, catalogue


def _dump(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    dump = {table: conn.execute(f"SELECT * FROM [{table}] ORDER BY 1, 2").fetchall()
            for table in tables if "_fts" not in table}
    conn.close()
    return dump


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory):
    path = tmp_path_factory.mktemp("build") / "catalogue.db"
    build.build(build.load_sources(build.DATA_DIR), path)
    return path


def test_shipped_catalogue_is_current_with_data():
    sources = build.load_sources(build.DATA_DIR)
    shipped = dict(catalogue.query("SELECT key, value FROM meta"))
    assert shipped["source_digest"] == build.source_digest(sources), (
        "ussr_films/catalogue.db is stale: run  python -m ussr_films.build"
    )


def test_shipped_catalogue_equals_a_fresh_build(fresh_build):
    assert _dump(fresh_build) == _dump(catalogue.catalogue_path())


def test_the_build_is_deterministic(fresh_build, tmp_path):
    again = tmp_path / "again.db"
    build.build(build.load_sources(build.DATA_DIR), again)
    assert _dump(again) == _dump(fresh_build)


def test_schema_tables_and_columns_are_pinned():
    conn = catalogue.connection()
    for table, spec in build.SCHEMA.items():
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")]
        assert columns == list(spec["columns"]), table
    assert conn.execute("PRAGMA user_version").fetchone()[0] == build.SCHEMA_VERSION == catalogue.SCHEMA_VERSION


def test_foreign_keys_hold():
    assert catalogue.query("PRAGMA foreign_key_check") == []


def test_full_text_index_is_populated():
    (count,) = catalogue.query("SELECT count(*) FROM film_text_fts WHERE film_text_fts MATCH 'war'")[0]
    assert count > 0
