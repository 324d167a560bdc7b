"""/prosesser/: public processes, drafts for staff, filters, search and paging."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from processes.models import Need, Process, Round, Topic

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
LIST = "/prosesser/"


def _process(municipality, owner, slug, *, title=None, status="open", level=2, **extra):
    process = Process.objects.create(
        municipality=municipality,
        slug=slug,
        title=title or slug.replace("-", " ").capitalize(),
        summary=extra.pop("summary", "Et sammendrag"),
        problem_statement=extra.pop("problem_statement", "Et problem"),
        status=status,
        level=level,
        **extra,
    )
    process.owners.add(owner)
    Round.objects.create(process=process, number=1)
    return process


@pytest.fixture
def nordvik_draft(other_municipality, other_staff):
    return _process(other_municipality, other_staff, "nordvik-utkast", status="draft")


def test_list_url_is_prosesser():
    assert reverse("processes:list") == LIST


@pytest.mark.parametrize("role", [None, "citizen", "politician", "other_staff"])
def test_visitors_without_staff_role_see_public_processes_only(
    client, request, role, process, draft_process
):
    if role:
        client.force_login(request.getfixturevalue(role))

    text = client.get(LIST).text

    assert "Trygg skolevei" in text
    assert "Nytt bibliotek" not in text


@pytest.mark.parametrize("role", ["staff", "staff_non_owner", "admin_user"])
def test_staff_see_drafts_too(client, request, role, process, draft_process):
    client.force_login(request.getfixturevalue(role))

    text = client.get(LIST).text

    assert "Trygg skolevei" in text and "Nytt bibliotek" in text


def test_another_municipalitys_processes_and_drafts_never_show(
    client, staff, process, nordvik_draft, other_municipality, other_staff
):
    _process(other_municipality, other_staff, "nordvik-havn", title="Nordvik havn")
    client.force_login(staff)

    text = client.get(LIST).text

    assert "Nordvik havn" not in text and "Nordvik utkast" not in text


def test_nordvik_staff_see_their_own_draft_on_their_own_host(
    client, other_staff, nordvik_draft, process
):
    client.force_login(other_staff)

    text = client.get(LIST, HTTP_HOST="nordvik.localhost").text

    assert "Nordvik-utkast" in text or "Nordvik utkast" in text
    assert "Trygg skolevei" not in text


def test_filter_by_status_level_and_topic(client, municipality, staff, process):
    topic = Topic.objects.create(municipality=municipality, name="Trafikk", slug="trafikk")
    process.topics.add(topic)
    _process(municipality, staff, "gammel-sak", title="Gammel sak", status="concluded", level=1)

    assert "Gammel sak" not in client.get(LIST, {"status": "open"}).text
    assert "Gammel sak" in client.get(LIST, {"status": "concluded"}).text
    by_level = client.get(LIST, {"level": "1"}).text
    assert "Gammel sak" in by_level and "Trygg skolevei" not in by_level
    by_topic = client.get(LIST, {"topic": "trafikk"}).text
    assert "Trygg skolevei" in by_topic and "Gammel sak" not in by_topic


def test_citizens_cannot_filter_their_way_to_drafts(client, citizen, draft_process):
    client.force_login(citizen)

    text = client.get(LIST, {"status": "draft"}).text

    assert "Nytt bibliotek" not in text


def test_filter_form_has_labels_and_htmx_attributes(client, municipality):
    text = client.get(LIST).text

    for field in ("q", "status", "level", "topic"):
        assert f'<label class="ds-label" for="id_{field}">' in text
    assert 'data-hx-get="/prosesser/"' in text
    assert 'data-hx-target="#resultater"' in text
    assert 'data-hx-push-url="true"' in text
    assert 'method="get"' in text


def test_htmx_filter_returns_only_the_results_region(client, process):
    fragment = client.get(LIST, {"status": "open"}, **HTMX)
    page = client.get(LIST, {"status": "open"})

    assert fragment.status_code == 200
    assert "<html" not in fragment.text and "<form" not in fragment.text
    assert fragment.text.strip().startswith('<section id="resultater"')
    assert "data-announce" in fragment.text
    assert fragment.text.strip() in page.text
    assert "HX-Request" in fragment["Vary"]


def test_search_finds_words_in_title_summary_and_problem(client, municipality, staff, process):
    _process(
        municipality,
        staff,
        "badeplass",
        title="Ny badeplass",
        problem_statement="Ungdommen savner et sted å bade om sommeren.",
    )

    assert "Ny badeplass" in client.get(LIST, {"q": "badeplass"}).text
    found = client.get(LIST, {"q": "sommeren"}).text
    assert "Ny badeplass" in found and "Trygg skolevei" not in found
    assert "Ingen prosesser passer" in client.get(LIST, {"q": "flyplass"}).text


@pytest.mark.postgres
def test_postgres_search_is_norwegian_full_text_and_ranked(client, municipality, staff):
    _process(
        municipality,
        staff,
        "skoler",
        title="Skolene i sentrum",
        summary="Skolene trenger nye skolegårder.",
    )
    _process(municipality, staff, "park", title="Ny park", problem_statement="Nær skolen.")

    text = client.get(LIST, {"q": "skole"}).text

    # The Norwegian stemmer matches skolene/skolen; more hits rank first.
    assert "Skolene i sentrum" in text and "Ny park" in text
    assert text.index("Skolene i sentrum") < text.index("Ny park")


def test_list_paginates_twenty_per_page_and_keeps_filters(client, municipality, staff):
    for i in range(25):
        _process(municipality, staff, f"prosess-{i:02d}", title=f"Prosess {i:02d}")

    first = client.get(LIST, {"status": "open"}).text
    second = client.get(LIST, {"status": "open", "page": "2"}).text

    assert first.count('class="ds-card"') == 20
    assert second.count('class="ds-card"') == 5
    assert "?status=open&amp;page=2" in first


@pytest.mark.parametrize("count", [3, 40])
def test_list_query_count_is_fixed(
    client, municipality, staff, count, django_assert_max_num_queries
):
    topic = Topic.objects.create(municipality=municipality, name="Trafikk", slug="trafikk")
    for i in range(count):
        process = _process(municipality, staff, f"p-{i}")
        process.topics.add(topic)
        for j in range(5):
            Need.objects.create(
                process=process,
                kind="need",
                reference=f"T-{i}-{j}",
                status="received",
                body="Behov",
                who_has_need="Noen",
            )
    client.force_login(staff)

    with django_assert_max_num_queries(12):
        response = client.get(LIST, {"topic": "trafikk"})

    assert response.status_code == 200


def test_list_queries_are_the_same_for_few_and_many_processes(client, municipality, staff):
    client.force_login(staff)

    def queries():
        cache.clear()  # cold: a cached copy would hide a query per process
        with CaptureQueriesContext(connection) as captured:
            client.get(LIST)
        return len(captured)

    _process(municipality, staff, "en")
    few = queries()
    for i in range(30):
        _process(municipality, staff, f"p-{i}")
    assert queries() == few


def test_staff_see_a_link_to_create(client, staff, municipality):
    client.force_login(staff)

    assert reverse("processes:create") in client.get(LIST).text


def test_citizens_see_no_create_link(client, citizen, municipality):
    client.force_login(citizen)

    assert reverse("processes:create") not in client.get(LIST).text


def test_list_refuses_post_with_405(client, municipality):
    assert client.post(LIST).status_code == 405


def test_home_page_lists_up_to_six_open_processes(client, municipality, staff, draft_process):
    for i in range(8):
        _process(municipality, staff, f"apen-{i}", title=f"Åpen prosess {i}")

    text = client.get("/").text

    assert text.count("Åpen prosess") == 6
    assert "Nytt bibliotek" not in text
    assert "/prosesser/apen-7/" in text


def test_home_page_without_open_processes_says_so(client, municipality):
    assert "Ingen prosesser er åpne" in client.get("/").text
