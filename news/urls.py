"""Language-prefixed URLs of the news app (included inside i18n_patterns)."""

urlpatterns = []
