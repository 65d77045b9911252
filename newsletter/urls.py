"""Language-prefixed URLs of the newsletter app (included inside i18n_patterns)."""

urlpatterns = []
