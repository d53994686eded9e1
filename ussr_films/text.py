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
# "K-19", "K19" and "k 19" are one title: letters and digits part at their border.
_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")

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
    return " ".join(_LETTER_DIGIT.sub(" ", _NON_WORD.sub(" ", stripped)).split())


# Roman numerals keep their letters: the fold of doubled letters would make
# "Part II" "Part I", and "x" would become "ks".
_NUMERALS = frozenset("i ii iii iv v vi vii viii ix x xi xii".split())


def fold_latin(text: str) -> str:
    return " ".join(word if word in _NUMERALS else _fold_word(word) for word in text.split(" "))


def _fold_word(word: str) -> str:
    for pattern, replacement in _LATIN_FOLDS:
        word = pattern.sub(replacement, word)
    return word


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


def plain_key(text: str) -> str:
    """The key before the romanisation folds: "tsar" stays "tsar" where search_key makes it "car"."""
    text = normalize(text)
    return text if has_cyrillic(text) else strip_article(text)


# Words shorter than this must match as typed (after case and accents) in an
# English title: folding lets "Tarkovskiy" meet "Tarkovsky", but on a short
# word it would let "tsar" meet "car" and "Vertical" come up for "qwerty".
FOLD_MIN = 5


def folds_agree(
    query_plain: str, title_plain: str | None, *, partial_last: bool = False, any_order: bool = False
) -> bool:
    """Whether a match made on folded keys also holds, short word by short word, on plain keys.

    title_plain is None for keys that are romanisations (of a Cyrillic title,
    or a transliteration field): there every fold is welcome.
    """
    if title_plain is None:
        return True
    words, title_words = query_plain.split(), title_plain.split()
    for i, word in enumerate(words):
        if len(word) >= FOLD_MIN:
            continue
        partial = partial_last and i == len(words) - 1
        if any_order:
            if not any(t == word or (partial and t.startswith(word)) for t in title_words):
                return False
        elif i >= len(title_words) or not (title_words[i] == word or (partial and title_words[i].startswith(word))):
            return False
    return True


def exact_agrees(key: str, plain: str, title_key: str, title_plain: str | None) -> bool:
    """folds_agree for a whole-title match, which may have been made without spaces ("kindzadza")."""
    if title_key == key:
        return folds_agree(plain, title_plain)
    return title_plain is None or len(compact(plain)) >= FOLD_MIN or compact(plain) == compact(title_plain)


def compact(key: str) -> str:
    """A key without spaces, so "kindzadza" meets "kin dza dza"."""
    return key.replace(" ", "")


# Letters that Unicode does not decompose into a base letter and a mark, so that dropping the
# non-ASCII left "Mieczysaw" of Mieczysław.
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"}
)


def slugify(text: str) -> str:
    """The id form used for films and people: ASCII, lowercase, hyphens."""
    text = unicodedata.normalize("NFKD", text).casefold().translate(_UNDECOMPOSED)
    text = re.sub(r"['\u2019]", "", text)
    text = text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def romanise(text: str) -> str:
    """The search key of Cyrillic text in its Wikipedia romanisation."""
    import iuliia

    return search_key(iuliia.WIKIPEDIA.translate(text))
