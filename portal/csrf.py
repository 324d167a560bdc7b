"""CSRF tokens filled in after rendering, so rendered HTML can be cached and shared.

Templates render ``{{ csrf_token }}`` (and ``{% csrf_token %}``) as a fixed
placeholder; ``CsrfTokenMiddleware`` puts the visitor's own token in its place
on the way out. A region rendered for one visitor therefore holds no token of
theirs and may be served, from the cache, to the next.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

# Alphanumeric like a real token, so escaping leaves it alone wherever it lands
# (attribute values, the JSON of data-hx-headers).
PLACEHOLDER = "csrfTokenPlaceholder0medspill0fills0this0in0on0the0way0out0000"
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
