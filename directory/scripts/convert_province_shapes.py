"""Convert the 81 province shapes of the npm package turkey-map-react (MIT licence,
copyright 2020 Erdi Gökçe; see ../data/LICENSE-turkey-map-react.txt) into the small
JSON file the directory's server-side SVG map is drawn from.

Run once, by hand, when the shapes should be refreshed:

    npm pack turkey-map-react && tar xzf turkey-map-react-*.tgz
    python directory/scripts/convert_province_shapes.py package/lib/data/index.js

Coordinates are rounded to whole units (the map is drawn about 1,000 units wide, so
nothing visible is lost) to keep the inline SVG far below 150 KB.
"""

import json
import re
import sys
from pathlib import Path

ENTRY = re.compile(
    r'"id": "(?P<id>[^"]+)",\s*"plateNumber": (?P<plate>\d+),\s*'
    r'"name": "(?P<name>[^"]+)",\s*"path": "(?P<path>[^"]+)"'
)
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "provinces.json"


def simplify(path):
    path = NUMBER.sub(lambda match: str(round(float(match.group()))), path)
    return re.sub(r"\s+", " ", path).replace(" ,", ",").strip()


def main(source):
    text = Path(source).read_text(encoding="utf-8")
    provinces = []
    xs, ys = [], []
    for match in ENTRY.finditer(text):
        path = simplify(match["path"])
        numbers = [int(n) for n in NUMBER.findall(path)]
        xs.extend(numbers[0::2])
        ys.extend(numbers[1::2])
        provinces.append(
            {"plate": int(match["plate"]), "slug": match["id"], "name": match["name"], "path": path}
        )
    if len(provinces) != 81:
        raise SystemExit(f"expected 81 provinces, found {len(provinces)}")
    provinces.sort(key=lambda province: province["plate"])
    data = {
        "source": "turkey-map-react (npm), MIT licence, copyright 2020 Erdi Gökçe",
        "viewBox": [min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)],
        "provinces": provinces,
    }
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size:,} bytes)")  # noqa: T201 (a script)


if __name__ == "__main__":
    main(sys.argv[1])
