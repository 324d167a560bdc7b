"""The checks behind /healthz: the database always, Redis when configured."""

from django.conf import settings
from django.db import connection
from django.db.utils import DatabaseError


def check_database() -> str | None:
    """``None`` when the database answers, else a short reason."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return type(error).__name__
    return None


def check_redis() -> str | None:
    """``None`` when the broker's and the cache's Redis databases answer."""
    if not settings.REDIS_URL:
        return None
    import redis

    try:
        for url in (settings.REDIS_URL, settings.CACHE_REDIS_URL):
            client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
            client.ping()
    except redis.RedisError as error:
        return type(error).__name__
    return None
