"""The 81 provinces (from data/provinces.json) and the fields of work."""

from django.db import migrations

FIELD_CODES = [
    "legal-aid", "psychosocial-support", "education", "livelihoods", "health",
    "protection", "advocacy", "research", "humanitarian-aid", "women-and-children",
]


def seed(apps, schema_editor):
    from directory.provinces import map_data

    Province = apps.get_model("directory", "Province")
    FieldOfWork = apps.get_model("directory", "FieldOfWork")
    for province in map_data()["provinces"]:
        Province.objects.update_or_create(
            plate=province["plate"], defaults={"slug": province["slug"], "name": province["name"]}
        )
    for code in FIELD_CODES:
        FieldOfWork.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
