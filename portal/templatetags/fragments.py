"""``{% fragment %}``: a piece of a page rendered once and then served from the cache.

    {% load fragments %}
    {% fragment "need-item" need.pk need.updated_at need.support_count unless fresh %}
      …
    {% endfragment %}

The key is the fragment's name, the active language, the request's
municipality (slugs are unique only within one) and the values after it, so
the values must include everything else the piece shows that can change (an
``updated_at`` that every save touches, counters updated apart from it, the
viewer's state). A stale piece is then never served: a change makes a new key,
and the old one expires. ``unless`` renders without the cache when its value
is true (a bound form with the visitor's text, a piece that takes focus).

A fragment needs the request in its context (``render(request, …)``,
``render_to_string(…, request=request)``) and refuses to render without it.

CSRF tokens render as a placeholder that ``portal.csrf.CsrfTokenMiddleware``
fills in per visitor, so a piece with a form can be shared.
"""

import hashlib

from django import template
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# Keys change with the content, so the timeout only bounds what lies unused.
FRAGMENT_SECONDS = 600


class FragmentNode(template.Node):
    def __init__(
        self,
        nodelist: NodeList,
        name: FilterExpression,
        vary_on: list[FilterExpression],
        unless: FilterExpression | None,
    ) -> None:
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.unless = unless

    def render(self, context: template.Context) -> SafeString:
        municipality = _municipality_key(context)
        if self.unless is not None and self.unless.resolve(context):
            return self.nodelist.render(context)
        parts = [str(self.name.resolve(context)), get_language() or "", municipality]
        parts += [str(value.resolve(context)) for value in self.vary_on]
        key = "fragment:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, FRAGMENT_SECONDS)
        # Our own template's output, escaped when it was rendered.
        return mark_safe(html)  # noqa: S308


def _municipality_key(context: template.Context) -> str:
    request = getattr(context, "request", None)
    if request is None:
        raise ImproperlyConfigured(
            "{% fragment %} needs the request in the template context: its cache key "
            "holds the municipality. Render with the request."
        )
    municipality = request.municipality
    return str(municipality.pk) if municipality is not None else "-"


@register.tag("fragment")
def do_fragment(parser: Parser, token: Token) -> FragmentNode:
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    unless = None
    if "unless" in bits:
        at = bits.index("unless")
        if at != len(bits) - 2:
            raise template.TemplateSyntaxError("{% fragment %}: 'unless' takes one value, last.")
        unless = parser.compile_filter(bits[-1])
        bits = bits[:at]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name, *vary_on = (parser.compile_filter(bit) for bit in bits)
    return FragmentNode(nodelist, name, vary_on, unless)
