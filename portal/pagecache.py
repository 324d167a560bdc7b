"""Whole pages from the cache, and query strings cut to what a page reads.

    @require_safe
    @page_cache(reads=("side",), version=process_page_version)
    def need_list(request, slug): ...

Every visitor's request reaches the view with only the query parameters in
``reads`` (sorted by name), so ``?utm=x`` and ``?side=2&x=1`` are the same
page as ``?side=2``, and no cache key anywhere (this one, the regions', the
fragments' that name the path) multiplies with made-up query strings.

A GET that is not an htmx request and has no flash message waiting is
answered from the cache: one look-up of ``version(request, *args, **kwargs)``
(``None``: not cacheable, the view answers as usual) and one cache read, with
no template rendered. Anonymous visitors share one copy. A signed-in visitor
gets a copy of their own (their support marks, their own comments, their name
in the header), keyed on their own row and their rights in the municipality;
a version for a process's pages holds their rights there too
(``processes.selectors.process_page_version``), so a new role, an ownership
or a level change each make a new copy. A miss renders the view without a CSP nonce
(every script is an external file, allowed by ``'self'``; a nonce would be
stale in a shared copy) and keeps a 200 that set no cookie and showed no flash
message. What the middleware adds on the way out is still added per request:
the visitor's CSRF token in place of the placeholder (and its cookie), the
CSP, ``Content-Language`` and ``Vary``.
"""

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.translation import get_language

from portal.http import CONTENT_SECONDS
from portal.rules import municipality_rights_for

# Headers the view sets that a copy must keep; the middleware adds the rest.
KEPT_HEADERS = ("Content-Type", "Vary")


def keep_only(request: HttpRequest, reads: Iterable[str]) -> None:
    """Drop every query parameter the page does not read, and sort the rest."""
    if not request.META.get("QUERY_STRING"):
        return
    query = QueryDict(mutable=True)
    for name in sorted(set(reads)):
        if name in request.GET:
            query.setlist(name, request.GET.getlist(name))
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()


def _cacheable(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and not request.htmx and not len(get_messages(request))


def _visitor(request: HttpRequest) -> list[str]:
    """Who the copy is for. Anonymous visitors share one; a signed-in visitor
    has their own, under their own row (a new name, address or password makes
    a new copy) and their rights in the municipality (a new role does)."""
    user = request.user
    if not user.is_authenticated:
        return ["anonymous"]
    row = [f"{field.attname}={getattr(user, field.attname)}" for field in user._meta.fields]
    return [*row, municipality_rights_for(user, request.municipality).cache_key]


def _municipality(request: HttpRequest) -> str:
    """The municipality's whole row: a new name, footer or logo makes a new copy."""
    municipality = request.municipality
    if municipality is None:
        return ""
    return "\x1e".join(
        f"{field.attname}={getattr(municipality, field.attname)}"
        for field in municipality._meta.fields
    )


def _key(request: HttpRequest, version: str) -> str:
    parts = [request.get_host(), _municipality(request), request.get_full_path(), get_language()]
    identity = "\x1f".join([*parts, *_visitor(request), version])
    return "page:" + hashlib.sha256(identity.encode()).hexdigest()


def page_cache(*, reads: Iterable[str] = (), version: Callable[..., str | None]):
    reads = tuple(reads)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            keep_only(request, reads)
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            current = version(request, *args, **kwargs)
            if current is None:
                return view(request, *args, **kwargs)
            key = _key(request, current)
            stored = cache.get(key)
            if stored is not None:
                content, headers = stored
                return HttpResponse(content, headers=headers)
            # The CSP middleware and the csp context processor read the nonce
            # from here (django.middleware.csp.get_nonce): with none, the page
            # renders no nonce attribute and the policy no nonce source.
            request._csp_nonce = None
            response = view(request, *args, **kwargs)
            if (
                request.method == "GET"
                and response.status_code == 200
                and not response.streaming
                and not response.cookies
                and not len(get_messages(request))
            ):
                headers = {name: response[name] for name in KEPT_HEADERS if name in response}
                cache.set(key, (response.content, headers), CONTENT_SECONDS)
            return response

        return wrapper

    return decorator
