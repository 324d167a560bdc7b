"""Long comment threads: the newest threads on the page, the older ones one
link away, and whatever the visitor just touched always in sight."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from processes.models import Comment
from processes.services.comments import comment_add
from processes.services.needs import need_log
from processes.views.comments import THREADS_SHOWN

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def neighbour(make_user):
    return make_user("ola@example.org", "Ola Nabo")


@pytest.fixture
def need(process, neighbour):
    return need_log(
        process=process, author=neighbour, body="Lys i undergangen", who_has_need="Alle"
    )


def add_threads(need, author, count: int) -> list[Comment]:
    """``count`` top-level comments, one minute apart, the first the oldest."""
    start = timezone.now() - datetime.timedelta(hours=1)
    comments = []
    for n in range(count):
        comment = comment_add(target=need, author=author, body=f"Tråd nummer {n:02d}.")
        Comment.objects.filter(pk=comment.pk).update(
            created_at=start + datetime.timedelta(minutes=n)
        )
        comments.append(comment)
    return comments


def test_the_newest_threads_show_and_the_older_are_one_link_away(client, need, neighbour):
    add_threads(need, neighbour, THREADS_SHOWN + 5)

    page = client.get(need.get_absolute_url()).text
    everything = client.get(need.get_absolute_url(), {"kommentarer": "alle"}).text

    assert "Vis 5 eldre kommentarer" in page
    assert "Tråd nummer 00." not in page and "Tråd nummer 04." not in page
    assert "Tråd nummer 05." in page and f"Tråd nummer {THREADS_SHOWN + 4}." in page
    assert page.index("Tråd nummer 05.") < page.index("Tråd nummer 24.")
    assert "?kommentarer=alle#kommentarer" in page
    assert "Tråd nummer 00." in everything and "eldre kommentar" not in everything


def test_a_short_thread_has_no_link(client, need, neighbour):
    add_threads(need, neighbour, 3)

    assert "eldre kommentar" not in client.get(need.get_absolute_url()).text


def test_replies_stay_with_their_thread(client, need, neighbour, citizen):
    threads = add_threads(need, neighbour, THREADS_SHOWN + 1)
    comment_add(target=need, author=citizen, body="Svar på den nyeste.", parent=threads[-1])
    comment_add(target=need, author=citizen, body="Svar på den eldste.", parent=threads[0])

    page = client.get(need.get_absolute_url()).text

    assert "Svar på den nyeste." in page
    assert "Svar på den eldste." not in page
    assert "Vis 1 eldre kommentar<" in page


def test_reporting_an_old_comment_keeps_it_in_sight(client, need, neighbour, citizen):
    threads = add_threads(need, neighbour, THREADS_SHOWN + 3)
    client.force_login(citizen)
    url = reverse("processes:comment_report", args=[need.process.slug, threads[0].pk])

    region = client.post(url, {"reason": "Usaklig."}, **HTMX).text

    assert "Tråd nummer 00." in region
    assert f'id="kommentar-{threads[0].pk}-av" data-focus' in region


def test_a_reply_to_an_old_thread_shows_at_once(client, need, neighbour, citizen):
    threads = add_threads(need, neighbour, THREADS_SHOWN + 3)
    client.force_login(citizen)
    url = reverse("processes:comment_create", args=[need.process.slug, need.pk])

    region = client.post(url, {"body": "Sent svar.", "parent": threads[1].pk}, **HTMX).text

    assert "Sent svar." in region
    assert "Tråd nummer 01." in region


@pytest.mark.parametrize("count", [3, 60])
def test_the_need_page_asks_the_same_number_of_queries_however_long_the_thread(
    client, need, neighbour, count, django_assert_max_num_queries
):
    add_threads(need, neighbour, count)
    client.get(need.get_absolute_url())

    with django_assert_max_num_queries(12):
        client.get(need.get_absolute_url())
