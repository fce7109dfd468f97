"""Trigram search on PostgreSQL: the pg_trgm extension and GIN indexes on the folded name and street.

On SQLite (the embedded default) this migration does nothing: search there matches fragments with LIKE.
The indexes are not in the models' Meta because Django would emit them on SQLite too.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    ("person_search_trgm_idx", "households_person", "search_text"),
    ("address_street_trgm_idx", "households_address", "street_key"),
]


class TrigramExtensionOnPostgres(TrigramExtension):
    """TrigramExtension skips non-PostgreSQL databases going forwards only; this one both ways."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def indexes_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")


def indexes_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("households", "0001_initial")]

    operations = [
        TrigramExtensionOnPostgres(),
        migrations.RunPython(indexes_create, indexes_drop, elidable=False),
    ]
