"""Fixtures shared by the processes tests. Only add fixtures here."""

import pytest


def _make_process(*, municipality, owner, slug: str, title: str, status: str, level: int = 2):
    from processes.models import Process, Round

    process = Process.objects.create(
        municipality=municipality,
        title=title,
        slug=slug,
        summary="Hvordan kan vi gjøre det tryggere å gå og sykle til skolen?",
        problem_statement="Foreldre kjører barna fordi veien oppleves utrygg.",
        status=status,
        level=level,
    )
    process.owners.add(owner)
    Round.objects.create(process=process, number=1, started_by=owner)
    return process


@pytest.fixture
def process(municipality, staff):
    """An open process on step 2, owned by ``staff``, with round 1."""
    from processes.models import Process

    return _make_process(
        municipality=municipality,
        owner=staff,
        slug="trygg-skolevei",
        title="Trygg skolevei",
        status=Process.Status.OPEN,
    )


@pytest.fixture
def draft_process(municipality, staff):
    """A draft owned by ``staff``: only the municipality's staff may see it."""
    from processes.models import Process

    return _make_process(
        municipality=municipality,
        owner=staff,
        slug="nytt-bibliotek",
        title="Nytt bibliotek",
        status=Process.Status.DRAFT,
    )


@pytest.fixture
def staff_non_owner(make_user, municipality):
    """Staff in the municipality who owns no process."""
    from participants.models import Role

    return make_user(
        "fasilitator@lillevik.example",
        "Frida Fasilitator",
        municipality=municipality,
        role=Role.STAFF,
    )


@pytest.fixture
def other_admin(make_user, other_municipality):
    """An admin of Nordvik: no rights in Lillevik's processes."""
    from participants.models import Role

    return make_user(
        "admin@nordvik.example", "Nora Nordvik", municipality=other_municipality, role=Role.ADMIN
    )


@pytest.fixture
def as_role(client, request):
    """A client logged in as the named role fixture (``anonymous``: not logged in)."""

    def login(role: str):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return login
