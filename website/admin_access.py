"""What the admin offers each user, shared by every app's admin views.

A menu item is shown only to the users its view lets in: ``PermissionMenuItem`` takes
exactly the permissions the view checks, so the menus of each role hold nothing that
answers "no". A user who opens such a view anyway (an old bookmark, a link from a
colleague) gets a 403 page in the admin that names what they tried and says their
account lacks the permission, in their admin language, with a way back to the
dashboard: Wagtail on its own sends them to the dashboard with a message that does not
say what was refused, and a bare ``HttpResponse(status=403)`` shows an empty page.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.models import IndexView
from wagtail.permissions import policy_registry


def user_has(user, permissions, *, any_of=False, policy=None):
    """Whether ``user`` holds ``permissions``: ``"app_label.codename"`` names, or, with
    ``policy`` (a Wagtail permission policy, e.g. the page tree's, whose permissions sit
    on pages rather than on the user), that policy's actions (``"add"``, ``"change"``…).
    All of them are needed, or any one of them with ``any_of``."""
    if isinstance(permissions, str):
        permissions = [permissions]
    if policy is not None:
        if any_of:
            return policy.user_has_any_permission(user, permissions)
        return all(policy.user_has_permission(user, action) for action in permissions)
    if any_of:
        return any(user.has_perm(permission) for permission in permissions)
    return user.has_perms(permissions)


class PermissionMenuItem(MenuItem):
    """A menu item (main menu, submenu or Reports) shown only to users who may open the
    view it links to. ``permissions``, ``any_of`` and ``policy`` are ``user_has``'s: pass
    what the view checks, preferably the very constant the view uses."""

    def __init__(self, label, url, *, permissions, any_of=False, policy=None, **kwargs):
        super().__init__(label, url, **kwargs)
        self.permissions = permissions
        self.any_of = any_of
        self.policy = policy

    @classmethod
    def for_listing(cls, model, label, url, **kwargs):
        """An item linking to ``model``'s Wagtail listing (a snippet's or a model
        viewset's), shown to whoever that listing lets in: any one of the actions
        Wagtail's index view asks of the model's registered permission policy."""
        return cls(
            label,
            url,
            permissions=IndexView.any_permission_required,
            any_of=True,
            policy=policy_registry.get_by_type(model),
            **kwargs,
        )

    def is_shown(self, request):
        return user_has(request.user, self.permissions, any_of=self.any_of, policy=self.policy)


def permission_denied(request, action):
    """The admin's answer to a user without the permission ``action`` needs: a 403 page
    that names ``action`` (a lazy translation, e.g. the menu label of the view) and
    links back to the dashboard. Returned from inside the view, so Wagtail renders it
    in the user's admin language like any other admin page."""
    return TemplateResponse(
        request, "website/admin/permission_denied.html", {"action": action}, status=403
    )


def explain_refusal(action):
    """Decorator for an app's admin view (a function, or a class-based view's
    ``as_view()``): the view keeps refusing the Django and Wagtail way, by raising
    ``PermissionDenied``, and the user sees ``permission_denied`` for ``action``."""

    def decorator(view):
        @wraps(view)
        def explained(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied:
                return permission_denied(request, action)

        return explained

    return decorator
