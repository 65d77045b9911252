"""CSV export and all-or-nothing import of the directory, for the communications team."""

import csv
import io

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _

from website.spreadsheets import from_spreadsheet_cell, spreadsheet_cell

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


def export_rows(queryset=None):
    queryset = (queryset or Organisation.objects.all()).prefetch_related(
        "provinces", "fields_of_work"
    )
    yield COLUMNS
    for organisation in queryset:
        yield [
            organisation.name,
            organisation.acronym,
            organisation.slug,
            organisation.org_type,
            ";".join(p.slug for p in organisation.provinces.all()),
            ";".join(f.code for f in organisation.fields_of_work.all()),
            organisation.website,
            organisation.email,
            organisation.languages_spoken,
            organisation.network_memberships,
            organisation.description_tr,
            organisation.description_en,
            organisation.target_groups_tr,
            organisation.target_groups_en,
            "yes" if organisation.listing_consent else "no",
            organisation.status,
        ]


def export_csv(queryset=None):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [spreadsheet_cell(cell) for cell in row] for row in export_rows(queryset)
    )
    return buffer.getvalue()


class RowForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [c for c in COLUMNS if c not in ("provinces", "fields_of_work", "listing_consent")]


def import_csv(text):
    """Create or update organisations (matched by slug) from CSV text.

    Returns ``(count, errors)``. When any row is wrong nothing at all is imported,
    and each error names its row number (the header is row 1)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [
        c for c in ("name", "slug", "org_type", "provinces") if c not in (reader.fieldnames or [])
    ]
    if missing:
        return 0, [_("The file lacks the column(s): %(columns)s") % {"columns": ", ".join(missing)}]
    provinces = {p.slug: p for p in Province.objects.all()}
    fields = {f.code: f for f in FieldOfWork.objects.all()}
    existing = {o.slug: o for o in Organisation.objects.all()}
    planned, errors = [], []
    for number, row in enumerate(reader, start=2):
        row = {
            key: from_spreadsheet_cell((value or "").strip()) for key, value in row.items() if key
        }
        row_provinces = [s for s in row.get("provinces", "").split(";") if s]
        row_fields = [s for s in row.get("fields_of_work", "").split(";") if s]
        problems = []
        unknown = [s for s in row_provinces if s not in provinces]
        if unknown or not row_provinces:
            problems.append(
                _("unknown or missing province: %(values)s") % {"values": ", ".join(unknown) or "—"}
            )
        unknown_fields = [s for s in row_fields if s not in fields]
        if unknown_fields:
            problems.append(
                _("unknown field of work: %(values)s") % {"values": ", ".join(unknown_fields)}
            )
        data = {c: row.get(c, "") for c in RowForm.Meta.fields}
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
            (form, row_provinces, row_fields, row.get("listing_consent", "").lower() in TRUE_VALUES)
        )
    if errors:
        return 0, errors
    with transaction.atomic():
        for form, row_provinces, row_fields, consent in planned:
            organisation = form.save(commit=False)
            organisation.listing_consent = consent
            organisation.save()
            organisation.provinces.set([provinces[s] for s in row_provinces])
            organisation.fields_of_work.set([fields[s] for s in row_fields])
    return len(planned), []
