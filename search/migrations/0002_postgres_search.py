"""PostgreSQL only: pg_trgm and unaccent, accent-folding text search configurations for
English and Spanish, and the GIN indexes. SQLite has none of these and needs none."""

from core.postgres_extensions import TrigramExtension, UnaccentExtension
from django.db import migrations

FORWARD = [
    # The language's stemmer after unaccent: "ciática" and "ciatica" give one lexeme.
    "CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = english)",
    "ALTER TEXT SEARCH CONFIGURATION english_unaccent ALTER MAPPING FOR hword, hword_part, word "
    "WITH unaccent, english_stem",
    "CREATE TEXT SEARCH CONFIGURATION spanish_unaccent (COPY = spanish)",
    "ALTER TEXT SEARCH CONFIGURATION spanish_unaccent ALTER MAPPING FOR hword, hword_part, word "
    "WITH unaccent, spanish_stem",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (search_vector)",
    "CREATE INDEX search_entry_title_trgm ON search_searchentry "
    "USING gin (title_normalized gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_title_trgm",
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS spanish_unaccent",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS english_unaccent",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False),
    ]
