"""The catalogue as installed: read-only, at odd paths, missing or damaged."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from privileges import NOBODY, as_another_user

from ussr_films import catalogue

READS = [
    ["search", "stalker"],
    ["show", "stalker"],
    ["path", "beginner"],
    ["moods"],
    ["recommend", "--mood", "eerie"],
    ["person", "tarkovsky"],
    ["by-era", "thaw"],
]


def read_only_copy() -> Path:
    """The shipped catalogue copied into a directory that, like site-packages, no user may write."""
    folder = Path(tempfile.mkdtemp(prefix="ussrfilms-installed-"))
    shutil.copy(catalogue.catalogue_path(), folder / "catalogue.db")
    (folder / "catalogue.db").chmod(0o444)
    folder.chmod(0o555)
    return folder


def test_a_read_only_install_works_for_a_user_who_cannot_write_it(run, monkeypatch, tmp_path):
    folder = read_only_copy()
    try:
        db = folder / "catalogue.db"
        monkeypatch.setenv(catalogue.CATALOGUE_ENV, str(db))
        # The record is absent and its folder unwritable too: reading must not try to create it.
        monkeypatch.setenv("USSRFILMS_HOME", str(folder / "no-record-here"))

        def read_everything(unprivileged: bool = True):
            catalogue.connection.cache_clear()
            if unprivileged:
                assert not os.access(db, os.W_OK) and not os.access(folder, os.W_OK), (
                    "this user must not be able to write"
                )
            return [(args, run(*args).exit_code, run(*args).stdout) for args in READS]

        read_everything(
            unprivileged=False
        )  # as ourselves first, so every lazily imported module is loaded before the fork
        if os.geteuid() == 0:
            # Root ignores file modes; the interpreter under /root is not reachable by another user,
            # so the child is forked (everything already loaded) and then drops to nobody.
            results = as_another_user(read_everything, NOBODY)
        else:
            results = read_everything()
        for args, code, out in results:
            assert code == 0, args
            assert out.strip(), args
        assert sorted(os.listdir(folder)) == ["catalogue.db"]  # no -wal, -shm or -journal
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


@pytest.mark.parametrize(
    "name", ["with space", "hash#sign", "question?mark", "percent%20twenty", "all # ? %20 of them"]
)
def test_the_catalogue_opens_from_a_path_with_url_characters(run_json, monkeypatch, tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    db = folder / "catalogue.db"
    shutil.copy(catalogue.catalogue_path(), db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE films SET title = 'Stalker (this copy)' WHERE id = 'stalker-1979'")
        (doc,) = conn.execute("SELECT doc FROM films WHERE id = 'stalker-1979'").fetchone()
        conn.execute(
            "UPDATE films SET doc = ? WHERE id = 'stalker-1979'",
            [json.dumps({**json.loads(doc), "title": "Stalker (this copy)"})],
        )
    conn.close()
    # A decoy where a mangled URI would lead (the %20 decoded, or the path cut at # or ?).
    for decoy in {tmp_path / name.replace("%20", " "), tmp_path / name.split("#")[0].split("?")[0]} - {folder}:
        decoy.mkdir(exist_ok=True)
        shutil.copy(catalogue.catalogue_path(), decoy / "catalogue.db")
    before = sorted(os.listdir(folder))
    monkeypatch.setenv(catalogue.CATALOGUE_ENV, str(db))
    catalogue.connection.cache_clear()
    assert run_json("show", "stalker-1979")["title"] == "Stalker (this copy)"
    assert sorted(os.listdir(folder)) == before


def damage(path: Path, how: str) -> None:
    data = catalogue.catalogue_path().read_bytes()
    if how == "deleted":
        return
    if how == "a directory":
        path.mkdir()
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "truncated to 100 bytes":
        path.write_bytes(data[:100])
    elif how == "truncated by half":
        path.write_bytes(data[: len(data) // 2])
    elif how == "missing its last page":
        path.write_bytes(data[:-4096])
    elif how == "not SQLite":
        path.write_text("id,title\nstalker-1979,Stalker\n")
    elif how == "pages overwritten":
        path.write_bytes(data[:4096] + b"\xff" * (len(data) - 4096))


@pytest.mark.parametrize(
    "how",
    [
        "deleted",
        "a directory",
        "empty",
        "truncated to 100 bytes",
        "truncated by half",
        "missing its last page",
        "not SQLite",
        "pages overwritten",
    ],
)
def test_a_missing_or_damaged_catalogue_says_to_reinstall(run, monkeypatch, tmp_path, how):
    path = tmp_path / "catalogue.db"
    damage(path, how)
    monkeypatch.setenv(catalogue.CATALOGUE_ENV, str(path))
    catalogue.connection.cache_clear()
    for args in (["search", "stalker"], ["show", "stalker"], ["moods"], ["path"], ["export", "--format", "csv"]):
        result = run(*args)
        assert result.exit_code == 1, (args, result.stdout[:200])
        assert "Reinstall ussrfilms" in result.stderr, args
        assert "OperationalError" not in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
