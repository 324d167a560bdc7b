"""What a person sees of needs and their comments: the shared timeline, headings
that say what a need is, the filtered list, labelled and indented comments and
login prompts that lead back."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.models import Membership
from processes.models import Contribution, Need, Topic
from processes.services.comments import comment_add
from processes.services.needs import need_log, need_set_status

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def log(process, author, body="Trygg kryssing ved skolen om morgenen", **extra):
    return need_log(process=process, author=author, body=body, who_has_need="Skolebarn", **extra)


def list_url(process, **query):
    url = reverse("processes:needs", args=[process.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def card_titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="ds-heading" data-size="xs"><a [^>]*>([^<]*)</a></h3>', html)


# The need page ------------------------------------------------------------------


def test_the_need_page_shows_its_history_in_the_shared_timeline_under_its_status(
    client, process, staff, citizen
):
    need = log(process, citizen)
    need.process = process
    need_set_status(
        need=need, status="under_review", text="Vi ser på saken.", by=staff, version=need.version
    )
    html = client.get(need.get_absolute_url()).content.decode()
    assert "Status og tilbakemeldinger" not in html
    assert '<h2 class="ds-heading" data-size="md" id="historikk">Historikk</h2>' in html
    status = html.index('<span class="ds-tag" data-color="info">Til vurdering</span>')
    assert status < html.index('id="historikk"') < html.index("Vi ser på saken.")


def test_a_need_page_heading_says_what_the_need_is_with_the_reference_beside_it(
    client, process, citizen
):
    need = log(process, citizen, body="Lys langs gangstien til hallen, den er mørk om vinteren")
    html = client.get(need.get_absolute_url()).content.decode()
    heading = re.search(r"<h1[^>]*>([^<]*)</h1>", html).group(1)
    assert heading.startswith("Lys langs gangstien til hallen")
    assert need.reference not in heading
    assert f"Behov {need.reference}" in html


# The list -----------------------------------------------------------------------


def test_each_need_in_the_list_is_headed_by_its_words_and_shows_its_status(
    client, process, staff, citizen
):
    need = log(process, citizen, body="Benker langs turstien for eldre")
    need.process = process
    need_set_status(need=need, status="under_review", text="Vi ser.", by=staff, version=1)
    html = client.get(list_url(process)).content.decode()
    assert card_titles(html) == ["Benker langs turstien for eldre"]
    assert need.reference in html
    assert '<span class="ds-tag" data-color="info" data-size="sm">Til vurdering</span>' in html


def test_the_list_is_filtered_by_status(client, process, staff, citizen):
    log(process, citizen, body="Mottatt behov")
    reviewed = log(process, citizen, body="Vurdert behov")
    reviewed.process = process
    need_set_status(need=reviewed, status="under_review", text="Ja.", by=staff, version=1)
    assert card_titles(client.get(list_url(process, status="under_review")).content.decode()) == [
        "Vurdert behov"
    ]
    assert card_titles(client.get(list_url(process, status="received")).content.decode()) == [
        "Mottatt behov"
    ]


def test_the_list_is_filtered_by_topic(client, process, municipality, citizen):
    road = Topic.objects.create(municipality=municipality, name="Vei", slug="vei")
    Topic.objects.create(municipality=municipality, name="Skole", slug="skole")
    log(process, citizen, body="Hull i veien", topics=[road])
    log(process, citizen, body="Større skolegård")
    html = client.get(list_url(process, topic="vei")).content.decode()
    assert card_titles(html) == ["Hull i veien"]
    assert '<option value="vei" selected>Vei</option>' in html
    assert card_titles(client.get(list_url(process, topic="skole")).content.decode()) == []


def test_the_list_sorts_by_support_or_newest(client, process, citizen):
    old = log(process, citizen, body="Eldre behov")
    log(process, citizen, body="Nyere behov")
    Need.objects.filter(pk=old.pk).update(support_count=3)
    assert card_titles(client.get(list_url(process)).content.decode()) == [
        "Eldre behov",
        "Nyere behov",
    ]
    assert card_titles(client.get(list_url(process, sort="nyeste")).content.decode()) == [
        "Nyere behov",
        "Eldre behov",
    ]


def test_a_bad_filter_value_is_ignored_and_the_rest_still_apply(client, process, citizen):
    log(process, citizen, body="Eldre behov")
    log(process, citizen, body="Nyere behov")
    response = client.get(list_url(process, status="tull", sort="nyeste"))
    assert response.status_code == 200
    assert card_titles(response.content.decode()) == ["Nyere behov", "Eldre behov"]


def test_the_filter_form_works_without_javascript_and_htmx_swaps_only_the_results(
    client, process, citizen
):
    log(process, citizen, body="Et behov")
    page = client.get(list_url(process)).content.decode()
    form = re.search(r'<form class="filter-form need-filter" method="get" action="([^"]+)"', page)
    assert form.group(1) == list_url(process)
    assert 'data-hx-target="#behov-resultater"' in page
    fragment = client.get(list_url(process, sort="nyeste"), **HTMX).content.decode()
    assert fragment.lstrip().startswith('<div class="stack" id="behov-resultater">')
    assert "Et behov" in fragment
    assert "<form" not in fragment.split("need-items")[0]


def test_pagination_keeps_the_filters(client, process, citizen):
    for number in range(27):
        log(process, citizen, body=f"Behov nummer {number}")
    html = client.get(list_url(process, sort="nyeste", status="received")).content.decode()
    link = re.search(r'href="(\?[^"]*side=2[^"]*)"', html).group(1).replace("&amp;", "&")
    assert "sort=nyeste" in link
    assert "status=received" in link
    second = client.get(list_url(process) + link).content.decode()
    assert card_titles(second) == ["Behov nummer 1", "Behov nummer 0"]


def test_the_filtered_list_costs_the_same_queries_for_few_and_many_needs(
    client, process, municipality, citizen
):
    road = Topic.objects.create(municipality=municipality, name="Vei", slug="vei")
    client.force_login(citizen)
    url = list_url(process, status="received", topic="vei", sort="nyeste")
    counts = []
    for total in (2, 30):
        while Need.objects.count() < total:
            log(process, citizen, body=f"Behov {Need.objects.count()}", topics=[road])
        client.get(url)  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 15


# Comments -----------------------------------------------------------------------


def _comment_meta(html: str, comment) -> str:
    start = html.index(f'id="kommentar-{comment.pk}-av"')
    return html[start : html.index("</p>", start)]


def test_staff_and_politicians_comments_are_labelled_and_citizens_are_not(
    client, process, staff, politician, admin_user, citizen
):
    need = log(process, citizen)
    need.process = process
    by_staff = comment_add(target=need, author=staff, body="Vi ser på det.")
    by_admin = comment_add(target=need, author=admin_user, body="Admin her.")
    by_politician = comment_add(target=need, author=politician, body="Jeg tar det opp.")
    by_citizen = comment_add(target=need, author=citizen, body="Takk!")
    html = client.get(need.get_absolute_url()).content.decode()
    assert "Kommunen</span>" in _comment_meta(html, by_staff)
    assert "Kommunen</span>" in _comment_meta(html, by_admin)
    assert "Folkevalgt</span>" in _comment_meta(html, by_politician)
    assert "ds-tag" not in _comment_meta(html, by_citizen)


def test_a_comments_label_stays_when_the_persons_role_changes_later(
    client, process, politician, citizen
):
    need = log(process, citizen)
    need.process = process
    comment = comment_add(target=need, author=politician, body="Jeg tar det opp.")
    assert Contribution.objects.get(pk=comment.pk).given_as == Contribution.GivenAs.POLITICIAN
    Membership.objects.filter(user=politician).delete()
    html = client.get(need.get_absolute_url()).content.decode()
    assert "Folkevalgt</span>" in _comment_meta(html, comment)
    # A fresh user object: roles are read once per object.
    former = type(politician).objects.get(pk=politician.pk)
    later = comment_add(target=need, author=former, body="Nå som innbygger.")
    assert later.given_as == Contribution.GivenAs.CITIZEN


def test_replies_are_in_an_indented_list_with_a_left_border(client, process, citizen, staff):
    need = log(process, citizen)
    need.process = process
    parent = comment_add(target=need, author=citizen, body="Spørsmål")
    comment_add(target=need, author=staff, body="Svar", parent=parent)
    html = client.get(need.get_absolute_url()).content.decode()
    assert '<ol class="plain-list stack comment-replies"' in html
    css = Path(settings.BASE_DIR, "static/css/portal.css").read_text()
    rule = re.search(r"\.comment-replies \{([^}]*)\}", css).group(1)
    assert "border-inline-start:" in rule
    assert "margin-inline-start:" in rule


# Login prompts ------------------------------------------------------------------


def test_login_prompts_lead_to_the_login_page_and_back(client, process, citizen):
    need = log(process, citizen)
    need.process = process
    login = reverse("participants:login")
    page = client.get(need.get_absolute_url()).content.decode()
    assert f'href="{login}?next={need.get_absolute_url()}"' in page.replace("%2F", "/")
    assert f'href="{login}?next={need.get_absolute_url()}%23kommentarer"' in page.replace(
        "%2F", "/"
    )
    listing = client.get(list_url(process)).content.decode().replace("%2F", "/")
    assert f'href="{login}?next={list_url(process)}"' in listing
