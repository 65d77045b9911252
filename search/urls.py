"""Language-prefixed URLs of the search app (included inside i18n_patterns)."""

urlpatterns = []
