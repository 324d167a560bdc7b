"""Every list and detail page of a process asks the database the same number of
queries for 10 items as for 1,000 (10,000 for the need list), at most 15, for
every role: cold (the Django cache cleared, so no region or fragment is
cached) and warm (the same request again), counted apart.

The items are made in bulk, which leaves ``Process.updated_at`` alone: a
count that did not clear the cache would count the copy cached before the
items came. One query per item (an author's name read in the need item)
turns this red.
"""

import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from participants.models import User
from processes.models import (
    Comment,
    Contribution,
    Need,
    NeedResult,
    NeedSupport,
    Process,
    Solution,
    TimelineEvent,
)

# Under its own name pytest would try to collect it as a test class.
from processes.models import TestRound as RoundOfTesting
from processes.services import test_rounds as test_round_services
from processes.services.contributions import KIND_BY_MODEL
from processes.services.needs import need_log
from processes.services.solutions import solution_propose, solution_set_status

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

BUDGET = 15
ROLES = (
    "anonymous",
    "citizen",
    "citizen_author",
    "staff_non_owner",
    "staff",  # the owner
    "admin_user",
    "politician",
)
PAGES = {
    "process list": lambda w: reverse("processes:list"),
    "process page": lambda w: reverse("processes:detail", args=[w.process.slug]),
    "need list": lambda w: reverse("processes:needs", args=[w.process.slug]),
    "need page": lambda w: reverse("processes:need", args=[w.process.slug, w.need.pk]),
    "solution list": lambda w: reverse("processes:solutions", args=[w.process.slug]),
    "solution page": lambda w: reverse("processes:solution", args=[w.process.slug, w.solution.pk]),
    "test-round list": lambda w: reverse("processes:test_rounds", args=[w.process.slug]),
    "test-round page": lambda w: reverse(
        "processes:test_round", args=[w.process.slug, w.test_round.pk]
    ),
    "Mine innspill": lambda w: reverse("processes:my_contributions"),
    # Every public process of the municipality (1,000 at the big size), one query.
    "ladder overview": lambda w: reverse("processes:ladder"),
}
# The comment threads ask one query more (the count of older threads) once
# there are more than 20 of them (processes.views.comments.comment_thread), and
# no more after that. Exact when cold, so the test goes red when it is gone.
KNOWN_STEPS = {"need page": 1, "solution page": 1}
# How many items each page is counted at; the need list is the big one.
SIZES = dict.fromkeys(PAGES, (10, 1_000)) | {"need list": (10, 10_000)}
serial = itertools.count()


class World:
    """A process with one need, solution and test round that the detail pages
    show, made through the services; ``grow`` adds items around them in bulk."""

    def __init__(self, *, process, owner, author):
        self.process, self.author, self.size = process, author, 0
        self.supporters = User.objects.bulk_create(
            [
                User(email=f"stotte{i}@example.org", full_name=f"Støtte {i}", password="!")
                for i in range(5)
            ]
        )
        self.need = need_log(
            process=process, author=author, body="Lys i undergangen", who_has_need="Alle"
        )
        solution = solution_propose(
            process=process, author=author, title="Gatelys", body="Sett opp lys.", needs=[self.need]
        )
        self.solution = solution_set_status(
            solution=solution,
            status=Solution.Status.SELECTED,
            by=owner,
            text="Vi tester.",
            version=solution.version,
        )
        self.test_round = test_round_services.test_round_record(
            solution=self.solution,
            by=owner,
            body="Lys i to uker.",
            participant_categories=["citizen"],
            head_count=12,
            held_on="2026-10-01",
            place="Undergangen",
            findings="Folk gikk der igjen.",
            need_results={self.need: "met"},
            decision="adjust",
            learning="Lyset må stå på hele natten.",
        )

    def grow(self, size: int, *, only_needs: bool = False) -> None:
        """Bring every kind of item up to ``size`` (only the needs, if asked)."""
        count, self.size = size - self.size, size
        needs = _contributions(
            Need,
            self,
            count,
            Need.Status.RECEIVED,
            lambda i: {
                "who_has_need": f"Gruppe {i % 12}",
                "support_count": i % 4,
            },
        )
        NeedSupport.objects.bulk_create(
            [
                NeedSupport(need_id=need.pk, user=user)
                for i, need in enumerate(needs)
                for user in self.supporters[: i % 4]
            ],
            batch_size=5000,
        )
        if only_needs:
            Process.objects.filter(pk=self.process.pk).update(needs_count=Need.objects.count())
            return
        NeedSupport.objects.bulk_create(
            [NeedSupport(need=self.need, user=user) for user in _users(count)], batch_size=5000
        )
        solutions = _contributions(
            Solution,
            self,
            count,
            Solution.Status.PROPOSED,
            lambda i: {
                "title": f"Løsning {i}",
            },
        )
        links = Solution.needs.through
        links.objects.bulk_create(
            [links(solution_id=s.pk, need_id=self.need.pk) for s in solutions]
            + [links(solution_id=self.solution.pk, need_id=n.pk) for n in needs],
            batch_size=5000,
        )
        _contributions(
            RoundOfTesting,
            self,
            count,
            RoundOfTesting.Status.DECIDED,
            lambda i: {
                "tested_solution_id": self.solution.pk,
                "participant_categories": ["citizen"],
                "head_count": 10,
                "held_on": timezone.localdate(),
                "place": f"Sted {i}",
                "findings": "Det virket.",
                "decision": RoundOfTesting.Decision.ADJUST,
                "learning": "Juster og test igjen.",
            },
        )
        NeedResult.objects.bulk_create(
            [NeedResult(test_round=self.test_round, need_id=n.pk, result="partly") for n in needs],
            batch_size=5000,
        )
        for target in (self.need, self.solution):
            _contributions(
                Comment,
                self,
                count,
                Comment.Status.PUBLISHED,
                lambda i, t=target: {
                    "target_id": t.pk,
                },
            )
        Process.objects.bulk_create(
            [
                Process(
                    municipality=self.process.municipality,
                    title=f"Prosess {i}",
                    slug=f"prosess-{next(serial)}",
                    summary="Om noe.",
                    problem_statement="Hvorfor?",
                    status=Process.Status.OPEN,
                    level=2,
                )
                for i in range(count)
            ],
            batch_size=5000,
        )
        Process.objects.filter(pk=self.process.pk).update(
            needs_count=Need.objects.filter(process=self.process).count(),
            solutions_count=Solution.objects.filter(process=self.process).count(),
            contributions_count=Contribution.objects.filter(process=self.process).count(),
        )


def _users(count: int) -> list[User]:
    return User.objects.bulk_create(
        [
            User(email=f"bruker{next(serial)}@example.org", full_name="Bruker", password="!")
            for _ in range(count)
        ],
        batch_size=5000,
    )


def _contributions(model, world: World, count: int, status: str, values) -> list[Contribution]:
    """``count`` contributions of ``model`` by the world's author, each with a
    timeline step: the parent rows in bulk, then the child rows in one raw
    INSERT (``bulk_create`` cannot do a multi-table model)."""
    round_ = world.process.rounds.get()
    parents = Contribution.objects.bulk_create(
        [
            Contribution(
                process=world.process,
                round=round_,
                kind=KIND_BY_MODEL[model],
                reference=f"T-{next(serial):07d}",
                author=world.author,
                body=f"Innspill {i}",
                status=status,
            )
            for i in range(count)
        ],
        batch_size=5000,
    )
    fields = model._meta.local_concrete_fields
    rows = []
    for i, parent in enumerate(parents):
        data = {model._meta.pk.attname: parent.pk, **values(i)}
        rows.append(
            [
                field.get_db_prep_save(
                    data[field.attname] if field.attname in data else field.get_default(),
                    connection,
                )
                for field in fields
            ]
        )
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - our own names
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    TimelineEvent.objects.bulk_create(
        [
            TimelineEvent(
                process=world.process,
                contribution_id=parent.pk,
                kind=TimelineEvent.Kind.CREATED,
                to_status=status,
                actor=world.author,
            )
            for parent in parents
        ],
        batch_size=5000,
    )
    return parents


@pytest.fixture
def citizen_author(make_user):
    """A citizen who wrote every item."""
    return make_user("forfatter@example.org", "Frida Forfatter")


@pytest.fixture
def world(process, staff, citizen_author):
    return World(process=process, owner=staff, author=citizen_author)


@pytest.fixture
def clients(request) -> dict[str, Client]:
    signed_in = {}
    for role in ROLES:
        signed_in[role] = Client()
        if role != "anonymous":
            signed_in[role].force_login(request.getfixturevalue(role))
    return signed_in


def count(client: Client, url: str) -> tuple[int, int, int]:
    """(status, queries cold, queries warm) of one GET."""
    cache.clear()
    counted = []
    for _load in ("cold", "warm"):
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        counted.append(len(queries))
    return status, *counted


@pytest.mark.parametrize("page", PAGES)
def test_a_page_asks_the_same_few_queries_for_ten_items_as_for_thousands(page, world, clients):
    url = PAGES[page](world)
    roles = [role for role in ROLES if not (page == "Mine innspill" and role == "anonymous")]
    few, many = SIZES[page]
    counts = {}
    for size in (few, many):
        world.grow(size, only_needs=size > 1_000)
        for role in roles:
            counts[size, role] = count(clients[role], url)

    table = "\n".join(
        f"{role:16} {few}: cold {counts[few, role][1]:2} warm {counts[few, role][2]:2}   "
        f"{many}: cold {counts[many, role][1]:2} warm {counts[many, role][2]:2}"
        for role in roles
    )
    assert all(status == 200 for status, _cold, _warm in counts.values()), table
    assert all(max(cold, warm) <= BUDGET for _status, cold, warm in counts.values()), table
    step = KNOWN_STEPS.get(page, 0)
    # Cold, the threads are always read; warm, only when no cached copy holds them.
    assert all(counts[many, role][1] == counts[few, role][1] + step for role in roles), table
    assert all(counts[many, role][2] - counts[few, role][2] in {0, step} for role in roles), table
