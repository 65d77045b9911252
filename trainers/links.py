"""Where the "Log in to download" link of a restricted document leads: the trainers'
sign-in (back to the kit afterwards), with the way to request access beside it."""

from django.urls import reverse
from django.utils.http import urlencode


def trainer_links(request, kit):
    kit_url = kit.get_url(request) or ""
    return {
        "sign_in": reverse("trainers:sign_in")
        + ("?" + urlencode({"next": kit_url}) if kit_url else ""),
        "request_access": reverse("trainers:request") + "?" + urlencode({"kit": kit.pk}),
        "account": reverse("trainers:account"),
    }
