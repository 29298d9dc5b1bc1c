"""The PostgreSQL extensions the migrations create, as no-ops on SQLite both ways.

Django's own operations skip SQLite when a migration is applied but not when it is
unapplied: they ask SQLite for PostgreSQL's catalog (pg_extension) and fail, so rolling a
local SQLite database back past them was impossible."""

from django.contrib.postgres import operations


class _OnPostgreSQLOnly:
    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class BtreeGistExtension(_OnPostgreSQLOnly, operations.BtreeGistExtension):
    pass


class TrigramExtension(_OnPostgreSQLOnly, operations.TrigramExtension):
    pass


class UnaccentExtension(_OnPostgreSQLOnly, operations.UnaccentExtension):
    pass
