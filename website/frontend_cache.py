"""Purging the shared HTTP cache (Varnish) when content changes.

Wagtail's ``frontend_cache`` does the work: its HTTP backend sends a PURGE per URL to
Varnish from a background task, and its own signal handlers purge a page (with its
``get_cached_paths()``: a listing's categories, tags, years and feeds, an event's .ics)
when it is published or unpublished. What a page's change shows elsewhere is added here:

- its translations and every ancestor of it and of them (the listings and the home pages
  that list it, in every language), the untranslated-page fallbacks and the sitemap;
- when it is in the menu, has pages below it (their breadcrumbs and URLs), is moved or
  deleted with its section: a BAN of the whole site;
- a change to a snippet or model shown on public pages (``FRONTEND_CACHE_BAN_ON`` in the
  settings): a BAN of the URL prefixes that show it.

A BAN of the whole site also forgets the chrome kept in Django's cache (``website.chrome``),
with or without Varnish.

The VCL (deploy/varnish/site.vcl) makes a PURGE drop a URL path with all its query
strings (``?page=2``, filters) and a BAN every path under a prefix. Without
``WAGTAILFRONTENDCACHE`` (no ``VARNISH_URL``, e.g. ``make run``) the tasks do nothing.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string
from django_tasks import task
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends

from website import chrome

logger = logging.getLogger("wagtail.frontendcache")


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP backend (PURGE per URL) that can also BAN a URL prefix."""

    def ban(self, prefix):
        request = Request(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, prefix, "", ""]),
            method="BAN",
            headers={"User-Agent": "Wagtail-frontendcache/" + wagtail_version},
        )
        try:
            urlopen(request, timeout=10)  # noqa: S310 - the configured VARNISH_URL
        except HTTPError as error:
            logger.error("Couldn't ban '%s' from HTTP cache: %d", prefix, error.code)
        except URLError as error:
            logger.error("Couldn't ban '%s' from HTTP cache: %s", prefix, error.reason)


@task()
def ban_prefixes_task(prefixes):
    for backend in get_backends().values():
        if hasattr(backend, "ban"):
            for prefix in prefixes:
                backend.ban(prefix)


def ban_prefixes(prefixes):
    """Drop every cached URL under these path prefixes ("/" for the whole site)."""
    if prefixes and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        ban_prefixes_task.enqueue(sorted(set(prefixes)))


def ban_everything():
    ban_prefixes(["/"])


def _root_url(page):
    site = page.get_site()
    if site is None:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else None


def _related_pages(page):
    """The page's translations (aliases included) and the ancestors of each, down from
    the language homes: what lists or links to it."""
    from wagtail.models import Page

    translations = list(Page.objects.filter(translation_key=page.translation_key))
    if page.pk not in {p.pk for p in translations}:
        translations.append(page)
    ancestor_paths = {
        each.path[:length]
        for each in translations
        for length in range(Page.steplen * 2, len(each.path), Page.steplen)
    }
    ancestors = list(Page.objects.filter(path__in=ancestor_paths))
    return translations, ancestors


def changes_everywhere(page):
    """A change that shows on every page: the menu lists top-level pages and those shown
    in menus, the editors' menus and the footer name others (``FRONTEND_CACHE_IN_CHROME``);
    the pages below a page carry its title (breadcrumbs) and its slug."""
    if page.depth <= 3 or page.show_in_menus:
        return True
    if any(import_string(dotted)(page) for dotted in settings.FRONTEND_CACHE_IN_CHROME):
        return True
    return page.get_children().exists()


def everything_changed():
    """Something every page shows changed: the chrome kept in Django's cache is
    forgotten (also without Varnish), and Varnish drops the whole site."""
    chrome.forget()
    ban_everything()


def purge_page_and_what_shows_it(page, *, everything=False):
    if everything or changes_everywhere(page):
        everything_changed()
        return
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    translations, ancestors = _related_pages(page)
    batch = PurgeBatch()
    batch.add_pages(translations)
    batch.add_pages(ancestors)
    for dotted in getattr(settings, "FRONTEND_CACHE_RELATED_PAGES", []):
        batch.add_pages(import_string(dotted)(page))
    root = _root_url(page)
    if root:
        batch.add_url(root + reverse("sitemap"))
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for each in translations:
                    batch.add_url(root + reverse("untranslated_page", args=[each.pk]))
    batch.purge()


# --- Signal handlers ----------------------------------------------------------------------


def _on_page_changed(sender, instance, **kwargs):
    purge_page_and_what_shows_it(instance)


def _on_page_moved(sender, instance, **kwargs):
    everything_changed()


def _on_page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and instance.live:
        purge_page_and_what_shows_it(instance)


def _ban_handler(spec):
    def handler(sender, instance=None, created=False, **kwargs):
        from wagtail.contrib.settings.models import BaseSiteSetting

        # Site settings are created with their defaults the first time a page reads
        # them: nothing visible changed.
        if created and isinstance(instance, BaseSiteSetting):
            return
        if spec == "*":
            everything_changed()
        else:
            ban_prefixes(_prefixes_for(spec))

    return handler


def directory_prefixes():
    """The NGO directory (list, filters, organisation pages) in every language."""
    prefixes = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefixes.append(reverse("directory:index"))
    return prefixes


def _prefixes_for(spec):
    if spec == "directory":
        return [*directory_prefixes(), reverse("sitemap")]
    return [spec]


def connect_signals():
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save, pre_delete
    from wagtail.signals import page_published, page_unpublished, post_page_move

    # Wagtail's frontend_cache app purges the page itself on publish and unpublish.
    page_published.connect(_on_page_changed, dispatch_uid="frontend-cache-related-published")
    page_unpublished.connect(_on_page_changed, dispatch_uid="frontend-cache-related-unpub")
    post_page_move.connect(_on_page_moved, dispatch_uid="frontend-cache-moved")
    pre_delete.connect(_on_page_deleted, dispatch_uid="frontend-cache-deleted")

    for label, spec in settings.FRONTEND_CACHE_BAN_ON.items():
        model = apps.get_model(label)
        handler = _ban_handler(spec)
        # Keep a reference: signals hold handlers weakly.
        _handlers.append(handler)
        post_save.connect(handler, sender=model, dispatch_uid=f"frontend-cache-save-{label}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"frontend-cache-del-{label}")


_handlers = []
