"""Test round pages and evidence downloads, asked by every role."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from processes import models
from processes.models import Contribution, Evidence, Need, NeedResult, Process, Solution
from processes.services import test_rounds as test_round_services
from processes.services.contributions import contribution_add
from processes.services.solutions import solution_propose, solution_set_status

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
ROLES = [
    "anonymous",
    "citizen",
    "staff",
    "staff_non_owner",
    "politician",
    "admin_user",
    "other_staff",
    "other_admin",
]
OWNERS = {"staff", "admin_user"}
# may_record_test_round: a test round can adopt or discard a solution, so only
# the owners (and admins) record one; citizens too on step 4, other staff never.
RECORDERS = OWNERS
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    return buffer.getvalue()


def make_need(process, author, body="Barna trenger en trygg kryssing."):
    need = Need(kind=Contribution.Kind.NEED, body=body, who_has_need="Skolebarn")
    return contribution_add(need, process=process, author=author, status=Need.Status.RECEIVED)


@pytest.fixture
def needs(process, citizen):
    return [make_need(process, citizen), make_need(process, citizen, "Lys langs veien.")]


@pytest.fixture
def solution(process, citizen, staff, needs):
    solution = solution_propose(
        process=process,
        author=citizen,
        title="Gangfelt med lys",
        body="Opphøyd gangfelt.",
        needs=needs,
    )
    return solution_set_status(
        solution=solution,
        status=Solution.Status.SELECTED,
        by=staff,
        text="Vi tester.",
        version=solution.version,
    )


@pytest.fixture
def test_round(solution, staff, needs):
    solution.refresh_from_db()
    recorded = test_round_services.test_round_record(
        solution=solution,
        by=staff,
        body="Midlertidig gangfelt i to uker.",
        participant_categories=["citizen", "children"],
        head_count=24,
        held_on="2026-10-01",
        place="Skoleveien 3",
        findings="Bilene senket farten.",
        need_results={needs[0]: "met", needs[1]: "partly"},
        decision="adjust",
        learning="Lyset må stå på hele døgnet.",
        files=[
            SimpleUploadedFile("foto fra testen.png", png_bytes()),
            SimpleUploadedFile("referat.pdf", MINIMAL_PDF),
        ],
    )
    return models.TestRound.objects.get(pk=recorded.pk)


def url(name, process, *args):
    return reverse(f"processes:{name}", args=[process.slug, *args])


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("participants:login"))


def record_data(needs, **extra):
    data = {
        "body": "Vi prøvde gangfeltet.",
        "participant_categories": ["citizen", "elderly"],
        "head_count": "12",
        "held_on": "2026-10-05",
        "place": "Skoleveien",
        "findings": "Eldre syntes lyset blendet.",
        "decision": "adopt",
        "learning": "Demp lyset litt.",
    }
    for need in needs:
        data[f"need_{need.pk}"] = "met"
    data.update(extra)
    return data


# --- test_round_create -----------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_the_test_round_form(as_role, role, process, solution, needs):
    response = as_role(role).get(url("test_round_create", process, solution.pk))
    if role == "anonymous":
        assert_login_redirect(response)
    elif role in RECORDERS:
        assert response.status_code == 200
        html = response.content.decode()
        assert 'enctype="multipart/form-data"' in html and "multiple" in html
        for need in needs:
            assert f'name="need_{need.pk}"' in html
    else:
        assert response.status_code == 403
        assert "registrere testrunder" in response.content.decode()


def test_co_creators_record_test_rounds_on_step_four(
    client, citizen, staff, process, solution, needs
):
    Process.objects.filter(pk=process.pk).update(level=4)
    models.CoCreator.objects.create(process=process, person=citizen, appointed_by=staff)
    client.force_login(citizen)
    response = client.post(url("test_round_create", process, solution.pk), record_data(needs))
    assert response.status_code == 302
    assert models.TestRound.objects.get().author == citizen


@pytest.mark.parametrize("status", ["proposed", "tested", "adopted", "discarded"])
def test_a_test_round_is_refused_for_a_solution_not_selected_or_adjusted(
    client, staff, process, solution, status
):
    Contribution.objects.filter(pk=solution.pk).update(status=status)
    client.force_login(staff)
    response = client.get(url("test_round_create", process, solution.pk))
    assert response.status_code == 403
    assert "valgt for testing eller justert" in response.content.decode()


def test_a_plain_post_records_and_redirects_to_the_test_round(
    client, staff, process, solution, needs
):
    client.force_login(staff)
    data = record_data(needs, files=[SimpleUploadedFile("bilde.png", png_bytes())])
    response = client.post(url("test_round_create", process, solution.pk), data)
    recorded = models.TestRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("test_round", process, recorded.pk)
    solution.refresh_from_db()
    assert solution.status == Solution.Status.ADOPTED
    assert NeedResult.objects.filter(test_round=recorded, result="met").count() == 2
    assert all(Need.objects.get(pk=n.pk).status == Need.Status.MET for n in needs)
    evidence = Evidence.objects.get()
    assert (evidence.content_type, evidence.original_name) == ("image/png", "bilde.png")


def test_an_htmx_post_lands_on_the_new_test_round_with_the_message(
    client, staff, process, solution, needs
):
    client.force_login(staff)
    response = client.post(
        url("test_round_create", process, solution.pk),
        record_data(needs, decision="discard"),
        **HTMX,
    )
    recorded = models.TestRound.objects.get()
    assert response["HX-Redirect"] == url("test_round", process, recorded.pk)
    page = client.get(response["HX-Redirect"]).content.decode()
    assert f"registrert med referanse {recorded.reference}" in page
    assert "Forkaste" in page  # the decision recorded


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_a_file_named_png_that_is_html_is_refused_and_the_text_kept(
    client, staff, process, solution, needs, headers
):
    client.force_login(staff)
    fake = SimpleUploadedFile("ferie.png", b"<html><body>hei</body></html>", "image/png")
    data = record_data(needs, findings="Mine viktige funn", files=[fake])
    response = client.post(url("test_round_create", process, solution.pk), data, **headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert "«ferie.png» er ikke et bilde" in html
    assert "Mine viktige funn" in html
    assert not models.TestRound.objects.exists()
    solution.refresh_from_db()
    assert solution.status == Solution.Status.SELECTED


def test_an_eleven_megabyte_file_is_refused(client, staff, process, solution, needs):
    client.force_login(staff)
    big = SimpleUploadedFile("stort.pdf", MINIMAL_PDF + b"0" * (11 * 1024 * 1024))
    response = client.post(
        url("test_round_create", process, solution.pk), record_data(needs, files=[big])
    )
    assert response.status_code == 200
    assert "«stort.pdf» er for stor" in response.content.decode()
    assert not models.TestRound.objects.exists()


def test_a_result_is_required_for_every_need(client, staff, process, solution, needs):
    client.force_login(staff)
    data = record_data(needs)
    del data[f"need_{needs[0].pk}"]
    response = client.post(url("test_round_create", process, solution.pk), data, **HTMX)
    assert "Velg om testen dekket dette behovet." in response.content.decode()
    assert not models.TestRound.objects.exists()


def test_test_round_create_is_404_for_an_unknown_solution(client, staff, process):
    client.force_login(staff)
    assert client.get(url("test_round_create", process, 99999)).status_code == 404


def test_test_round_create_refuses_other_methods(client, staff, process, solution):
    client.force_login(staff)
    assert client.put(url("test_round_create", process, solution.pk)).status_code == 405


# --- test_round_detail -----------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_a_test_round(as_role, role, process, test_round, needs):
    response = as_role(role).get(url("test_round", process, test_round.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Midlertidig gangfelt",
        "Innbygger",
        "Barn og unge",
        "24 deltakere",
        "Skoleveien 3",
        "Bilene senket farten.",
        "Delvis dekket",
        "Justere",
        "Lyset må stå på hele døgnet.",
        'alt="Vedlegg: foto fra testen.png"',
        "referat.pdf",
    ):
        assert text in html, text
    edit = url("test_round_edit", process, test_round.pk) in html
    assert edit == (role in OWNERS)


def test_a_test_round_is_404_from_another_municipality(client, process, test_round):
    response = client.get(url("test_round", process, test_round.pk), HTTP_HOST="nordvik.localhost")
    assert response.status_code == 404


def test_an_unknown_test_round_is_404(client, process, test_round, solution):
    assert client.get(url("test_round", process, 99999)).status_code == 404
    assert client.get(url("test_round", process, solution.pk)).status_code == 404


def test_test_round_detail_answers_get_only(client, process, test_round):
    assert client.post(url("test_round", process, test_round.pk)).status_code == 405


def test_test_round_detail_queries_are_few(
    client, staff, process, test_round, django_assert_max_num_queries
):
    client.force_login(staff)
    with django_assert_max_num_queries(15):
        client.get(url("test_round", process, test_round.pk))


def test_the_solution_page_lists_its_test_rounds_and_need_results(
    client, process, solution, test_round
):
    html = client.get(url("solution", process, solution.pk)).content.decode()
    assert url("test_round", process, test_round.pk) in html
    assert "Dekket" in html and "Justert" in html


# --- test_round_edit -------------------------------------------------------


def edit_data(test_round, **extra):
    return {
        "head_count": "30",
        "place": "Skoleveien 5",
        "findings": "Rettede funn.",
        "learning": "Rettet læring.",
        "version": test_round.version,
        **extra,
    }


@pytest.mark.parametrize("role", ROLES)
def test_only_owners_and_admins_edit_a_test_round(as_role, role, process, test_round):
    response = as_role(role).get(url("test_round_edit", process, test_round.pk))
    if role == "anonymous":
        assert_login_redirect(response)
    elif role in OWNERS:
        assert response.status_code == 200
        html = response.content.decode()
        assert "kan ikke endres etter registrering" in html
        assert 'name="decision"' not in html
    else:
        assert response.status_code == 403


def test_an_owner_edits_a_test_round_with_a_plain_post(client, staff, process, test_round):
    client.force_login(staff)
    response = client.post(
        url("test_round_edit", process, test_round.pk),
        edit_data(test_round, decision="adopt"),
    )
    assert response.status_code == 302
    test_round.refresh_from_db()
    assert (test_round.findings, test_round.head_count) == ("Rettede funn.", 30)
    assert test_round.decision == "adjust"


def test_an_owner_edits_a_test_round_with_htmx(client, staff, process, test_round):
    client.force_login(staff)
    response = client.post(
        url("test_round_edit", process, test_round.pk), edit_data(test_round), **HTMX
    )
    html = response.content.decode()
    assert "data-announce=" in html and "<html" not in html
    assert f'name="version" value="{test_round.version + 1}"' in html


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_two_staff_editing_the_same_test_round_the_second_is_refused_and_keeps_the_text(
    client, staff, admin_user, process, test_round, headers
):
    path = url("test_round_edit", process, test_round.pk)
    client.force_login(staff)
    client.post(path, edit_data(test_round, findings="Første"))
    client.force_login(admin_user)
    response = client.post(path, edit_data(test_round, findings="Mine egne funn"), **headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Noen andre har lagret endringer her" in html and "Mine egne funn" in html
    test_round.refresh_from_db()
    assert test_round.findings == "Første"


def test_bad_input_on_edit_keeps_the_text(client, staff, process, test_round):
    client.force_login(staff)
    response = client.post(
        url("test_round_edit", process, test_round.pk),
        edit_data(test_round, head_count="mange", findings="Beholdt tekst"),
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Beholdt tekst" in html and 'aria-invalid="true"' in html


def test_test_round_edit_refuses_other_methods(client, staff, process, test_round):
    client.force_login(staff)
    assert client.patch(url("test_round_edit", process, test_round.pk)).status_code == 405


# --- evidence_download -----------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_everyone_who_sees_the_process_downloads_evidence(as_role, role, process, test_round):
    image = test_round.evidence.get(content_type="image/png")
    response = as_role(role).get(url("evidence", process, image.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content) == png_bytes()


def test_a_pdf_is_downloaded_as_an_attachment(client, process, test_round):
    pdf = test_round.evidence.get(content_type="application/pdf")
    response = client.get(url("evidence", process, pdf.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "referat.pdf" in response["Content-Disposition"]


def test_evidence_is_404_from_another_municipality(client, process, test_round):
    item = test_round.evidence.first()
    response = client.get(url("evidence", process, item.pk), HTTP_HOST="nordvik.localhost")
    assert response.status_code == 404


def test_evidence_of_a_draft_is_404_for_citizens(client, citizen, process, test_round):
    Process.objects.filter(pk=process.pk).update(status=Process.Status.DRAFT)
    client.force_login(citizen)
    assert client.get(url("evidence", process, test_round.evidence.first().pk)).status_code == 404


def test_evidence_through_another_process_is_404(client, process, test_round, municipality):
    other = Process.objects.create(
        municipality=municipality,
        title="Annen",
        slug="annen",
        summary="x",
        problem_statement="x",
        status=Process.Status.OPEN,
    )
    item = test_round.evidence.first()
    assert client.get(url("evidence", other, item.pk)).status_code == 404
    assert client.get(url("evidence", process, 99999)).status_code == 404


def test_evidence_answers_get_only(client, process, test_round):
    assert client.post(url("evidence", process, test_round.evidence.first().pk)).status_code == 405


def test_the_htmx_test_round_region_is_a_piece_of_the_full_page(client, staff, process, solution):
    def normalise(html: str) -> str:
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
        return re.sub(r"\s+", " ", html).strip()

    client.force_login(staff)
    path = url("test_round_create", process, solution.pk)
    fragment = client.get(path, **HTMX).content.decode()
    assert "<html" not in fragment
    assert normalise(fragment) in normalise(client.get(path).content.decode())


def test_an_empty_post_shows_every_required_field_as_missing(client, staff, process, solution):
    client.force_login(staff)
    response = client.post(url("test_round_create", process, solution.pk), {})
    assert response.status_code == 200
    assert response.content.decode().count('aria-invalid="true"') >= 5
    assert not models.TestRound.objects.exists()
