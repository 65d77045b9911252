"""Türkiye's 81 provinces: the one list every app uses (the directory's ``Province``
rows and map, the events' city field), read once from data/provinces.json, which
also holds each province's map shape."""

import json
from functools import cache
from pathlib import Path

from bilingual.text import collation_key

DATA_FILE = Path(__file__).resolve().parent / "data" / "provinces.json"


@cache
def map_data():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


# ``(slug, name)`` pairs in plate-code order. Names use the official Turkish spelling;
# slugs are their ASCII transliteration, the same in every language, so they are safe
# in URLs and query strings.
PROVINCES = [(p["slug"], p["name"]) for p in map_data()["provinces"]]

PROVINCE_NAMES = dict(PROVINCES)


def province_name(slug):
    """The Turkish name of a province slug, or the slug itself when it is unknown."""
    return PROVINCE_NAMES.get(slug, slug)


# For select boxes (``choices=PROVINCE_CHOICES``): the same pairs in Turkish
# alphabetical order.
PROVINCE_CHOICES = sorted(PROVINCES, key=lambda pair: collation_key(pair[1]))
