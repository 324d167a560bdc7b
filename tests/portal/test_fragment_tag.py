"""``{% fragment %}`` serves a piece from the cache until a value it varies on changes."""

import pytest
from django.core.cache import cache
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

SOURCE = (
    "{% load fragments %}"
    '{% fragment "piece" item.pk item.count unless live %}'
    "{{ item.text }} ({{ item.count }}){% endfragment %}"
)


class Item:
    def __init__(self, text: str, count: int) -> None:
        self.pk, self.text, self.count = 1, text, count


def render(item: Item, *, live: bool = False) -> str:
    return Template(SOURCE).render(Context({"item": item, "live": live}))


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


@pytest.mark.parametrize(
    "tag",
    ["{% fragment %}", '{% fragment "x" unless %}', '{% fragment "x" unless a b %}'],
)
def test_a_malformed_tag_is_a_syntax_error(tag):
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragments %}" + tag + "{% endfragment %}")
