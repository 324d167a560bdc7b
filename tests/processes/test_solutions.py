"""Solution pages: propose, read, edit and change status, asked by every role."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from processes.models import Comment, Contribution, Need, Process, Solution, TimelineEvent
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


def make_need(process, author, body="Barna trenger en trygg kryssing."):
    need = Need(kind=Contribution.Kind.NEED, body=body, who_has_need="Skolebarn")
    return contribution_add(need, process=process, author=author, status=Need.Status.RECEIVED)


@pytest.fixture
def needs(process, citizen):
    return [make_need(process, citizen), make_need(process, citizen, "Lys langs veien.")]


@pytest.fixture
def solution(process, citizen, needs):
    return solution_propose(
        process=process,
        author=citizen,
        title="Gangfelt med lys",
        body="Opphøyd gangfelt.",
        needs=needs,
    )


def url(name, process, *args):
    return reverse(f"processes:{name}", args=[process.slug, *args])


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("participants:login"))


# --- solution_detail -------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_a_solution_of_an_open_process(as_role, role, process, solution, needs):
    response = as_role(role).get(url("solution", process, solution.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gangfelt med lys" in html
    assert solution.reference in html
    assert "Foreslått" in html
    assert "Kari Nordmann" in html
    for need in needs:
        assert reverse("processes:need", args=[process.slug, need.pk]) in html
    owner_links = reverse("processes:solution_edit", args=[process.slug, solution.pk]) in html
    assert owner_links == (role in OWNERS)
    assert ('id="solution-status"' in html) and (("Endre status" in html) == (role in OWNERS))


def test_a_solution_whose_author_left_is_shown_as_a_former_participant(client, process, solution):
    Contribution.objects.filter(pk=solution.pk).update(author=None)
    response = client.get(url("solution", process, solution.pk))
    assert "Tidligere deltaker" in response.content.decode()


def test_an_unknown_solution_is_404(client, process, solution):
    assert client.get(url("solution", process, solution.pk + 999)).status_code == 404


def test_a_need_id_is_not_a_solution(client, process, needs):
    assert client.get(url("solution", process, needs[0].pk)).status_code == 404


def test_a_solution_is_404_from_another_municipality(client, process, solution):
    response = client.get(url("solution", process, solution.pk), HTTP_HOST="nordvik.localhost")
    assert response.status_code == 404


@pytest.mark.parametrize(("role", "status"), [("citizen", 404), ("anonymous", 404), ("staff", 200)])
def test_a_solution_in_a_draft_is_seen_only_by_staff(as_role, process, citizen, role, status):
    need = make_need(process, citizen)
    solution = solution_propose(process=process, author=citizen, title="T", body="B", needs=[need])
    Process.objects.filter(pk=process.pk).update(status=Process.Status.DRAFT)
    assert as_role(role).get(url("solution", process, solution.pk)).status_code == status


def test_solution_detail_answers_get_only(client, process, solution):
    assert client.post(url("solution", process, solution.pk)).status_code == 405


def test_solution_detail_shows_the_timeline_and_test_results(client, process, solution, staff):
    solution_set_status(
        solution=solution,
        status=Solution.Status.SELECTED,
        by=staff,
        text="Vi tester dette i oktober.",
        version=solution.version,
    )
    html = client.get(url("solution", process, solution.pk)).content.decode()
    assert "Vi tester dette i oktober." in html
    assert "Valgt for testing" in html


def test_solution_detail_escapes_user_text(client, process, citizen, needs):
    solution = solution_propose(
        process=process,
        author=citizen,
        title="<script>x</script>",
        body="<b>fet</b>",
        needs=needs,
    )
    html = client.get(url("solution", process, solution.pk)).content.decode()
    assert "<script>x</script>" not in html and "&lt;b&gt;fet&lt;/b&gt;" in html


def _comment(solution, author, parent=None, status=Comment.Status.PUBLISHED):
    comment = Comment(kind=Contribution.Kind.COMMENT, body="Enig!", target=solution, parent=parent)
    return contribution_add(comment, process=solution.process, author=author, status=status)


def test_solution_detail_queries_stay_flat_as_comments_and_needs_grow(
    client, process, citizen, staff, django_assert_max_num_queries
):
    needs = [make_need(process, citizen) for _ in range(2)]
    solution = solution_propose(process=process, author=citizen, title="T", body="B", needs=needs)
    _comment(solution, citizen)
    client.force_login(staff)
    path = url("solution", process, solution.pk)
    cache.clear()  # cold: a cached copy would hide a query per need or comment
    with django_assert_max_num_queries(15) as small:
        client.get(path)
    more = [make_need(process, citizen) for _ in range(10)]
    solution.needs.add(*more)
    for _ in range(10):
        parent = _comment(solution, citizen)
        _comment(solution, staff, parent=parent)
    _comment(solution, citizen, status=Comment.Status.HIDDEN)
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(path)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(large.captured_queries) <= 15


# --- solution_create -------------------------------------------------------


CREATE_ALLOWED = {
    "citizen",
    "staff",
    "staff_non_owner",
    "politician",
    "admin_user",
    "other_staff",
    "other_admin",
}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_the_solution_form_on_step_two(as_role, role, process, needs):
    response = as_role(role).get(url("solution_create", process))
    if role == "anonymous":
        assert_login_redirect(response)
    else:
        assert response.status_code == 200
        html = response.content.decode()
        assert 'type="checkbox"' in html and needs[0].reference in html


@pytest.mark.parametrize("role", ["citizen", "politician", "other_staff"])
def test_citizens_may_not_propose_on_step_one(as_role, role, process, needs):
    Process.objects.filter(pk=process.pk).update(level=1)
    response = as_role(role).get(url("solution_create", process))
    assert response.status_code == 403
    assert "foreslå løsninger" in response.content.decode()


def test_staff_may_propose_on_step_one(client, staff, process, needs):
    Process.objects.filter(pk=process.pk).update(level=1)
    client.force_login(staff)
    assert client.get(url("solution_create", process)).status_code == 200


def test_merged_needs_are_not_offered(client, citizen, process, needs):
    merged = make_need(process, citizen, "Slått sammen-behovet")
    Need.objects.filter(pk=merged.pk).update(merged_into=needs[0])
    Contribution.objects.filter(pk=merged.pk).update(status=Need.Status.MERGED)
    client.force_login(citizen)
    html = client.get(url("solution_create", process)).content.decode()
    assert merged.reference not in html


def _create_data(needs, **extra):
    return {
        "title": "Gangfelt med lys",
        "body": "Et opphøyd gangfelt.",
        "needs": [n.pk for n in needs],
        **extra,
    }


def test_a_plain_post_proposes_and_redirects_to_the_solution(client, citizen, process, needs):
    client.force_login(citizen)
    response = client.post(url("solution_create", process), _create_data(needs), follow=True)
    solution = Solution.objects.get()
    assert response.redirect_chain[-1][0] == url("solution", process, solution.pk)
    assert solution.author == citizen and set(solution.needs.all()) == set(needs)
    assert solution.reference in response.content.decode()


def test_an_htmx_post_lands_on_the_new_solution_s_page_with_its_reference(
    client, citizen, process, needs
):
    client.force_login(citizen)
    response = client.post(url("solution_create", process), _create_data(needs), **HTMX)
    solution = Solution.objects.get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == url("solution", process, solution.pk)
    page = client.get(response["HX-Redirect"]).content.decode()
    assert solution.reference in page and "Løsningsforslaget er registrert" in page


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_bad_input_keeps_the_typed_text(client, citizen, process, needs, headers):
    client.force_login(citizen)
    data = _create_data([], title="Min fine idé", body="Lang tekst jeg skrev")
    data["needs"] = []
    response = client.post(url("solution_create", process), data, **headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Min fine idé" in html and "Lang tekst jeg skrev" in html
    assert "Velg minst ett behov" in html
    assert 'aria-invalid="true"' in html
    assert not Solution.objects.exists()


def test_a_need_of_another_process_is_refused(client, citizen, process, municipality, staff):
    other = Process.objects.create(
        municipality=municipality,
        title="Annen",
        slug="annen",
        summary="x",
        problem_statement="x",
        status=Process.Status.OPEN,
    )
    foreign = make_need(other, citizen)
    client.force_login(citizen)
    response = client.post(url("solution_create", process), _create_data([foreign]))
    assert response.status_code == 200
    assert not Solution.objects.exists()


def test_a_too_long_title_is_refused(client, citizen, process, needs):
    client.force_login(citizen)
    response = client.post(url("solution_create", process), _create_data(needs, title="x" * 201))
    assert response.status_code == 200 and not Solution.objects.exists()


def test_solution_create_refuses_other_methods(client, citizen, process):
    client.force_login(citizen)
    assert client.put(url("solution_create", process)).status_code == 405


def test_solution_create_is_404_for_an_unknown_process(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("processes:solution_create", args=["finnes-ikke"])).status_code == 404


# --- solution_edit ---------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_owners_and_admins_edit_a_solution_when_nobody_is_in_a_working_group(
    as_role, role, process, solution
):
    response = as_role(role).get(url("solution_edit", process, solution.pk))
    if role == "anonymous":
        assert_login_redirect(response)
    elif role in OWNERS:
        assert response.status_code == 200
        assert 'name="version"' in response.content.decode()
    else:
        # Staff hear who may edit; citizens on step 2 hear which step groups need.
        assert response.status_code == 403
        html = response.content.decode()
        assert "Bare eierne" in html or "samskapingstrappa" in html


def _edit_data(solution, needs, **extra):
    return {
        "title": "Ny tittel",
        "body": "Ny tekst",
        "needs": [n.pk for n in needs],
        "version": solution.version,
        **extra,
    }


def test_an_owner_edits_with_a_plain_post(client, staff, process, solution, needs):
    client.force_login(staff)
    response = client.post(
        url("solution_edit", process, solution.pk), _edit_data(solution, needs[:1])
    )
    assert response.status_code == 302
    solution.refresh_from_db()
    assert solution.title == "Ny tittel" and list(solution.needs.all()) == needs[:1]


def test_an_owner_edits_with_htmx_and_may_save_again(client, staff, process, solution, needs):
    client.force_login(staff)
    path = url("solution_edit", process, solution.pk)
    response = client.post(path, _edit_data(solution, needs), **HTMX)
    html = response.content.decode()
    assert "data-announce=" in html and "<html" not in html
    assert f'name="version" value="{solution.version + 1}"' in html
    again = client.post(path, _edit_data(solution, needs, version=solution.version + 1), **HTMX)
    assert "Noen andre har lagret" not in again.content.decode()


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_two_staff_editing_the_same_solution_the_second_is_refused_and_keeps_the_text(
    client, staff, admin_user, process, solution, needs, headers
):
    path = url("solution_edit", process, solution.pk)
    client.force_login(staff)
    client.post(path, _edit_data(solution, needs, title="Første versjon"))
    client.force_login(admin_user)
    response = client.post(
        path,
        _edit_data(solution, needs, title="Andre versjon", body="Mitt viktige avsnitt"),
        **headers,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Noen andre har lagret endringer her" in html
    assert "Andre versjon" in html and "Mitt viktige avsnitt" in html
    solution.refresh_from_db()
    assert solution.title == "Første versjon"


def test_solution_edit_is_404_for_an_unknown_solution(client, staff, process):
    client.force_login(staff)
    assert client.get(url("solution_edit", process, 99999)).status_code == 404


def test_solution_edit_refuses_other_methods(client, staff, process, solution):
    client.force_login(staff)
    assert client.delete(url("solution_edit", process, solution.pk)).status_code == 405


# --- solution_status -------------------------------------------------------


def _status_data(solution, status="selected", text="Vi tester i oktober."):
    return {"status": status, "text": text, "version": solution.version}


@pytest.mark.parametrize("role", ROLES)
def test_only_owners_and_admins_change_a_solutions_status(as_role, role, process, solution):
    response = as_role(role).post(
        url("solution_status", process, solution.pk), _status_data(solution)
    )
    solution.refresh_from_db()
    if role == "anonymous":
        assert_login_redirect(response)
    elif role in OWNERS:
        assert response.status_code == 302
        assert solution.status == Solution.Status.SELECTED
        return
    else:
        assert response.status_code == 403
    assert solution.status == Solution.Status.PROPOSED


def test_a_status_change_with_htmx_swaps_the_region_and_announces(
    client, staff, process, solution, needs
):
    client.force_login(staff)
    response = client.post(
        url("solution_status", process, solution.pk), _status_data(solution), **HTMX
    )
    # The status decides more than its region: the whole page is loaded again.
    assert response["HX-Redirect"] == url("solution", process, solution.pk)
    page = client.get(response["HX-Redirect"]).content.decode()
    assert "Status endret til «Valgt for testing»." in page
    assert all(Need.objects.get(pk=n.pk).status == Need.Status.IN_SOLUTION for n in needs)
    event = TimelineEvent.objects.filter(contribution=needs[0]).last()
    assert solution.reference in event.text


def test_the_status_form_offers_only_allowed_next_statuses(client, staff, process, solution):
    client.force_login(staff)
    html = client.get(url("solution", process, solution.pk)).content.decode()
    assert 'value="selected"' in html and 'value="discarded"' in html
    assert 'value="adopted"' not in html


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_a_refused_transition_keeps_the_reason_text(client, staff, process, solution, headers):
    client.force_login(staff)
    response = client.post(
        url("solution_status", process, solution.pk),
        _status_data(solution, status="adopted", text="Min begrunnelse"),
        **headers,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Min begrunnelse" in html
    solution.refresh_from_db()
    assert solution.status == Solution.Status.PROPOSED


def test_a_status_change_without_a_reason_is_refused(client, staff, process, solution):
    client.force_login(staff)
    response = client.post(
        url("solution_status", process, solution.pk), _status_data(solution, text=""), **HTMX
    )
    assert "Skriv en begrunnelse" in response.content.decode()


def test_a_status_change_on_a_stale_page_is_a_conflict(client, staff, process, solution):
    client.force_login(staff)
    path = url("solution_status", process, solution.pk)
    stale = _status_data(solution)
    client.post(path, stale)
    solution.refresh_from_db()
    response = client.post(path, {**stale, "status": "discarded", "text": "Min tekst"}, **HTMX)
    html = response.content.decode()
    assert "Noen andre har lagret" in html and "Min tekst" in html
    solution.refresh_from_db()
    assert solution.status == Solution.Status.SELECTED


def test_solution_status_answers_post_only(client, staff, process, solution):
    client.force_login(staff)
    assert client.get(url("solution_status", process, solution.pk)).status_code == 405


def test_solution_status_is_404_for_an_unknown_solution(client, staff, process):
    client.force_login(staff)
    assert client.post(url("solution_status", process, 99999), {}).status_code == 404


def test_an_adopted_solution_says_it_is_part_of_the_outcome(client, process, solution):
    Contribution.objects.filter(pk=solution.pk).update(status=Solution.Status.ADOPTED)
    html = client.get(url("solution", process, solution.pk)).content.decode()
    assert "del av resultatet av prosessen" in html


def _normalise(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r"\s+", " ", html).strip()


def test_the_htmx_form_region_is_a_piece_of_the_full_page(client, citizen, process, needs):
    client.force_login(citizen)
    path = url("solution_create", process)
    fragment = client.get(path, **HTMX).content.decode()
    assert "<html" not in fragment
    assert _normalise(fragment) in _normalise(client.get(path).content.decode())


def test_the_htmx_status_region_is_a_piece_of_the_full_page(client, staff, process, solution):
    client.force_login(staff)
    data = {"status": "selected", "text": "", "version": solution.version}
    fragment = client.post(url("solution_status", process, solution.pk), data, **HTMX)
    page = client.post(url("solution_status", process, solution.pk), data)
    assert _normalise(fragment.content.decode()) in _normalise(page.content.decode())
