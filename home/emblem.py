"""The EU emblem, drawn from the geometric description in the EU's graphic rules.

A blue rectangle 1.5 times as wide as it is high; twelve gold five-pointed stars on an
invisible circle centred on the rectangle, of radius one third of its height, at the
positions of the hours on a clock face; each star's points on a circle of radius one
eighteenth of the height, one point straight up. Drawn here, not shipped as a file, so the
web page (SVG), the newsletter (PNG: mail clients drop SVG) and the info note's PDF
(vector) all use the same geometry.

Every number is formatted with Python's own formatting, never Django's localized output:
in Turkish, ``{{ 130.5 }}`` is written ``130,5`` and breaks SVG coordinates.
"""

import io
import math
from functools import lru_cache

BLUE = "#003399"
YELLOW = "#FFCC00"
RATIO = 1.5
# A regular five-pointed star: the inner vertices lie on a circle of this fraction of
# the outer radius (cos 72° / cos 36°).
INNER = math.cos(math.radians(72)) / math.cos(math.radians(36))


def star_points(cx, cy, outer):
    """The ten vertices of a five-pointed star centred on (cx, cy), one point up
    (y grows downwards, as in SVG and images)."""
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else outer * INNER
        angle = math.radians(-90 + 36 * i)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def stars(height):
    """The twelve stars of an emblem ``height`` high, as lists of (x, y) vertices."""
    width = height * RATIO
    cx, cy = width / 2, height / 2
    circle, outer = height / 3, height / 18
    result = []
    for hour in range(12):
        angle = math.radians(-90 + 30 * hour)
        result.append(
            star_points(cx + circle * math.cos(angle), cy + circle * math.sin(angle), outer)
        )
    return result


def _num(value):
    return f"{value:.2f}".rstrip("0").rstrip(".")


@lru_cache(maxsize=1)
def svg_shapes():
    """The emblem's rectangle and stars as SVG elements, in a 0 0 810 540 viewBox."""
    height = 540
    polygons = "".join(
        '<polygon points="{}"/>'.format(" ".join(f"{_num(x)},{_num(y)}" for x, y in star))
        for star in stars(height)
    )
    return (
        f'<rect width="{_num(height * RATIO)}" height="{height}" fill="{BLUE}"/>'
        f'<g fill="{YELLOW}">{polygons}</g>'
    )


@lru_cache(maxsize=4)
def png(height=80, border=False):
    """The emblem as PNG bytes (drawn four times larger, then scaled down for smooth
    edges). ``border`` adds the white border of 1/25 of the height that the rules ask
    for on a coloured background."""
    from PIL import Image, ImageDraw

    scale = 4
    big = height * scale
    margin = round(big / 25) if border else 0
    image = Image.new("RGB", (round(big * RATIO) + 2 * margin, big + 2 * margin), "#FFFFFF")
    draw = ImageDraw.Draw(image)
    draw.rectangle([margin, margin, margin + round(big * RATIO) - 1, margin + big - 1], fill=BLUE)
    for star in stars(big):
        draw.polygon([(x + margin, y + margin) for x, y in star], fill=YELLOW)
    image = image.resize((image.width // scale, image.height // scale), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def pdf_operators(x, y, height):
    """PDF content-stream operators drawing the emblem with its lower left corner at
    (x, y) in points (PDF's y axis grows upwards, so each star is flipped back)."""

    def colour(hex_code):
        r, g, b = (int(hex_code[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return f"{r:.3f} {g:.3f} {b:.3f} rg"

    ops = [colour(BLUE), f"{_num(x)} {_num(y)} {_num(height * RATIO)} {_num(height)} re f"]
    ops.append(colour(YELLOW))
    for star in stars(height):
        path = [f"{_num(x + px)} {_num(y + height - py)}" for px, py in star]
        ops.append(f"{path[0]} m " + " ".join(f"{p} l" for p in path[1:]) + " h f")
    ops.append("0 0 0 rg")
    return "\n".join(ops)
