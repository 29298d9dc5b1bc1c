import json
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from core import backup


class Command(BaseCommand):
    help = (
        "Back up the site into a new folder: the PostgreSQL database (pg_dump -Fc), the "
        "uploaded media (MEDIA_ROOT, or the S3 bucket when AWS_STORAGE_BUCKET_NAME is set) "
        "and manifest.json (row counts, media checksums) for restore_site to verify against."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a new or empty folder")
        parser.add_argument(
            "--bucket",
            default=os.environ.get("AWS_STORAGE_BUCKET_NAME") or None,
            help="the media bucket (default: AWS_STORAGE_BUCKET_NAME; none: MEDIA_ROOT)",
        )

    def handle(self, *args, folder, bucket, **options):
        # SQLite is for local runs only (settings.py): production's database is PostgreSQL, and
        # one tested path is worth more than a second for a database nobody restores from.
        if connection.vendor != "postgresql":
            raise CommandError(
                "backup_site backs up PostgreSQL, the production database. For a local SQLite "
                "run, stop the site and copy db.sqlite3 and the media folder."
            )
        backup.new_folder(folder)
        started = time.monotonic()
        database = self.dump_database(folder / "database.dump")
        # After the database: uploads are never overwritten (file_overwrite is off), so every
        # file the dump refers to is already there; a later upload is merely extra.
        media_started = time.monotonic()
        if bucket:
            source = f"S3 bucket {bucket}"
            objects = backup.save_media_from_bucket(backup.s3_bucket(bucket), folder / "media")
        else:
            source = f"folder {settings.MEDIA_ROOT}"
            objects = backup.save_media_from_folder(Path(settings.MEDIA_ROOT), folder / "media")
        media = {
            "source": source,
            "seconds": round(time.monotonic() - media_started, 2),
            "bytes": sum(each["bytes"] for each in objects.values()),
            "objects": objects,
        }
        manifest = {
            "created_at": timezone.now().isoformat(),
            "seconds": round(time.monotonic() - started, 2),
            "database": database,
            "media": media,
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
        rows = sum(database["tables"].values())
        self.stdout.write(
            f"Database: {len(database['tables'])} tables, {rows} rows, "
            f"{database['bytes'] / 1e6:.1f} MB dump in {database['seconds']} s\n"
            f"Media from {source}: {len(objects)} files, {media['bytes'] / 1e6:.1f} MB "
            f"in {media['seconds']} s\n"
            f"Backup written to {folder} in {manifest['seconds']} s"
        )

    def dump_database(self, path):
        """pg_dump and the row counts read one snapshot: the counts are the dump's own."""
        db = connection.settings_dict
        started = time.monotonic()
        with backup.connect(db) as source, source.transaction(), source.cursor() as cursor:
            tool = backup.check_client_matches_server("pg_dump", source)
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = backup.table_rows(cursor)
            rules = backup.schema_rules(cursor)
            # The snapshot lives as long as this transaction: pg_dump runs inside it.
            backup.run_pg_tool(
                "pg_dump", db, "--format=custom", f"--snapshot={snapshot}", f"--file={path}"
            )
        return {
            "file": path.name,
            "pg_dump": tool,
            "seconds": round(time.monotonic() - started, 2),
            "bytes": path.stat().st_size,
            "tables": tables,
            **rules,
        }
