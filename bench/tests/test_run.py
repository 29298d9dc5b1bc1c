import http.server
import io
import json
import shutil
import threading

import pytest
import run
from django.core.management import call_command
from lighthouse import lost_points
from server import _PICK_URLS, BenchError, reset_database

from treatments.models import Treatment


def _summary(**overrides):
    summary = {
        "requests": 5000,
        "duration_us": 10_000_000,
        "bytes": 0,
        "not_2xx": 0,
        "connect_errors": 0,
        "read_errors": 0,
        "write_errors": 0,
        "timeouts": 0,
        "p50_us": 8000,
        "p90_us": 15000,
        "p99_us": 30000,
        "max_us": 60000,
        "mean_us": 9000.0,
    }
    return summary | overrides


def test_a_cached_page_near_the_floor_meets_the_target():
    page = run.measurement_from_wrk("home", "/", 6000, _summary(p99_us=8000))
    run.judge(page, floor_rps=550.0)

    assert page.requests_per_s == 500.0
    assert page.p99_ms == 8.0
    assert page.ratio == pytest.approx(500 / 550)
    assert page.meets_target


def test_slow_erring_page_misses_every_target_and_says_why():
    summary = _summary(requests=1000, p99_us=80000, not_2xx=3, timeouts=2)
    page = run.measurement_from_wrk("office", "/locations/x/", 4000, summary)
    run.judge(page, floor_rps=1000.0)

    assert page.errors == 5
    assert page.misses == ["5 errors", "ratio < 0.85", "p99 >= 10 ms"]
    assert "NO: 5 errors, ratio < 0.85, p99 >= 10 ms" in run.format_table([page])


def test_each_kind_of_row_is_held_to_its_own_target():
    def judged(kind, requests, p99_us=80000):
        page = run.measurement_from_wrk(kind, "/", 0, _summary(requests=requests, p99_us=p99_us))
        page.kind = kind
        return run.judge(page, floor_rps=1000.0)

    assert judged("cold", 600).meets_target  # 0.06 of the floor, slow p99 allowed
    assert judged("cold", 400).misses == ["ratio < 0.05"]
    assert judged("uncached", 700).misses == ["ratio < 0.08"]
    assert judged("304", 8800, p99_us=5000).misses == ["ratio < 0.9"]
    assert judged("reference", 100).meets_target


def test_the_floor_is_judged_on_errors_only_and_averaged_over_its_two_runs():
    first = run.measurement_from_wrk("floor", "/", 10240, _summary(requests=9000))
    last = run.measurement_from_wrk("floor", "/", 10240, _summary(requests=11000))
    first.kind = last.kind = "floor"
    floor, spread = run.combine_reference([first, last])
    run.judge(floor, floor.requests_per_s)

    assert floor.requests_per_s == 1000.0
    assert spread == pytest.approx(0.2)
    assert floor.kind == "floor" and floor.ratio == 1.0
    assert floor.meets_target


def test_reset_refuses_a_database_that_is_not_the_benchmarks():
    with pytest.raises(BenchError, match="only resets clinic_bench"):
        reset_database("postgres://postgres@127.0.0.1:5432/clinic")


class _RedirectingHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        status = 302 if self.path == "/moved" else 200
        self.send_response(status)
        self.send_header("Location", "/")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed")
def test_wrk_script_counts_redirects_as_errors_and_success_as_none():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _RedirectingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        moved, _ = run.run_wrk(base + "/moved", duration=1, connections=2, threads=1)
        fine, _ = run.run_wrk(base + "/", duration=1, connections=2, threads=1)
    finally:
        server.shutdown()

    assert moved["requests"] > 0
    assert moved["not_2xx"] == moved["requests"]
    assert fine["requests"] > 0
    assert fine["not_2xx"] == 0


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed")
def test_wrk_script_counts_only_other_statuses_when_one_is_expected():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _RedirectingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        moved, _ = run.run_wrk(base + "/moved", duration=1, connections=2, threads=1, expect=302)
        fine, _ = run.run_wrk(base + "/", duration=1, connections=2, threads=1, expect=302)
    finally:
        server.shutdown()

    assert moved["requests"] > 0 and moved["not_2xx"] == 0
    assert fine["not_2xx"] == fine["requests"] > 0


def _report(audits, refs, category="accessibility"):
    return {"categories": {category: {"score": 0.9, "auditRefs": refs}}, "audits": audits}


def test_lighthouse_lists_failed_weighted_audits_and_marks_loopback_causes():
    audits = {
        "color-contrast": {
            "title": "Contrast",
            "score": 0,
            "details": {"items": [{"node": {"selector": "a.button"}}]},
        },
        "is-on-https": {"title": "HTTPS", "score": 0},
        "unweighted": {"title": "Manual check", "score": 0},
        "passing": {"title": "Fine", "score": 1},
    }
    refs = [
        {"id": "color-contrast", "weight": 7},
        {"id": "is-on-https", "weight": 5},
        {"id": "unweighted", "weight": 0},
        {"id": "passing", "weight": 3},
    ]

    lost = lost_points(_report(audits, refs))

    assert [audit["id"] for audit in lost] == ["color-contrast", "is-on-https"]
    assert lost[0]["where"] == ["a.button"]
    assert lost[0]["loopback_cause"] is None
    assert "TLS" in lost[1]["loopback_cause"]


def test_lighthouse_lists_performance_diagnostics_only_when_the_score_is_under_target():
    audits = {
        "largest-contentful-paint": {"title": "LCP", "score": 0.5, "displayValue": "4 s"},
        "render-blocking-insight": {
            "title": "Render blocking",
            "score": 0,
            "metricSavings": {"FCP": 300},
        },
        "network-dependency-tree-insight": {
            "title": "Tree",
            "score": 0,
            "metricSavings": {"LCP": 0},
        },
    }
    refs = [
        {"id": "largest-contentful-paint", "weight": 25, "group": "metrics"},
        {"id": "render-blocking-insight", "weight": 0},
        {"id": "network-dependency-tree-insight", "weight": 0},
    ]
    slow = _report(audits, refs, category="performance")
    fast = _report(audits, refs, category="performance")
    slow["categories"]["performance"]["score"] = 0.80
    fast["categories"]["performance"]["score"] = 0.99

    assert [a["id"] for a in lost_points(slow)] == [
        "largest-contentful-paint",
        "render-blocking-insight",
    ]
    assert [a["id"] for a in lost_points(fast)] == ["largest-contentful-paint"]


@pytest.mark.django_db
def test_pages_to_measure_are_read_from_the_published_content(capsys, settings):
    settings.DEBUG = True  # load_demo runs only in a DEBUG database
    call_command("load_demo", stdout=io.StringIO())
    first = Treatment.objects.published().first()
    first.is_published = False
    first.save()

    exec(_PICK_URLS, {})  # noqa: S102 - our own snippet, as manage.py shell runs it

    line = capsys.readouterr().out.strip()
    urls = json.loads(line.removeprefix("BENCH_URLS "))
    assert urls["home"] == "/"
    assert urls["treatment"] == Treatment.objects.published().first().get_absolute_url()
    assert urls["treatment"] != first.get_absolute_url()
    assert urls["location search"] == "/locations/?q=21740"
    assert urls["si joint fusion"] == "/treatments/si-joint-fusion/"
    assert urls["address search"].startswith("/locations/?q=100+W+Washington")
    assert urls["office"].startswith("/locations/")
    assert urls["appointment request"] == "/appointments/request/"
