"""CSRF tokens filled in after rendering, so rendered HTML can be cached and shared.

Templates render ``{{ csrf_token }}`` (and ``{% csrf_token %}``) as a fixed
placeholder that no escaped user text can contain; ``CsrfTokenMiddleware``
puts the visitor's own token in its place on the way out. A region rendered
for one visitor therefore holds no token of theirs and may be served, from the
cache, to the next.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe

# Marked safe, so templates output it as it is, ``{{ csrf_token }}`` and
# ``{% csrf_token %}`` alike. Its angle brackets are what escaping always
# changes, and all user text (a comment, a ``?next=`` reflected into a form) is
# escaped on output: no user can make a page contain it, and so have each
# reader's token put into their text.
PLACEHOLDER = mark_safe("<medspill-csrf-token-placeholder>")  # noqa: S308 - a constant
PLACEHOLDER_BYTES = PLACEHOLDER.encode()


def placeholder(request: HttpRequest) -> dict:
    """Context processor, listed after Django's built-in one so it wins."""
    return {"csrf_token": PLACEHOLDER}


class CsrfTokenMiddleware:
    """Replaces the placeholder in an HTML response with the visitor's token.

    Sits just inside ``CsrfViewMiddleware``: asking for the token here marks
    the CSRF cookie to be set (and ``Vary: Cookie``) when the response passes
    back out through it, as Django's own lazy token does.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and PLACEHOLDER_BYTES in response.content
        ):
            token = get_token(request).encode()
            response.content = response.content.replace(PLACEHOLDER_BYTES, token)
        return response
