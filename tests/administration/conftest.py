"""Fixtures of the administrator's pages. Only add fixtures here."""

from datetime import timedelta

import pytest


@pytest.fixture
def roles(citizen, staff, politician, admin_user, other_admin) -> dict:
    """Every role the pages are tried as; ``None`` is an anonymous visitor."""
    return {
        "anonymous": None,
        "citizen": citizen,
        "staff": staff,
        "politician": politician,
        "admin": admin_user,
        "other_admin": other_admin,
    }


@pytest.fixture
def topic(municipality):
    from processes.models import Topic

    return Topic.objects.create(municipality=municipality, name="Skolevei", slug="skolevei")


@pytest.fixture
def other_topic(municipality):
    from processes.models import Topic

    return Topic.objects.create(municipality=municipality, name="Trafikk", slug="trafikk")


@pytest.fixture
def invitation(municipality, admin_user):
    from django.utils import timezone

    from participants.models import Invitation, Role

    return Invitation.objects.create(
        municipality=municipality,
        email="ny@lillevik.example",
        role=Role.STAFF,
        invited_by=admin_user,
        expires_at=timezone.now() + timedelta(days=14),
    )


@pytest.fixture
def staff_role(staff, municipality):
    from participants.models import Membership

    return Membership.objects.get(user=staff, municipality=municipality)


@pytest.fixture
def process(municipality, staff):
    """An open process on step 2, owned by ``staff``."""
    from processes.models import Process, Round

    process = Process.objects.create(
        municipality=municipality,
        title="Trygg skolevei",
        slug="trygg-skolevei",
        summary="Hvordan kan barna gå trygt til skolen?",
        problem_statement="Foreldre kjører barna fordi veien oppleves utrygg.",
        status=Process.Status.OPEN,
        level=2,
    )
    process.owners.add(staff)
    Round.objects.create(process=process, number=1, started_by=staff)
    return process


@pytest.fixture
def client_as():
    """``client_as(user)``: a fresh client signed in as ``user`` (``None``: anonymous)."""
    from django.test import Client

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
