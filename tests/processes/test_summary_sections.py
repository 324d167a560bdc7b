"""The summary's sections on stakeholders, arenas and representativity: what
they show (one copy for every reader: never a private person's name), their
links in the PDF, and their queries."""

import io
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from participants.models import Organisation, StakeholderCategory
from processes.models import Arena, StakeholderEntry
from processes.services.arenas import (
    arena_attendance_record,
    arena_create,
    arena_input_add,
    arena_sign_up,
)
from processes.services.needs import need_log
from processes.summary import SECTIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def mapped(process, staff, citizen, municipality):
    organisation = Organisation.objects.create(
        municipality=municipality, name="Bakken vel", category="local_council"
    )
    StakeholderEntry.objects.create(
        process=process,
        organisation=organisation,
        category="local_council",
        role=StakeholderEntry.Role.RESOURCE,
        state=StakeholderEntry.State.ENGAGED,
    )
    StakeholderEntry.objects.create(
        process=process,
        person=citizen,
        category="citizen",
        role=StakeholderEntry.Role.DRIVER,
        state=StakeholderEntry.State.ENGAGED,
        note="Ringer henne i morgen",
    )
    StakeholderEntry.objects.create(
        process=process,
        category=StakeholderCategory.ELDERLY,
        role=StakeholderEntry.Role.PARTICIPANT,
        state=StakeholderEntry.State.ENGAGED,
    )
    start = timezone.now() + timedelta(days=3)
    held = arena_create(
        process=process,
        by=staff,
        kind=Arena.Kind.WORKSHOP,
        title="Verksted på skolen",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Gymsalen",
        accessibility="",
        capacity=20,
        description="",
    )
    signup = arena_sign_up(arena=held, person=citizen)
    # Three days on, the workshop was held.
    Arena.objects.filter(pk=held.pk).update(
        starts_at=start - timedelta(days=6), ends_at=start - timedelta(days=6, hours=-2)
    )
    held.refresh_from_db()
    arena_attendance_record(
        arena=held, by=staff, counts={StakeholderCategory.CHILDREN: 11}, attended={signup.pk}
    )
    arena_input_add(arena=held, by=staff, body="Lapp: lys", stakeholder_category="children")
    arena_input_add(arena=held, by=staff, body="Lapp: benker", stakeholder_category="children")
    process.refresh_from_db()
    return process


def _summary(client, process) -> str:
    response = client.get(reverse("processes:summary", args=[process.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_summary_shows_the_map_s_public_part_the_arenas_and_who_took_part(client, mapped):
    page = _summary(client, mapped)

    assert "Bakken vel" in page
    assert "Kari Nordmann" not in page and "Ringer henne" not in page
    assert "Verksted på skolen" in page
    assert '<td data-label="Møtte">12</td>' in page  # 11 counted and one who signed up
    assert '<td data-label="Innspill herfra">2</td>' in page
    assert "Hvem deltok, og hvem mangler" in page
    assert "Mangler: Eldre" in page


def test_the_table_of_contents_links_lead_into_the_pdf(client, mapped, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    response = client.get(reverse("processes:summary_pdf", args=[mapped.slug]))
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))

    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    links = [
        annotation.get_object()
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    internal = []
    for link in links:
        action = link.get("/A")
        if action is not None and action.get("/S") == "/URI":
            continue
        destination = link.get("/Dest") or (action or {}).get("/D")
        assert destination is not None, link
        if isinstance(destination, str):  # a named destination
            destination = reader.named_destinations[destination]
            page_ref = destination.page
        else:
            page_ref = destination[0]
        internal.append(pages[page_ref.idnum])
    # One link per section in the table of contents, each to a page of the document.
    assert len(internal) >= len(SECTIONS)
    bookmarks = {}

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                bookmarks[item.title] = reader.get_destination_page_number(item)

    walk(reader.outline)
    for section in SECTIONS:
        # Each section has its bookmark, to a page of its own or after the one before.
        assert str(section.title) in bookmarks
    numbers = [bookmarks[str(section.title)] for section in SECTIONS]
    assert numbers == sorted(numbers) and numbers[-1] < len(reader.pages)


def test_the_summary_asks_as_many_queries_for_a_big_process_as_for_a_small_one(
    client, mapped, citizen
):
    def cold() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            _summary(client, mapped)
        return len(queries)

    few = cold()
    for n in range(30):
        need_log(process=mapped, author=citizen, body=f"Behov {n}", who_has_need="Barn")
    assert cold() == few
