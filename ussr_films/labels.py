"""How a film's structured facts read in words: prizes, censorship, settings, connections.

The card, the reasons a recommendation gives and the CSV export all describe
the same facts, so each is worded here once.
"""

from __future__ import annotations

from typing import Any

SHORT_BODY = {
    "Academy Awards": "Oscars",
    "Golden Globe Awards": "Golden Globes",
    "All-Union Film Festival": "All-Union festival",
}

# What the other film is to this one, as the card says it: "Solaris (2002),
# a remake of this film". See INVERSE_RELATIONS in tools/build.py for the data's reading.
RELATION_WORDS = {
    "remake": "the film this one remakes",
    "remade-as": "a remake of this film",
    "sequel": "the film this one continues",
    "prequel": "the film this one follows on from",
    "followed-by": "its sequel",
    "adaptation-of-same": "another adaptation of the same work",
    "pair": "to pair with it",
    "homage": "a homage to this film",
    "homage-to": "the film this one pays homage to",
    "influenced": "the film this one draws on",
    "influence-on": "a film that draws on this one",
}


def award_short(award: dict[str, Any]) -> str:
    """ "Palme d'Or, Cannes 1958": the prize, where it was given, and when (a recommendation's reason)."""
    body = SHORT_BODY.get(award["body"]) or award["body"].replace(" International", "").replace(" Film Festival", "")
    name = award.get("award") or ""
    return f"{name}, {body} {award['year']}" if name else f"{body} {award['year']}"


def award_line(award: dict[str, Any]) -> str:
    """ "Palme d'Or, Cannes Film Festival 1958 (won)": the whole fact, for the card and the export."""
    return f"{award.get('award') or ''}, {award['body']} {award['year']} ({award['result']})".lstrip(", ")


def censorship_line(censorship: dict[str, Any]) -> str:
    """ "shelved 1967, released 1987: <reason>"; the years a reference gives, then why."""
    when = ", ".join(f"{what} {censorship[what]}" for what in ("shelved", "released") if censorship.get(what))
    return f"{when}: {censorship['reason']}" if when else censorship["reason"]


def setting_years(setting: dict[str, int]) -> str:
    """ "1941-1945", or one year when the story keeps to it."""
    start, end = setting["from"], setting["to"]
    return str(start) if start == end else f"{start}-{end}"


def connection_line(connection: dict[str, Any]) -> str:
    """ "Solaris (2002), a remake of this film: <note>"."""
    target = connection.get("title") or connection.get("film", "")
    if connection.get("year") and connection.get("title"):
        target += f" ({connection['year']})"
    line = f"{target}, {RELATION_WORDS.get(connection['relation'], connection['relation'])}"
    if connection.get("note"):
        line += f": {connection['note']}"
    return line
