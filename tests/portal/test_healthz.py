"""/healthz tells a load balancer whether this instance can serve."""

import json

import pytest
from django.utils import timezone

from tests.helpers import GET_HEALTHZ, run_python


@pytest.mark.django_db
def test_healthz_answers_200_json_when_everything_is_up(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["redis"] in ("ok", "not configured")


@pytest.mark.redis
@pytest.mark.django_db
def test_healthz_reports_when_a_worker_last_ran_the_heartbeat(client):
    from portal.tasks import heartbeat

    assert client.get("/healthz").json()["worker_heartbeat"] is None

    heartbeat.apply(args=["worker"])  # what beat schedules, run here in the test

    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["worker_heartbeat"].startswith(str(timezone.now().year))


@pytest.mark.django_db
def test_healthz_answers_whatever_the_host_name(client):
    response = client.get("/healthz", HTTP_HOST="lastbalanserer.internal")

    assert response.status_code == 200


@pytest.mark.django_db
def test_healthz_is_never_cached(client):
    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_answers_503_naming_the_database_when_postgresql_is_unreachable():
    result = run_python(
        GET_HEALTHZ,
        {
            "MEDSPILL_ENV": "test",
            # Nothing listens on port 1.
            "DATABASE_URL": "postgres://postgres@127.0.0.1:1/medspill",
            "DATABASE_POOL_MIN": "0",
            "DATABASE_POOL_TIMEOUT": "2",
        },
    )

    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split("\n", 1)
    assert status == "503"
    assert "database" in body
    checks = json.loads(body)["checks"]
    assert checks["database"] != "ok"


def test_healthz_answers_503_naming_redis_when_redis_is_unreachable(tmp_path):
    result = run_python(
        GET_HEALTHZ,
        {
            "MEDSPILL_ENV": "test",
            "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
            "REDIS_URL": "redis://127.0.0.1:1/0",
        },
    )

    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split("\n", 1)
    assert status == "503"
    checks = json.loads(body)["checks"]
    assert checks["database"] == "ok"
    assert checks["redis"] != "ok"
