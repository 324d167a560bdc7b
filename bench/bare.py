"""The floor of the stack: a bare Django "hello" view, for ``bench/pages.py``.

No middleware, no database, no templates: what gunicorn and Django's request
handling cost on their own. ``bench/pages.py`` serves it with the same
gunicorn settings as the portal and gives each page's throughput as a share
of this one's, which holds still when the machine itself speeds up or slows
down from one hour to the next.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare-view-" + "x" * 40,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("", hello)]

application = get_wsgi_application()
