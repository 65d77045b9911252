"""Demo users, one per editorial role. Only made by ``load_demo_content`` with
DEBUG on or ``--with-users`` (the command refuses with production settings)."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import roles

DEMO_USERS = [
    ("editor", roles.EDITORS, "Editor"),
    ("moderator", roles.MODERATORS, "Moderator (communications lead)"),
    ("translator", roles.TRANSLATORS, "Translator"),
    ("newsletter", roles.NEWSLETTER_MANAGERS, "Newsletter manager"),
]


def demo_password(username):
    return os.environ.get("DEMO_USER_PASSWORD", f"demo-{username}-2026")


def ensure_demo_users():
    """Create the role users that are missing (existing ones keep their password)."""
    User = get_user_model()
    accounts = []
    for username, group_name, label in DEMO_USERS:
        password = demo_password(username)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username, f"{username}@example.org", password, first_name=label
            )
        group, _ = Group.objects.get_or_create(name=group_name)
        user.groups.add(group)
        accounts.append((username, password, label))
    return accounts


def load(context):
    loaders = getattr(context, "user_loaders", None)
    if loaders is None:
        loaders = []
        context.user_loaders = loaders
    if ensure_demo_users not in loaders:
        loaders.append(ensure_demo_users)
