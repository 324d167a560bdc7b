"""The portal's URLs plus one view that refuses, to show the 403 page."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from portal.urls import handler403, handler404, handler500
from portal.urls import urlpatterns as portal_urlpatterns


def refuse(request):
    raise PermissionDenied


urlpatterns = [path("ingen-adgang/", refuse), *portal_urlpatterns]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
