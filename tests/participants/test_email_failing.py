"""A person whose address the mail server refused sees it on every page, and
says when it works again; nobody else can clear anyone's mark."""

import pytest
from django.utils import timezone

from participants.models import User

RETRY = "/konto/e-post/prov-igjen/"
ROLES = ("citizen", "staff", "politician", "admin_user", "other_staff")


def _mark_failing(person: User) -> None:
    person.email_failing_since = timezone.now()
    person.email_failure = "550 5.1.1 No such user here"
    person.save(update_fields=["email_failing_since", "email_failure"])


@pytest.mark.django_db
def test_the_person_sees_the_refused_address_in_the_header_area(client, citizen):
    client.force_login(citizen)
    assert "Vi får ikke sendt e-post til deg" not in client.get("/prosesser/").text

    _mark_failing(citizen)
    page = client.get("/prosesser/").text  # a cached page: the mark makes a new copy

    assert "Vi får ikke sendt e-post til deg" in page
    assert "<strong>kari@example.org</strong>" in page
    assert "550 5.1.1 No such user here" in page
    assert f'action="{RETRY}"' in page


@pytest.mark.django_db
def test_the_warning_is_in_the_persons_language(client, citizen):
    _mark_failing(citizen)
    client.force_login(citizen)

    client.cookies["django_language"] = "nn"
    page = client.get("/prosesser/").text

    assert "Vi får ikkje sendt e-post til deg" in page


@pytest.mark.django_db
def test_nobody_else_sees_the_warning(client, citizen, staff):
    _mark_failing(citizen)
    client.force_login(staff)

    assert "Vi får ikke sendt e-post til deg" not in client.get("/prosesser/").text
    client.logout()
    assert "Vi får ikke sendt e-post til deg" not in client.get("/prosesser/").text


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_role_clears_its_own_mark_and_no_one_elses(client, request, role, make_user):
    person = request.getfixturevalue(role)
    bystander = make_user("annen@example.org", "Annen Person")
    _mark_failing(person)
    _mark_failing(bystander)
    client.force_login(person)

    response = client.post(RETRY, {"next": "/prosesser/"})

    assert response.status_code == 302
    assert response["Location"] == "/prosesser/"
    person.refresh_from_db()
    bystander.refresh_from_db()
    assert (person.email_failing_since, person.email_failure) == (None, "")
    assert bystander.email_failing_since is not None
    assert "Vi sender e-post til" in client.get("/prosesser/").text


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_log_in_and_clears_nothing(client, citizen):
    _mark_failing(citizen)

    response = client.post(RETRY)

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logg-inn/")
    assert User.objects.filter(email_failing_since__isnull=False).count() == 1


@pytest.mark.django_db
def test_another_site_is_never_the_way_back(client, citizen):
    _mark_failing(citizen)
    client.force_login(citizen)

    response = client.post(RETRY, {"next": "https://evil.example/"})

    assert response["Location"] == "/"


@pytest.mark.django_db
def test_only_post_is_allowed(client, citizen):
    client.force_login(citizen)

    assert client.get(RETRY).status_code == 405
