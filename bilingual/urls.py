"""Language-prefixed URLs of the bilingual app (included inside i18n_patterns)."""

from django.urls import path

from . import views

urlpatterns = [
    path("untranslated/<int:page_id>/", views.untranslated, name="untranslated_page"),
]
