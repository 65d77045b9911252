"""Template tags of the news app: the home page's latest news, share links and the
schema.org JSON-LD of an article."""

from urllib.parse import quote, urlencode

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home.models import SiteProfile, SocialSettings
from website.json_ld import json_ld

from ..models import (
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    _listing_queryset,
    localized_categories,
)

register = template.Library()


@register.inclusion_tag("news/includes/latest_news.html", takes_context=True)
def latest_news(context, count=3):
    """The newest articles of the page's language (or of the active language)."""
    page = context.get("page")
    request = context.get("request")
    locale_id = getattr(page, "locale_id", None)
    if locale_id is None:
        locale = Locale.get_active()
        locale_id = locale.pk if locale else None
    # The index's privacy needs no query of its own: under a restricted index every
    # article is restricted too, and ``news()`` keeps public articles only.
    index = NewsIndexPage.objects.live().filter(locale_id=locale_id).first()
    items = []
    if index is not None:
        items = list(_listing_queryset(index.news())[:count])
    if items:
        by_key = {c.translation_key: c for c in NewsCategory.objects.filter(locale_id=locale_id)}
        for item in items:
            item.local_categories = localized_categories(item.categories.all(), by_key)
    return {"index": index, "items": items, "request": request}


@register.simple_tag(takes_context=True)
def share_links(context, page):
    """Plain share URLs (no third-party scripts): X, Facebook, LinkedIn, WhatsApp, e-mail."""
    request = context.get("request")
    url = request.build_absolute_uri(page.get_url(request))
    title = page.title
    return [
        ("X", "https://twitter.com/intent/tweet?" + urlencode({"url": url, "text": title})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        (
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
        ("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{title} {url}"})),
        (
            _("E-mail"),
            f"mailto:?subject={quote(title)}&body={quote(url)}",
        ),
    ]


@register.simple_tag(takes_context=True)
def news_jsonld(context, page, image_url=""):
    """A schema.org NewsArticle as <script type="application/ld+json">."""
    request = context.get("request")
    url = request.build_absolute_uri(page.get_url(request))
    profile = SiteProfile.current(request)
    publisher_name = profile.site_name if profile else request.get_host()
    home_url = request.build_absolute_uri(f"/{page.locale.language_code}/")
    # The publisher's logo: the site's logo when it has one, else its icon.
    social = SocialSettings.for_page_chrome(request)
    logo = getattr(social, "logo_renditions", None) if social is not None else None
    if logo:
        logo = {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(logo["png"].url),
            "width": logo["png"].width,
            "height": logo["png"].height,
        }
    else:
        logo = {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static("img/apple-touch-icon.png")),
            "width": 180,
            "height": 180,
        }
    publisher = {"@type": "Organization", "name": publisher_name, "url": home_url, "logo": logo}
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": page.title[:110],
        "inLanguage": page.locale.language_code,
        "datePublished": page.display_date,
        "dateModified": page.last_published_at or page.display_date,
        "publisher": publisher,
        # The article's own organisation where it names one, else the project itself.
        "author": (
            {"@type": "Organization", "name": page.organisation}
            if page.organisation
            else {"@type": "Organization", "name": publisher_name, "url": home_url}
        ),
    }
    if page.summary:
        data["description"] = page.summary
    if image_url:
        data["image"] = [image_url]
    if page.organisation:
        data["sourceOrganization"] = {"@type": "Organization", "name": page.organisation}
    return format_html('<script type="application/ld+json">{}</script>', json_ld(data))


@register.filter
def is_news_page(page):
    return isinstance(page, NewsPage)
