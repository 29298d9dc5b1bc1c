"""The patient-style query set (tests/search/queries.json): each query's page in the top three,
in English on /search/ and in Spanish on /es/search/."""

import json
from pathlib import Path

import pytest

from .conftest import result_urls, search_page

QUERIES = json.loads((Path(__file__).parent / "queries.json").read_text())
TOP = 3
PREFIX = {"en": "", "es": "/es"}


def test_the_query_set_is_large_and_half_in_each_language():
    english, spanish = len(QUERIES["en"]), len(QUERIES["es"])
    assert english + spanish >= 100
    assert 0.4 <= english / (english + spanish) <= 0.6


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_query_set_finds_its_pages(client, indexed_demo, language):
    cases = QUERIES[language]
    found, empty, misses = 0, 0, []
    for case in cases:
        response = search_page(client, case["q"], prefix=PREFIX[language])
        urls = [url.split("#")[0] for url in result_urls(response)[:TOP]]
        if not urls:
            empty += 1
        if any(url.startswith(case["url"]) for url in urls):
            found += 1
        else:
            misses.append(f"{case['q']!r}: wanted {case['url']}, got {urls}")
    print(
        f"\n{language}: {found}/{len(cases)} ({found / len(cases):.0%}) in the top {TOP}, "
        f"{empty} with no result\n" + "\n".join(misses)
    )
    assert found / len(cases) >= 0.9, misses
    assert empty / len(cases) < 0.05
