"""The audit log: the municipality's admins read it, nobody else."""

import pytest
from django.urls import reverse

from portal.audit import audit_record

URL = "/revisjonslogg/"


def test_the_audit_log_lives_at_revisjonslogg():
    assert reverse("portal:audit_log") == URL


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_log_in(client, municipality):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logg-inn/?next=/revisjonslogg/")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["citizen", "staff", "politician", "other_staff"])
def test_everyone_but_an_admin_is_refused_with_a_reason(client, request, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(URL)

    assert response.status_code == 403
    assert "Bare kommunens administratorer kan lese revisjonsloggen." in response.text


@pytest.mark.django_db
def test_an_admin_reads_who_changed_what_in_their_own_municipality_only(
    client, admin_user, staff, municipality, other_municipality, other_staff
):
    audit_record(
        actor=staff,
        municipality=municipality,
        action="process.status",
        target=municipality,
        before={"status": "draft"},
        after={"status": "open"},
    )
    audit_record(
        actor=other_staff,
        municipality=other_municipality,
        action="nordvik.secret",
        target=other_municipality,
    )
    client.force_login(admin_user)

    response = client.get(URL)

    assert response.status_code == 200
    assert "Revisjonslogg" in response.text
    assert "Siri Saksbehandler" in response.text
    assert "process.status" in response.text
    assert "status: draft" in response.text
    assert "status: open" in response.text
    assert "nordvik.secret" not in response.text


@pytest.mark.django_db
def test_the_audit_log_says_so_when_it_is_empty(client, admin_user):
    client.force_login(admin_user)

    response = client.get(URL)

    assert "Ingen endringer er logget ennå." in response.text


@pytest.mark.django_db
def test_the_audit_log_paginates_in_25s_with_constant_queries(
    client, admin_user, staff, municipality, django_assert_max_num_queries
):
    for number in range(30):
        audit_record(
            actor=staff, municipality=municipality, action=f"handling-{number:02}", target=staff
        )
    client.force_login(admin_user)

    with django_assert_max_num_queries(15):
        first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assert "handling-29" in first.text and "handling-04" not in first.text
    assert "handling-04" in second.text
    assert "Side 2 av 2" in second.text


@pytest.mark.django_db
def test_the_audit_log_escapes_what_it_shows(client, admin_user, municipality):
    audit_record(
        actor=admin_user,
        municipality=municipality,
        action="x",
        target=municipality,
        after={"title": "<script>alert(1)</script>"},
    )
    client.force_login(admin_user)

    response = client.get(URL)

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


@pytest.mark.django_db
def test_the_audit_log_refuses_post(client, admin_user):
    client.force_login(admin_user)

    assert client.post(URL).status_code == 405
