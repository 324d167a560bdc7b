"""A process's slug never takes a word the URLs under /prosesser/ use, and
Norwegian letters stay readable in it."""

import pytest
from django.urls import path, reverse

from portal.urls import urlpatterns as portal_urlpatterns
from processes.models import Process, Topic
from processes.services.processes import (
    process_create,
    reserved_process_slugs,
    slugify_norwegian,
)

pytestmark = pytest.mark.django_db


def _create(municipality, staff, title: str) -> Process:
    return process_create(
        municipality=municipality,
        by=staff,
        title=title,
        summary="Et sammendrag.",
        problem_statement="Et problem.",
    )


def test_a_process_titled_ny_does_not_become_the_create_form(client, municipality, staff):
    process = _create(municipality, staff, "Ny")
    client.force_login(staff)

    assert process.slug == "ny-2"
    assert reverse("processes:create") == "/prosesser/ny/"
    page = client.get(process.get_absolute_url())
    assert page.status_code == 200
    assert "<h1" in page.text and "Ny</h1>" in page.text


def test_every_fixed_word_under_prosesser_is_reserved_and_never_a_slug(municipality, staff):
    # The words of today's URL patterns, read off them by hand once, as a check
    # on the reading from the URLconf.
    expected = {
        "ny", "rediger", "forsidebilde", "status", "runder", "behov", "nytt", "stotte",
        "sla-sammen", "losninger", "testrunder", "vedlegg", "innspill", "kommenter",
        "kommentarer", "rapporter", "skjul",
    }  # fmt: skip

    reserved = reserved_process_slugs()

    assert expected <= reserved
    for word in sorted(reserved):
        assert _create(municipality, staff, word).slug == f"{word}-2"


def _archive(request, slug):
    raise AssertionError("never called")


# This module doubles as a URLconf with one more page under a process.
urlpatterns = [
    path("prosesser/<slug:slug>/arkiv/", _archive, name="archive"),
    *portal_urlpatterns,
]


def test_a_new_url_pattern_reserves_its_word_without_a_list_to_update(settings):
    assert "arkiv" not in reserved_process_slugs()
    settings.ROOT_URLCONF = "tests.processes.test_process_slugs"

    assert "arkiv" in reserved_process_slugs()


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Grønn skolegård", "gronn-skolegard"),
        ("Ærlig økonomi på Åsen", "aerlig-okonomi-pa-asen"),
        ("Miljø og renovasjon", "miljo-og-renovasjon"),
    ],
)
def test_norwegian_letters_are_spelled_out_in_slugs(municipality, staff, title, slug):
    assert slugify_norwegian(title) == slug
    assert _create(municipality, staff, title).slug == slug


def test_the_demo_topics_keep_their_norwegian_words_readable():
    from portal.demo import seed_accounts, seed_municipalities
    from processes.demo import seed_processes

    municipalities = seed_municipalities()
    seed_processes(municipalities, seed_accounts(municipalities["lillevik"]))

    topics = dict(Topic.objects.values_list("name", "slug"))
    assert topics["Miljø og renovasjon"] == "miljo-og-renovasjon"
    assert all(slug == slugify_norwegian(name) for name, slug in topics.items())
