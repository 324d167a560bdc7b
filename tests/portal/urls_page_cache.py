"""Views under ``portal.pagecache.page_cache`` that do what no page of the
portal does yet: flash a message on a GET, set a cookie, answer 404."""

from django.contrib import messages
from django.http import HttpResponse
from django.urls import path

from portal.pagecache import page_cache

calls = []


def always(request, **kwargs) -> str:
    return "1"


@page_cache(version=always)
def flashes_once(request):
    calls.append("flashes_once")
    messages.info(request, "Velkommen tilbake.")
    return HttpResponse(f"<p>{len(calls)}</p>")


@page_cache(version=always)
def sets_cookie(request):
    calls.append("sets_cookie")
    response = HttpResponse(f"<p>{len(calls)}</p>")
    response.set_cookie("seen", "yes")
    return response


@page_cache(version=always)
def missing(request):
    calls.append("missing")
    return HttpResponse("<p>Fant ikke siden.</p>", status=404)


@page_cache(version=always)
def plain(request):
    calls.append("plain")
    return HttpResponse(f"<p>{len(calls)}</p>")


urlpatterns = [
    path("flashes/", flashes_once),
    path("sets-cookie/", sets_cookie),
    path("missing/", missing),
    path("plain/", plain),
]
