"""The whole catalogue as JSON or CSV, for other programs and spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from .models import Film

CSV_COLUMNS = (
    "id",
    "title",
    "original_title",
    "translit",
    "year",
    "kind",
    "runtime_min",
    "perspective",
    "era",
    "countries",
    "languages",
    "studio",
    "directors",
    "cast",
    "moods",
    "themes",
    "setting",
    "awards",
    "censorship",
    "synopsis",
    "context",
    "imdb_id",
)
# A cell beginning with one of these is run as a formula by spreadsheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def to_json(films: Iterable[Film]) -> str:
    return json.dumps([film.to_dict() for film in films], ensure_ascii=False, indent=2)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(_describe(item) for item in value)
    elif isinstance(value, dict):
        value = _describe(value)
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        text = "'" + text
    return text


def _describe(item) -> str:
    if not isinstance(item, dict):
        return str(item)
    if "award" in item or "body" in item:
        return f"{item.get('award') or ''} {item['body']} {item['year']} ({item['result']})".strip()
    if "reason" in item:
        return f"shelved {item.get('shelved', '?')}, released {item.get('released', '?')}: {item['reason']}"
    if "from" in item:
        return f"{item['from']}-{item['to']}" if item["from"] != item["to"] else str(item["from"])
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def to_csv(films: Iterable[Film]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for film in films:
        data = film.to_dict()
        writer.writerow([_cell(data[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()
