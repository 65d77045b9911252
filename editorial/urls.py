"""Language-prefixed URLs of the editorial app (included inside i18n_patterns)."""

urlpatterns = []
