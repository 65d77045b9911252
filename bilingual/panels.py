"""An inline panel whose rows offer translatable snippets in the page's language only.

The page form narrows its own choices (``same_language_choices``), but the rows of an
inline panel are forms of their own, built by the formset: a row choosing a project
activity offered each activity twice, once per language. Django builds every row, the
blank one the admin copies for "Add" included, through the formset's ``add_fields``;
narrowing there covers them all."""

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel

from .slugs import same_language_choices


class SameLanguageChildFormSet(BaseChildFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        # ``instance`` is the page the rows belong to (a new page knows its locale too).
        same_language_choices(form, locale_id=self.instance.locale_id)


class SameLanguageInlinePanel(InlinePanel):
    """``InlinePanel`` whose rows' choices of translatable snippets follow the page's
    language, as the page's own fields do."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = SameLanguageChildFormSet
        return options
