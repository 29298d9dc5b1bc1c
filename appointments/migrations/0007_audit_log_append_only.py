"""On PostgreSQL, the audit log refuses UPDATE and DELETE in the database itself.

The model already refuses to change or delete entries; this trigger refuses them from any
SQL at all (a raw query, a bug, an injection), whichever role the site connects as. The
anonymize and retention paths only ever insert into the log. TRUNCATE is not a row event
and is left alone: the test suite empties every table that way between tests. A later
migration that must rewrite entries drops the trigger and creates it again.
No-op on SQLite, which is for local runs only.
"""

from django.db import migrations

CREATE = [
    """
CREATE FUNCTION appointments_auditlogentry_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit log entries cannot be changed or deleted (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER appointments_auditlogentry_append_only
    BEFORE UPDATE OR DELETE ON appointments_auditlogentry
    FOR EACH ROW EXECUTE FUNCTION appointments_auditlogentry_refuse_change()
""",
]

DROP = [
    "DROP TRIGGER IF EXISTS appointments_auditlogentry_append_only ON appointments_auditlogentry",
    "DROP FUNCTION IF EXISTS appointments_auditlogentry_refuse_change()",
]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("appointments", "0006_audit_client_and_subject")]

    operations = [migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP))]
