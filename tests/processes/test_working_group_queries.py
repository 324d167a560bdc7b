"""The working-groups page asks as few queries for a thousand members as for
ten, as every role, counted cold (the cache cleared) and warm."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ladder.levels import Level
from participants.models import User
from processes.models import GroupMembership, Process, WorkingGroup

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

BUDGET = 15
ROLES = ("anonymous", "citizen", "staff_non_owner", "staff", "admin_user", "politician")
MEMBERS_PER_GROUP = 10


def grow(process: Process, owner, members: int) -> None:
    """Bring the process's groups up to ``members`` active members in all, in
    groups of ten, in bulk (so ``Process.updated_at`` is left alone)."""
    have = GroupMembership.objects.filter(group__process=process).count()
    missing = members - have
    groups = WorkingGroup.objects.bulk_create(
        [
            WorkingGroup(process=process, name=f"Gruppe {have + i}", created_by=owner)
            for i in range(0, missing, MEMBERS_PER_GROUP)
        ]
    )
    people = User.objects.bulk_create(
        [
            User(email=f"medlem{have + i}@example.org", full_name=f"Medlem {i}", password="!")
            for i in range(missing)
        ],
        batch_size=5000,
    )
    GroupMembership.objects.bulk_create(
        [
            GroupMembership(
                group=groups[i // MEMBERS_PER_GROUP],
                person=person,
                status=GroupMembership.Status.ACTIVE,
                invited_by=owner,
            )
            for i, person in enumerate(people)
        ],
        batch_size=5000,
    )


def count(client: Client, url: str) -> tuple[int, int, int]:
    cache.clear()
    counted = []
    for _load in ("cold", "warm"):
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        counted.append(len(queries))
    return status, *counted


def test_the_working_groups_page_stays_flat_from_ten_members_to_a_thousand(process, staff, request):
    Process.objects.filter(pk=process.pk).update(level=Level.EQUAL)
    url = reverse("processes:working_groups", args=[process.slug])
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if role != "anonymous":
            clients[role].force_login(request.getfixturevalue(role))

    counts = {}
    for size in (10, 1_000):
        grow(process, staff, size)
        for role in ROLES:
            counts[size, role] = count(clients[role], url)

    table = "\n".join(f"{key}: {value}" for key, value in counts.items())
    assert all(status == 200 for status, _cold, _warm in counts.values()), table
    assert all(max(cold, warm) <= BUDGET for _status, cold, warm in counts.values()), table
    assert all(counts[1_000, role][1:] == counts[10, role][1:] for role in ROLES), table
