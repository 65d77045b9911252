"""Demo identity: a project logo, a default share image, a home banner and partner
logos, drawn with Pillow so the demo needs no image files. Idempotent: an image is made
once (found again by its title), and settings an editor filled in are left alone."""

import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.models import Site

from .models import Partner, SiteImage, SocialSettings

BRAND = (11, 79, 138)


def _image(title, alt, draw, size, name):
    image = SiteImage.objects.filter(title=title).first()
    if image is not None:
        return image
    canvas = Image.new("RGB", size, "#ffffff")
    draw(canvas, ImageDraw.Draw(canvas))
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    image = SiteImage(title=title, description=alt)
    image.file = ImageFile(buffer, name=name)
    image.save()
    return image


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow built without FreeType
        return ImageFont.load_default()


def _mark(canvas, draw, box, colour=BRAND):
    """Two overlapping rings: people and institutions working together."""
    x0, y0, x1, y1 = box
    d = y1 - y0
    width = max(2, d // 9)
    draw.ellipse((x0, y0, x0 + d, y1), outline=colour, width=width)
    draw.ellipse((x0 + d * 0.55, y0, x0 + d * 1.55, y1), outline=(0, 128, 96), width=width)


def _logo(canvas, draw):
    _mark(canvas, draw, (8, 8, 112, 112))


def _banner(canvas, draw):
    w, h = canvas.size
    draw.rectangle((0, 0, w, h), fill=BRAND)
    for i in range(9):
        r = 140 + i * 70
        draw.ellipse(
            (w * 0.72 - r, h * 0.55 - r, w * 0.72 + r, h * 0.55 + r),
            outline=(60, 120, 175),
            width=6,
        )
    for i, colour in enumerate([(255, 204, 0), (0, 150, 110), (230, 240, 250)]):
        draw.ellipse((120 + i * 150, h - 330, 420 + i * 150, h - 30), outline=colour, width=14)


def _share(canvas, draw):
    _banner(canvas, draw)


def _partner_logo(text, colour):
    def draw_logo(canvas, draw):
        w, h = canvas.size
        draw.rounded_rectangle((4, 4, w - 4, h - 4), radius=18, outline=colour, width=6)
        font = _font(56)
        box = draw.textbbox((0, 0), text, font=font)
        draw.text(
            ((w - (box[2] - box[0])) / 2, (h - (box[3] - box[1])) / 2 - box[1]),
            text,
            fill=colour,
            font=font,
        )

    return draw_logo


PARTNER_LOGOS = {
    "ICE EEIG": (11, 79, 138),
    "ICMPD": (0, 110, 80),
    "ESC": (150, 60, 10),
    "FCG Sweden": (90, 40, 120),
}


def load(context):
    logo = _image("Proje logosu", "", _logo, (180, 120), "project-logo.png")
    share = _image(
        "Paylaşım görseli",
        "The project's banner: interlocking rings on blue",
        _share,
        (1200, 630),
        "share-default.png",
    )
    banner = _image(
        "Ana sayfa görseli",
        "Interlocking rings on blue: NGOs and public institutions working together",
        _banner,
        (1600, 900),
        "home-banner.png",
    )
    for site in Site.objects.all():
        settings = SocialSettings.for_site(site)
        changed = False
        if settings.logo_id is None:
            settings.logo, changed = logo, True
        if settings.share_image_id is None:
            settings.share_image, changed = share, True
        if changed:
            settings.save()
    for home in (context.tr_home, context.en_home):
        if home is not None and home.hero_image_id is None:
            home.hero_image = banner
            home.save_revision().publish()
    # Renditions the header, footer and home page ask for, made now rather than by the
    # first visitor.
    logo.get_renditions("height-120", "height-120|format-webp")
    share.get_rendition("fill-1200x630")
    banner.get_renditions(
        "fill-640x360", "fill-1280x720", "fill-640x360|format-webp", "fill-1280x720|format-webp"
    )
    for acronym, colour in PARTNER_LOGOS.items():
        partners = Partner.objects.filter(acronym=acronym, logo__isnull=True)
        if partners.exists():
            ascii_name = acronym.encode("ascii", "ignore").decode()
            image = _image(
                f"Logo {acronym}",
                "",
                _partner_logo(ascii_name, colour),
                (360, 120),
                f"logo-{ascii_name.lower().replace(' ', '-')}.png",
            )
            partners.update(logo=image)
            image.get_rendition("height-96")
