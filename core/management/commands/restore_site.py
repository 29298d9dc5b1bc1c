import json
import time
from pathlib import Path

import dj_database_url
from django.core.management.base import BaseCommand, CommandError
from psycopg import sql

from core import backup


class Command(BaseCommand):
    help = (
        "Restore a backup_site folder into a new PostgreSQL database (created here; an existing "
        "one must be empty) and a new media folder or S3 bucket, then check every table's row "
        "count, the triggers and constraints, and every media file's checksum against the "
        "backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a folder backup_site wrote")
        parser.add_argument(
            "--database-url", required=True, help="postgres://user@host:port/new_database"
        )
        media = parser.add_mutually_exclusive_group(required=True)
        media.add_argument("--media-root", type=Path, help="a new folder for the media")
        media.add_argument("--bucket", help="a new S3 bucket for the media (AWS_* settings)")
        parser.add_argument(
            "--jobs", type=int, default=2, help="pg_restore's parallel jobs (default 2)"
        )

    def handle(self, *args, folder, database_url, media_root, bucket, jobs, **options):
        manifest = json.loads((folder / "manifest.json").read_text())
        db = dj_database_url.parse(database_url)
        if db["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("--database-url must name a PostgreSQL database.")
        started = time.monotonic()
        # Every target is checked (new or empty) before anything is written to any of them.
        if bucket:
            target, media_bucket = f"S3 bucket {bucket}", backup.s3_bucket(bucket)
            backup.new_bucket(media_bucket)
        else:
            target = f"folder {media_root}"
            backup.new_folder(media_root)
        self.create_empty_database(db)
        backup.run_pg_tool(
            "pg_restore",
            db,
            "--no-owner",
            "--exit-on-error",
            f"--jobs={jobs}",
            str(folder / manifest["database"]["file"]),
        )
        database_seconds = time.monotonic() - started
        self.stdout.write(f"Database {db['NAME']} restored in {database_seconds:.2f} s")

        media_started = time.monotonic()
        objects = manifest["media"]["objects"]
        if bucket:
            found = backup.restore_media_to_bucket(objects, folder / "media", media_bucket)
        else:
            found = backup.restore_media_to_folder(objects, folder / "media", media_root)
        media_seconds = time.monotonic() - media_started
        self.stdout.write(
            f"{len(objects)} media files ({manifest['media']['bytes'] / 1e6:.1f} MB) restored "
            f"to {target} and read back in {media_seconds:.2f} s"
        )

        with backup.connect(db) as restored, restored.cursor() as cursor:
            tables, rules = backup.table_rows(cursor), backup.schema_rules(cursor)
        wrong = [
            *(
                f"table {name}: {tables.get(name)} rows, the backup had {count}"
                for name, count in manifest["database"]["tables"].items()
                if tables.get(name) != count
            ),
            *(
                f"{kind} missing: {rule}"
                for kind in ("triggers", "constraints")
                for rule in sorted(set(manifest["database"][kind]) - set(rules[kind]))
            ),
            *(
                f"media {name}: checksum differs from the backup's"
                for name, saved in objects.items()
                if found[name] != saved["sha256"]
            ),
        ]
        if wrong:
            raise CommandError("The restore does not match the backup:\n" + "\n".join(wrong))
        self.stdout.write(
            self.style.SUCCESS(
                f"Verified: {len(tables)} tables, {sum(tables.values())} rows, "
                f"{len(rules['triggers'])} triggers and {len(rules['constraints'])} constraints, "
                f"{len(found)} media checksums match the backup of {manifest['created_at']}. "
                f"Restored in {time.monotonic() - started:.2f} s."
            )
        )

    def create_empty_database(self, db):
        """Create the database from template0 (nothing a template1 holds can clash with the
        dump), or use an existing one only if it holds no tables: a restore never overwrites."""
        with backup.connect(db, dbname="postgres") as server:
            backup.check_client_matches_server("pg_restore", server)
            exists = server.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
            ).fetchone()
            if not exists:
                server.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(
                        sql.Identifier(db["NAME"])
                    )
                )
                return
        with backup.connect(db) as existing:
            relations = existing.execute(
                "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"
            ).fetchone()[0]
        if relations:
            raise CommandError(
                f"Database {db['NAME']} is not empty ({relations} tables, indexes, sequences): "
                "restore into a new database."
            )
