"""Every administrator's page × every role: only this municipality's
administrators get in; anyone else is refused, and a refused write writes
nothing (rows counted, values read back)."""

import pytest
from django.urls import reverse

from participants.models import Invitation, Membership, Notification
from portal.models import AuditEntry, Municipality
from processes.models import Topic

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "citizen", "staff", "politician", "admin", "other_admin")


def snapshot(municipality) -> tuple:
    fresh = Municipality.objects.get(pk=municipality.pk)
    return (
        Membership.objects.count(),
        list(Membership.objects.order_by("pk").values_list("pk", "role")),
        list(Invitation.objects.order_by("pk").values_list("pk", "expires_at", "withdrawn_at")),
        list(Topic.objects.order_by("pk").values_list("pk", "name", "retired_at")),
        AuditEntry.objects.count(),
        Notification.objects.count(),
        (fresh.name, fresh.contact_email, fresh.feedback_promise_days, fresh.written_standard),
    )


def _settings_data(municipality) -> dict:
    return {
        "name": "Lillevik kommune (ny)",
        "contact_email": "post@lillevik.example",
        "contact_phone": "12 34 56 78",
        "contact_address": "Torget 1",
        "feedback_promise_days": "21",
        "written_standard": "nn",
        "default_process_level": "3",
    }


# (url name, which fixture the pk names, valid data for a write)
READS = [
    ("administration:index", None),
    ("administration:people", None),
    ("administration:settings", None),
    ("administration:topics", None),
]
WRITES = [
    ("administration:invite", None, lambda w: {"email": "ny2@lillevik.example", "role": "staff"}),
    ("administration:role_change", "staff_role", lambda w: {"role": "politician"}),
    ("administration:role_remove", "staff_role", lambda w: {}),
    ("administration:invitation_resend", "invitation", lambda w: {}),
    ("administration:invitation_withdraw", "invitation", lambda w: {}),
    ("administration:settings", None, lambda w: _settings_data(w["municipality"])),
    ("administration:topics", None, lambda w: {"nytt-name": "Kultur"}),
    (
        "administration:topic_rename",
        "topic",
        lambda w: {f"tema-{w['topic'].pk}-name": "Trygg skolevei"},
    ),
    (
        "administration:topic_merge",
        "topic",
        lambda w: {f"slaa-{w['topic'].pk}-into": w["other_topic"].pk},
    ),
    ("administration:topic_retire", "topic", lambda w: {"faset_ut": "1"}),
]


@pytest.fixture
def world(municipality, roles, staff_role, invitation, topic, other_topic) -> dict:
    return {
        "municipality": municipality,
        "roles": roles,
        "staff_role": staff_role,
        "invitation": invitation,
        "topic": topic,
        "other_topic": other_topic,
    }


def _url(name: str, pk_of: str | None, world: dict) -> str:
    return reverse(name, args=[world[pk_of].pk] if pk_of else [])


def _refused(response, role: str) -> bool:
    if role == "anonymous":
        return response.status_code == 302 and response["Location"].startswith(
            reverse("participants:login")
        )
    return response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "pk_of"), READS)
def test_only_this_municipality_s_administrators_open_the_page(world, client_as, name, pk_of, role):
    response = client_as(world["roles"][role]).get(_url(name, pk_of, world))

    if role == "admin":
        assert response.status_code == 200
    else:
        assert _refused(response, role), response.status_code


@pytest.mark.parametrize("role", [role for role in ROLES if role != "admin"])
@pytest.mark.parametrize(("name", "pk_of", "data"), WRITES)
def test_a_refused_write_writes_nothing(world, client_as, name, pk_of, data, role):
    before = snapshot(world["municipality"])

    response = client_as(world["roles"][role]).post(_url(name, pk_of, world), data(world))

    assert _refused(response, role), response.status_code
    assert snapshot(world["municipality"]) == before


@pytest.mark.parametrize(("name", "pk_of", "data"), WRITES)
def test_the_administrator_s_write_is_done_and_audited(world, client_as, name, pk_of, data):
    before = snapshot(world["municipality"])
    audited = AuditEntry.objects.count()

    response = client_as(world["roles"]["admin"]).post(_url(name, pk_of, world), data(world))

    assert response.status_code == 302, response.content.decode()[:3000]
    assert snapshot(world["municipality"]) != before
    assert AuditEntry.objects.count() == audited + 1


def test_the_header_shows_administrasjon_only_to_administrators(world, client_as):
    link = f'href="{reverse("administration:index")}"'
    for role in ROLES:
        html = client_as(world["roles"][role]).get("/").content.decode()
        assert (link in html) == (role == "admin"), role


def test_another_municipality_s_objects_are_404_to_this_administrator(
    world, client_as, other_municipality, other_admin
):
    from participants.models import Membership

    theirs = Membership.objects.get(user=other_admin)
    foreign_topic = Topic.objects.create(municipality=other_municipality, name="Havn", slug="havn")
    client = client_as(world["roles"]["admin"])
    before = snapshot(world["municipality"])
    theirs_before = list(Membership.objects.filter(pk=theirs.pk).values_list("role", flat=True))

    for url in (
        reverse("administration:role_remove", args=[theirs.pk]),
        reverse("administration:role_change", args=[theirs.pk]),
        reverse("administration:topic_retire", args=[foreign_topic.pk]),
    ):
        assert client.post(url, {"role": "staff"}).status_code == 404

    assert snapshot(world["municipality"]) == before
    assert list(Membership.objects.filter(pk=theirs.pk).values_list("role", flat=True)) == (
        theirs_before
    )
    assert Topic.objects.get(pk=foreign_topic.pk).retired_at is None
