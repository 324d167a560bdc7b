"""Mitt arbeid for staff, and the politicians' start page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from processes.models import Comment, Contribution, Need, Process, ProcessFollow, Solution
from processes.services.comments import comment_report
from processes.services.contributions import contribution_add

MY_WORK = "/mitt-arbeid/"
POLITICIAN = "/folkevalgt/"
ROLES = ["anonymous", "citizen", "staff", "politician", "admin_user", "other_staff", "other_admin"]


@pytest.fixture
def other_admin(make_user, other_municipality):
    from participants.models import Role

    return make_user(
        "admin@nordvik.example", "Nora Nordvik", municipality=other_municipality, role=Role.ADMIN
    )


def _process(municipality, owner, slug, **extra):
    extra.setdefault("status", Process.Status.OPEN)
    process = Process.objects.create(
        municipality=municipality,
        title=slug.replace("-", " ").capitalize(),
        slug=slug,
        summary="x",
        problem_statement="x",
        **extra,
    )
    if owner is not None:
        process.owners.add(owner)
    return process


def _need(process, author, body, *, days_ago=0):
    need = contribution_add(
        Need(kind=Contribution.Kind.NEED, body=body, who_has_need="Barn"),
        process=process,
        author=author,
        status=Need.Status.RECEIVED,
    )
    Contribution.objects.filter(pk=need.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return need


@pytest.fixture
def work(municipality, staff, citizen, make_user):
    mine = _process(municipality, staff, "min-prosess")
    theirs = _process(municipality, None, "andres-prosess")
    draft = _process(municipality, staff, "mitt-utkast", status=Process.Status.DRAFT)
    old = _need(mine, citizen, "Gammelt behov", days_ago=20)
    fresh = _need(mine, citizen, "Nytt behov", days_ago=2)
    answered = _need(mine, citizen, "Besvart behov", days_ago=30)
    Contribution.objects.filter(pk=answered.pk).update(status=Need.Status.UNDER_REVIEW)
    _need(theirs, citizen, "Andres behov", days_ago=40)
    proposed = contribution_add(
        Solution(kind=Contribution.Kind.SOLUTION, title="Lys", body="Sett opp lys"),
        process=mine,
        author=citizen,
        status=Solution.Status.PROPOSED,
    )
    Contribution.objects.filter(pk=proposed.pk).update(
        created_at=timezone.now() - timedelta(days=10)
    )
    comment = contribution_add(
        Comment(kind=Contribution.Kind.COMMENT, target=fresh, body="Tull"),
        process=mine,
        author=citizen,
        status=Comment.Status.PUBLISHED,
    )
    comment_report(comment=comment, user=make_user("m@example.org", "Melder"), reason="Tull")
    return {
        "mine": mine,
        "draft": draft,
        "old": old,
        "fresh": fresh,
        "proposed": proposed,
        "comment": comment,
    }


def _client(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_mitt_arbeid_is_for_the_municipality_s_staff(client, request, work, role):
    response = _client(client, request, role).get(MY_WORK)

    if role == "anonymous":
        assert response.status_code == 302 and "/konto/logg-inn/" in response["Location"]
    elif role in ("staff", "admin_user"):
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert "Gammelt behov" not in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_politicians_page_is_for_politicians(client, request, work, role):
    response = _client(client, request, role).get(POLITICIAN)

    if role == "anonymous":
        assert response.status_code == 302 and "/konto/logg-inn/" in response["Location"]
    elif role == "politician":
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_nothing_but_get_is_answered(client, request, role):
    client = _client(client, request, role)

    assert client.post(MY_WORK).status_code == 405
    assert client.post(POLITICIAN).status_code == 405


@pytest.mark.django_db
def test_waiting_inputs_come_oldest_first_with_their_age_and_overdue_marked(client, staff, work):
    client.force_login(staff)

    page = client.get(MY_WORK).text

    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr")[1:]
    references = [work[name].reference for name in ("old", "proposed", "fresh")]
    assert [next(ref for ref in references if ref in row) for row in rows] == references
    assert "20 dager" in rows[0] and "Over fristen" in rows[0]
    assert "10 dager" in rows[1] and "Over fristen" not in rows[1]
    assert "2 dager" in rows[2]
    assert "3 innspill venter, 1 av dem over fristen." in page
    assert "Andres behov" not in page and work["mine"].title in page
    assert work["comment"].reference in page
    assert work["draft"].title in page.split('id="utkast"')[1]


@pytest.mark.django_db
def test_the_promise_is_the_municipality_s(client, staff, work, municipality):
    municipality.feedback_promise_days = 5
    municipality.save()
    client.force_login(staff)

    page = client.get(MY_WORK).text

    assert "innen 5 dager" in page
    assert "3 innspill venter, 2 av dem over fristen." in page


@pytest.mark.django_db
def test_mitt_arbeid_asks_as_many_queries_for_many_inputs_as_for_few(
    client, staff, citizen, work, django_assert_max_num_queries
):
    from django.core.cache import cache

    client.force_login(staff)
    cache.clear()
    with django_assert_max_num_queries(15) as few:
        client.get(MY_WORK)
    for number in range(30):
        _need(work["mine"], citizen, f"Behov {number}", days_ago=number)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(MY_WORK)


@pytest.mark.django_db
def test_politicians_see_processes_by_status_and_decisions_due_soon(
    client, politician, municipality, staff
):
    today = timezone.localdate()
    _process(municipality, staff, "snart", decision_due=today + timedelta(days=10))
    _process(municipality, staff, "senere", decision_due=today + timedelta(days=400))
    _process(municipality, staff, "ferdig", status=Process.Status.CONCLUDED)
    _process(municipality, staff, "hemmelig", status=Process.Status.DRAFT)
    client.force_login(politician)

    page = client.get(POLITICIAN).text

    due = page.split('id="beslutninger"')[1].split("</section>")[0]
    assert "Snart" in due and "Senere" not in due
    assert "Åpen (2)" in page and "Avsluttet (1)" in page
    assert "Hemmelig" not in page
    assert "Du følger ingen prosesser ennå" in page


@pytest.mark.django_db
def test_politicians_see_the_processes_they_follow_and_no_draft(
    client, politician, municipality, staff
):
    followed = _process(municipality, staff, "fulgt")
    _process(municipality, staff, "ikke-fulgt")
    draft = _process(municipality, staff, "hemmelig", status=Process.Status.DRAFT)
    for process in (followed, draft):
        ProcessFollow.objects.create(process=process, person=politician)
    client.force_login(politician)

    page = client.get(POLITICIAN).text

    mine = page.split('id="folger"')[1].split("</section>")[0]
    assert "Fulgt" in mine
    assert "Ikke fulgt" not in mine and "Hemmelig" not in mine


@pytest.mark.django_db
def test_each_role_s_header_has_its_own_entries(client, staff, politician, admin_user, citizen):
    def entries(user):
        client.force_login(user)
        page = client.get("/").text
        return {
            url
            for url in (MY_WORK, POLITICIAN, "/moderering/", "/revisjonslogg/")
            if f'href="{url}"' in page
        }

    assert entries(citizen) == set()
    assert entries(staff) == {MY_WORK, "/moderering/"}
    assert entries(politician) == {POLITICIAN}
    assert entries(admin_user) == {MY_WORK, "/moderering/", "/revisjonslogg/"}


@pytest.mark.django_db
def test_a_new_role_shows_its_entries_on_a_cached_page_at_once(client, citizen, municipality):
    from participants.models import Role
    from participants.services import membership_grant

    client.force_login(citizen)
    assert 'href="/mitt-arbeid/"' not in client.get("/prosesser/").text
    membership_grant(user=citizen, municipality=municipality, role=Role.STAFF)

    assert 'href="/mitt-arbeid/"' in client.get("/prosesser/").text
