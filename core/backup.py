"""What the backup_site and restore_site commands share: PostgreSQL connections, the tables'
row counts and rules, and the media (a folder or an S3 bucket) copied with their checksums.

A backup folder holds database.dump (pg_dump's custom format), media/ (one file per object,
under its own name) and manifest.json, which says what the restore must find again.
"""

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import psycopg
from django.core.management.base import CommandError
from psycopg import sql
from psycopg.conninfo import make_conninfo
from storages.backends.s3 import S3Storage

# The headers that make an object behave as the site stored it (a PDF downloads, names cache).
KEPT_HEADERS = ("ContentType", "ContentDisposition", "CacheControl", "ContentEncoding")
CHUNK = 1024 * 1024


def libpq_params(db):
    """libpq's connection keywords for a Django DATABASES entry, less the password."""
    params = {"dbname": db["NAME"], "user": db["USER"], "host": db["HOST"], "port": db["PORT"]}
    return {key: str(value) for key, value in params.items() if value}


def conninfo(db):
    """The connection string pg_dump and pg_restore take as --dbname."""
    return make_conninfo(**libpq_params(db))


def connect(db, **overrides):
    return psycopg.connect(
        **{**libpq_params(db), **overrides}, password=db.get("PASSWORD") or None, autocommit=True
    )


def check_client_matches_server(tool, connection):
    """An older pg_dump refuses a newer server, and a newer one writes archives an older
    pg_restore cannot read: use the client of the server's own major version."""
    printed = subprocess.run(  # noqa: S603 - our own tool name, no shell
        [tool, "--version"], capture_output=True, text=True, check=True
    ).stdout
    client = int(re.search(r"\) (\d+)", printed).group(1))
    server = connection.info.server_version // 10000
    if client != server:
        raise CommandError(
            f"{tool} is version {client} and the server {server}: install "
            f"postgresql-client-{server} (Debian) and put its {tool} first on PATH."
        )
    return printed.strip()


def run_pg_tool(tool, db, *arguments):
    """pg_dump or pg_restore on the database `db`; its password goes through the environment,
    never on a command line other users can read."""
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else None
    subprocess.run(  # noqa: S603 - the operator's own arguments, no shell
        [tool, *arguments, f"--dbname={conninfo(db)}"], env=env, check=True
    )


def table_rows(cursor):
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    counts = {}
    for (name,) in cursor.fetchall():
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name)))
        counts[name] = cursor.fetchone()[0]
    return counts


def schema_rules(cursor):
    """The triggers (the audit log's append-only one) and constraints (the booking overlap
    exclusion, the checks) that must come back with the tables."""
    cursor.execute(
        "SELECT tgrelid::regclass::text || ' ' || tgname FROM pg_trigger "
        "WHERE NOT tgisinternal ORDER BY 1"
    )
    triggers = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT conrelid::regclass::text || ' ' || conname FROM pg_constraint "
        "WHERE connamespace = 'public'::regnamespace ORDER BY 1"
    )
    return {"triggers": triggers, "constraints": [row[0] for row in cursor.fetchall()]}


def copy_hashing(source, target: Path):
    """Copy an open binary stream to a new file; its sha256 and size."""
    digest, size = hashlib.sha256(), 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return {"sha256": digest.hexdigest(), "bytes": size}


def file_sha256(stream):
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def s3_bucket(name):
    """The boto3 Bucket, connected as django-storages connects the site (AWS_* settings and
    environment), at AWS_S3_ENDPOINT_URL when that names an S3-compatible server."""
    options = {"bucket_name": name}
    if os.environ.get("AWS_S3_ENDPOINT_URL"):
        options["endpoint_url"] = os.environ["AWS_S3_ENDPOINT_URL"]
    return S3Storage(**options).bucket


def save_media_from_folder(folder: Path, target: Path):
    objects = {}
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = path.relative_to(folder).as_posix()
            with path.open("rb") as source:
                objects[name] = copy_hashing(source, target / name)
    return objects


def save_media_from_bucket(bucket, target: Path):
    objects = {}
    for summary in bucket.objects.all():
        got = summary.get()
        objects[summary.key] = {
            **copy_hashing(got["Body"], target / summary.key),
            "headers": {key: got[key] for key in KEPT_HEADERS if got.get(key)},
        }
    return objects


def new_folder(folder: Path):
    """Make the folder, refusing one that holds anything: nothing is ever overwritten."""
    if folder.exists() and any(folder.iterdir()):
        raise CommandError(f"{folder} is not empty: use a new folder.")
    folder.mkdir(parents=True, exist_ok=True)


def new_bucket(bucket):
    """Create the bucket, or use an existing one only if it is empty."""
    client = bucket.meta.client
    if bucket.name in {each["Name"] for each in client.list_buckets()["Buckets"]}:
        if any(True for _ in bucket.objects.limit(1)):
            raise CommandError(f"Bucket {bucket.name} is not empty: use a new bucket.")
        return
    region = client.meta.region_name
    if region and region != "us-east-1":  # the one region S3 refuses to be told
        bucket.create(CreateBucketConfiguration={"LocationConstraint": region})
    else:
        bucket.create()


def restore_media_to_folder(objects, source: Path, folder: Path):
    """Copy the saved media into the folder, then read each back: name -> its sha256 now."""
    for name in objects:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, folder / name)
    found = {}
    for name in objects:
        with (folder / name).open("rb") as restored:
            found[name] = file_sha256(restored)
    return found


def restore_media_to_bucket(objects, source: Path, bucket):
    """Upload the saved media with their headers, then read each back: name -> its sha256."""
    for name, saved in objects.items():
        bucket.upload_file(str(source / name), name, ExtraArgs=saved.get("headers", {}))
    return {name: file_sha256(bucket.Object(name).get()["Body"]) for name in objects}
