from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import gettext as _

from portal.language import language_for_request
from portal.selectors import municipality_for_host
from portal.views import method_not_allowed, request_too_large

# Paths that answer whatever the host: load balancers probe by address.
HOST_INDEPENDENT_PREFIXES = ("/healthz", "/static/")
NOT_LOOKED_UP = object()


class MunicipalityMiddleware:
    """Sets ``request.municipality`` from the request's host name."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.municipality = None
        if not request.path.startswith(HOST_INDEPENDENT_PREFIXES):
            # LanguageMiddleware, earlier, has looked it up already.
            found = getattr(request, "_host_municipality", NOT_LOOKED_UP)
            if found is NOT_LOOKED_UP:
                found = municipality_for_host(request.get_host())
            request.municipality = found
            if request.municipality is None and settings.MUNICIPALITY_UNKNOWN_HOST == "404":
                raise Http404(_("Ingen kommune bruker denne adressen."))
        return self.get_response(request)


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, choosing by ``portal.language``: the visitor's
    own choice, else the municipality's målform, never the browser's English.

    It runs after authentication (a person's saved choice) and finds the
    municipality itself (a cache hit), before ``MunicipalityMiddleware`` may
    answer 404 for an unknown host in the default language.
    """

    def process_request(self, request: HttpRequest) -> None:
        municipality = None
        if not request.path.startswith(HOST_INDEPENDENT_PREFIXES):
            municipality = municipality_for_host(request.get_host())
            request._host_municipality = municipality
        translation.activate(language_for_request(request, municipality))
        request.LANGUAGE_CODE = translation.get_language()


class RequestSizeLimitMiddleware:
    """Answers 413 to an oversize body before anything reads it.

    Forms may send ``DATA_UPLOAD_MAX_MEMORY_SIZE``; uploads (multipart) may
    send ``MAX_REQUEST_BYTES``. Django itself would answer 400 to the first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/")
        limit = settings.MAX_REQUEST_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > limit:
            return request_too_large(request)
        return self.get_response(request)


class MethodNotAllowedPageMiddleware:
    """Gives Django's bare 405 (``require_http_methods``) a page in Norwegian."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not response.streaming
            and not response.content
            and not getattr(request, "htmx", False)
        ):
            return method_not_allowed(request, response.get("Allow", ""))
        return response
