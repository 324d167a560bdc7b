"""Fixtures every test can use, and the handling of the service markers.

- ``municipality`` (Lillevik, the default, owns the host ``testserver``) and
  ``other_municipality`` (Nordvik, ``nordvik.localhost``), from the demo seed.
- ``citizen``, ``staff``, ``politician``, ``admin_user`` (a municipality
  admin in Lillevik; this replaces pytest-django's superuser fixture of the
  same name) and ``other_staff`` (staff in Nordvik). All have a verified
  e-mail address and the password in the ``password`` fixture.
- The Django cache is cleared before every test: municipality look-ups and
  rate limits live there, and with ``REDIS_URL`` set it is a shared Redis.
- Celery runs tasks eagerly in tests, as on the embedded default, unless a
  test asks for a real worker with ``@pytest.mark.celery_worker``.
- ``@pytest.mark.postgres`` and ``@pytest.mark.redis`` skip a test when the
  service is not configured. With ``MEDSPILL_REQUIRE_SERVICES=1`` (CI) they
  fail instead, so a missing service can never pass silently.
- Hypothesis draws the same examples on every CI run (``CI`` set), so a red
  CI always points at a change; locally it explores new ones each run.
"""

import os

import pytest
from hypothesis import settings as hypothesis_settings

hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

PASSWORD = "Riktig-hest-batteri-42"

SERVICE_REASONS = {
    "postgres": "needs PostgreSQL: set DATABASE_URL",
    "redis": "needs Redis: set REDIS_URL",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "celery_worker: the test sends tasks to a real Celery worker (eager mode stays off)",
    )


def _service_available(name: str) -> bool:
    from django.conf import settings
    from django.db import connection

    if name == "postgres":
        return connection.vendor == "postgresql"
    return bool(settings.REDIS_URL)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip, or under MEDSPILL_REQUIRE_SERVICES=1 fail, before any fixture runs."""
    required = os.environ.get("MEDSPILL_REQUIRE_SERVICES") == "1"
    for name, reason in SERVICE_REASONS.items():
        if item.get_closest_marker(name) and not _service_available(name):
            if required:
                pytest.fail(f"{reason} (MEDSPILL_REQUIRE_SERVICES=1)", pytrace=False)
            pytest.skip(reason)


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request in another language leaves it active in the thread: put bokmål back."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _celery_eager(request: pytest.FixtureRequest):
    """Run tasks in the test's own process, unless the test wants a real worker."""
    from portal.celery import app

    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def municipalities(db) -> dict:
    from portal.demo import seed_municipalities

    return seed_municipalities()


@pytest.fixture
def municipality(municipalities):
    """Lillevik kommune: the default, on testserver, localhost and lillevik.localhost."""
    return municipalities["lillevik"]


@pytest.fixture
def other_municipality(municipalities):
    """Nordvik kommune, on nordvik.localhost."""
    return municipalities["nordvik"]


@pytest.fixture
def make_user(db):
    """Create a verified user, optionally with a role in a municipality."""
    from django.utils import timezone

    from participants.models import User
    from participants.services import membership_grant

    def make(email: str, full_name: str, *, municipality=None, role: str | None = None, **extra):
        extra.setdefault("email_verified_at", timezone.now())
        user = User.objects.create_user(email, PASSWORD, full_name=full_name, **extra)
        if role:
            membership_grant(user=user, municipality=municipality, role=role)
        return user

    return make


@pytest.fixture
def citizen(make_user, municipality):
    return make_user("kari@example.org", "Kari Nordmann")


@pytest.fixture
def staff(make_user, municipality):
    from participants.models import Role

    return make_user(
        "saksbehandler@lillevik.example",
        "Siri Saksbehandler",
        municipality=municipality,
        role=Role.STAFF,
    )


@pytest.fixture
def politician(make_user, municipality):
    from participants.models import Role

    return make_user(
        "ordforer@lillevik.example",
        "Olav Ordfører",
        municipality=municipality,
        role=Role.POLITICIAN,
    )


@pytest.fixture
def admin_user(make_user, municipality):
    """A municipality admin in Lillevik (not a Django superuser)."""
    from participants.models import Role

    return make_user(
        "admin@lillevik.example",
        "Aud Administrator",
        municipality=municipality,
        role=Role.ADMIN,
    )


@pytest.fixture
def other_staff(make_user, other_municipality):
    from participants.models import Role

    return make_user(
        "saksbehandler@nordvik.example",
        "Nils Nordvik",
        municipality=other_municipality,
        role=Role.STAFF,
    )


@pytest.fixture
def other_admin(make_user, other_municipality):
    """An administrator of Nordvik: an administrator, but not here."""
    from participants.models import Role

    return make_user(
        "admin@nordvik.example",
        "Nora Nordvik",
        municipality=other_municipality,
        role=Role.ADMIN,
    )
