"""The admin report of kit downloads: per kit or per document, per day, month or in
total, over a date range; exportable to CSV and XLSX (Wagtail's ReportView, with the
project's spreadsheet rules: website.spreadsheets)."""

import django_filters
from django.db.models import DateField, Sum
from django.db.models.functions import Trunc
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from website.spreadsheets import LocalisedSpreadsheetExportMixin

from .models import DocumentDownload, TrainingKitPage

GROUP_CHOICES = [("document", _("Kit and document")), ("kit", _("Kit"))]
PERIOD_CHOICES = [("day", _("Day")), ("month", _("Month"))]


class DownloadsReportFilterSet(WagtailFilterSet):
    date = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    kit = django_filters.ModelChoiceFilter(
        label=_("Training kit"),
        queryset=TrainingKitPage.objects.order_by("title"),
    )
    group_by = django_filters.ChoiceFilter(
        label=_("Rows per"),
        choices=GROUP_CHOICES,
        method="keep",
        empty_label=_("Kit and document"),
    )
    period = django_filters.ChoiceFilter(
        label=_("Over time"), choices=PERIOD_CHOICES, method="keep", empty_label=_("In total")
    )

    class Meta:
        model = DocumentDownload
        fields = ["date", "kit"]

    def keep(self, queryset, name, value):
        """Grouping choices shape the report; they do not filter rows."""
        return queryset


class DownloadsReportView(LocalisedSpreadsheetExportMixin, ReportView):
    page_title = _("Training kit downloads")
    header_icon = "download"
    filterset_class = DownloadsReportFilterSet
    index_url_name = "resources_downloads_report"
    index_results_url_name = "resources_downloads_report_results"
    any_permission_required = ["add", "change", "publish"]
    paginate_by = 100
    language_fields = ("kit__locale__language_code",)

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def _choice(self, name):
        filters = self.filters
        if filters is None or not filters.form.is_valid():
            return ""
        return filters.form.cleaned_data.get(name) or ""

    @cached_property
    def group_by(self):
        return self._choice("group_by") or "document"

    @cached_property
    def period(self):
        return self._choice("period")

    @cached_property
    def fields(self):
        fields = [("kit__title", _("Training kit")), ("kit__locale__language_code", _("Language"))]
        if self.group_by == "document":
            fields.append(("document__title", _("Document")))
        if self.period:
            fields.append(("period", _("Period")))
        fields.append(("downloads", _("Downloads")))
        return fields

    @property
    def columns(self):
        return [Column(name, label=label, accessor=name) for name, label in self.fields]

    @property
    def list_export(self):
        return [name for name, _label in self.fields]

    @property
    def export_headings(self):
        return dict(self.fields)

    def get_filename(self):
        return "kit-downloads"

    def get_queryset(self):
        return DocumentDownload.objects.all()

    def get_filtered_queryset(self):
        queryset = self.filter_queryset(self.get_queryset())
        values = ["kit_id", "kit__title", "kit__locale__language_code"]
        if self.group_by == "document":
            values += ["document_id", "document__title"]
        if self.period:
            queryset = queryset.annotate(
                period=Trunc("date", self.period, output_field=DateField())
            )
            values.append("period")
        ordering = (["-period"] if self.period else []) + ["-downloads", "kit__title"]
        return queryset.values(*values).annotate(downloads=Sum("count")).order_by(*ordering)
