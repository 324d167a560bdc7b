"""``|hyphenate``: soft hyphens in the long words of a heading.

    {% load hyphenation %}
    <h1 class="ds-heading">{{ process.title|hyphenate }}</h1>

CSS ``hyphens: auto`` with the page's ``lang`` is the first choice, but
Chromium on Linux ships no Norwegian hyphenation dictionary, and a long
compound ("Samskapingsprosesser") then breaks anywhere, mid-syllable
(WCAG 1.4.10 keeps it on screen, not readable). Soft hyphens (U+00AD) from
the active language's dictionary tell every browser where it may break; it
shows a hyphen only where it does. Short words are left alone: they fit a
320 px line whole, and stay exactly as typed for search and copying.
"""

import re
from functools import cache

import pyphen
from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

register = template.Library()

SOFT_HYPHEN = "\u00ad"
# Words from this many letters up get break points.
LONG_WORD = 12
LONG_WORD_RE = re.compile(rf"[^\W\d_]{{{LONG_WORD},}}")
# Markup in an already safe value is kept whole; only the text between tags is hyphenated.
TAG_RE = re.compile(r"(<[^>]*>|&[#\w]+;)")
DICTIONARIES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}


@cache
def _dictionary(name: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=name, left=3, right=3)


def hyphenate_text(text: str, language: str | None) -> str:
    """``text`` with soft hyphens in its long words, by ``language``'s rules."""
    name = DICTIONARIES.get((language or "").split("-")[0].lower())
    if name is None:
        return text
    dictionary = _dictionary(name)
    return LONG_WORD_RE.sub(lambda word: dictionary.inserted(word[0], hyphen=SOFT_HYPHEN), text)


@register.filter(needs_autoescape=True)
def hyphenate(value, autoescape: bool = True) -> str:
    """The value with soft hyphens for the active language, escaped unless it is safe already."""
    language = get_language()
    if isinstance(value, SafeData):
        parts = TAG_RE.split(value)
        hyphenated = "".join(
            part if TAG_RE.fullmatch(part) else hyphenate_text(part, language) for part in parts
        )
        return mark_safe(hyphenated)  # noqa: S308 - safe markup kept whole, U+00AD added to its text
    text = hyphenate_text(str(value), language)
    return mark_safe(conditional_escape(text) if autoescape else text)  # noqa: S308 - escaped
