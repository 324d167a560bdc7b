"""Render a page, or the region of it that htmx asked for."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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
