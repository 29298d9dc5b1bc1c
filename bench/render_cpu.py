"""CPU time per render of the heaviest public pages, in one process: `make bench-render`.

wrk's requests/s on a shared machine move with everyone else's load; the CPU time this
process spends per request does not, so this is how a change to rendering is judged.
Each page is fetched through Django's test client (the whole middleware chain) on the
database in DATABASE_URL (the demo must be loaded: `manage.py load_demo`), after a few
unmeasured requests that load the templates:

- cold: a session cookie that matches no session, so the page cache never answers, but
  blocks kept per content version (footer, navigation, carousel) are as a patient after
  warm-up finds them;
- after a save: the whole cache emptied before each request, as the first request after a
  staff save finds it when nothing has warmed the pages again.

    .venv/bin/python bench/render_cpu.py --rounds 50
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = [
    ("home", "/"),
    ("SI joint fusion", "/treatments/si-joint-fusion/"),
    ("office", "/locations/hagerstown/"),
    ("home (es)", "/es/"),
    ("SI joint fusion (es)", "/es/treatments/si-joint-fusion/"),
    ("office (es)", "/es/locations/hagerstown/"),
    ("address search", "/locations/?q=100+W+Washington+St%2C+Hagerstown%2C+MD"),
]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic_site.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"

    def render(path, flush):
        if flush:
            cache.clear()
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return response

    print(f"{'page':<22} {'KB':>5} {'SQL':>4} {'cold ms':>8} {'after save ms':>14}  (CPU)")
    for label, path in PAGES:
        row = []
        for flush in (False, True):
            for _ in range(3):
                response = render(path, flush)
            times = []
            for _ in range(args.rounds):
                started = time.process_time()
                render(path, flush)
                times.append((time.process_time() - started) * 1000)
            row.append(statistics.median(times))
        with CaptureQueriesContext(connection) as queries:
            render(path, False)
        print(
            f"{label:<22} {len(response.content) / 1024:5.1f} {len(queries):4d} "
            f"{row[0]:8.2f} {row[1]:14.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
