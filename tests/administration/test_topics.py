"""Topics: create, rename, merge (processes and needs move to the topic that
stays), retire (no longer offered, kept where it is); each audited and shown
at once on cached pages."""

import pytest
from django.urls import reverse

from portal.models import AuditEntry
from processes.models import Contribution, Need, Topic
from processes.services.contributions import contribution_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(admin_user, client_as):
    return client_as(admin_user)


@pytest.fixture
def need(process, citizen):
    return contribution_add(
        Need(kind=Contribution.Kind.NEED, body="Lys langs veien.", who_has_need="Skolebarn"),
        process=process,
        author=citizen,
        status=Need.Status.RECEIVED,
    )


def test_a_topic_is_created_and_audited(admin, municipality):
    response = admin.post(reverse("administration:topics"), {"nytt-name": "  Kultur   og fritid "})

    assert response.status_code == 302
    topic = Topic.objects.get()
    assert (topic.name, topic.slug, topic.municipality) == (
        "Kultur og fritid",
        "kultur-og-fritid",
        municipality,
    )
    assert AuditEntry.objects.get(action="topic.create").after == {"name": "Kultur og fritid"}


def test_a_taken_name_is_refused_and_kept(admin, topic):
    response = admin.post(reverse("administration:topics"), {"nytt-name": "skolevei"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "allerede et tema med dette navnet" in html and 'value="skolevei"' in html
    assert Topic.objects.count() == 1


def test_a_rename_shows_at_once_on_cached_pages(admin, client, topic, process):
    process.topics.add(topic)
    for _ in range(2):
        assert "Skolevei" in client.get(process.get_absolute_url()).content.decode()

    response = admin.post(
        reverse("administration:topic_rename", args=[topic.pk]),
        {f"tema-{topic.pk}-name": "Trygg vei"},
    )

    assert response.status_code == 302
    html = client.get(process.get_absolute_url()).content.decode()
    assert "Trygg vei" in html and "Skolevei" not in html
    entry = AuditEntry.objects.get(action="topic.rename")
    assert (entry.before, entry.after) == ({"name": "Skolevei"}, {"name": "Trygg vei"})


def test_a_refused_rename_keeps_what_was_typed(admin, topic, other_topic):
    response = admin.post(
        reverse("administration:topic_rename", args=[topic.pk]),
        {f"tema-{topic.pk}-name": "Trafikk"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "allerede et tema med dette navnet" in html
    assert f'name="tema-{topic.pk}-name"' in html and 'value="Trafikk"' in html
    assert Topic.objects.get(pk=topic.pk).name == "Skolevei"


def test_a_merge_moves_processes_and_needs_to_the_topic_that_stays(
    admin, topic, other_topic, process, need, municipality, staff
):
    from processes.models import Process

    second = Process.objects.create(
        municipality=municipality, title="Gang", slug="gang", summary="s", problem_statement="p"
    )
    process.topics.add(topic)
    second.topics.add(topic, other_topic)  # has both: keeps one link
    need.topics.add(topic)

    response = admin.post(
        reverse("administration:topic_merge", args=[topic.pk]),
        {f"slaa-{topic.pk}-into": other_topic.pk},
    )

    assert response.status_code == 302
    assert not Topic.objects.filter(pk=topic.pk).exists()
    assert sorted(other_topic.processes.values_list("slug", flat=True)) == [
        "gang",
        "trygg-skolevei",
    ]
    assert list(other_topic.needs.all()) == [need]
    assert list(second.topics.all()) == [other_topic]
    entry = AuditEntry.objects.get(action="topic.merge")
    assert entry.before == {"name": "Skolevei"}
    assert entry.after == {"name": "Trafikk", "processes": 1, "needs": 1}


def test_a_topic_is_not_merged_into_itself_or_into_another_municipality_s(
    admin, topic, other_municipality
):
    foreign = Topic.objects.create(municipality=other_municipality, name="Havn", slug="havn")
    url = reverse("administration:topic_merge", args=[topic.pk])

    for target in (topic.pk, foreign.pk, "x"):
        admin.post(url, {f"slaa-{topic.pk}-into": target})

    assert Topic.objects.filter(pk=topic.pk).exists()
    assert not AuditEntry.objects.exists()


def test_a_retired_topic_is_not_offered_but_stays_where_it_is(
    admin, client_as, staff, topic, other_topic, process, need
):
    process.topics.add(topic)
    need.topics.add(topic)

    admin.post(reverse("administration:topic_retire", args=[topic.pk]), {"faset_ut": "1"})

    topic.refresh_from_db()
    assert topic.retired_at is not None
    assert list(process.topics.all()) == [topic] and list(need.topics.all()) == [topic]
    staff_client = client_as(staff)
    create = staff_client.get(reverse("processes:create")).content.decode()
    assert "Trafikk" in create and "Skolevei" not in create
    # The process that has it keeps it when edited.
    edit = staff_client.get(reverse("processes:edit", args=[process.slug])).content.decode()
    assert "Skolevei" in edit
    need_form = staff_client.get(
        reverse("processes:need_create", args=[process.slug])
    ).content.decode()
    assert "Trafikk" in need_form and "Skolevei" not in need_form
    assert "Skolevei" in staff_client.get(process.get_absolute_url()).content.decode()

    admin.post(reverse("administration:topic_retire", args=[topic.pk]), {"faset_ut": "0"})
    assert Topic.objects.get(pk=topic.pk).retired_at is None
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        "topic.retire",
        "topic.restore",
    ]


def test_the_topics_page_asks_as_many_queries_for_many_topics_as_for_few(
    admin, municipality, process, django_assert_max_num_queries
):
    from django.core.cache import cache

    for number in range(30):
        topic = Topic.objects.create(
            municipality=municipality, name=f"Tema {number}", slug=f"tema-{number}"
        )
        process.topics.add(topic)
    cache.clear()
    with django_assert_max_num_queries(8):
        html = admin.get(reverse("administration:topics")).content.decode()
    assert "Tema 29" in html and "1 prosess" in html
