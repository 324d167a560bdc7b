"""Deliberately broken pages, to show that each gate turns red on them."""

from pathlib import Path

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from portal.urls import urlpatterns as portal_urlpatterns

HERE = Path(__file__).resolve().parent


def image_without_alt(request):
    return HttpResponse((HERE / "image_without_alt.html").read_text(encoding="utf-8"))


def inline_style(request):
    """A page with a style attribute, which ``style-src 'self'`` blocks."""
    return HttpResponse(
        '<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Stil</title></head>'
        '<body><main><h1 style="color: red">Innebygd stil</h1></main></body></html>'
    )


def open_to_everyone(request):
    """A management page that forgot its permission check."""
    return HttpResponse("<p>Hemmelige tall for prosessen</p>")


@csrf_exempt
def breaks_on_long_input(request):
    """A form view that 500s when a text is long."""
    if any(len(value) > 1000 for value in request.POST.values()):
        raise ValueError("too long for the column")
    return HttpResponse("<p>ok</p>")


urlpatterns = [
    path("odelagt/bilde/", image_without_alt, name="broken_image"),
    path("odelagt/stil/", inline_style, name="broken_style"),
    path("odelagt/aapen/", open_to_everyone, name="broken_open"),
    path("odelagt/skjema/", breaks_on_long_input, name="broken_form"),
    *portal_urlpatterns,
]
