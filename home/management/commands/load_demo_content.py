"""Build the bilingual demo site. Idempotent: a second run creates nothing and
changes nothing an editor has edited."""

import importlib
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home import demo

# Each app's demo.py is loaded in this order (later apps link to earlier content).
DEMO_APPS = [
    "home",
    "news",
    "events",
    "resources",
    "newsletter",
    "glossary",
    "editorial",
    "activities",
    "directory",
    "navigation",
    "trainers",
    "registrations",
    "reach",
]


class Command(BaseCommand):
    help = "Load the bilingual (Turkish/English) demo content. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-users",
            action="store_true",
            help="Also create demo users (always on with DEBUG; never use in production).",
        )

    def handle(self, *args, with_users=False, **options):
        context = demo.prepare()
        loaders = [importlib.import_module(f"{app}.demo") for app in DEMO_APPS]
        # What an app puts in place before any app adds pages (the activities' tags).
        for loader in loaders:
            if hasattr(loader, "before_pages"):
                loader.before_pages(context)
        for loader in loaders:
            loader.load(context)
        self.stdout.write(f"Demo content ready ({context.created} pages created on this run).")
        if with_users or settings.DEBUG:
            self.ensure_users(context)

    def ensure_users(self, context):
        if not settings.DEBUG and "production" in os.environ.get("DJANGO_SETTINGS_MODULE", ""):
            raise CommandError("Demo users are never created with production settings.")
        password = os.environ.get("DEMO_ADMIN_PASSWORD", "demo-admin-2026")
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser("admin", "admin@example.org", password)
        accounts = [("admin", password, "superuser")]
        for loader in getattr(context, "user_loaders", []):
            accounts.extend(loader())
        for username, user_password, role in accounts:
            self.stdout.write(f"  login: {username} / {user_password}  ({role})")
