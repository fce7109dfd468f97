from django.db import migrations


def load(apps, schema_editor):
    from wijkteam.teams.services import discipline_data_sync

    discipline_data_sync(models=(apps.get_model("teams", "Discipline"), apps.get_model("reference", "LifeDomain")))


class Migration(migrations.Migration):
    dependencies = [
        ("teams", "0002_affiliations_initiatives"),
        ("reference", "0002_load_reference_data"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
