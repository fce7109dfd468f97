from django.db import migrations


def load(apps, schema_editor):
    from wijkteam.reference.services import reference_data_sync

    reference_data_sync(
        models=(
            apps.get_model("reference", "LifeDomain"),
            apps.get_model("reference", "CareLevel"),
            apps.get_model("reference", "LegalBasis"),
        )
    )


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
