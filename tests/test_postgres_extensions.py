"""The migrations' PostgreSQL extensions do nothing on SQLite, applied or unapplied, so a
local SQLite database can be migrated back as well as forward."""

import pytest
from django.db.utils import ConnectionHandler

from core.postgres_extensions import BtreeGistExtension, TrigramExtension, UnaccentExtension


@pytest.fixture
def sqlite(django_db_blocker):
    with django_db_blocker.unblock():
        connection = ConnectionHandler(
            {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
        )["default"]
        yield connection
        connection.close()


@pytest.mark.parametrize("extension", [BtreeGistExtension, TrigramExtension, UnaccentExtension])
def test_an_extension_is_a_no_op_on_sqlite_both_ways(sqlite, extension):
    with sqlite.schema_editor(collect_sql=True, atomic=False) as editor:
        extension().database_forwards("booking", editor, None, None)
        extension().database_backwards("booking", editor, None, None)
    assert editor.collected_sql == []
