from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from website import throttling

# Not language-prefixed: the admin, document serving and machine-facing URLs.
urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Wagtail's "forgot password" form, with a limit (website/throttling.py).
    path(
        "admin/password_reset/",
        throttling.ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("reach/", include("reach.urls")),
    path("", include("website.site_urls")),
    path("", include("home.site_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under /tr/ or /en/; "/" redirects by Accept-Language.
urlpatterns += i18n_patterns(
    path("", include("registrations.urls")),
    path("", include("newsletter.urls")),
    path("", include("search.urls")),
    path("", include("directory.urls")),
    path("", include("trainers.urls")),
    path("", include("bilingual.urls")),
    # Wagtail's page-password form, with a limit (website/throttling.py).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttling.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Wagtail's page serving catches everything else, so it comes last.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
