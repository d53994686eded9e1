"""The shipped catalogue is built from data/, current, and shaped as the runtime expects."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tools import build
from ussr_films import catalogue


def _dump(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    dump = {
        table: conn.execute(f"SELECT * FROM [{table}] ORDER BY 1, 2").fetchall()
        for table in tables
        if "_fts" not in table
    }
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
        "ussr_films/catalogue.db is stale: run  python -m tools.build"
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


def test_full_text_rows_follow_film_ids():
    # search breaks ties between equal full-text scores by rowid, standing in for the id
    ids = [film_id for (film_id,) in catalogue.query("SELECT film_id FROM film_text ORDER BY rowid")]
    assert ids == sorted(ids) and len(ids) == len(set(ids))


def test_the_build_is_not_part_of_the_package():
    import importlib.util

    assert importlib.util.find_spec("ussr_films.build") is None


def test_a_build_without_data_refuses_and_writes_nothing(tmp_path):
    out = tmp_path / "catalogue.db"
    with pytest.raises(build.BuildError, match="not a checkout's data/ folder"):
        build.build(build.load_sources(tmp_path / "data"), out)
    assert not out.exists()


def test_the_build_holds_the_refs_policy_itself(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(build.DATA_DIR, data)
    film = data / "films" / "stalker-1979.toml"
    text = film.read_text(encoding="utf-8")
    start = text.index("refs = [")
    end = text.index("]", start)
    film.write_text(text[:start] + 'refs = ["https://pop4k.top/movie/stalker"]' + text[end + 1 :], encoding="utf-8")
    problems = build.validate(build.load_sources(data))
    assert any("stalker-1979" in problem and "denied host" in problem for problem in problems)


def test_a_small_synthetic_catalogue_builds(tmp_path, monkeypatch):
    # benchmarks/synthetic.py grows the real sources to any size; it must pass the build's own checks.
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from synthetic import build_synthetic

    target = tmp_path / "synthetic.db"
    build_synthetic(len(build.load_sources().films) + 50, target)
    assert target.stat().st_size > 0
