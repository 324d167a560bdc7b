"""``|hyphenate`` puts soft hyphens where the language's dictionary allows a
break, in long words only, and never lets a title's markup through."""

import pytest
from django.template import Context, Template
from django.utils import translation

SHY = "\u00ad"


def render(source: str, **context) -> str:
    return Template("{% load hyphenation %}" + source).render(Context(context))


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_long_norwegian_compound_breaks_between_syllables(language):
    with translation.override(language):
        html = render("{{ title|hyphenate }}", title="Samskapingsprosesser")

    assert html == f"Sam{SHY}ska{SHY}pings{SHY}pro{SHY}ses{SHY}ser"
    assert html.replace(SHY, "") == "Samskapingsprosesser"


def test_english_pages_use_the_english_dictionary():
    with translation.override("en"):
        html = render("{{ title|hyphenate }}", title="Internationalisation")

    assert html.replace(SHY, "") == "Internationalisation"
    assert f"na{SHY}tion" in html


def test_short_words_stay_as_typed():
    with translation.override("nb"):
        html = render("{{ title|hyphenate }}", title="Ny renovasjonsordning i Lillevik")

    assert html == f"Ny reno{SHY}va{SHY}sjons{SHY}ord{SHY}ning i Lillevik"


def test_a_language_without_a_dictionary_gets_the_text_unchanged():
    with translation.override("de"):
        html = render("{{ title|hyphenate }}", title="Samskapingsprosesser")

    assert html == "Samskapingsprosesser"


def test_markup_in_a_title_is_escaped():
    with translation.override("nb"):
        html = render(
            "{{ title|hyphenate }}", title='<script>alert("Samskapingsprosesser")</script>'
        )

    assert "<script>" not in html
    assert html.startswith("&lt;script&gt;alert(&quot;Sam")
    assert html.endswith("&quot;)&lt;/script&gt;")


def test_markup_is_escaped_inside_blocktranslate_too():
    with translation.override("nb"):
        html = render(
            "{% load i18n %}{% blocktranslate with title=title|hyphenate %}Behov i {{ title }}"
            "{% endblocktranslate %}",
            title="<b>Samskapingsprosesser</b>",
        )

    assert html.startswith("Behov i &lt;b&gt;Sam")


def test_without_autoescape_the_text_is_hyphenated_and_left_raw():
    with translation.override("nb"):
        html = render(
            "{% autoescape off %}{{ title|hyphenate }}{% endautoescape %}", title="<i>x</i>"
        )

    assert html == "<i>x</i>"


def test_a_safe_value_keeps_its_markup_whole():
    with translation.override("nb"):
        html = render(
            "{{ title|safe|hyphenate }}",
            title='<a class="samskapingsprosesser">Samskapingsprosesser</a>',
        )

    assert html.startswith('<a class="samskapingsprosesser">Sam' + SHY)
    assert html.endswith("ser</a>")
