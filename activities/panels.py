"""The activity's edit screen: what is tagged with it, read only.

Tags are set on each page's own form (its "Project activities" panel), where the
page's editors are; the activity only shows them, with a link to each page's form."""

from wagtail.admin.panels import Panel


class TaggedPagesPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "activities/admin/tagged_pages_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["pages"] = self.instance.tagged_pages_in_every_language()
            return context
