"""Language-prefixed URLs of the events app (included inside i18n_patterns)."""

urlpatterns = []
