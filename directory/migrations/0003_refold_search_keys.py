"""Organisations' search keys folded again with the site's one search fold
(``bilingual.text.fold_for_search``), which also drops accents that are not Turkish
("Médecins" is found as "medecins"); the keys stored before folded Turkish letters only."""

from django.db import migrations


def refold(apps, schema_editor):
    from bilingual.text import fold_for_search

    Organisation = apps.get_model("directory", "Organisation")
    changed = []
    for organisation in Organisation.objects.only("pk", "name", "acronym", "search_key"):
        key = fold_for_search(f"{organisation.name} {organisation.acronym}")
        if key != organisation.search_key:
            organisation.search_key = key
            changed.append(organisation)
    Organisation.objects.bulk_update(changed, ["search_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_seed_provinces_and_fields")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
