"""The summary's PDF: its text, its structure (PDF/UA) and its cache per version."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from processes.models import Need, Process, Solution, SummaryPdf
from processes.services.needs import need_log
from processes.services.solutions import solution_propose, solution_set_status


@pytest.fixture
def filled(process, citizen, staff, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    need = need_log(
        process=process, author=citizen, body="Fortau langs Skoleveien", who_has_need="Barn"
    )
    adopted = solution_propose(
        process=process,
        author=citizen,
        title="Gangfelt ved butikken",
        body="Et gangfelt.",
        needs=[need],
    )
    solution_set_status(
        solution=adopted,
        status=Solution.Status.SELECTED,
        by=staff,
        text="Vi prøver det.",
        version=adopted.version,
    )
    Solution.objects.filter(pk=adopted.pk).update(status=Solution.Status.ADOPTED)
    process.refresh_from_db()
    return process


def _pdf(client, process) -> PdfReader:
    response = client.get(reverse("processes:summary_pdf", args=[process.slug]))
    assert response.status_code == 200
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.django_db
def test_the_pdf_holds_the_summary_and_is_tagged_pdf_ua(client, filled):
    reader = _pdf(client, filled)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in (
        filled.title,
        "Foreldre kjører barna",
        "Gangfelt ved butikken",
        "Tatt i bruk",
        "Oppgitt trinn",
        "Observert trinn",
    ):
        assert expected in text
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nb"
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    assert reader.metadata.title.startswith("Sammendrag: Trygg skolevei")
    assert reader.metadata.author == filled.municipality.name
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"{number} / {total}" in page.extract_text()
    assert "Løsninger og testrunder" in _titles(reader.outline)


def _titles(outline) -> list[str]:
    return [
        t for item in outline for t in (_titles(item) if isinstance(item, list) else [item.title])
    ]


@pytest.mark.django_db
def test_a_second_request_does_not_rebuild_and_a_change_makes_a_new_version(client, filled, staff):
    _pdf(client, filled)
    _pdf(client, filled)
    assert SummaryPdf.objects.get().builds == 1
    Process.objects.filter(pk=filled.pk).update(version=filled.version + 1)
    filled.refresh_from_db()
    _pdf(client, filled)
    assert SummaryPdf.objects.count() == 2
    assert sorted(SummaryPdf.objects.values_list("builds", flat=True)) == [1, 1]


@pytest.mark.django_db
def test_a_failed_build_shows_a_message_and_can_be_retried(client, filled):
    row = SummaryPdf.objects.create(
        process=filled,
        version=filled.content_version,
        language="nb",
        status=SummaryPdf.Status.FAILED,
    )
    page = client.get(reverse("processes:summary", args=[filled.slug]))
    assert "kunne ikke lages" in page.content.decode()
    client.post(reverse("processes:summary_pdf", args=[filled.slug]))
    row.refresh_from_db()
    assert row.status == SummaryPdf.Status.READY
    assert row.builds == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_for_one_version_build_once(process, settings, tmp_path):
    import threading

    from django.db import connection

    from processes.services.summaries import summary_pdf_request

    settings.MEDIA_ROOT = str(tmp_path)
    barrier = threading.Barrier(4)

    def ask():
        try:
            barrier.wait()
            summary_pdf_request(Process.objects.get(pk=process.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    row = SummaryPdf.objects.get()
    assert row.status == SummaryPdf.Status.READY
    assert row.builds == 1


@pytest.mark.django_db
def test_the_summary_page_comes_whole_from_the_cache_until_the_process_or_its_pdf_changes(
    client, filled, citizen, django_assert_num_queries
):
    url = reverse("processes:summary", args=[filled.slug])
    first = client.get(url).content.decode()
    assert "Fortau langs Skoleveien" in first

    with django_assert_num_queries(1):  # the version: the process and its PDF, in one query
        assert client.get(url).status_code == 200

    need_log(process=filled, author=citizen, body="Benker ved elva", who_has_need="Eldre")
    assert "Benker ved elva" in client.get(url).content.decode()

    filled.refresh_from_db()
    SummaryPdf.objects.create(
        process=filled,
        version=filled.content_version,
        language="nb",
        status=SummaryPdf.Status.FAILED,
    )
    assert "kunne ikke lages" in client.get(url).content.decode()


@pytest.mark.django_db
def test_solutions_past_proposed_are_all_shown_and_the_proposed_ones_capped_with_their_count(
    client, filled, citizen, staff, django_assert_num_queries
):
    from processes.summary import PROPOSED_SHOWN, solutions

    need = Need.objects.get(process=filled)
    proposed = [
        solution_propose(
            process=filled,
            author=citizen,
            title=f"Forslag {n:02d}",
            body="Et forslag.",
            needs=[need],
        )
        for n in range(PROPOSED_SHOWN + 3)
    ]
    selected = solution_propose(
        process=filled, author=citizen, title="Zebra ved skolen", body="Striper.", needs=[need]
    )
    solution_set_status(
        solution=selected, status=Solution.Status.SELECTED, by=staff, text="Vi tester.", version=1
    )
    discarded = proposed.pop()
    Solution.objects.filter(pk=discarded.pk).update(status=Solution.Status.DISCARDED)
    filled.refresh_from_db()

    with django_assert_num_queries(2):  # the solutions, their test rounds (none)
        section = solutions(filled)

    titles = [row.title for row in section["solutions"]]
    assert "Gangfelt ved butikken" in titles and "Zebra ved skolen" in titles
    assert titles.count("Forslag 00") == 1 and discarded.title not in titles
    shown = [title for title in titles if title.startswith("Forslag")]
    assert shown == [f"Forslag {n:02d}" for n in range(PROPOSED_SHOWN)]
    assert section["proposed_hidden"] == 2

    page = client.get(reverse("processes:summary", args=[filled.slug])).content.decode()
    assert "Og 2 foreslåtte løsninger til, som ikke er valgt for testing ennå." in page
    assert reverse("processes:solutions", args=[filled.slug]) in page
    assert (
        f"Forslag {PROPOSED_SHOWN - 1:02d}" in page and f"Forslag {PROPOSED_SHOWN:02d}" not in page
    )
