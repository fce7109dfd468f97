from django.db import migrations


def load(apps, schema_editor):
    from wijkteam.assessments.services import instrument_data_sync

    instrument_data_sync(
        models=(
            apps.get_model("assessments", "Instrument"),
            apps.get_model("assessments", "InstrumentDomain"),
            apps.get_model("assessments", "ScaleLabel"),
            apps.get_model("reference", "LifeDomain"),
        )
    )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial"), ("reference", "0002_load_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
