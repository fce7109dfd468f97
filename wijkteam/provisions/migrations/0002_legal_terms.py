from django.db import migrations


def load(apps, schema_editor):
    from wijkteam.provisions.terms import DEFAULT_TERMS

    LegalBasis = apps.get_model("reference", "LegalBasis")
    LegalTerm = apps.get_model("provisions", "LegalTerm")
    bases = {basis.code: basis for basis in LegalBasis.objects.all()}
    for term in DEFAULT_TERMS:
        if term.legal_basis in bases:
            LegalTerm.objects.get_or_create(
                legal_basis=bases[term.legal_basis],
                event=term.event,
                urgent=term.urgent,
                defaults={
                    "amount": term.amount,
                    "unit": term.unit,
                    "deliverable": term.deliverable,
                    "article": term.article,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("provisions", "0001_initial"), ("reference", "0002_load_reference_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
