"""CSV export and all-or-nothing import of the directory, for the communications team.

The export is read by people, in Turkish or English spreadsheet programs: headings are
the fields' labels, and types, statuses, provinces and fields of work are names, all in
the user's admin language (website.spreadsheets writes the file). The import takes that
file back whichever language it was written in, and also the field names and codes of
older exports and hand-made files, so a file exported by a Turkish user imports for an
English one."""

import csv
import io

from django import forms
from django.conf import settings
from django.contrib.admin.utils import label_for_field
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from bilingual.text import capfirst, fold_for_search, normalise_spaces
from website.spreadsheets import CSV_BOM, csv_text, from_spreadsheet_cell

from .models import FieldOfWork, Organisation, Province

COLUMNS = [
    "name",
    "acronym",
    "slug",
    "org_type",
    "provinces",
    "fields_of_work",
    "website",
    "email",
    "languages_spoken",
    "network_memberships",
    "description_tr",
    "description_en",
    "target_groups_tr",
    "target_groups_en",
    "listing_consent",
    "status",
]
TRUE_VALUES = {"1", "yes", "true", "evet", "y"}
# Between the provinces (and the fields of work) of one organisation.
SEPARATOR = "; "


def heading(column):
    """A column's heading in the active language: its field's label ("İller")."""
    return capfirst(label_for_field(column, Organisation))


def export_rows(queryset=None):
    queryset = (queryset or Organisation.objects.all()).prefetch_related(
        "provinces", "fields_of_work"
    )
    yield [heading(column) for column in COLUMNS]
    for organisation in queryset:
        yield [
            organisation.name,
            organisation.acronym,
            organisation.slug,
            organisation.get_org_type_display(),
            SEPARATOR.join(p.name for p in organisation.provinces.all()),
            SEPARATOR.join(str(f.label) for f in organisation.fields_of_work.all()),
            organisation.website,
            organisation.email,
            organisation.languages_spoken,
            organisation.network_memberships,
            organisation.description_tr,
            organisation.description_en,
            organisation.target_groups_tr,
            organisation.target_groups_en,
            organisation.listing_consent,
            organisation.get_status_display(),
        ]


def export_csv(queryset=None):
    """The CSV text of the export, in the active language (the user's admin language)."""
    return csv_text(export_rows(queryset))


def match_key(text):
    """What two spellings of one name have in common: case, accents and spaces aside
    ("İSTANBUL", "istanbul" and "Istanbul" are one province)."""
    return fold_for_search(normalise_spaces(text))


def in_every_language(labels):
    """{match key: value} of ``labels()`` ({value: label}) in each of the site's
    languages, so a file written in either language is understood."""
    known = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            for value, label in labels().items():
                known.setdefault(match_key(str(label)), value)
    return known


def import_vocabulary():
    """How the import reads headings, types, statuses, provinces, fields of work and
    consent: as the export writes them in any of the site's languages, or as codes."""
    columns = {match_key(column): column for column in COLUMNS}
    columns.update(in_every_language(lambda: {column: heading(column) for column in COLUMNS}))
    choices = {}
    for column, field_choices in (
        ("org_type", Organisation.Type.choices),
        ("status", Organisation.Status.choices),
    ):
        choices[column] = {match_key(code): code for code, _label in field_choices}
        choices[column].update(in_every_language(lambda labels=field_choices: dict(labels)))
    provinces = {match_key(p.slug): p for p in Province.objects.all()}
    provinces.update(in_every_language(lambda: {p: p.name for p in provinces.values()}))
    fields = {match_key(f.code): f for f in FieldOfWork.objects.all()}
    fields.update(in_every_language(lambda: {f: f.label for f in fields.values()}))
    consent = {match_key(value) for value in TRUE_VALUES}
    consent.update(in_every_language(lambda: {True: _("Yes")}))
    return columns, choices, provinces, fields, consent


class RowForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [c for c in COLUMNS if c not in ("provinces", "fields_of_work", "listing_consent")]


def split(cell):
    return [part.strip() for part in cell.split(";") if part.strip()]


def import_csv(text):
    """Create or update organisations (matched by slug) from CSV text.

    Returns ``(count, errors)``. When any row is wrong nothing at all is imported,
    and each error names its row number (the header is row 1)."""
    reader = csv.reader(io.StringIO(text.removeprefix(CSV_BOM)))
    columns, choices, provinces, fields, consent = import_vocabulary()
    header = [columns.get(match_key(from_spreadsheet_cell(cell))) for cell in next(reader, [])]
    missing = [c for c in ("name", "slug", "org_type", "provinces") if c not in header]
    if missing:
        return 0, [
            _("The file lacks the column(s): %(columns)s")
            % {"columns": ", ".join(heading(column) for column in missing)}
        ]
    existing = {o.slug: o for o in Organisation.objects.all()}
    planned, errors = [], []
    for number, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue
        row = {
            key: from_spreadsheet_cell(value.strip())
            for key, value in zip(header, values, strict=False)
            if key
        }
        row_provinces = split(row.get("provinces", ""))
        row_fields = split(row.get("fields_of_work", ""))
        problems = []
        unknown = [s for s in row_provinces if match_key(s) not in provinces]
        if unknown or not row_provinces:
            problems.append(
                _("unknown or missing province: %(values)s") % {"values": ", ".join(unknown) or "—"}
            )
        unknown_fields = [s for s in row_fields if match_key(s) not in fields]
        if unknown_fields:
            problems.append(
                _("unknown field of work: %(values)s") % {"values": ", ".join(unknown_fields)}
            )
        data = {c: row.get(c, "") for c in RowForm.Meta.fields}
        for column in ("org_type", "status"):
            data[column] = choices[column].get(match_key(data[column]), data[column])
        data["status"] = data["status"] or Organisation.Status.APPROVED
        form = RowForm(data, instance=existing.get(row.get("slug")))
        if not form.is_valid():
            for field, messages in form.errors.items():
                problems.append(f"{field}: {' '.join(messages)}")
        if problems:
            errors.append(
                _("Row %(number)s: %(problems)s")
                % {"number": number, "problems": "; ".join(problems)}
            )
            continue
        planned.append(
            (
                form,
                [provinces[match_key(s)] for s in row_provinces],
                [fields[match_key(s)] for s in row_fields],
                match_key(row.get("listing_consent", "")) in consent,
            )
        )
    if errors:
        return 0, errors
    with transaction.atomic():
        for form, row_provinces, row_fields, listing_consent in planned:
            organisation = form.save(commit=False)
            organisation.listing_consent = listing_consent
            organisation.save()
            organisation.provinces.set(row_provinces)
            organisation.fields_of_work.set(row_fields)
    return len(planned), []
