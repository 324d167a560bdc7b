"""Render a page, or the region of it that htmx asked for."""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


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


ANONYMOUS_CONTENT_SECONDS = 300


def cached_content(
    request: HttpRequest, template_name: str, *, version: str, build_context: Callable[[], dict]
) -> str | None:
    """The page's ``content`` region for an anonymous plain GET, from the cache.

    ``version`` must change whenever anything the region shows changes (the
    services touch the process for every write). Signed-in visitors and htmx
    requests get ``None`` and render as usual: their pages hold per-person
    forms and tokens. The region is built by ``build_context`` only on a miss.
    """
    if request.user.is_authenticated or request.htmx or request.method not in ("GET", "HEAD"):
        return None
    identity = "|".join(
        [template_name, request.get_host(), request.get_full_path(), get_language(), version]
    )
    key = "content:" + hashlib.sha256(identity.encode()).hexdigest()
    content = cache.get(key)
    if content is None:
        content = render_to_string(f"{template_name}#content", build_context(), request=request)
        # A form with a CSRF token is tied to one visitor: never share it.
        if "csrfmiddlewaretoken" not in content:
            cache.set(key, content, ANONYMOUS_CONTENT_SECONDS)
    # Our own template's output, escaped when it was rendered.
    return mark_safe(content)  # noqa: S308
