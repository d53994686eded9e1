"""Making outside text harmless before it reaches a terminal, a file or a spreadsheet.

Titles, names and notes come from our data files and from users' export files;
either may carry terminal control sequences (clear the screen, retitle the
window, fake a hyperlink). They are removed on import and again on display.
Rich markup needs no escaping here: render.py hands text to Rich as Text,
never as markup.
"""

from __future__ import annotations

import re

# A whole escape sequence goes, not just its ESC, so "\x1b[2J" leaves nothing
# behind: CSI (ESC [ or the C1 byte 0x9b) up to its final byte, and OSC, DCS,
# APC, PM and SOS strings up to BEL or the string terminator.
_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]P_^X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"
)
# C0 and C1 controls and DEL, bar newline and tab; and the bidirectional
# overrides and isolates, which can make a line display in another order.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Lone surrogates: bytes from argv that were not UTF-8. No stream can encode them.
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def strip_controls(text: str) -> str:
    """text without escape sequences or control characters; newlines and tabs stay.

    Undecodable bytes (lone surrogates) become U+FFFD, the replacement character.
    """
    if text.isprintable():
        return text
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", _SEQUENCES.sub("", text)))


def has_controls(text: str) -> bool:
    return strip_controls(text) != text


# A cell beginning with one of these is run as a formula by spreadsheets
# (the full-width forms too, by some locales of Excel).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_cell(text: str) -> str:
    """text as a CSV cell no spreadsheet will evaluate: a leading quote defuses a formula."""
    text = strip_controls(text)
    if text.lstrip(" ").startswith(_FORMULA_STARTS):
        return "'" + text
    return text
