"""Load benchmark of the public pages: `make bench` (or `.venv/bin/python bench/run.py --help`).

Starts the site under gunicorn with production settings on PostgreSQL and a real Redis
page cache (see server.py) and, beside it, the framework's floor: a bare Django app with
no middleware returning a fixed 10 KB page (floor_app.py), under the same gunicorn
configuration. wrk drives each row at 16 connections: the floor, the site's reference
view (the same 10 KB through the site's middleware), every content page served from the
page cache, the heaviest pages rendered cold (each request carries a session cookie that
matches no session, so the page cache never answers, as for staff), an address search
(never cached), and a revalidation answered 304. Then the warm-up: a content save, and
the seconds until the worker has every sitemap URL in the cache again. Ratios are to
the floor; the targets are issue #19's. The same table goes to bench/results/ as JSON.
Exits 1 when a row answers anything but what it should or a socket errs (with --strict,
also when a target is missed).
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from server import (
    DEFAULT_DATABASE_URL,
    DEFAULT_REDIS_DB,
    REPO,
    RESULTS,
    WORKERS,
    BenchError,
    etag_of,
    is_page_cached,
    measure_warm_up,
    pick_urls,
    prepare_site,
    running_floor,
    running_site,
    running_worker,
    warm,
)

FLOOR = "floor"
REFERENCE = "reference"
# A cold request: a session cookie no session has, so the page cache never answers.
COLD_COOKIE = ("Cookie", "sessionid=bench-no-such-session")


@dataclass(frozen=True)
class Row:
    """One line of the table: a page (a key of pick_urls()) driven one way."""

    label: str
    page: str
    kind: str  # cached, cold, uncached, 304, reference
    headers: tuple = ()


# Issue #19's targets per kind of row, as (least ratio to the floor, most p99 in ms).
TARGETS = {
    "cached": (0.85, 10.0),
    "304": (0.9, 10.0),
    "cold": (0.05, None),
    "uncached": (0.08, None),
    "reference": (None, None),
}
ROWS = [
    Row("reference", REFERENCE, "reference"),
    Row("home", "home", "cached"),
    Row("SI joint fusion", "si joint fusion", "cached"),
    Row("treatment", "treatment", "cached"),
    Row("search ?q=ZIP", "location search", "cached"),
    Row("office", "office", "cached"),
    Row("provider", "provider", "cached"),
    Row("testimonials", "testimonials", "cached"),
    Row("home 304", "home", "304"),
    Row("home cold", "home", "cold", (COLD_COOKIE,)),
    Row("SI fusion cold", "si joint fusion", "cold", (COLD_COOKIE,)),
    Row("office cold", "office", "cold", (COLD_COOKIE,)),
    Row("address search", "address search", "uncached"),
]
WARM_UP_TARGET_S = 10.0
PAGE_SIZE = 10 * 1024  # the floor's and the reference's page
WRK_SCRIPT = REPO / "bench" / "wrk_report.lua"


@dataclass
class Measurement:
    page: str
    path: str
    kind: str = "cached"
    size_bytes: int = 0
    page_cached: bool | None = None
    requests: int = 0
    requests_per_s: float = 0.0
    p50_ms: float = 0.0
    p90_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    not_2xx: int = 0
    socket_errors: int = 0
    ratio: float | None = None
    misses: list = field(default_factory=list)

    @property
    def errors(self):
        return self.not_2xx + self.socket_errors

    @property
    def meets_target(self):
        return not self.misses


def ensure_wrk():
    """wrk comes from Debian's packages; install it when missing (root, or through sudo)."""
    if shutil.which("wrk"):
        return
    print("wrk is missing: installing Debian's package")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)


def run_wrk(url, *, duration, connections, threads, headers=(), expect=None, paths=(), timeout=5):
    """wrk's summary; `expect` is the one status that counts as success (default any 2xx).
    With `paths`, requests go to each path on the url's host in turn."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        f"{timeout}s",
        "--latency",
        "-s",
        str(WRK_SCRIPT),
    ]
    for name, value in headers:
        command += ["-H", f"{name}: {value}"]
    command += [url, *(["--", str(expect)] if expect else [])]
    env = {**os.environ, "WRK_PATHS": " ".join(paths)}
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON ")), result.stdout
    raise BenchError(f"wrk printed no summary for {url}:\n{result.stdout}{result.stderr}")


def measurement_from_wrk(page, path, size_bytes, summary):
    seconds = summary["duration_us"] / 1e6
    return Measurement(
        page=page,
        path=path,
        size_bytes=size_bytes,
        requests=int(summary["requests"]),
        requests_per_s=summary["requests"] / seconds if seconds else 0.0,
        p50_ms=summary["p50_us"] / 1000,
        p90_ms=summary["p90_us"] / 1000,
        p99_ms=summary["p99_us"] / 1000,
        max_ms=summary["max_us"] / 1000,
        not_2xx=int(summary["not_2xx"]),
        socket_errors=int(
            summary["connect_errors"]
            + summary["read_errors"]
            + summary["write_errors"]
            + summary["timeouts"]
        ),
    )


def judge(measurement, floor_rps):
    """Fill in the ratio to the floor and the targets of its kind of row that it misses."""
    measurement.ratio = measurement.requests_per_s / floor_rps if floor_rps else None
    least_ratio, most_p99 = TARGETS.get(measurement.kind, (None, None))
    misses = []
    if measurement.errors:
        misses.append(f"{measurement.errors} errors")
    if least_ratio is not None and (measurement.ratio is None or measurement.ratio < least_ratio):
        misses.append(f"ratio < {least_ratio}")
    if most_p99 is not None and measurement.p99_ms >= most_p99:
        misses.append(f"p99 >= {most_p99:.0f} ms")
    measurement.misses = misses
    return measurement


def format_table(measurements):
    header = (
        f"{'row':<16} {'path':<34} {'KB':>5} {'cached':>6} {'req/s':>8} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'errors':>6} {'ratio':>5}  target"
    )
    lines = [header, "-" * len(header)]
    for m in measurements:
        path = m.path if len(m.path) <= 34 else m.path[:31] + "..."
        ratio = f"{m.ratio:.2f}" if m.ratio is not None else "-"
        verdict = "yes" if m.meets_target else "NO: " + ", ".join(m.misses)
        cached = {True: "yes", False: "no", None: "-"}[m.page_cached]
        lines.append(
            f"{m.page:<16} {path:<34} {m.size_bytes / 1024:5.1f} {cached:>6} "
            f"{m.requests_per_s:8.1f} {m.p50_ms:7.1f} {m.p99_ms:7.1f} {m.errors:6d} {ratio:>5}  "
            f"{verdict}"
        )
    return "\n".join(lines)


def git_commit():
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or None


def write_results(report):
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"bench-{stamp}.json"
    text = json.dumps(report, indent=2) + "\n"
    path.write_text(text)
    (RESULTS / "bench-latest.json").write_text(text)
    return path


def measure(site, urls, args):
    """Warm every page, then drive the floor, each row, and the floor again."""
    missing = sorted({row.page for row in ROWS if not urls.get(row.page)})
    for page in missing:
        print(f"  {page}: no URL (no published content of that kind?)")
    if REFERENCE in missing:
        raise BenchError("The reference view is not mounted: is BENCH_REFERENCE_VIEW=1 read?")
    rows = [row for row in ROWS if urls.get(row.page)]
    sizes, cached, broken = {}, {}, []
    for page in dict.fromkeys(row.page for row in rows):
        status, sizes[page] = warm(site, urls[page])
        cached[page] = is_page_cached(site, urls[page])
        print(
            f"  warm {page:<16} {urls[page]:<40} {status} {sizes[page] / 1024:5.1f} KB"
            f"{'  page-cached' if cached[page] else ''}"
        )
        if status != 200:
            broken.append(f"{page} ({urls[page]}) answered {status}")
    etag = etag_of(site, urls["home"])
    raws = {}

    def drive(label, base_url, path, *, kind, size, page_cached=None, headers=(), expect=None):
        summary, raw = run_wrk(
            base_url + path,
            duration=args.duration,
            connections=args.connections,
            threads=args.threads,
            headers=headers,
            expect=expect,
        )
        raws[label] = raws.get(label, "") + raw
        measurement = measurement_from_wrk(label, path, size, summary)
        measurement.kind = kind
        measurement.page_cached = page_cached
        print(
            f"  drove {label:<16} {measurement.requests_per_s:8.1f} req/s  "
            f"p99 {measurement.p99_ms:6.1f} ms  errors {measurement.errors}"
        )
        return measurement

    def drive_row(row):
        headers, expect = row.headers, None
        if row.kind == "304":
            headers, expect = (("If-None-Match", etag),), 304
        return drive(
            row.label,
            site.base_url,
            urls[row.page],
            kind=row.kind,
            size=0 if expect == 304 else sizes[row.page],
            page_cached=cached[row.page] if row.kind in ("cached", "uncached") else None,
            headers=headers,
            expect=expect,
        )

    def drive_floor():
        return drive(FLOOR, site.floor_url, "/", kind=FLOOR, size=PAGE_SIZE)

    # Short unrecorded runs first, so the first recorded ones do not pay for a cold start.
    for base_url, path in [(site.floor_url, "/"), (site.base_url, urls[REFERENCE])]:
        run_wrk(base_url + path, duration=2, connections=args.connections, threads=1)
    floor_runs = [drive_floor()]
    measured = [drive_row(row) for row in rows]
    floor_runs.append(drive_floor())
    return floor_runs, measured, missing, broken, raws


def combine_reference(runs):
    """The two floor runs, bracketing the pages, averaged: drift shows as their spread."""
    first, last = runs
    combined = Measurement(
        page=first.page,
        path=first.path,
        kind=first.kind,
        size_bytes=first.size_bytes,
        page_cached=first.page_cached,
        requests=first.requests + last.requests,
        requests_per_s=(first.requests_per_s + last.requests_per_s) / 2,
        p50_ms=max(first.p50_ms, last.p50_ms),
        p90_ms=max(first.p90_ms, last.p90_ms),
        p99_ms=max(first.p99_ms, last.p99_ms),
        max_ms=max(first.max_ms, last.max_ms),
        not_2xx=first.not_2xx + last.not_2xx,
        socket_errors=first.socket_errors + last.socket_errors,
    )
    spread = abs(first.requests_per_s - last.requests_per_s) / max(combined.requests_per_s, 1e-9)
    return combined, spread


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--duration",
        type=int,
        default=10,
        choices=range(1, 21),
        metavar="SECONDS",
        help=f"seconds of load per row, 1-20 (default 10; {len(ROWS) + 2} runs in all)",
    )
    parser.add_argument("--connections", type=int, default=16, help="default 16 (issue #7)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-db", type=int, default=DEFAULT_REDIS_DB)
    parser.add_argument(
        "--reuse-db", action="store_true", help="keep the database instead of recreating it"
    )
    parser.add_argument(
        "--strict", action="store_true", help="also exit 1 when a page misses a target"
    )
    parser.add_argument(
        "--serve-only",
        action="store_true",
        help="prepare and start the site, print its URLs, and serve until Ctrl-C",
    )
    return parser.parse_args(argv)


def serve_forever(site):
    urls = pick_urls(site.env, site.log_path)
    with running_site(site):
        print(f"Serving {site.base_url} (log: {site.log_path}); Ctrl-C stops it.")
        for page, path in urls.items():
            print(f"  {page:<20} {site.base_url}{path}" if path else f"  {page:<20} -")
        while True:
            time.sleep(3600)


def main(argv=None):
    args = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    started = time.monotonic()
    if not args.serve_only:
        ensure_wrk()
    print("Preparing the site (production settings, PostgreSQL, Redis page cache)")
    site = prepare_site(
        database_url=args.database_url, redis_db=args.redis_db, reuse_db=args.reuse_db
    )
    if args.serve_only:
        serve_forever(site)
        return 0
    urls = pick_urls(site.env, site.log_path)
    load_before = os.getloadavg()
    with running_site(site), running_floor(site):
        print(
            f"gunicorn ({WORKERS} workers) on {site.base_url}, the floor on {site.floor_url}; "
            f"wrk {args.connections} connections, {args.threads} threads, "
            f"{args.duration} s per row"
        )
        floor_runs, measured, missing, broken, raws = measure(site, urls, args)
        print("Warm-up: a content save, then every sitemap URL back in the cache")
        with running_worker(site):
            warm_up = measure_warm_up(site)
    load_after = os.getloadavg()
    floor, spread = combine_reference(floor_runs)
    judge(floor, floor.requests_per_s)
    for measurement in measured:
        judge(measurement, floor.requests_per_s)
    rows = [floor, *measured]

    print()
    print(format_table(rows))
    print()
    warm_up_ok = not warm_up["left"] and warm_up["seconds"] <= WARM_UP_TARGET_S
    print(
        f"Warm-up after a save: {warm_up['pages'] - len(warm_up['left'])} of "
        f"{warm_up['pages']} sitemap pages cached again in {warm_up['seconds']:.1f} s "
        f"(target {WARM_UP_TARGET_S:.0f} s: {'yes' if warm_up_ok else 'NO'})"
    )
    print(
        f"Load average before/after: {load_before[0]:.1f} / {load_after[0]:.1f} "
        f"on {os.cpu_count()} CPUs; ratios are to the floor (bare Django, no middleware); "
        "'cached' = found in the shared page cache after warm-up; a cold row's requests "
        "carry a session cookie that matches no session."
    )
    if spread > 0.15:
        print(
            f"Note: the two floor runs differ by {spread:.0%}; the machine was busy, "
            "so ratios are noisy. Run again when it is quiet."
        )
    problems = broken + [f"{page}: no URL to measure" for page in missing]
    problems += [f"{m.page}: {m.errors} errors under load" for m in rows if m.errors]
    report = {
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_before": load_before,
            "load_average_after": load_after,
        },
        "settings": {
            "duration_s": args.duration,
            "connections": args.connections,
            "wrk_threads": args.threads,
            "gunicorn_workers": WORKERS,
        },
        "targets": {
            "by_kind": {
                kind: {"min_ratio": r, "max_p99_ms": p} for kind, (r, p) in TARGETS.items()
            },
            "warm_up_s": WARM_UP_TARGET_S,
            "errors": 0,
        },
        "floor_runs": [asdict(run) for run in floor_runs],
        "floor_spread": spread,
        "warm_up": warm_up,
        "pages": [asdict(m) | {"errors": m.errors, "meets_target": m.meets_target} for m in rows],
        "problems": problems,
        "wrk_output": raws,
    }
    path = write_results(report)
    print(f"Results: {path.relative_to(REPO)} ({time.monotonic() - started:.0f} s in all)")
    for problem in problems:
        print(f"ERROR {problem}", file=sys.stderr)
    if problems:
        return 1
    if args.strict and not (warm_up_ok and all(m.meets_target for m in rows)):
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("bench: interrupted; gunicorn stopped.", file=sys.stderr)
        sys.exit(130)
