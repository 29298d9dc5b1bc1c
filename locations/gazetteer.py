"""The offline US gazetteer: ZIP codes and city names with their centres, from `zipcodes`.

`fill_gazetteer()` is idempotent: it inserts what is missing and leaves the rest alone, so
`manage.py load_gazetteer` (and the demo loader that calls it) can run any number of times.
"""

import functools
import re
import unicodedata

from django.db import connection, transaction

from .models import Place

# Abbreviations a patient types for the words the postal service spells out.
CITY_PREFIXES = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}


def fold_accents(text):
    """'Añasco' -> 'Anasco': the postal service spells place names without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def city_key(name):
    """'St. Louis' and 'saint louis' -> 'saint louis': the form cities are looked up by."""
    words = re.sub(r"[^a-z0-9 ]+", " ", fold_accents(name).lower()).split()
    if words and words[0] in CITY_PREFIXES:
        words[0] = CITY_PREFIXES[words[0]]
    return " ".join(words)


INSERT_BATCH = 1000  # rows per statement: 8,000 parameters, under every backend's limit
COLUMNS = (
    "zip_code",
    "city",
    "city_key",
    "state",
    "latitude",
    "longitude",
    "time_zone",
    "is_primary",
)


@functools.cache
def gazetteer_rows():
    """Row tuples from the zipcodes package: active ZIPs with a real position and time zone.

    Cached for the life of the process: reading the package takes a second, and tests that
    load the demo fill a fresh database many times.
    """
    import zipcodes

    rows = []
    for record in zipcodes.filter_by(active=True):
        if not record["timezone"].startswith(("America/", "Pacific/")) or not float(
            record["lat"] or 0
        ):
            continue  # military and agency mail codes at "0.0000": no place on the map
        keys = {}
        for name in [record["city"], *record["acceptable_cities"]]:
            keys.setdefault(city_key(name), name.title() if name.isupper() else name)
        for position, (key, name) in enumerate(keys.items()):
            rows.append(
                (
                    record["zip_code"],
                    name,
                    key,
                    record["state"],
                    float(record["lat"]),
                    float(record["long"]),
                    record["timezone"],
                    position == 0,
                )
            )
    return tuple(rows)


@transaction.atomic
def fill_gazetteer(states=None):
    """Insert every missing gazetteer row (only those of `states`, if given); return the count.

    Plain tuples, not model instances, by COPY or multi-row INSERT: 55,000 rows take about
    a second, which matters because tests that load the demo fill a fresh table each time.
    """
    rows = [row for row in gazetteer_rows() if states is None or row[3] in states]
    if Place.objects.count() >= len(rows) and states is None:
        return 0
    existing = set(Place.objects.values_list("zip_code", "city_key"))
    missing = [row for row in rows if (row[0], row[2]) not in existing]
    table = connection.ops.quote_name(Place._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is three times faster than INSERT here; the demo loads this table often.
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in missing:
                    copy.write_row(row)
            return len(missing)
        row_placeholders = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"
        for start in range(0, len(missing), INSERT_BATCH):
            batch = missing[start : start + INSERT_BATCH]
            values = ", ".join([row_placeholders] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values}",  # noqa: S608
                [value for row in batch for value in row],
            )
    return len(missing)
