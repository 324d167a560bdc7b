"""A cached region may only be shared by visitors who would see the same thing.

Every page that serves regions from the cache (``portal.http.cached_regions``)
is rendered afresh for every kind of visitor, on every step and in every
state of the process. Whenever two visitors got the same cache key, their
regions must be byte for byte the same: otherwise the first one's copy would
be served to the second. A template line that shows something the key does
not hold (``{% if rights.see_staff_panels %}`` is in the key, a role or a
name is not) makes this test fail.
"""

from collections import defaultdict

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from processes.models import Process
from tests.test_authorization_matrix import build_world
from tests.test_authorization_matrix import role_users as role_users  # a fixture
from tests.test_authorization_states import LEVELS, STATES
from tests.test_authorization_states import ROLES as VISITORS

# Every page whose regions come from the cache: (URL name, object its pk names).
CACHED_PAGES = (
    ("processes:detail", None),
    ("processes:needs", None),
    ("processes:solution", "solution"),
)


def _regions(client: Client, url: str):
    """The key the view used and what it stored under it, rendered afresh."""
    cache.clear()
    response = client.get(url)
    key = getattr(response.wsgi_request, "regions_key", None)
    if response.status_code != 200 or key is None:
        return None, None
    return key, cache.get(key)


@pytest.fixture
def world(role_users, municipality, make_user, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = str(tmp_path)
    world = build_world(municipality=municipality, make_user=make_user, users=role_users)
    world.users = {**world.users, "author": world.need.author}
    return world


@pytest.mark.django_db
@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("state", STATES)
def test_visitors_with_the_same_key_get_the_same_regions(world, level, state):
    Process.objects.filter(pk=world.process.pk).update(level=level, status=state)
    clients = {}
    for name in VISITORS:
        client = Client()
        if world.users[name] is not None:
            client.force_login(world.users[name])
        clients[name] = client
    differing = []
    for url_name, obj in CACHED_PAGES:
        kwargs = {"slug": world.process.slug}
        if obj:
            kwargs["pk"] = getattr(world, obj).pk
        url = reverse(url_name, kwargs=kwargs)
        by_key = defaultdict(dict)
        for name, client in clients.items():
            key, regions = _regions(client, url)
            if key is not None:
                by_key[key][name] = regions
        for visitors in by_key.values():
            first_name, first = next(iter(visitors.items()))
            differing += [
                f"{url} ({level}, {state}): {first_name} and {name} share a key"
                for name, regions in visitors.items()
                if regions != first
            ]
    assert differing == []


@pytest.mark.django_db
def test_staff_and_citizens_do_not_share_the_process_page(world):
    """The overview is cached for signed-in visitors too, but never across rights."""
    url = reverse("processes:detail", kwargs={"slug": world.process.slug})
    keys = {}
    for name in ("citizen", "staff_same", "staff_owner"):
        client = Client()
        client.force_login(world.users[name])
        keys[name], _regions_html = _regions(client, url)
    assert None not in keys.values()
    assert len(set(keys.values())) == 3
