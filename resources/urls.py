"""Language-prefixed URLs of the resources app (included inside i18n_patterns)."""

urlpatterns = []
