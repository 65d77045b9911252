"""Everything the project's spreadsheet exports (CSV and xlsx) have in common, in one place.

Exports hold text typed into anonymous forms (directory proposals, newsletter signups,
event registrations, search terms). A cell starting with = + - @ (or a tab or carriage
return before one) is run as a formula by spreadsheet programs, so such text is prefixed
with an apostrophe, which they show as plain text. Characters that XML (and so xlsx)
cannot hold (control characters, U+FFFE, U+FFFF, lone surrogates) become U+FFFD, so one
odd signup cannot break the export.

The files are opened by the communications team and the donor in Turkish and English
spreadsheet programs, which guess a CSV's encoding from a byte-order mark (without one,
Excel reads "Göç" as "GÃ¶Ã§"), show stored codes as they are ("confirmed") and know
nothing of time zones (the database holds UTC: a registration at 00:30 in Istanbul would
read 21:30 the day before). So every export starts CSV with a byte-order mark, writes
choice labels and yes/no in the user's admin language, and writes times in the site's
own time zone (``settings.TIME_ZONE``, the same for everyone who receives the file);
xlsx keeps dates and times as real date cells."""

import csv
import datetime
import io
import itertools
import re
import zoneinfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def spreadsheet_cell(value):
    if not isinstance(value, str):
        return value
    value = NOT_IN_XML.sub("\ufffd", value)
    if value.startswith(FORMULA_START):
        value = "'" + value
    return value


def from_spreadsheet_cell(value):
    """Undo ``spreadsheet_cell``'s apostrophe when a file we exported is imported back."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


CSV_BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# Year first: read as a date by spreadsheet programs in every language.
CSV_DATETIME_FORMAT = "%Y-%m-%d %H:%M"


def local_datetime(value):
    """``value`` as a naive datetime in the site's time zone: spreadsheets hold no zone,
    so a UTC time would be read as local time and be three hours early."""
    if timezone.is_aware(value):
        value = timezone.make_naive(value, zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return value


def yes_no(value):
    """A boolean in words of the active language ("Evet", not "True"); empty if unknown."""
    if value is None:
        return ""
    return gettext("Yes") if value else gettext("No")


def language_name(code):
    """A language code of ``settings.LANGUAGES`` as the language's name ("Türkçe", not "tr")."""
    names = dict(settings.LANGUAGES)
    return str(names[code]) if code in names else code


def csv_value(value):
    """One value as a CSV cell: local time, yes/no, and text that stays text."""
    if isinstance(value, datetime.datetime):
        return local_datetime(value).strftime(CSV_DATETIME_FORMAT)
    if isinstance(value, bool):
        return yes_no(value)
    if value is None:
        return ""
    return spreadsheet_cell(value)


def csv_text(rows):
    """The text of a CSV file of ``rows`` (lists of values), byte-order mark first, for the
    exports that are not Wagtail listings (the directory, the donor report)."""
    buffer = io.StringIO()
    buffer.write(CSV_BOM)
    csv.writer(buffer).writerows([csv_value(value) for value in row] for row in rows)
    return buffer.getvalue()


def in_language(language, chunks):
    """``chunks`` produced one by one with ``language`` active, and only while producing
    them: Wagtail's admin sets the user's language just while the view runs, and a
    streamed response is written after the view has returned."""
    chunks = iter(chunks)
    while True:
        with translation.override(language):
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


class LocalisedSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV and xlsx export of a listing or report view, made to open cleanly
    in Turkish and English spreadsheet programs (see the module's docstring): headings
    stay Wagtail's (the fields' verbose names, in the user's admin language), values
    become labels, local times and safe text. ``language_fields`` name fields that hold
    a language code without being choice fields."""

    language_fields = ()

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for field, value in row.items():
            if field in self.language_fields:
                row[field] = language_name(value)
                continue
            # Django's documented get_FOO_display() of a choice field gives its label.
            display = getattr(item, f"get_{field}_display", None)
            if callable(display):
                row[field] = display()
        return row

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            # xlsx gets a real (naive, local) datetime: Wagtail's own conversion is to UTC.
            value = local_datetime(value)
            if export_format == self.FORMAT_CSV:
                return csv_value(value)
        elif isinstance(value, bool) and export_format == self.FORMAT_CSV:
            return yes_no(value)
        return spreadsheet_cell(super().preprocess_field_value(field, value, export_format))

    def stream_csv(self, queryset):
        """Wagtail's streamed rows after a byte-order mark, in the language of the request
        (not the one active when the response is finally written)."""
        rows = super().stream_csv(queryset)
        return in_language(translation.get_language(), itertools.chain([CSV_BOM.encode()], rows))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = CSV_CONTENT_TYPE
        return response
