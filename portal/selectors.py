from django.conf import settings
from django.core.cache import cache

from portal.models import Municipality

CACHE_SECONDS = 60


def municipality_for_host(host: str) -> Municipality | None:
    """The municipality that owns ``host``, else the default one when the
    install is configured to fall back; ``None`` when nothing matches."""
    host = host.split(":", 1)[0].strip().lower()
    key = f"municipality-host:{host}"
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    municipality = Municipality.objects.filter(hosts__hostname=host).first()
    if municipality is None and settings.MUNICIPALITY_UNKNOWN_HOST == "default":
        municipality = Municipality.objects.filter(is_default=True).first()
    # An empty string caches "no municipality" so unknown hosts cost no query.
    cache.set(key, municipality or "", CACHE_SECONDS)
    return municipality
