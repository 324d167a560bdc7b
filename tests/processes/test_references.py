"""Public references: one number per contribution, never handed out twice."""

import threading

import pytest
from django.db import connection, transaction

from processes.models import ReferenceCounter
from processes.services.contributions import reference_next


@pytest.mark.django_db
def test_references_count_up_from_the_first_of_the_year(municipality, other_municipality):
    ReferenceCounter.objects.all().delete()
    with transaction.atomic():
        first = reference_next(municipality=municipality)
        second = reference_next(municipality=municipality)
        elsewhere = reference_next(municipality=other_municipality)
    assert first.endswith("-0001")
    assert second.endswith("-0002")
    assert first.startswith("INN-2") and elsewhere.startswith("INN-NOR-")
    assert elsewhere.endswith("-0001")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_contributions_never_share_a_reference(municipality):
    """Eight transactions at once, each holding its number until it commits."""
    workers = 8
    start = threading.Barrier(workers)
    references: list[str] = []
    errors: list[BaseException] = []

    def take() -> None:
        try:
            start.wait()
            with transaction.atomic():
                references.append(reference_next(municipality=municipality))
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in references)
    assert len(set(references)) == workers
    assert numbers == list(range(numbers[0], numbers[0] + workers))
