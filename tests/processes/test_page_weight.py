"""Budget: HTML + CSS + JS of a page under 150 KB compressed (DESIGN.md).

Each page is fetched with its stylesheets and scripts as a browser would ask
for them, and everything is gzipped as it goes over the wire (WhiteNoise
serves the static files compressed; the proxy compresses the HTML).
"""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from processes.services.comments import comment_add
from processes.services.needs import need_log
from processes.services.solutions import solution_propose

BUDGET_BYTES = 150 * 1024
ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="/static/([^"?]+)"')
CSS_IMPORT = re.compile(r'@import\s+(?:url\()?["\']?([^"\')]+)')

pytestmark = pytest.mark.django_db


def compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def static_bytes(path: str, seen: set[str]) -> int:
    """A static file compressed, with the stylesheets it imports."""
    if path in seen:
        return 0
    seen.add(path)
    found = finders.find(path)
    assert found, f"{path} is linked but not found"
    with open(found, "rb") as handle:
        data = handle.read()
    total = compressed(data)
    if path.endswith(".css"):
        folder = path.rsplit("/", 1)[0]
        for imported in CSS_IMPORT.findall(data.decode("utf-8", "replace")):
            total += static_bytes(f"{folder}/{imported}".replace("/./", "/"), seen)
    return total


def page_weight(client: Client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200
    seen: set[str] = set()
    assets = sum(static_bytes(path, seen) for path in ASSET.findall(response.text))
    return compressed(response.content) + assets


@pytest.fixture
def full_process(process, citizen, make_user):
    """Full pages: a page of needs, a solution with a long comment thread."""
    needs = [
        need_log(
            process=process,
            author=citizen,
            body="Vi trenger bedre belysning på gangveien til skolen om vinteren. " * 8,
            who_has_need="Barn som går til skolen",
        )
        for _ in range(30)
    ]
    solution = solution_propose(
        process=process, author=citizen, title="Gatelys", body="Lys langs veien. " * 40, needs=needs
    )
    neighbour = make_user("nabo@example.org", "Nina Nabo")
    for n in range(40):
        comment_add(target=solution, author=neighbour, body=f"Kommentar {n}: enig i forslaget.")
    return process, solution


def test_the_biggest_pages_stay_inside_the_weight_budget(client, citizen, full_process):
    process, solution = full_process
    client.force_login(citizen)
    urls = [
        "/",
        reverse("processes:list"),
        process.get_absolute_url(),
        reverse("processes:needs", args=[process.slug]),
        solution.get_absolute_url(),
    ]
    weights = {url: page_weight(client, url) for url in urls}

    assert max(weights.values()) < BUDGET_BYTES, weights
    # The measurement itself: the stylesheets alone are tens of kilobytes.
    assert min(weights.values()) > 20 * 1024, weights
