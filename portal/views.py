from django.conf import settings
from django.db import DatabaseError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_htmx.http import reswap, retarget

from portal.files import image_response
from portal.health import check_database, check_redis
from portal.models import Heartbeat


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    from processes.models import Process

    open_processes = []
    if request.municipality is not None:
        open_processes = list(
            Process.objects.in_municipality(request.municipality)
            .filter(status=Process.Status.OPEN)
            .order_by("-created_at")[:6]
        )
    return render(request, "portal/home.html", {"open_processes": open_processes})


@require_safe
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice of this municipality, from the inventory of personal
    data (participants.personal_data) and the municipality's settings."""
    from participants.personal_data import purposes_for_page

    return render(
        request, "portal/privacy.html", {"purposes": purposes_for_page(request.municipality)}
    )


@require_safe
def municipality_logo(request: HttpRequest) -> FileResponse:
    """The logo of the municipality whose address this is."""
    if request.municipality is None:
        raise Http404(_("Ingen kommune bruker denne adressen."))
    return image_response(request.municipality.logo, public=True)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    failures = {"database": check_database(), "redis": check_redis()}
    checks = {name: reason or "ok" for name, reason in failures.items()}
    if not settings.REDIS_URL:
        checks["redis"] = "not configured"
    healthy = not any(failures.values())
    body = {"status": "ok" if healthy else "error", "checks": checks}
    if settings.REDIS_URL and not failures["database"]:
        # When a worker last ran beat's heartbeat task: informative, never a failure.
        try:
            beat = Heartbeat.objects.filter(name="worker").values_list("beat_at", flat=True)[:1]
            body["worker_heartbeat"] = beat[0].isoformat() if beat else None
        except DatabaseError:  # e.g. not migrated yet: the check above still answers
            body["worker_heartbeat"] = None
    return JsonResponse(
        body,
        status=200 if healthy else 503,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The refusal with its reason: a page, or for htmx the reason alone, put
    in the page's alert region (``#avvisning``) so it is seen and announced."""
    reason = str(exception) if exception and str(exception) else ""
    if getattr(request, "htmx", False):
        response = render(request, "403.html#refusal", {"reason": reason}, status=403)
        return reswap(retarget(response, "#avvisning"), "innerHTML")
    return render(request, "403.html", {"reason": reason}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token: usually an expired page or blocked cookies."""
    message = _(
        "Skjemaet kunne ikke sendes, fordi siden var for gammel eller nettleseren ikke "
        "tillater informasjonskapsler. Gå tilbake, last inn siden på nytt og prøv igjen."
    )
    return render(request, "403.html", {"reason": message}, status=403)


def method_not_allowed(request: HttpRequest, allowed: str) -> HttpResponse:
    response = render(request, "405.html", status=405)
    response["Allow"] = allowed
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    # The 500 page must render even when the database is down: no context processors.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "429.html", status=429)


def request_too_large(request: HttpRequest) -> HttpResponse:
    return render(request, "413.html", status=413)
