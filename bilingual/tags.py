"""Tags written in each page's own language.

wagtail-localize copies fields it cannot translate from the source page, so a
translated page carried the source's tags: English articles listed Turkish tags and
linked to Turkish tag pages. ``TranslatableTags`` makes each tag a string to translate
in wagtail-localize's editor, beside the title and the body ("göç" → "migration"); a
string left untranslated falls back to the source's, as the title does. Each
language's pages then hold their own tags, and a language's tag list shows only the
tags its pages use."""

from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail_localize.segments import StringSegmentValue


class TranslatableTags(ClusterTaggableManager):
    """A page's tags as translatable strings (the hooks wagtail-localize looks for on a
    field: ``get_translatable_segments`` and ``restore_translated_segments``)."""

    def get_translatable_segments(self, tags):
        return [StringSegmentValue(tag.slug, tag.name) for tag in tags]

    def restore_translated_segments(self, tags, segments):
        return [segment.render_text() for segment in segments]

    def __set__(self, instance, names):
        # wagtail-localize assigns the restored value to the attribute: set the page's
        # tags (in its cluster, saved with the page) instead of hiding the manager.
        self.__get__(instance, type(instance)).set(names)
