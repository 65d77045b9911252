from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_ratelimit.core import is_ratelimited

from bilingual.text import fold_for_search, turkish_slugify

from .forms import DirectoryFilterForm, ProposalForm
from .models import FieldOfWork, Organisation, Province
from .provinces import map_data

PAGE_SIZE = 20
SHADES = 5  # 0 = none, 1..4 = quartiles of the largest count


def _filtered(filters, skip=None):
    """Listed organisations narrowed by every filter except ``skip`` (facet counts
    are counted with the other filters applied, as people expect)."""
    queryset = Organisation.objects.listed()
    if filters.get("q"):
        queryset = queryset.filter(search_key__contains=fold_for_search(filters["q"]))
    if filters.get("province") and skip != "province":
        queryset = queryset.filter(provinces=filters["province"])
    if filters.get("type") and skip != "type":
        queryset = queryset.filter(org_type=filters["type"])
    if filters.get("field") and skip != "field":
        queryset = queryset.filter(fields_of_work=filters["field"])
    return queryset


def _counts(queryset, lookup):
    rows = queryset.order_by().values(lookup).annotate(n=Count("pk", distinct=True))
    return {row[lookup]: row["n"] for row in rows if row[lookup] is not None}


def province_map(province_counts, selected=None):
    """The data of the server-drawn SVG map: every province with its count and shade."""
    data = map_data()
    highest = max(province_counts.values(), default=0)
    provinces = []
    for province in data["provinces"]:
        count = province_counts.get(province["plate"], 0)
        shade = 0 if count == 0 else min(SHADES - 1, 1 + (SHADES - 2) * count // max(highest, 1))
        provinces.append(
            {
                **province,
                "count": count,
                "shade": shade,
                "selected": selected is not None and selected.plate == province["plate"],
            }
        )
    return {
        "viewBox": " ".join(str(n) for n in data["viewBox"]),
        "provinces": provinces,
        "legend": _legend(highest),
    }


def _legend(highest):
    """The map's key: each shade in use with the range of counts it stands for."""
    ranges = {0: [0, 0]}
    for count in range(1, highest + 1):
        shade = min(SHADES - 1, 1 + (SHADES - 2) * count // highest)
        ranges.setdefault(shade, [count, count])[1] = count
    return [
        {"shade": shade, "low": low, "high": high} for shade, (low, high) in sorted(ranges.items())
    ]


def directory_index(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    results = _filtered(filters).prefetch_related("provinces", "fields_of_work")
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))

    province_counts = _counts(_filtered(filters, skip="province"), "provinces")
    type_counts = _counts(_filtered(filters, skip="type"), "org_type")
    field_counts = _counts(_filtered(filters, skip="field"), "fields_of_work")
    provinces = list(Province.objects.all())
    fields = list(FieldOfWork.objects.all())

    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/directory_index.html",
        {
            "form": form,
            "filters": filters,
            "page_obj": page,
            "query_string": query.urlencode(),
            "map": province_map(province_counts, filters.get("province")),
            "province_facets": sorted(
                ((p, province_counts.get(p.plate, 0)) for p in provinces), key=lambda x: -x[1]
            ),
            "type_facets": [
                (value, label, type_counts.get(value, 0))
                for value, label in Organisation.Type.choices
            ],
            "field_facets": [(f, field_counts.get(f.pk, 0)) for f in fields],
            "is_filtered": any(filters.get(k) for k in ("q", "province", "type", "field")),
            "view_meta": {
                "title": _("NGO directory"),
                "description": _(
                    "Civil society organisations working on migration, listed with their "
                    "consent: find them by province, type and field of work."
                ),
            },
        },
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.listed().prefetch_related("provinces", "fields_of_work"), slug=slug
    )
    view_meta = {"title": organisation.name, "description": organisation.description}
    return render(
        request,
        "directory/organisation_detail.html",
        {"organisation": organisation, "view_meta": view_meta},
    )


PROPOSE_META = {
    "title": gettext_lazy("Propose an organisation"),
    "description": gettext_lazy(
        "Propose an organisation working on migration for the NGO directory: the "
        "moderators review every proposal before it is listed."
    ),
}


@never_cache  # a form with a CSRF token, and its cookie
def propose(request):
    if request.method == "POST":
        if is_ratelimited(
            request, group="directory-propose", key="ip", rate="5/h", method="POST", increment=True
        ):
            return render(
                request,
                "directory/propose.html",
                {"form": ProposalForm(request.POST), "limited": True},
                status=429,
            )
        form = ProposalForm(request.POST)
        if form.is_valid():
            if not form.cleaned_data.get("homepage"):
                organisation = form.save(commit=False)
                organisation.status = Organisation.Status.PROPOSED
                organisation.listing_consent = True
                organisation.slug = unique_slug(organisation.name)
                organisation.save()
                form.save_m2m()
            return redirect(reverse("directory:proposal_received"))
    else:
        form = ProposalForm()
    return render(request, "directory/propose.html", {"form": form, "view_meta": PROPOSE_META})


@never_cache
def proposal_received(request):
    return render(request, "directory/proposal_received.html")


def unique_slug(name):
    base = turkish_slugify(name, fallback="organisation")[:200]
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
