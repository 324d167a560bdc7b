"""The need pages: list with intake form, create, detail with status form,
support and merge, for every role, with htmx and without."""

import re

import pytest
from django.urls import reverse

from ladder.levels import Level
from processes.models import Contribution, Need, NeedSupport, Process
from processes.services.needs import need_log

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
]


def client_for(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def normalise(html: str) -> str:
    """Masked CSRF tokens differ per response; nothing else should."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


def region(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin) + len(end)]


def log(process, author, body="Trygg kryssing ved skolen"):
    return need_log(process=process, author=author, body=body, who_has_need="Skolebarn")


@pytest.fixture
def need(process, make_user):
    return log(process, make_user("ola@example.org", "Ola Nabo"))


def need_url(name, need):
    return reverse(f"processes:{name}", args=[need.process.slug, need.pk])


# The list --------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_everyone_who_may_see_the_process_sees_its_needs(client, request, role, process, need):
    response = client_for(client, request, role).get(
        reverse("processes:needs", args=[process.slug])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert need.reference in html
    assert 'id="need-form"' in html
    if role == "anonymous":
        assert "Logg inn for å melde et behov" in html
        assert 'name="body"' not in html
    else:
        assert 'name="body"' in html


@pytest.mark.parametrize("role", ["anonymous", "citizen", "politician", "other_staff"])
def test_needs_of_a_draft_are_not_found_for_outsiders(client, request, role, draft_process):
    response = client_for(client, request, role).get(
        reverse("processes:needs", args=[draft_process.slug])
    )
    assert response.status_code == 404


def test_staff_see_the_needs_of_a_draft(client, staff_non_owner, draft_process):
    client.force_login(staff_non_owner)
    assert client.get(reverse("processes:needs", args=[draft_process.slug])).status_code == 200


def test_the_list_is_ordered_by_support_and_leaves_out_merged_needs(
    client, process, staff, citizen, make_user
):
    quiet = log(process, citizen, body="Stille behov")
    popular = log(process, citizen, body="Populært behov")
    merged = log(process, citizen, body="Sammenslått behov")
    NeedSupport.objects.create(need=popular, user=staff)
    Need.objects.filter(pk=popular.pk).update(support_count=1)
    from processes.services.needs import need_merge

    need_merge(duplicate=merged, survivor=quiet, by=staff, text="Det samme.")
    html = client.get(reverse("processes:needs", args=[process.slug])).content.decode()
    assert html.index(popular.reference) < html.index(quiet.reference)
    assert merged.reference not in html


def test_the_list_is_paginated_by_25(client, process, citizen):
    for number in range(27):
        log(process, citizen, body=f"Behov nummer {number}")
    first = client.get(reverse("processes:needs", args=[process.slug])).content.decode()
    assert first.count('class="ds-card stack"') == 25
    assert "side=2" in first
    second = client.get(reverse("processes:needs", args=[process.slug]) + "?side=2")
    assert second.content.decode().count('class="ds-card stack"') == 2


def test_a_level_one_process_tells_citizens_why_they_cannot_log_needs(client, process, citizen):
    Process.objects.filter(pk=process.pk).update(level=Level.DIRECTED)
    client.force_login(citizen)
    html = client.get(reverse("processes:needs", args=[process.slug])).content.decode()
    assert "trinn" in html
    assert 'name="body"' not in html


# Logging a need -----------------------------------------------------------------


def test_a_citizen_logs_a_need_and_is_sent_to_its_page(client, process, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("processes:need_create", args=[process.slug]),
        {
            "body": "Lys i undergangen",
            "who_has_need": "Skolebarn",
            "stakeholder_category": "citizen",
        },
        follow=True,
    )
    need = Need.objects.get()
    assert response.redirect_chain[0][0] == need.get_absolute_url()
    html = response.content.decode()
    assert f"registrert med referanse {need.reference}" in html
    assert need.author == citizen
    assert need.get_stakeholder_category_display() == "Innbygger"


def test_an_htmx_need_takes_the_person_to_the_new_need_with_its_reference(client, process, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("processes:need_create", args=[process.slug]),
        {"body": "Lys i undergangen", "who_has_need": "Skolebarn"},
        **HTMX,
    )
    need = Need.objects.get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == need.get_absolute_url()
    page = client.get(need.get_absolute_url()).content.decode()
    assert f"registrert med referanse {need.reference}" in page
    assert "Lys i undergangen" in page


def test_the_create_page_shows_the_same_form(client, process, citizen):
    client.force_login(citizen)
    response = client.get(reverse("processes:need_create", args=[process.slug]))
    assert response.status_code == 200
    assert 'name="who_has_need"' in response.content.decode()


@pytest.mark.parametrize("htmx", [False, True])
def test_a_too_long_need_gets_a_norwegian_error_and_keeps_the_text(client, process, citizen, htmx):
    client.force_login(citizen)
    body = "x" * 10_001
    response = client.post(
        reverse("processes:need_create", args=[process.slug]),
        {"body": body, "who_has_need": "Skolebarn"},
        **(HTMX if htmx else {}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "høyst 10000 tegn" in html
    assert body in html
    assert 'aria-invalid="true"' in html
    assert not Need.objects.exists()


def test_an_empty_need_keeps_what_was_typed(client, process, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("processes:need_create", args=[process.slug]),
        {"body": "", "who_has_need": "Eldre uten bil"},
    )
    html = response.content.decode()
    assert "Skriv hva behovet er." in html
    assert "Eldre uten bil" in html


def test_anonymous_visitors_are_sent_to_log_in_to_log_a_need(client, process):
    response = client.post(
        reverse("processes:need_create", args=[process.slug]), {"body": "x", "who_has_need": "y"}
    )
    assert response.status_code == 302
    assert reverse("participants:login") in response.url
    assert not Need.objects.exists()


def test_a_level_one_process_refuses_a_citizens_need_with_the_reason(client, process, citizen):
    Process.objects.filter(pk=process.pk).update(level=Level.DIRECTED)
    client.force_login(citizen)
    response = client.post(
        reverse("processes:need_create", args=[process.slug]), {"body": "x", "who_has_need": "y"}
    )
    assert response.status_code == 403
    assert "samskapingstrappa" in response.content.decode()
    assert not Need.objects.exists()


def test_a_level_one_process_accepts_a_need_from_staff(client, process, staff_non_owner):
    Process.objects.filter(pk=process.pk).update(level=Level.DIRECTED)
    client.force_login(staff_non_owner)
    response = client.post(
        reverse("processes:need_create", args=[process.slug]),
        {"body": "Fra folkemøtet", "who_has_need": "Foreldre"},
    )
    assert response.status_code == 302
    assert Need.objects.get().body == "Fra folkemøtet"


@pytest.mark.parametrize(
    "role", ["citizen", "staff", "staff_non_owner", "politician", "admin_user", "other_staff"]
)
def test_every_logged_in_role_may_log_a_need_at_level_two(client, request, role, process):
    response = client_for(client, request, role).post(
        reverse("processes:need_create", args=[process.slug]), {"body": "x", "who_has_need": "y"}
    )
    assert response.status_code == 302


def test_the_list_refuses_post(client, process, citizen):
    client.force_login(citizen)
    assert client.post(reverse("processes:needs", args=[process.slug])).status_code == 405


def test_a_closed_process_takes_no_needs(client, process, citizen):
    Process.objects.filter(pk=process.pk).update(status=Process.Status.CONCLUDED)
    client.force_login(citizen)
    response = client.post(
        reverse("processes:need_create", args=[process.slug]), {"body": "x", "who_has_need": "y"}
    )
    assert response.status_code == 403


# One need -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_a_need_and_only_owners_see_the_status_form(client, request, role, need):
    response = client_for(client, request, role).get(need_url("need", need))
    assert response.status_code == 200
    html = response.content.decode()
    assert need.reference in html
    assert "Mottatt" in html
    assert 'id="kommentarer"' in html
    owner = role in ("staff", "admin_user")
    assert ('name="text"' in html) is owner
    assert ("Slå sammen med et annet behov" in html) is owner


def test_a_need_page_shows_solutions_timeline_and_merge_link(client, process, staff, need, citizen):
    from processes.models import Solution
    from processes.services.contributions import contribution_add
    from processes.services.needs import need_merge

    solution = Solution(kind=Contribution.Kind.SOLUTION, title="Gangfelt med lys", body="Lys.")
    contribution_add(solution, process=process, author=citizen, status=Solution.Status.PROPOSED)
    solution.needs.add(need)
    survivor = log(process, citizen, body="Det samme behovet")
    need_merge(duplicate=need, survivor=survivor, by=staff, text="Begge gjelder undergangen.")
    html = client.get(need_url("need", need)).content.decode()
    assert "Gangfelt med lys" in html
    assert "Begge gjelder undergangen." in html
    assert survivor.get_absolute_url() in html
    assert "Slått sammen" in html


def test_an_unknown_need_is_not_found(client, process):
    url = reverse("processes:need", args=[process.slug, 999_999])
    assert client.get(url).status_code == 404


def test_a_need_of_another_process_is_not_found_here(client, process, draft_process, need):
    url = reverse("processes:need", args=[draft_process.slug, need.pk])
    client.force_login(need.author)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("citizen", 403),
        ("staff", 302),
        ("staff_non_owner", 403),
        ("politician", 403),
        ("admin_user", 302),
        ("other_staff", 403),
    ],
)
def test_only_owners_change_the_status(client, request, role, expected, need):
    response = client_for(client, request, role).post(
        need_url("need", need),
        {"status": "under_review", "text": "Vi ser på dette.", "version": need.version},
    )
    assert response.status_code == expected
    need.refresh_from_db()
    assert (need.status == "under_review") is (expected == 302 and role != "anonymous")
    if role == "anonymous":
        assert reverse("participants:login") in response.url


def test_an_htmx_status_change_returns_the_status_region(client, staff, need):
    client.force_login(staff)
    response = client.post(
        need_url("need", need),
        {"status": "under_review", "text": "Vi ser på dette.", "version": need.version},
        **HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div class="stack" id="need-status"')
    assert 'data-announce="Status er endret til «Til vurdering»."' in html
    assert "Vi ser på dette." in html


def test_a_status_change_without_reason_keeps_the_form_and_the_fragment_is_part_of_the_page(
    client, staff, need
):
    client.force_login(staff)
    data = {"status": "closed", "text": "", "version": need.version}
    fragment = client.post(need_url("need", need), data, **HTMX).content.decode()
    page = client.post(need_url("need", need), data).content.decode()
    assert "Skriv en begrunnelse" in fragment
    assert normalise(fragment.strip()) in normalise(page)
    need.refresh_from_db()
    assert need.status == "received"


def test_a_status_not_allowed_from_here_is_refused(client, staff, need):
    client.force_login(staff)
    response = client.post(
        need_url("need", need), {"status": "met", "text": "Ferdig.", "version": need.version}
    )
    assert response.status_code == 200
    assert (
        "Velg et gyldig valg" in response.content.decode() or "gyldig" in response.content.decode()
    )
    need.refresh_from_db()
    assert need.status == "received"


# Support --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["citizen", "staff", "staff_non_owner", "politician", "admin_user", "other_staff"]
)
def test_logged_in_people_can_say_they_have_the_need_too(client, request, role, need):
    response = client_for(client, request, role).post(need_url("need_support", need))
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.support_count == 1


def test_anonymous_support_is_sent_to_log_in(client, need):
    response = client.post(need_url("need_support", need))
    assert response.status_code == 302
    assert reverse("participants:login") in response.url
    assert NeedSupport.objects.count() == 0


def test_support_at_level_one_is_refused_with_the_reason(client, process, citizen, need):
    Process.objects.filter(pk=process.pk).update(level=Level.DIRECTED)
    client.force_login(citizen)
    response = client.post(need_url("need_support", need))
    assert response.status_code == 403
    assert "samskapingstrappa" in response.content.decode()


def test_support_twice_counts_once(client, citizen, need):
    client.force_login(citizen)
    client.post(need_url("need_support", need))
    client.post(need_url("need_support", need))
    need.refresh_from_db()
    assert need.support_count == 1


def test_the_author_is_told_they_cannot_support_their_own_need(client, need):
    client.force_login(need.author)
    response = client.post(need_url("need_support", need), follow=True)
    assert "meldte selv" in response.content.decode()
    need.refresh_from_db()
    assert need.support_count == 0


def test_htmx_support_swaps_only_the_support_region_and_announces(client, citizen, need):
    client.force_login(citizen)
    response = client.post(
        need_url("need_support", need), {"next": need.get_absolute_url()}, **HTMX
    )
    html = response.content.decode().strip()
    assert html.startswith(f'<div class="stack" id="need-support-{need.pk}">')
    assert 'data-announce="Takk, støtten er registrert."' in html
    assert "1 har også dette behovet" in html
    page = client.get(need.get_absolute_url()).content.decode()
    announced = re.sub(
        r"\s*<p class=\"ds-paragraph\" data-focus data-announce=[^>]*>[^<]*</p>", "", html
    )
    assert normalise(announced) in normalise(page)


def test_support_can_be_withdrawn(client, citizen, need):
    client.force_login(citizen)
    client.post(need_url("need_support", need))
    client.post(need_url("need_support", need), {"action": "fjern"})
    need.refresh_from_db()
    assert need.support_count == 0


def test_support_refuses_get_and_unknown_needs(client, citizen, process, need):
    client.force_login(citizen)
    assert client.get(need_url("need_support", need)).status_code == 405
    unknown = reverse("processes:need_support", args=[process.slug, 999_999])
    assert client.post(unknown).status_code == 404


def test_support_ignores_a_foreign_next_address(client, citizen, need):
    client.force_login(citizen)
    response = client.post(need_url("need_support", need), {"next": "https://evil.example/"})
    assert response.url == need.get_absolute_url()


# Merge -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("citizen", 403),
        ("staff", 200),
        ("staff_non_owner", 403),
        ("politician", 403),
        ("admin_user", 200),
        ("other_staff", 403),
    ],
)
def test_only_owners_open_the_merge_page(client, request, role, expected, process, need, citizen):
    other = log(process, citizen, body="Et annet behov")
    response = client_for(client, request, role).get(need_url("need_merge", need))
    assert response.status_code == expected
    if expected == 200:
        assert other.reference in response.content.decode()


@pytest.mark.parametrize("htmx", [False, True])
def test_an_owner_merges_a_duplicate(client, staff, process, need, citizen, htmx):
    survivor = log(process, citizen, body="Det samme")
    client.force_login(staff)
    response = client.post(
        need_url("need_merge", need),
        {"survivor": survivor.pk, "text": "Begge gjelder undergangen."},
        **(HTMX if htmx else {}),
    )
    need.refresh_from_db()
    assert need.merged_into_id == survivor.pk
    if htmx:
        assert response["HX-Redirect"] == survivor.get_absolute_url()
    else:
        assert response.url == survivor.get_absolute_url()
    page = client.get(survivor.get_absolute_url()).content.decode()
    assert f"{need.reference} er slått sammen med {survivor.reference}." in page


def test_a_merge_without_reason_keeps_the_choice_and_fragment_is_part_of_page(
    client, staff, process, need, citizen
):
    survivor = log(process, citizen, body="Det samme")
    client.force_login(staff)
    data = {"survivor": survivor.pk, "text": ""}
    fragment = client.post(need_url("need_merge", need), data, **HTMX).content.decode()
    page = client.post(need_url("need_merge", need), data).content.decode()
    assert "Skriv en begrunnelse" in fragment
    assert f'value="{survivor.pk}" selected' in fragment
    assert normalise(fragment.strip()) in normalise(page)
    need.refresh_from_db()
    assert need.merged_into is None


def test_a_need_cannot_be_merged_into_another_process(client, staff, process, need, make_user):
    other = Process.objects.create(
        municipality=process.municipality,
        title="A",
        slug="a",
        summary="s",
        problem_statement="p",
        status=Process.Status.OPEN,
    )
    there = log(other, make_user("x@example.org", "X"))
    client.force_login(staff)
    response = client.post(need_url("need_merge", need), {"survivor": there.pk, "text": "Samme."})
    assert response.status_code == 200
    assert "Velg et av behovene i listen." in response.content.decode()
    need.refresh_from_db()
    assert need.merged_into is None


def test_merge_of_an_unknown_need_is_not_found_and_put_is_refused(client, staff, process, need):
    client.force_login(staff)
    assert (
        client.get(reverse("processes:need_merge", args=[process.slug, 999_999])).status_code == 404
    )
    assert client.put(need_url("need_merge", need)).status_code == 405
