"""Language-prefixed URLs of the glossary app (included inside i18n_patterns)."""

urlpatterns = []
