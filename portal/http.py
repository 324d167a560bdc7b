"""Render a page, or the region of it that htmx asked for."""

import hashlib
from collections.abc import Callable
from typing import NamedTuple

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from portal.rules import Rights


def render_page(
    request: HttpRequest,
    template_name: str,
    context: dict | None = None,
    *,
    partial: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """An htmx request gets ``template#partial``; a plain request the whole page.

    Both come from the same template, so the fragment is always a piece of the page.
    """
    if partial and getattr(request, "htmx", False):
        template_name = f"{template_name}#{partial}"
    response = render(request, template_name, context or {}, status=status)
    response["Vary"] = "HX-Request"
    return response


CONTENT_SECONDS = 300
CACHED_PARTIALS = ("title", "content")


class CachedRegions(NamedTuple):
    """A page's ``title`` and ``content`` partials, rendered."""

    title: SafeString
    content: SafeString


def cached_regions(
    request: HttpRequest,
    template_name: str,
    *,
    version: str,
    build_context: Callable[[], dict],
    rights: Rights | None = None,
) -> CachedRegions | None:
    """The page's ``title`` and ``content`` partials for a plain GET, from the cache.

    ``version`` must change whenever anything the regions show changes (the
    services touch the process for every write). Anonymous visitors share one
    copy. Signed-in visitors share a copy only when the view passes the
    ``rights`` the regions are drawn from (``portal.rules.Rights``): the key
    is built from them, never from who the visitor is, so a region must show
    nothing per person beyond what the rights say (the shared-cache tests
    render every region for every role and compare). Without rights they get
    ``None`` and the view renders as usual. So do htmx requests. The regions are built by
    ``build_context`` only on a miss, so a hit asks the database for nothing
    the view did not need to find the page. CSRF tokens in them are
    placeholders that ``portal.csrf.CsrfTokenMiddleware`` fills in per visitor.
    """
    if request.htmx or request.method not in ("GET", "HEAD"):
        return None
    if not request.user.is_authenticated:
        viewer = "anonymous"
    elif rights is not None:
        viewer = rights.cache_key
    else:
        return None
    page = [template_name, request.get_host(), request.get_full_path(), get_language()]
    identity = "|".join([*page, version, viewer])
    key = "regions:" + hashlib.sha256(identity.encode()).hexdigest()
    request.regions_key = key  # for the tests that prove equal keys mean equal regions
    rendered = cache.get(key)
    if rendered is None:
        context = build_context()
        rendered = tuple(
            render_to_string(f"{template_name}#{name}", context, request=request)
            for name in CACHED_PARTIALS
        )
        cache.set(key, rendered, CONTENT_SECONDS)
    # Our own templates' output, escaped when it was rendered.
    return CachedRegions(*(mark_safe(region) for region in rendered))  # noqa: S308
