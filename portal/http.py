"""Render a page, or the region of it that htmx asked for."""

import hashlib
from collections.abc import Callable, Hashable

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


CONTENT_SECONDS = 300


def cached_content(
    request: HttpRequest,
    template_name: str,
    *,
    version: str,
    build_context: Callable[[], dict],
    audience: Hashable | None = None,
) -> str | None:
    """The page's ``content`` region for a plain GET, from the cache.

    ``version`` must change whenever anything the region shows changes (the
    services touch the process for every write). Anonymous visitors share one
    copy. Signed-in visitors share a copy only when the view names their
    ``audience``: everything else the region depends on for them (their rights
    in the process, never who they are); without it they get ``None`` and the
    view renders as usual. So do htmx requests. The region is built by
    ``build_context`` only on a miss. CSRF tokens in it are placeholders that
    ``portal.csrf.CsrfTokenMiddleware`` fills in per visitor.
    """
    if request.htmx or request.method not in ("GET", "HEAD"):
        return None
    if not request.user.is_authenticated:
        viewer = "anonymous"
    elif audience is not None:
        viewer = repr(audience)
    else:
        return None
    identity = "|".join(
        [
            template_name,
            request.get_host(),
            request.get_full_path(),
            get_language(),
            version,
            viewer,
        ]
    )
    key = "content:" + hashlib.sha256(identity.encode()).hexdigest()
    content = cache.get(key)
    if content is None:
        content = render_to_string(f"{template_name}#content", build_context(), request=request)
        cache.set(key, content, CONTENT_SECONDS)
    # Our own template's output, escaped when it was rendered.
    return mark_safe(content)  # noqa: S308
