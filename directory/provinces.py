"""Türkiye's 81 provinces and their map shapes, read once from data/provinces.json."""

import json
from functools import cache
from pathlib import Path

from bilingual.text import transliterate

DATA_FILE = Path(__file__).resolve().parent / "data" / "provinces.json"


@cache
def map_data():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def province_choices():
    return [(p["slug"], p["name"]) for p in map_data()["provinces"]]


def fold_for_search(text):
    """Case- and accent-insensitive key that is right for Turkish: "IĞDIR", "Iğdır" and
    "igdir" all give "igdir" (Python's lower() would turn "İ" into "i̇")."""
    return transliterate(text).lower()
