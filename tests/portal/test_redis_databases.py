"""The cache and Celery's broker live in separate Redis databases, so clearing
or evicting the cache can never drop a queued task."""

import uuid

import pytest

from tests.helpers import run_python

SHOW_URLS = """
import django
django.setup()
from django.conf import settings
print(settings.CELERY_BROKER_URL)
print(settings.CELERY_RESULT_BACKEND)
print(settings.CACHES["default"]["LOCATION"])
"""


def _urls(env: dict, tmp_path) -> list[str]:
    result = run_python(SHOW_URLS, {"SQLITE_PATH": str(tmp_path / "db.sqlite3"), **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("broker", "cache"),
    [
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/1"),
        ("redis://redis:6379/14", "redis://redis:6379/15"),
        ("redis://redis:6379", "redis://redis:6379/1"),
        ("rediss://:geheim@redis.example:6380/3", "rediss://:geheim@redis.example:6380/4"),
    ],
    ids=["db 0", "db 14", "no number", "tls and password"],
)
def test_the_cache_uses_the_next_database_of_the_brokers_server(broker, cache, tmp_path):
    assert _urls({"REDIS_URL": broker}, tmp_path) == [broker, broker, cache]


def test_cache_redis_url_puts_the_cache_where_it_says(tmp_path):
    env = {"REDIS_URL": "redis://redis:6379/15", "CACHE_REDIS_URL": "redis://cache:6379/0"}

    assert _urls(env, tmp_path) == [
        "redis://redis:6379/15",
        "redis://redis:6379/15",
        "redis://cache:6379/0",
    ]


@pytest.mark.parametrize(
    "env",
    [
        {"REDIS_URL": "redis://redis:6379/15"},
        {"REDIS_URL": "unix:///run/redis.sock"},
        {"REDIS_URL": "redis://redis:6379?db=3"},
        {"REDIS_URL": "redis://redis:6379/2", "CACHE_REDIS_URL": "redis://redis:6379/2"},
    ],
    ids=["last database", "socket", "db in the query", "the same database"],
)
def test_a_cache_that_would_share_or_miss_its_database_refuses_to_start(env, tmp_path):
    result = run_python(SHOW_URLS, {"SQLITE_PATH": str(tmp_path / "db.sqlite3"), **env})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "CACHE_REDIS_URL" in result.stderr


@pytest.mark.redis
def test_clearing_the_cache_leaves_the_brokers_database_alone(settings):
    import redis
    from django.core.cache import cache

    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    key = f"medspill-test-queued-task-{uuid.uuid4().hex}"
    broker.set(key, "a queued task", ex=60)
    cache.set("a-cached-piece", "html")
    try:
        cache.clear()

        assert cache.get("a-cached-piece") is None
        assert broker.get(key) == b"a queued task"
    finally:
        broker.delete(key)
