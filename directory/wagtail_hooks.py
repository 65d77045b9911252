from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from website.admin_access import PermissionMenuItem, explain_refusal

from .csv_io import export_csv, import_csv
from .forms import ImportForm
from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = gettext_lazy("NGO directory")
    menu_order = 400
    add_to_admin_menu = True
    list_display = ["name", "org_type", "status", "listing_consent", "updated_at"]
    list_filter = ["status", "org_type", "listing_consent", "provinces"]
    search_fields = ["name", "acronym"]


register_snippet(OrganisationViewSet)


IMPORT_EXPORT = gettext_lazy("Directory CSV import/export")
# An import adds and changes organisations; the export is for the same people.
MANAGE_PERMISSIONS = ["directory.add_organisation", "directory.change_organisation"]


def export_view(request):
    if not request.user.has_perms(MANAGE_PERMISSIONS):
        raise PermissionDenied
    response = HttpResponse(export_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="organisations.csv"'
    return response


def import_view(request):
    if not request.user.has_perms(MANAGE_PERMISSIONS):
        raise PermissionDenied
    errors = []
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            text = form.cleaned_data["file"].read().decode("utf-8-sig")
        except UnicodeDecodeError:
            errors = [_("The file is not UTF-8 text.")]
        else:
            count, errors = import_csv(text)
            if not errors:
                messages.success(request, _("%(count)s organisations imported.") % {"count": count})
                return redirect(reverse("directory_import"))
    return render(request, "directory/admin/import.html", {"form": form, "errors": errors})


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "directory/export/",
            explain_refusal(IMPORT_EXPORT)(export_view),
            name="directory_export",
        ),
        path(
            "directory/import/",
            explain_refusal(IMPORT_EXPORT)(import_view),
            name="directory_import",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return PermissionMenuItem(
        IMPORT_EXPORT,
        reverse("directory_import"),
        permissions=MANAGE_PERMISSIONS,
        icon_name="download",
        order=410,
    )
