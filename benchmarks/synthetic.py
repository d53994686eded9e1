"""Synthetic catalogues with the real schema, for measuring how ussrfilms scales.

Titles are made from real Russian words in Cyrillic with their English
glosses, so search, transliteration and fuzzy matching do realistic work.
The real catalogue's films are included too, so "stalker" has a right answer
at every size.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

# The build is a checkout's tool (tools/build.py), not part of the installed package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools import build  # noqa: E402

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

WORDS = [
    ("белый", "white"),
    ("солнце", "sun"),
    ("пустыня", "desert"),
    ("зеркало", "mirror"),
    ("летят", "flying"),
    ("журавли", "cranes"),
    ("баллада", "ballad"),
    ("солдат", "soldier"),
    ("москва", "moscow"),
    ("слеза", "tear"),
    ("ирония", "irony"),
    ("судьба", "fate"),
    ("весна", "spring"),
    ("осень", "autumn"),
    ("зима", "winter"),
    ("лето", "summer"),
    ("дорога", "road"),
    ("море", "sea"),
    ("город", "city"),
    ("деревня", "village"),
    ("отец", "father"),
    ("мать", "mother"),
    ("сын", "son"),
    ("дочь", "daughter"),
    ("война", "war"),
    ("мир", "peace"),
    ("ночь", "night"),
    ("утро", "morning"),
    ("песня", "song"),
    ("сказка", "tale"),
    ("звезда", "star"),
    ("земля", "earth"),
    ("небо", "sky"),
    ("поезд", "train"),
    ("станция", "station"),
    ("берег", "shore"),
    ("красный", "red"),
    ("чёрный", "black"),
    ("тихий", "quiet"),
    ("последний", "last"),
]
SURNAMES = [
    "Ivanov",
    "Petrov",
    "Sidorova",
    "Kuznetsov",
    "Smirnova",
    "Volkov",
    "Orlova",
    "Belov",
    "Zaitsev",
    "Sokolova",
    "Lebedev",
    "Kozlova",
    "Novikov",
    "Morozova",
    "Pavlov",
    "Fedorova",
]


def synthetic_sources(size: int, seed: int = 1917) -> build.Sources:
    rng = random.Random(seed)
    real = build.load_sources(DATA_DIR)
    people = list(real.people)
    for index, surname in enumerate(SURNAMES * 8):
        name = f"Director{index} {surname}"
        people.append({"name": name, "original_name": name, "refs": ["synthetic"], "_file": build.slugify(name)})
    directors = [person["name"] for person in people]
    # Leave out the moods that exclude others, so every pair is valid.
    moods = [mood["id"] for mood in real.moods if mood["id"] not in ("funny", "harrowing", "uplifting")]
    themes = [theme["id"] for theme in real.themes]
    genres = [genre["id"] for genre in real.genres]
    eras = [era for era in real.eras if era["group"] == "production"]
    films = list(real.films)
    for index in range(size - len(films)):
        picks = rng.sample(WORDS, rng.randint(1, 3))
        era = rng.choice(eras)
        year = rng.randint(era["start"], era["end"])
        title = " ".join(english for _, english in picks).title() + f" {index}"
        films.append(
            {
                "_file": f"{build.slugify(title)}-{year}",
                "id": f"{build.slugify(title)}-{year}",
                "title": title,
                "original_title": " ".join(russian for russian, _ in picks).capitalize() + f" {index}",
                "translit": title,
                "year": year,
                "kind": "feature",
                "perspective": "soviet",
                "era": era["id"],
                "countries": ["Soviet Union"],
                "languages": ["Russian"],
                "directors": [rng.choice(directors)],
                "moods": rng.sample(moods, 2),
                "themes": rng.sample(themes, 2),
                "synopsis": f"A story of {picks[0][1]} and {rng.choice(WORDS)[1]} in the {era['name']} years.",
                "context": "Synthetic record for benchmarking.",
                "runtime_min": rng.randint(60, 180),
                "genres": rng.sample(genres, 2),
                "refs": ["synthetic"],
            }
        )
    # The real canons, studios and refs policy stay out: synthetic films cite nothing and rank nowhere.
    # The real films' claims come along, as the real films do: the build checks each against its film.
    return build.Sources(
        eras=real.eras,
        moods=real.moods,
        themes=real.themes,
        genres=real.genres,
        people=people,
        films=films,
        paths=real.paths,
        claims=real.claims,
        files={"synthetic": str(size).encode()},
    )


def build_synthetic(size: int, path: Path) -> None:
    build.build(synthetic_sources(size), path)
