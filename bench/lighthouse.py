"""Lighthouse on the key pages, mobile and desktop: run through bench/lighthouse.sh.

Starts the site as run.py does (server.py: production settings, gunicorn, PostgreSQL,
Redis), then runs npm's lighthouse (installed in bench/node_modules by lighthouse.sh)
with Debian's chromium, offline: every request goes to the loopback server. Prints
performance, accessibility, best practices and SEO per page and preset, then every
audit that lost points, marked when the cause is the loopback setup rather than the
page. Reports (JSON and HTML) go to bench/results/lighthouse/. Targets (issue #7):
performance >= 95, the other three 100.
"""

import argparse
import json
import os
import subprocess
import sys
import time

from server import (
    DEFAULT_DATABASE_URL,
    DEFAULT_REDIS_DB,
    REPO,
    RESULTS,
    BenchError,
    pick_urls,
    prepare_site,
    running_site,
    warm,
)

PAGES = ["home", "treatment", "office", "appointment request"]
PRESETS = ["mobile", "desktop"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
LIGHTHOUSE = REPO / "bench" / "node_modules" / ".bin" / "lighthouse"
REPORTS = RESULTS / "lighthouse"

# Audits that fail only because the benchmark serves plain HTTP on loopback with a
# single Python process and no reverse proxy; production (HTTPS, proxy) passes them.
LOOPBACK_CAUSES = {
    "is-on-https": "no TLS on loopback; production is HTTPS behind the proxy",
    "redirects-http": "no TLS on loopback, so nothing to redirect to",
    "uses-http2": "gunicorn speaks HTTP/1.1; the TLS proxy in production adds HTTP/2",
    "inspector-issues": (
        "Secure session/CSRF cookies (production settings) are refused over plain HTTP"
    ),
}


def lighthouse_report(url, page, preset):
    """Run lighthouse once and return its parsed JSON report."""
    slug = f"{page.replace(' ', '-')}-{preset}"
    output_path = REPORTS / slug
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--no-enable-error-reporting",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        "--output=html",
        f"--output-path={output_path}",
        "--max-wait-for-load=30000",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    report_path = output_path.with_name(slug + ".report.json")
    if result.returncode or not report_path.exists():
        raise BenchError(f"lighthouse failed on {url} ({preset}):\n{result.stderr[-2000:]}")
    return json.loads(report_path.read_text())


def scores(report):
    return {
        name: round(category["score"] * 100) if category["score"] is not None else None
        for name, category in report["categories"].items()
    }


def _lost(category_name, category_score, ref, audit):
    if audit["score"] is None:
        return False
    if category_name != "performance":
        return ref.get("weight", 0) > 0 and audit["score"] < 1
    if ref.get("weight", 0) > 0:  # the metrics, which make the score
        return audit["score"] < 0.9
    # Below target, the diagnostics that would save time say where it goes.
    savings = audit.get("metricSavings") or {}
    below_target = category_score is not None and category_score * 100 < TARGETS["performance"]
    return below_target and audit["score"] < 0.9 and any(savings.values())


def lost_points(report):
    """The audits that cost points, each with where on the page and whether loopback is why."""
    lost = []
    for name, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if not _lost(name, category["score"], ref, audit):
                continue
            detail = audit.get("displayValue") or audit.get("explanation") or ""
            items = (audit.get("details") or {}).get("items") or []
            nodes = [
                item["node"].get("selector", "")
                for item in items
                if isinstance(item, dict) and isinstance(item.get("node"), dict)
            ][:3]
            urls = [item["url"] for item in items if isinstance(item, dict) and "url" in item][:3]
            lost.append(
                {
                    "category": name,
                    "id": ref["id"],
                    "title": audit["title"],
                    "score": audit["score"],
                    "detail": detail,
                    "where": nodes or urls,
                    "loopback_cause": LOOPBACK_CAUSES.get(ref["id"]),
                }
            )
    return lost


def format_scores(rows):
    header = f"{'page':<22} {'preset':<8} " + " ".join(f"{c[:14]:>14}" for c in CATEGORIES)
    lines = [header, "-" * len(header)]
    for row in rows:
        cells = []
        for category in CATEGORIES:
            score = row["scores"].get(category)
            mark = "" if score is not None and score >= TARGETS[category] else " !"
            cells.append(f"{'-' if score is None else score:>12}{mark:<2}")
        lines.append(f"{row['page']:<22} {row['preset']:<8} " + " ".join(cells))
    return "\n".join(lines)


def format_lost(rows):
    lines = []
    for row in rows:
        for audit in row["lost"]:
            cause = f" [loopback: {audit['loopback_cause']}]" if audit["loopback_cause"] else ""
            where = f" at {', '.join(audit['where'])}" if audit["where"] else ""
            lines.append(
                f"{row['page']} ({row['preset']}) {audit['category']}: {audit['id']} - "
                f"{audit['title']} {audit['detail']}{where}{cause}".rstrip()
            )
    return "\n".join(lines)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-db", type=int, default=DEFAULT_REDIS_DB)
    parser.add_argument("--reuse-db", action="store_true")
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=PAGES, metavar="PAGE")
    parser.add_argument("--presets", nargs="+", choices=PRESETS, default=PRESETS)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    if not LIGHTHOUSE.exists():
        raise BenchError("lighthouse is not installed: run bench/lighthouse.sh (it runs npm ci).")
    started = time.monotonic()
    print("Preparing the site (production settings, PostgreSQL, Redis page cache)")
    site = prepare_site(
        database_url=args.database_url, redis_db=args.redis_db, reuse_db=args.reuse_db
    )
    urls = pick_urls(site.env, site.log_path)
    REPORTS.mkdir(parents=True, exist_ok=True)
    rows, problems = [], []
    with running_site(site):
        for page in args.pages:
            if not urls.get(page):
                problems.append(f"{page}: no URL (no published content of that kind?)")
                continue
            status, _ = warm(site, urls[page], requests=4)
            if status != 200:
                problems.append(f"{page} ({urls[page]}) answered {status}")
                continue
            for preset in args.presets:
                report = lighthouse_report(site.base_url + urls[page], page, preset)
                row = {
                    "page": page,
                    "path": urls[page],
                    "preset": preset,
                    "scores": scores(report),
                    "lost": lost_points(report),
                }
                rows.append(row)
                print(f"  {page:<22} {preset:<8} {row['scores']}")
    print()
    print(format_scores(rows))
    print("\n'!' marks a score under its target: performance 95, the others 100.\n")
    lost = format_lost(rows)
    print("Audits that lost points:\n" + (lost or "none"))
    (RESULTS / "lighthouse-latest.json").write_text(json.dumps(rows, indent=2) + "\n")
    print(f"\nReports: {REPORTS.relative_to(REPO)}/ ({time.monotonic() - started:.0f} s in all)")
    for problem in problems:
        print(f"ERROR {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("bench: interrupted; gunicorn stopped.", file=sys.stderr)
        sys.exit(130)
