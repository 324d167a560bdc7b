import time

from django.conf import settings
from django.core.cache import cache

from portal.models import Municipality, MunicipalityHost

CACHE_SECONDS = 60
# Bumped when a municipality changes, so every host's cached copy is read anew
# (an unknown host that falls back to the default has a key of its own too).
GENERATION_KEY = "municipality-generation"


def municipality_for_host(host: str) -> Municipality | None:
    """The municipality that owns ``host``, else the default one when the
    install is configured to fall back; ``None`` when nothing matches."""
    host = host.split(":", 1)[0].strip().lower()
    key = f"municipality-host:{host}"
    found = cache.get_many([key, GENERATION_KEY])
    generation = found.get(GENERATION_KEY, 0)
    cached = found.get(key)
    if isinstance(cached, tuple) and cached[0] == generation:
        return cached[1] or None
    municipality = Municipality.objects.filter(hosts__hostname=host).first()
    if municipality is None and settings.MUNICIPALITY_UNKNOWN_HOST == "default":
        municipality = Municipality.objects.filter(is_default=True).first()
    # An empty string caches "no municipality" so unknown hosts cost no query.
    cache.set(key, (generation, municipality or ""), CACHE_SECONDS)
    return municipality


def municipality_changed() -> None:
    """Every request reads its municipality from the database again."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def municipality_base_url(municipality: Municipality | None) -> str:
    """``https://<host>`` of the municipality's first host name: the start of
    every link in an e-mail, which has no request to build it from. Falls back
    to the default municipality's host, then to the first allowed host."""
    scheme = settings.NOTIFICATION_URL_SCHEME
    hosts = MunicipalityHost.objects.order_by("pk")
    host = None
    if municipality is not None:
        host = hosts.filter(municipality=municipality).values_list("hostname", flat=True).first()
    if host is None:
        host = (
            hosts.filter(municipality__is_default=True).values_list("hostname", flat=True).first()
        )
    if host is None:
        allowed = [name for name in settings.ALLOWED_HOSTS if name not in ("*", "")]
        host = allowed[0].lstrip(".") if allowed else "localhost"
    return f"{scheme}://{host}"
