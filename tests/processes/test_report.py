"""The report across processes (/rapport/): what it counts for a period, whom
it shows which processes, bad dates, and queries flat as processes grow."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participants.models import Role
from processes.models import Contribution, Need, Process, Solution
from processes.report import report_for
from processes.services.contributions import contribution_add
from processes.services.needs import need_set_status, need_support
from tests.processes.conftest import _make_process

pytestmark = pytest.mark.django_db

URL = reverse("processes:report")


def _at(year: int, month: int, day: int):
    return time_machine.travel(
        datetime(year, month, day, 12, tzinfo=timezone.get_current_timezone()), tick=False
    )


def _need(process, author, body="Lys langs veien.") -> Need:
    return contribution_add(
        Need(kind=Contribution.Kind.NEED, body=body, who_has_need="Skolebarn"),
        process=process,
        author=author,
        status=Need.Status.RECEIVED,
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def year(municipality, staff, citizen, make_user):
    """A process with input in March and June 2026 (and one from 2025), and
    one created in 2027."""
    with _at(2025, 11, 1):
        process = _make_process(
            municipality=municipality,
            owner=staff,
            slug="trygg-skolevei",
            title="Trygg skolevei",
            status=Process.Status.OPEN,
        )
        _need(process, citizen, "Fra i fjor.")
    other = make_user("ola@example.org", "Ola Innbygger")
    with _at(2026, 3, 1):
        first = _need(process, citizen)
        _need(process, citizen, "Fortau ved krysset.")
        need_support(need=first, user=other)
        # Staff's own input is not the participants' input.
        _need(process, staff, "Kommunens eget behov.")
    with _at(2026, 6, 1):
        solution = contribution_add(
            Solution(kind=Contribution.Kind.SOLUTION, title="Gatelys", body="Sett opp lys."),
            process=process,
            author=other,
            status=Solution.Status.ADOPTED,
        )
        solution.needs.add(first)
        first = need_set_status(
            need=first, status=Need.Status.IN_SOLUTION, text="Med i «Gatelys».", by=staff
        )
        need_set_status(need=first, status=Need.Status.MET, text="Lysene er på plass.", by=staff)
    with _at(2027, 2, 1):
        later = _make_process(
            municipality=municipality,
            owner=staff,
            slug="nytt-bibliotek",
            title="Nytt bibliotek",
            status=Process.Status.OPEN,
        )
    return process, later


def test_the_report_counts_the_period_s_input_and_people_and_the_outcome(year, politician):
    process, _later = year

    report = report_for(
        user=politician,
        municipality=process.municipality,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
    )

    assert [row.process.slug for row in report.rows] == ["trygg-skolevei"]
    row = report.rows[0]
    # Three needs and a solution came in 2026; the staff member's need counts
    # as the municipality's own, not as input.
    assert row.inputs == 3
    # Kari (two needs) and Ola (a support and a solution), once each.
    assert row.people == 2
    assert row.test_rounds == 0
    assert (row.needs, row.needs_met, row.solutions_adopted) == (4, 1, 1)
    assert row.observation.label


def test_a_shorter_period_counts_only_its_own_input(year, politician):
    process, _later = year

    report = report_for(
        user=politician,
        municipality=process.municipality,
        start=date(2026, 5, 1),
        end=date(2026, 6, 30),
    )

    row = report.rows[0]
    assert (row.inputs, row.people) == (1, 1)


def test_the_page_shows_each_process_with_its_levels(year, politician):
    process, _later = year

    response = _client(politician).get(URL, {"fra": "2026-01-01", "til": "2026-12-31"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Trygg skolevei" in html and "Nytt bibliotek" not in html
    assert process.get_level_display() in html
    assert "1 av 4 behov dekket, 1 løsning tatt i bruk" in html


def test_drafts_are_in_staff_s_report_only(process, draft_process, politician, staff):
    today = timezone.localdate()
    params = {"fra": f"{today.year}-01-01", "til": today.isoformat()}

    for_politician = _client(politician).get(URL, params).content.decode()
    for_staff = _client(staff).get(URL, params).content.decode()

    assert "Trygg skolevei" in for_politician and "Nytt bibliotek" not in for_politician
    assert "Trygg skolevei" in for_staff and "Nytt bibliotek" in for_staff


def test_another_municipality_s_processes_are_not_in_the_report(
    process, other_municipality, staff, politician
):
    _make_process(
        municipality=other_municipality,
        owner=staff,
        slug="nordvik-havn",
        title="Nordvik havn",
        status=Process.Status.OPEN,
    )

    html = _client(politician).get(URL).content.decode()

    assert "Trygg skolevei" in html and "Nordvik havn" not in html


def test_without_dates_the_report_is_this_year_so_far(process, politician):
    today = timezone.localdate()

    response = _client(politician).get(URL)

    assert response.status_code == 200
    assert f'value="{today.year}-01-01"' in response.content.decode()
    assert response.context["report"].end == today


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"fra": "31.13.2026", "til": "2026-12-31"}, "Skriv en dato, for eksempel 2026-01-01."),
        ({"fra": "2026-12-01", "til": "2026-01-01"}, "Til-datoen kan ikke være før fra-datoen."),
        ({"fra": "", "til": "2026-12-31"}, "Skriv datoen perioden begynner."),
        ({"fra": "2026-01-01", "til": "9999-12-31"}, "Velg en dato mellom år 1900 og 2100."),
    ],
)
def test_a_bad_date_is_explained_and_what_was_typed_is_kept(process, politician, params, message):
    response = _client(politician).get(URL, params)
    html = response.content.decode()

    assert response.status_code == 200
    assert message in html
    assert f'value="{params["til"]}"' in html
    if params["fra"]:
        assert f'value="{params["fra"]}"' in html
    assert response.context["report"] is None


def test_a_citizen_is_refused_with_the_reason(process, citizen):
    response = _client(citizen).get(URL)

    assert response.status_code == 403
    assert "folkevalgte og ansatte" in response.content.decode()


@pytest.mark.parametrize("start_page", ["processes:politician_start", "processes:my_work"])
def test_the_start_pages_link_the_report(start_page, politician, staff):
    user = politician if start_page == "processes:politician_start" else staff

    assert URL in _client(user).get(reverse(start_page)).content.decode()


def _processes(municipality, owner, author, count: int, start: int) -> None:
    for number in range(start, start + count):
        process = _make_process(
            municipality=municipality,
            owner=owner,
            slug=f"prosess-{number}",
            title=f"Prosess {number}",
            status=Process.Status.OPEN,
        )
        _need(process, author)


def _queries(user) -> int:
    cache.clear()
    client = _client(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", [Role.POLITICIAN, Role.STAFF])
def test_the_report_s_queries_stay_flat_as_processes_grow(
    municipality, staff, citizen, make_user, role
):
    reader = make_user("leser@lillevik.example", "Lars Leser", municipality=municipality, role=role)
    _processes(municipality, staff, citizen, 2, 0)
    few = _queries(reader)
    _processes(municipality, staff, citizen, 12, 2)
    many = _queries(reader)

    assert many == few
    assert many <= 15


def test_the_report_is_a_tagged_pdf_with_the_page_s_figures(year, politician, municipality):
    import io

    from pypdf import PdfReader

    params = {"fra": "2026-01-01", "til": "2026-12-31"}
    page = _client(politician).get(URL, params).content.decode()
    response = _client(politician).get(reverse("processes:report_pdf"), params)

    assert reverse("processes:report_pdf") + "?fra=2026-01-01&amp;til=2026-12-31" in page
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Trygg skolevei" in text and "Nytt bibliotek" not in text
    assert "1 av 4 behov dekket" in text
    assert pdf.metadata.title.startswith("Rapport om prosessene")
    assert pdf.metadata.author == municipality.name
    catalog = pdf.trailer["/Root"]
    assert catalog["/Lang"] == "nb"
    assert catalog["/MarkInfo"]["/Marked"]


def test_a_bad_period_for_the_pdf_gets_the_page_with_the_error(process, politician):
    response = _client(politician).get(
        reverse("processes:report_pdf"), {"fra": "i går", "til": "2026-12-31"}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert 'value="i går"' in response.content.decode()
