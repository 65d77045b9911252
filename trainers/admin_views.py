"""The moderators' queue: access requests to approve or refuse (with a reason), and
trainers whose access can be revoked."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import moderation
from .forms import ApproveForm, RefuseForm, RevokeForm
from .models import AccessRequest, Trainer, access_days

# The queue's pages and their menu items (wagtail_hooks) ask for these.
REQUESTS_PERMISSION = "trainers.change_accessrequest"
TRAINERS_PERMISSION = "trainers.change_trainer"


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def request_list(request):
    _require(request, REQUESTS_PERMISSION)
    status = request.GET.get("status", AccessRequest.Status.PENDING)
    if status not in AccessRequest.Status.values and status != "all":
        status = AccessRequest.Status.PENDING
    requests = AccessRequest.objects.prefetch_related("kits").order_by("created_at")
    if status != "all":
        requests = requests.filter(status=status)
    else:
        requests = requests.order_by("-created_at")
    page = Paginator(requests, 50).get_page(request.GET.get("p"))
    counts = dict(AccessRequest.objects.values_list("status").annotate(n=Count("pk")).order_by())
    tabs = [(value, label, counts.get(value, 0)) for value, label in AccessRequest.Status.choices]
    return TemplateResponse(
        request,
        "trainers/admin/request_list.html",
        {"page_obj": page, "status": status, "tabs": tabs},
    )


def request_review(request, pk):
    _require(request, REQUESTS_PERMISSION)
    access_request = get_object_or_404(AccessRequest, pk=pk)
    approve_form = ApproveForm(access_request=access_request, initial={"days": access_days()})
    refuse_form = RefuseForm()
    decided = access_request.status != AccessRequest.Status.PENDING
    if request.method == "POST" and not decided:
        if request.POST.get("action") == "approve":
            approve_form = ApproveForm(request.POST, access_request=access_request)
            if approve_form.is_valid():
                moderation.approve(
                    access_request,
                    request.user,
                    list(approve_form.cleaned_data["kits"]),
                    approve_form.cleaned_data["days"],
                )
                messages.success(
                    request,
                    _("Approved: %(name)s has been e-mailed.") % {"name": access_request.name},
                )
                return redirect("trainers_requests")
        elif request.POST.get("action") == "refuse":
            refuse_form = RefuseForm(request.POST)
            if refuse_form.is_valid():
                moderation.refuse(access_request, request.user, refuse_form.cleaned_data["reason"])
                messages.success(
                    request,
                    _("Refused: %(name)s has been told why.") % {"name": access_request.name},
                )
                return redirect("trainers_requests")
    return TemplateResponse(
        request,
        "trainers/admin/request_review.html",
        {
            "access_request": access_request,
            "approve_form": approve_form,
            "refuse_form": refuse_form,
            "decided": decided,
        },
    )


def trainer_list(request):
    _require(request, TRAINERS_PERMISSION)
    now = timezone.now()
    query = " ".join(request.GET.get("q", "").split())[:100]
    trainers = Trainer.objects.annotate(
        active=Count(
            "grants", filter=Q(grants__revoked_at__isnull=True, grants__expires_at__gt=now)
        ),
        expires=Max("grants__expires_at", filter=Q(grants__revoked_at__isnull=True)),
        downloads_count=Count("downloads", distinct=True),
    ).order_by("name")
    if query:
        trainers = trainers.filter(
            Q(name__icontains=query) | Q(organisation__icontains=query) | Q(email__icontains=query)
        )
    page = Paginator(trainers, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "trainers/admin/trainer_list.html",
        {"page_obj": page, "query": query, "revoke_form": RevokeForm()},
    )


def trainer_revoke(request, pk):
    _require(request, TRAINERS_PERMISSION)
    trainer = get_object_or_404(Trainer, pk=pk)
    if request.method == "POST":
        form = RevokeForm(request.POST)
        if form.is_valid():
            ended = moderation.revoke(trainer, form.cleaned_data["reason"])
            messages.success(
                request,
                _("Access of %(name)s revoked (%(count)d kits).")
                % {"name": trainer.name, "count": ended},
            )
    return redirect("trainers_list")
