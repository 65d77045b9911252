"""Test helpers for the two languages: translated snippet pairs and localized 404 pages."""

NOT_FOUND = {"tr": "Sayfa bulunamadı", "en": "Page not found"}


def snippet_pair(model, locales, tr, en):
    """A Turkish ``model`` row made from the fields ``tr`` and its English translation
    (``copy_for_translation``, then the fields ``en``): ``(tr_row, en_row)``."""
    tr_row = model.objects.create(locale=locales["tr"], **tr)
    en_row = tr_row.copy_for_translation(locales["en"])
    for name, value in en.items():
        setattr(en_row, name, value)
    en_row.save()
    return tr_row, en_row


def assert_localized_404(response, language):
    """A 404 page in ``language``: its <html lang> and its "not found" heading."""
    assert response.status_code == 404
    assert f'<html lang="{language}"' in response.text
    assert NOT_FOUND[language] in response.text
