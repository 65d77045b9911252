"""The active language, as the site's code lists it."""

from django.conf import settings
from django.utils.translation import get_language


def active_language(language_code=None):
    """``language_code`` or the active language, without a region ("en-gb" -> "en"),
    the default language when none is active (management commands, tasks)."""
    return (language_code or get_language() or settings.LANGUAGE_CODE).split("-")[0]
