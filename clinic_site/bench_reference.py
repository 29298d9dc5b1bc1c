"""A fixed 10 KB page for the load benchmark (`make bench`): the floor the framework sets.

It passes through every middleware like a real page, but renders no template, reads
no database and is never cached, so bench/run.py can compare each content page's
throughput with it. It is mounted only when BENCH_REFERENCE_VIEW=1 (see urls.py).
"""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

PAGE_SIZE = 10 * 1024


def _build_page():
    head = (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Benchmark reference</title>\n</head>\n<body>\n<h1>Benchmark reference</h1>\n"
    )
    tail = "</body>\n</html>\n"
    paragraph = "<p>" + "A fixed page of text, the same for every request. " * 3 + "</p>\n"
    body = ""
    while len(head) + len(body) + len(paragraph) + len(tail) <= PAGE_SIZE:
        body += paragraph
    padding = PAGE_SIZE - len(head) - len(body) - len(tail)
    return (head + body + " " * padding + tail).encode()


PAGE = _build_page()


@require_GET
def reference(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")
