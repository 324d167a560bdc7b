"""``{% fragment %}`` serves a piece from the cache until a value it varies on changes."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, RequestContext, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation

SOURCE = (
    "{% load fragments %}"
    '{% fragment "piece" item.pk item.count unless live %}'
    "{{ item.text }} ({{ item.count }}){% endfragment %}"
)


class Item:
    def __init__(self, text: str, count: int) -> None:
        self.pk, self.text, self.count = 1, text, count


LILLEVIK = SimpleNamespace(pk=1)


def render(item: Item, *, live: bool = False, municipality=LILLEVIK) -> str:
    """Render as the portal does: with the request, which knows its municipality."""
    request = RequestFactory().get("/")
    request.municipality = municipality
    return Template(SOURCE).render(RequestContext(request, {"item": item, "live": live}))


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_a_second_render_comes_from_the_cache():
    assert render(Item("Lys", 1)) == "Lys (1)"
    # The text changed but no value the piece varies on did: the cached copy.
    assert render(Item("Mørkt", 1)) == "Lys (1)"


def test_a_changed_value_renders_anew():
    render(Item("Lys", 1))
    assert render(Item("Mørkt", 2)) == "Mørkt (2)"


def test_unless_renders_without_the_cache_and_stores_nothing():
    assert render(Item("Skjema med feil", 1), live=True) == "Skjema med feil (1)"
    assert render(Item("Lys", 1)) == "Lys (1)"


def test_each_language_has_its_own_copy():
    with translation.override("nb"):
        render(Item("Bokmål", 1))
    with translation.override("nn"):
        assert render(Item("Nynorsk", 1)) == "Nynorsk (1)"


def test_the_cached_copy_is_not_escaped_twice():
    render(Item("<b>fet</b> & mer", 1))
    assert render(Item("", 1)) == "&lt;b&gt;fet&lt;/b&gt; &amp; mer (1)"


@pytest.mark.django_db
def test_two_municipalities_get_their_own_copy_of_the_same_piece(municipality, other_municipality):
    lillevik = render(Item("Lillevik skole", 1), municipality=municipality)
    nordvik = render(Item("Nordvik skole", 1), municipality=other_municipality)

    assert lillevik == "Lillevik skole (1)"
    assert nordvik == "Nordvik skole (1)"
    assert render(Item("", 1), municipality=municipality) == lillevik


def test_a_host_without_a_municipality_has_its_own_copy_too():
    render(Item("Lillevik", 1))
    assert render(Item("Ingen kommune", 1), municipality=None) == "Ingen kommune (1)"


@pytest.mark.parametrize("live", [False, True])
def test_a_fragment_rendered_without_the_request_refuses_loudly(live):
    with pytest.raises(ImproperlyConfigured, match="needs the request"):
        Template(SOURCE).render(Context({"item": Item("Lys", 1), "live": live}))


@pytest.mark.parametrize(
    "tag",
    ["{% fragment %}", '{% fragment "x" unless %}', '{% fragment "x" unless a b %}'],
)
def test_a_malformed_tag_is_a_syntax_error(tag):
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragments %}" + tag + "{% endfragment %}")
