from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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


def _can_manage(user):
    return user.has_perm("directory.change_organisation") and user.has_perm(
        "directory.add_organisation"
    )


def export_view(request):
    if not _can_manage(request.user):
        return HttpResponse(status=403)
    response = HttpResponse(export_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="organisations.csv"'
    return response


def import_view(request):
    if not _can_manage(request.user):
        return HttpResponse(status=403)
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
        path("directory/export/", export_view, name="directory_export"),
        path("directory/import/", import_view, name="directory_import"),
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return MenuItem(
        gettext_lazy("Directory CSV import/export"),
        reverse("directory_import"),
        icon_name="download",
        order=410,
    )
