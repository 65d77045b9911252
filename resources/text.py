from django.utils.text import slugify

_TURKISH = str.maketrans(
    {
        "ı": "i",
        "İ": "i",
        "ğ": "g",
        "Ğ": "g",
        "ş": "s",
        "Ş": "s",
        "ç": "c",
        "Ç": "c",
        "ö": "o",
        "Ö": "o",
        "ü": "u",
        "Ü": "u",
    }
)


def slugify_tr(value):
    """Django's slugify after transliterating Turkish letters (it drops "ı")."""
    return slugify(str(value).translate(_TURKISH))
