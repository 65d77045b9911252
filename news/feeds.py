"""RSS 2.0 and Atom feeds of a news index (and of one category), built with Django's
syndication framework (Wagtail has none of its own). Served by the index's routes,
so each language's feed lives under its own index: /tr/haberler/feed/rss/."""

import mimetypes

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.images.models import SourceImageIOError


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index, request, category=None):
        super().__init__()
        self.index = index
        self.request = request
        self.category = category

    def get_object(self, request, *args, **kwargs):
        return self.index

    def title(self, index):
        if self.category is not None:
            return f"{index.title}: {self.category.name}"
        return index.title

    def link(self, index):
        if self.category is not None:
            url = index.filter_url("category", self.category.slug, self.request)
        else:
            url = index.get_url(self.request)
        return self.request.build_absolute_uri(url)

    def feed_url(self, index):
        return self.request.build_absolute_uri()

    def description(self, index):
        return index.summary or _("The latest news of %(title)s") % {"title": index.title}

    def items(self, index):
        return index.feed_items(self.category)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return self.request.build_absolute_uri(item.get_url(self.request))

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.display_date

    def item_updateddate(self, item):
        return item.last_published_at or item.display_date

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]

    def item_enclosures(self, item):
        image = item.image
        if image is None:
            return []
        mime_type = mimetypes.guess_type(image.file.name)[0] or "image/jpeg"
        try:
            # Wagtail's own reading of the size (stored on the image the first time).
            length = image.get_file_size()
        except SourceImageIOError:
            return []  # the file is missing: no enclosure rather than a false one
        return [Enclosure(self.request.build_absolute_uri(image.file.url), str(length), mime_type)]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description


def feed_response(index, request, kind, category=None):
    feed_class = NewsAtomFeed if kind == "atom" else NewsRssFeed
    return feed_class(index, request, category)(request)
