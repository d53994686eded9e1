"""Text folding shared by the catalogue build and the search engine.

A title can reach us in Cyrillic, in any of half a dozen transliteration
systems, with or without diacritics, articles and punctuation. Both sides of
every comparison go through the same folding, so "Tarkovskiy", "Tarkovskij"
and "Tarkovsky" meet at one key.
"""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Apostrophes, primes and soft-sign marks that transliterations scatter
# through words; they carry no meaning for matching.
_MARKS = re.compile(r"['\u2019\u2018\u02b9\u02ba\u02bc\u02bb`\u00b4\u0301]")
_NON_WORD = re.compile(r"[\W_]+")
_ARTICLES = ("the ", "a ", "an ")

# Ordered rewrites that make the common romanisations of Russian collapse
# onto one spelling: digraphs lose their h (shch/sch/zh/kh/ch), ts/tc/tz
# become c, iotated vowels lose their glide, y/j become i.
_LATIN_FOLDS = (
    (re.compile(r"shch|sch|shh"), "s"),
    (re.compile(r"([csz])h"), r"\1"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"t[scz]"), "c"),
    (re.compile(r"cz"), "c"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
    (re.compile(r"[yj]o"), "e"),
    (re.compile(r"[yji]e"), "e"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"([a-z])\1+"), r"\1"),  # letters only: "Cargo 200" keeps its zeros
)


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def normalize(text: str) -> str:
    """Casefold, drop accents and punctuation, collapse spaces.

    Accents are dropped on Cyrillic too, which folds ё onto е and й onto и:
    Russian writers omit the diaeresis, so users do as well.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _MARKS.sub("", text)
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped).strip()


def fold_latin(text: str) -> str:
    for pattern, replacement in _LATIN_FOLDS:
        text = pattern.sub(replacement, text)
    return text


def strip_article(text: str) -> str:
    for article in _ARTICLES:
        if text.startswith(article) and len(text) > len(article):
            return text[len(article) :]
    return text


def search_key(text: str) -> str:
    """The form a title, name or query is compared in."""
    text = normalize(text)
    if has_cyrillic(text):
        return text
    return fold_latin(strip_article(text))


def compact(key: str) -> str:
    """A key without spaces, so "kindzadza" meets "kin dza dza"."""
    return key.replace(" ", "")


def slugify(text: str) -> str:
    """The id form used for films and people: ASCII, lowercase, hyphens."""
    text = unicodedata.normalize("NFKD", text).casefold()
    text = re.sub(r"['\u2019]", "", text)
    text = text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
