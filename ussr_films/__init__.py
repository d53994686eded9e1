"""ussrfilms: an offline explorer and recommender for Soviet cinema and films about the USSR.

The Python API (see api.py and the README's "Use from Python"):

    from ussr_films import film, search, recommend, person, Query, Filters

Names load on first use, so that `ussrfilms --help` pays for none of them.
"""

from __future__ import annotations

_API = {
    "film",
    "films",
    "search",
    "person",
    "make_query",
    "recommend",
    "pick",
    "record_entries",
    "path_films",
    "eras",
    "moods",
    "genres",
    "watch_path",
    "watch_paths",
}
_TYPES = {"Query": "query", "Taste": "query", "Filters": "filters", "Film": "models"}

__all__ = sorted(_API | set(_TYPES))


def __getattr__(name: str):
    from importlib import import_module

    if name in _API:
        return getattr(import_module(".api", __name__), name)
    if name in _TYPES:
        return getattr(import_module(f".{_TYPES[name]}", __name__), name)
    raise AttributeError(f"module 'ussr_films' has no attribute {name!r}")
