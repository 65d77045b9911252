"""Both languages' locales, the Turkish home page as the site root, and a site
profile per language so every page has its funding statement from the start.

The English home is the Turkish home's translation and is made by
``load_demo_content`` (or an editor), through Wagtail's translation machinery."""

import uuid

from django.db import migrations

EU_STATEMENT = {
    "tr": "Bu proje Avrupa Birliği ve Türkiye Cumhuriyeti tarafından finanse edilmektedir.",
    "en": "This project is funded by the European Union and the Republic of Türkiye.",
}
SITE_NAME = {"tr": "Göç ve Sivil Toplum Projesi", "en": "Migration & Civil Society Project"}


def create_site(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")
    SiteProfile = apps.get_model("home.SiteProfile")

    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("tr", "en")}

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    home = HomePage.objects.create(
        title=SITE_NAME["tr"],
        draft_title=SITE_NAME["tr"],
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locales["tr"],
        translation_key=uuid.uuid4(),
        live=True,
    )
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=SITE_NAME["tr"]
    )

    profile_key = uuid.uuid4()
    for code, locale in locales.items():
        SiteProfile.objects.get_or_create(
            locale=locale,
            translation_key=profile_key,
            defaults={"site_name": SITE_NAME[code], "funding_statement": EU_STATEMENT[code]},
        )


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_site, migrations.RunPython.noop)]
