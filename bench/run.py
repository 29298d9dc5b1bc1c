"""Load benchmark of the public pages: `make bench` (or `.venv/bin/python bench/run.py --help`).

Starts the site under gunicorn with production settings on PostgreSQL and a real Redis
page cache (see server.py), drives each page with wrk at 16 connections, and prints
requests/s, p50, p99, errors and the ratio to a reference view that returns a fixed
10 KB page through the same middleware. Targets (issue #7): ratio >= 0.6, p99 < 50 ms,
zero errors. The same table goes to bench/results/ as JSON. Exits 1 when a page
answers anything but 2xx or a socket errs (with --strict, also when a target is missed).
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
    is_page_cached,
    pick_urls,
    prepare_site,
    running_site,
    warm,
)

# The pages of issue #7 in the order they are driven; the reference runs first and last.
PAGES = [
    "home",
    "treatment",
    "location search",
    "office",
    "provider",
    "testimonials",
]
REFERENCE = "reference"
MIN_RATIO = 0.6
MAX_P99_MS = 50.0
WRK_SCRIPT = REPO / "bench" / "wrk_report.lua"


@dataclass
class Measurement:
    page: str
    path: str
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


def run_wrk(url, *, duration, connections, threads):
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "5s",
        "--latency",
        "-s",
        str(WRK_SCRIPT),
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
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


def judge(measurement, reference_rps):
    """Fill in the ratio to the reference and the targets the page misses."""
    measurement.ratio = measurement.requests_per_s / reference_rps if reference_rps else None
    misses = []
    if measurement.errors:
        misses.append(f"{measurement.errors} errors")
    if measurement.page != REFERENCE:
        if measurement.ratio is None or measurement.ratio < MIN_RATIO:
            misses.append(f"ratio < {MIN_RATIO}")
        if measurement.p99_ms >= MAX_P99_MS:
            misses.append(f"p99 >= {MAX_P99_MS:.0f} ms")
    measurement.misses = misses
    return measurement


def format_table(measurements):
    header = (
        f"{'page':<16} {'path':<34} {'KB':>5} {'cached':>6} {'req/s':>8} {'p50 ms':>7} "
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
    """Warm every page, then drive the reference, each page, and the reference again."""
    missing = [page for page in [REFERENCE, *PAGES] if not urls.get(page)]
    for page in missing:
        print(f"  {page}: no URL (no published content of that kind?)")
    pages = [page for page in PAGES if page not in missing]
    if REFERENCE in missing:
        raise BenchError("The reference view is not mounted: is BENCH_REFERENCE_VIEW=1 read?")
    sizes, cached, broken = {}, {}, []
    for page in [REFERENCE, *pages]:
        status, sizes[page] = warm(site, urls[page])
        cached[page] = is_page_cached(site, urls[page])
        print(
            f"  warm {page:<16} {urls[page]:<40} {status} {sizes[page] / 1024:5.1f} KB"
            f"{'  page-cached' if cached[page] else ''}"
        )
        if status != 200:
            broken.append(f"{page} ({urls[page]}) answered {status}")

    def drive(page):
        summary, raw = run_wrk(
            site.base_url + urls[page],
            duration=args.duration,
            connections=args.connections,
            threads=args.threads,
        )
        raws[page] = raws.get(page, "") + raw
        measurement = measurement_from_wrk(page, urls[page], sizes[page], summary)
        measurement.page_cached = cached[page]
        print(
            f"  drove {page:<16} {measurement.requests_per_s:8.1f} req/s  "
            f"p99 {measurement.p99_ms:6.1f} ms  errors {measurement.errors}"
        )
        return measurement

    raws = {}
    # A short unrecorded run first, so the first recorded one does not pay for a cold start.
    run_wrk(site.base_url + urls[REFERENCE], duration=2, connections=args.connections, threads=1)
    reference_runs = [drive(REFERENCE)]
    measured = [drive(page) for page in pages]
    reference_runs.append(drive(REFERENCE))
    return reference_runs, measured, missing, broken, raws


def combine_reference(runs):
    """The two reference runs, bracketing the pages, averaged: drift shows as their spread."""
    first, last = runs
    combined = Measurement(
        page=REFERENCE,
        path=first.path,
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
        help="seconds of load per page, 1-20 (default 10; 8 runs in all)",
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
    with running_site(site):
        print(
            f"gunicorn ({WORKERS} workers) on {site.base_url}; wrk {args.connections} "
            f"connections, {args.threads} threads, {args.duration} s per page"
        )
        reference_runs, measured, missing, broken, raws = measure(site, urls, args)
    load_after = os.getloadavg()
    reference, spread = combine_reference(reference_runs)
    judge(reference, reference.requests_per_s)
    for measurement in measured:
        judge(measurement, reference.requests_per_s)
    rows = [reference, *measured]

    print()
    print(format_table(rows))
    print()
    print(
        f"Load average before/after: {load_before[0]:.1f} / {load_after[0]:.1f} "
        f"on {os.cpu_count()} CPUs; 'cached' = found in the shared page cache after warm-up."
    )
    if spread > 0.15:
        print(
            f"Note: the two reference runs differ by {spread:.0%}; the machine was busy, "
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
        "targets": {"min_ratio": MIN_RATIO, "max_p99_ms": MAX_P99_MS, "errors": 0},
        "reference_runs": [asdict(run) for run in reference_runs],
        "reference_spread": spread,
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
    if args.strict and not all(m.meets_target for m in rows):
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
