"""The pages of one process: overview, create, edit, status, new round, the
reference short link and Mine innspill. Every view is asked by every role."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from processes import models
from processes.models import Comment, Need, Process, Round, Solution, TimelineEvent
from processes.services.contributions import contribution_add, contribution_set_status
from processes.services.processes import process_update

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


def _need(process, author, *, who="Barn som går til skolen", status=Need.Status.RECEIVED):
    return contribution_add(
        Need(body="Lys langs veien", who_has_need=who),
        process=process,
        author=author,
        status=status,
    )


def _solution(process, author, title="Refleksvester"):
    return contribution_add(
        Solution(title=title, body="Del ut vester"),
        process=process,
        author=author,
        status=Solution.Status.SELECTED,
    )


def _test_round(process, author, solution, *, learning="Barna vil ha vester i flere farger."):
    return contribution_add(
        models.TestRound(
            tested_solution=solution,
            body="Vester i to uker",
            participant_categories=["citizen"],
            head_count=12,
            held_on=datetime.date(2026, 10, 1),
            place="Lillevik skole",
            findings="Barna brukte dem",
            decision=models.TestRound.Decision.ADOPT,
            learning=learning,
        ),
        process=process,
        author=author,
        status=models.TestRound.Status.RECORDED,
    )


def _process_post_data(process=None, **extra):
    data = {
        "title": "Trygg skolevei",
        "summary": "Hvordan kan vi gjøre det tryggere å gå og sykle til skolen?",
        "problem_statement": "Foreldre kjører barna fordi veien oppleves utrygg.",
        "cover_alt": "",
    }
    if process is not None:
        data["version"] = str(process.version)
        data["owners"] = [str(pk) for pk in process.owners.values_list("pk", flat=True)]
    data.update(extra)
    return data


def _png(size=(8, 8)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "PNG")
    return SimpleUploadedFile("skolevei.png", buffer.getvalue(), content_type="image/png")


# Overview -------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_everyone_in_the_municipality_can_read_an_open_process(as_role, role, process):
    response = as_role(role).get(process.get_absolute_url())

    assert response.status_code == 200
    assert "Trygg skolevei" in response.text


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("citizen", 404),
        ("politician", 404),
        ("other_staff", 404),
        ("other_admin", 404),
        ("staff", 200),
        ("staff_non_owner", 200),
        ("admin_user", 200),
    ],
)
def test_only_the_municipalitys_staff_see_a_draft(as_role, role, status, draft_process):
    assert as_role(role).get(draft_process.get_absolute_url()).status_code == status


@pytest.mark.parametrize("role", ["anonymous", "other_staff", "other_admin"])
def test_another_municipality_cannot_open_the_process(as_role, role, process):
    response = as_role(role).get(process.get_absolute_url(), HTTP_HOST="nordvik.localhost")

    assert response.status_code == 404


def test_unknown_process_is_404(client, municipality):
    assert client.get(reverse("processes:detail", args=["finnes-ikke"])).status_code == 404


def test_detail_refuses_post_with_405(client, process):
    assert client.post(process.get_absolute_url()).status_code == 405


def test_overview_shows_needs_solutions_test_rounds_and_timeline(client, process, citizen, staff):
    needs = [_need(process, citizen, who=f"Gruppe {i}") for i in range(7)]
    Need.objects.filter(pk=needs[6].pk).update(support_count=9)
    solution = _solution(process, citizen)
    test = _test_round(process, staff, solution)
    contribution_set_status(
        contribution=needs[0], status=Need.Status.UNDER_REVIEW, text="Vi ser på det.", by=staff
    )
    Round.objects.filter(process=process).update(learnings="Lær av forrige runde.")

    response = client.get(process.get_absolute_url())

    text = response.text
    assert text.index("Gruppe 6") < text.index("Gruppe 5")  # most supported first
    assert "Gruppe 2" in text and "Gruppe 1" not in text  # five: the top one, then the newest
    assert reverse("processes:needs", args=[process.slug]) in text
    assert reverse("processes:need", args=[process.slug, needs[6].pk]) in text
    assert reverse("processes:solution", args=[process.slug, solution.pk]) in text
    assert "Valgt for testing" in text
    assert reverse("processes:test_round", args=[process.slug, test.pk]) in text
    assert "Vi ser på det." in text and "Til vurdering" in text
    assert needs[0].reference in text
    assert "Lær av forrige runde." in text
    assert "2 Ansvarliggjørende samskaping" in text


def test_citizen_sees_links_to_contribute_at_level_two(client, process, citizen):
    client.force_login(citizen)

    text = client.get(process.get_absolute_url()).text

    assert reverse("processes:need_create", args=[process.slug]) in text
    assert reverse("processes:solution_create", args=[process.slug]) in text
    assert reverse("processes:edit", args=[process.slug]) not in text
    assert reverse("processes:status", args=[process.slug]) not in text


def test_citizen_at_level_one_reads_why_they_cannot_log_needs(client, process, citizen):
    Process.objects.filter(pk=process.pk).update(level=1)
    client.force_login(citizen)

    text = client.get(process.get_absolute_url()).text

    assert reverse("processes:need_create", args=[process.slug]) not in text
    assert "kan innbyggere lese og følge prosessen, men ikke melde behov" in text


def test_anonymous_visitor_is_told_to_log_in_to_contribute(client, process):
    text = client.get(process.get_absolute_url()).text

    assert "Du må logge inn for å gi innspill." in text


@pytest.mark.parametrize(
    ("role", "shown"), [("staff", True), ("admin_user", True), ("staff_non_owner", False)]
)
def test_owner_tools_show_only_for_owners(as_role, role, shown, process):
    text = as_role(role).get(process.get_absolute_url()).text

    assert (reverse("processes:edit", args=[process.slug]) in text) is shown
    assert (reverse("processes:status", args=[process.slug]) in text) is shown
    assert (reverse("processes:round_start", args=[process.slug]) in text) is shown


# Create -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("citizen", 403),
        ("politician", 403),
        ("other_staff", 403),
        ("other_admin", 403),
        ("staff", 200),
        ("staff_non_owner", 200),
        ("admin_user", 200),
    ],
)
def test_only_staff_may_open_the_create_form(as_role, role, status, municipality):
    response = as_role(role).get(reverse("processes:create"))

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("participants:login"))


def test_citizen_is_told_why_they_cannot_create(client, citizen, municipality):
    client.force_login(citizen)

    response = client.get(reverse("processes:create"))

    assert "Bare kommunens ansatte kan opprette prosesser." in response.text


def test_staff_creates_a_draft_and_is_redirected_to_it(client, staff, municipality):
    client.force_login(staff)

    response = client.post(reverse("processes:create"), _process_post_data(title="Ny park"))

    process = Process.objects.get(title="Ny park")
    assert response.status_code == 302
    assert response["Location"] == process.get_absolute_url()
    assert process.status == Process.Status.DRAFT
    assert list(process.owners.all()) == [staff]
    assert process.rounds.count() == 1


def test_htmx_create_redirects_the_client(client, staff, municipality):
    client.force_login(staff)

    response = client.post(reverse("processes:create"), _process_post_data(title="Ny park"), **HTMX)

    assert response.status_code == 200
    assert response["HX-Redirect"] == Process.objects.get(title="Ny park").get_absolute_url()


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_create_with_missing_title_keeps_the_text(client, staff, municipality, headers):
    client.force_login(staff)

    response = client.post(
        reverse("processes:create"),
        _process_post_data(title="", problem_statement="Min lange tekst om problemet"),
        **headers,
    )

    assert response.status_code == 200
    assert "Min lange tekst om problemet" in response.text
    assert 'aria-invalid="true"' in response.text
    assert not Process.objects.exists()
    assert ("<html" in response.text) is (not headers)


def test_cover_image_without_alt_text_is_refused(client, staff, municipality, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)

    response = client.post(
        reverse("processes:create"), {**_process_post_data(), "cover_image": _png()}
    )

    assert response.status_code == 200
    assert "Skriv en bildetekst for skjermlesere" in response.text
    assert not Process.objects.exists()


def test_cover_image_with_alt_text_is_stored(client, staff, municipality, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)

    client.post(
        reverse("processes:create"),
        {**_process_post_data(cover_alt="Barn på vei til skolen"), "cover_image": _png()},
    )

    process = Process.objects.get()
    assert process.cover_image.name.startswith("processes/")
    assert process.cover_alt == "Barn på vei til skolen"


def test_a_file_that_is_not_an_image_is_refused(client, staff, municipality, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    fake = SimpleUploadedFile("bilde.png", b"not an image", content_type="image/png")

    response = client.post(
        reverse("processes:create"), {**_process_post_data(cover_alt="Noe"), "cover_image": fake}
    )

    assert response.status_code == 200
    assert not Process.objects.exists()


def test_an_image_over_ten_megabytes_is_refused(client, staff, municipality, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MAX_UPLOAD_BYTES = 100
    client.force_login(staff)

    response = client.post(
        reverse("processes:create"),
        {**_process_post_data(cover_alt="Grønt"), "cover_image": _png((64, 64))},
    )

    assert "Bildet er for stort" in response.text
    assert not Process.objects.exists()


def test_owners_can_only_be_chosen_among_staff(client, staff, citizen, municipality):
    client.force_login(staff)

    response = client.post(
        reverse("processes:create"), _process_post_data(owners=[str(citizen.pk)])
    )

    assert response.status_code == 200
    assert not Process.objects.exists()


# Edit -------------------------------------------------------------------------

OWNER_ONLY = [
    ("anonymous", 302),
    ("citizen", 403),
    ("politician", 403),
    ("staff_non_owner", 403),
    ("other_staff", 404),
    ("other_admin", 404),
    ("staff", 200),
    ("admin_user", 200),
]


def _host_for(role: str) -> dict:
    """Nordvik's people are asked on Nordvik's host, where Lillevik's process does not exist."""
    return {"HTTP_HOST": "nordvik.localhost"} if role.startswith("other_") else {}


@pytest.mark.parametrize(("role", "status"), OWNER_ONLY)
def test_only_owners_and_admins_may_edit(as_role, role, status, process):
    response = as_role(role).get(reverse("processes:edit", args=[process.slug]), **_host_for(role))

    assert response.status_code == status


@pytest.mark.parametrize("role", ["other_staff", "other_admin"])
def test_nordvik_staff_are_refused_edit_on_lillevik(as_role, role, process):
    response = as_role(role).get(reverse("processes:edit", args=[process.slug]))

    assert response.status_code == 403


def test_edit_form_is_prefilled_with_version(client, staff, process):
    client.force_login(staff)

    response = client.get(reverse("processes:edit", args=[process.slug]))

    assert 'name="version" value="1"' in response.text
    assert "Trygg skolevei" in response.text


def test_owner_saves_changes_and_is_redirected(client, staff, process):
    client.force_login(staff)

    response = client.post(
        reverse("processes:edit", args=[process.slug]),
        _process_post_data(process, title="Tryggere skolevei"),
    )

    assert response.status_code == 302
    process.refresh_from_db()
    assert (process.title, process.version) == ("Tryggere skolevei", 2)


def test_htmx_edit_lands_on_the_process_page_with_the_message(client, staff, process):
    client.force_login(staff)

    response = client.post(
        reverse("processes:edit", args=[process.slug]),
        _process_post_data(process, title="Tryggere skolevei"),
        **HTMX,
    )

    assert response["HX-Redirect"] == process.get_absolute_url()
    process.refresh_from_db()
    assert (process.title, process.version) == ("Tryggere skolevei", 2)
    page = client.get(process.get_absolute_url()).text
    assert "Endringene er lagret." in page and "Tryggere skolevei" in page


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_edit_conflict_shows_the_message_and_keeps_the_text(client, staff, process, headers):
    client.force_login(staff)
    data = _process_post_data(process, problem_statement="Min nye, lange tekst")
    process_update(process=process, by=staff, version=1, title="Noen andre var først")

    response = client.post(reverse("processes:edit", args=[process.slug]), data, **headers)

    assert response.status_code == 200
    assert "Noen andre har lagret endringer her" in response.text
    assert "Min nye, lange tekst" in response.text
    process.refresh_from_db()
    assert process.title == "Noen andre var først"
    assert process.problem_statement != "Min nye, lange tekst"


def test_edit_refuses_removing_alt_text_from_an_existing_image(
    client, staff, process, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    client.post(
        reverse("processes:edit", args=[process.slug]),
        {**_process_post_data(process, cover_alt="Skolevei"), "cover_image": _png()},
    )
    process.refresh_from_db()
    assert process.cover_image

    response = client.post(
        reverse("processes:edit", args=[process.slug]),
        _process_post_data(process, cover_alt=""),
    )

    assert "Skriv en bildetekst for skjermlesere" in response.text


def test_edit_of_unknown_process_is_404(client, staff, municipality):
    client.force_login(staff)

    assert client.get(reverse("processes:edit", args=["finnes-ikke"])).status_code == 404


def test_edit_refuses_other_methods_with_405(client, staff, process):
    client.force_login(staff)

    assert client.put(reverse("processes:edit", args=[process.slug])).status_code == 405


# Status -------------------------------------------------------------------------

STATUS_DATA = {"status": "concluded", "reason": "Vi har fått svar nok til å bestemme."}


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("citizen", 403),
        ("politician", 403),
        ("staff_non_owner", 403),
        ("other_staff", 403),
        ("other_admin", 403),
        ("staff", 302),
        ("admin_user", 302),
    ],
)
def test_only_owners_and_admins_may_change_status(as_role, role, status, process):
    response = as_role(role).post(reverse("processes:status", args=[process.slug]), STATUS_DATA)

    assert response.status_code == status
    process.refresh_from_db()
    assert (process.status == "concluded") is (role in ("staff", "admin_user"))


def test_status_change_shows_in_the_timeline(client, staff, process):
    client.force_login(staff)

    client.post(reverse("processes:status", args=[process.slug]), STATUS_DATA)
    text = client.get(process.get_absolute_url()).text

    assert "Vi har fått svar nok til å bestemme." in text
    assert TimelineEvent.objects.filter(kind=TimelineEvent.Kind.PROCESS_STATUS).count() == 1


def test_an_htmx_status_change_loads_the_whole_page_again_with_the_news(client, staff, process):
    client.force_login(staff)

    response = client.post(reverse("processes:status", args=[process.slug]), STATUS_DATA, **HTMX)

    # The status shows all over the page: it is loaded again, with the news.
    assert response["HX-Redirect"] == process.get_absolute_url()
    page = client.get(response["HX-Redirect"]).text
    label = Process.Status.CONCLUDED.label
    assert f"Prosessen har nå status «{label}»." in page
    assert page.count(f">{label}<") >= 1 and "Utkast" not in page


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_status_change_without_reason_keeps_the_choice(client, staff, process, headers):
    client.force_login(staff)

    response = client.post(
        reverse("processes:status", args=[process.slug]),
        {"status": "concluded", "reason": ""},
        **headers,
    )

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    process.refresh_from_db()
    assert process.status == Process.Status.OPEN


def test_status_not_allowed_from_here_is_refused(client, staff, process):
    client.force_login(staff)

    response = client.post(
        reverse("processes:status", args=[process.slug]), {"status": "draft", "reason": "Oi"}
    )

    assert response.status_code == 200
    process.refresh_from_db()
    assert process.status == Process.Status.OPEN


def test_status_refuses_get_with_405(client, staff, process):
    client.force_login(staff)

    assert client.get(reverse("processes:status", args=[process.slug])).status_code == 405


# New round -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("citizen", 403),
        ("politician", 403),
        ("staff_non_owner", 403),
        ("other_staff", 403),
        ("other_admin", 403),
        ("staff", 200),
        ("admin_user", 200),
    ],
)
def test_only_owners_and_admins_may_start_a_round(as_role, role, status, process):
    response = as_role(role).get(reverse("processes:round_start", args=[process.slug]))

    assert response.status_code == status


def test_round_form_carries_learnings_and_open_needs_forward(client, staff, citizen, process):
    solution = _solution(process, citizen)
    _test_round(process, staff, solution, learning="Barna vil ha vester i flere farger.")
    open_need = _need(process, citizen, who="Barn som sykler")
    _need(process, citizen, who="Foreldre som kjører", status=Need.Status.MET)
    client.force_login(staff)

    text = client.get(reverse("processes:round_start", args=[process.slug])).text

    assert "Barna vil ha vester i flere farger." in text
    assert "Barn som sykler" in text and open_need.reference in text
    assert "Foreldre som kjører" not in text


def test_owner_starts_round_two(client, staff, process):
    client.force_login(staff)

    response = client.post(
        reverse("processes:round_start", args=[process.slug]),
        {"focus": "solution", "learnings": "Vi lærte mye."},
    )

    assert response.status_code == 302
    new_round = process.rounds.order_by("-number").first()
    assert (new_round.number, new_round.focus, new_round.learnings) == (
        2,
        "solution",
        "Vi lærte mye.",
    )
    assert "Vi lærte mye." in client.get(process.get_absolute_url()).text


def test_htmx_round_start_redirects_the_client(client, staff, process):
    client.force_login(staff)

    response = client.post(
        reverse("processes:round_start", args=[process.slug]), {"focus": "test"}, **HTMX
    )

    assert response["HX-Redirect"] == process.get_absolute_url()


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_round_start_with_bad_focus_keeps_the_learnings(client, staff, process, headers):
    client.force_login(staff)

    response = client.post(
        reverse("processes:round_start", args=[process.slug]),
        {"focus": "nonsense", "learnings": "Min læring"},
        **headers,
    )

    assert response.status_code == 200
    assert "Min læring" in response.text
    assert process.rounds.count() == 1
    assert ("<html" in response.text) is (not headers)


# Reference short link ----------------------------------------------------------------


def test_reference_leads_to_the_need(client, process, citizen):
    need = _need(process, citizen)

    response = client.get(reverse("processes:contribution", args=[need.reference]))

    assert response.status_code == 302
    assert response["Location"] == reverse("processes:need", args=[process.slug, need.pk])


def test_reference_of_solution_and_test_round_lead_to_their_pages(client, process, citizen, staff):
    solution = _solution(process, citizen)
    test = _test_round(process, staff, solution)

    assert client.get(reverse("processes:contribution", args=[solution.reference]))[
        "Location"
    ] == reverse("processes:solution", args=[process.slug, solution.pk])
    assert client.get(reverse("processes:contribution", args=[test.reference]))[
        "Location"
    ] == reverse("processes:test_round", args=[process.slug, test.pk])


def test_reference_of_a_comment_leads_to_what_it_comments_on(client, process, citizen):
    need = _need(process, citizen)
    comment = contribution_add(
        Comment(target=need, body="Enig!"),
        process=process,
        author=citizen,
        status=Comment.Status.PUBLISHED,
    )

    response = client.get(reverse("processes:contribution", args=[comment.reference]))

    assert response["Location"] == reverse("processes:need", args=[process.slug, need.pk])


def test_reference_in_a_draft_is_hidden_from_citizens(client, draft_process, staff, citizen):
    need = _need(draft_process, staff)
    url = reverse("processes:contribution", args=[need.reference])

    client.force_login(citizen)
    assert client.get(url).status_code == 404
    client.force_login(staff)
    assert client.get(url).status_code == 302


def test_reference_from_another_municipality_is_404(client, process, citizen):
    need = _need(process, citizen)

    response = client.get(
        reverse("processes:contribution", args=[need.reference]), HTTP_HOST="nordvik.localhost"
    )

    assert response.status_code == 404


def test_unknown_reference_is_404(client, municipality):
    assert client.get(reverse("processes:contribution", args=["INN-1999-0001"])).status_code == 404


# Mine innspill -----------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in_for_mine_innspill(client, municipality):
    response = client.get(reverse("processes:my_contributions"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("participants:login"))


@pytest.mark.parametrize("role", ROLES[1:])
def test_every_logged_in_role_has_mine_innspill(as_role, role, municipality):
    response = as_role(role).get(reverse("processes:my_contributions"))

    assert response.status_code == 200
    assert "Du har ikke gitt noen innspill ennå." in response.text


def test_mine_innspill_lists_own_contributions_with_status_and_latest_feedback(
    client, process, citizen, staff
):
    first = _need(process, citizen, who="Barn som går")
    second = _need(process, citizen, who="Barn som sykler")
    _need(process, staff, who="Noen andres behov")
    contribution_set_status(
        contribution=first, status=Need.Status.UNDER_REVIEW, text="Vi ser på det.", by=staff
    )
    contribution_set_status(
        contribution=first, status=Need.Status.IN_SOLUTION, text="Tatt med i vestene.", by=staff
    )
    client.force_login(citizen)

    text = client.get(reverse("processes:my_contributions")).text

    assert text.index(second.reference) < text.index(first.reference)  # newest first
    assert "Tatt med i løsning" in text
    assert "Tatt med i vestene." in text and "Vi ser på det." not in text
    assert "Ikke noe svar ennå." in text
    assert "Trygg skolevei" in text
    assert staff.full_name not in text
