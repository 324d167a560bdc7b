"""Which language a page is in: the visitor's own choice, else the municipality's målform.

1. A signed-in person who has chosen a language (``User.language``) gets it.
2. Else the language cookie a visitor's choice set (the language menu).
3. Else the municipality's written standard (``Municipality.written_standard``):
   bokmål or nynorsk; a *neutral* municipality opens in whichever of the two
   the browser ranks higher, and in bokmål when it names neither.

The browser's Accept-Language never brings English (or the other written
standard in a bokmål or nynorsk municipality): a visitor gets that only by
choosing it, and the choice is kept, in the cookie and for a signed-in
person on their account too.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import check_for_language
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from portal.models import WrittenStandard

NORWEGIAN = {"nb": "nb", "no": "nb", "nn": "nn"}
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _chosen(code: str | None) -> str | None:
    return code if code in LANGUAGE_CODES else None


def _norwegian_from_browser(request: HttpRequest) -> str:
    """nb or nn, whichever the browser ranks first; bokmål when it names neither."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        found = NORWEGIAN.get(code.split("-")[0].lower())
        if found:
            return found
    return "nb"


def municipality_language(request: HttpRequest, municipality) -> str:
    """The language a first visit gets in ``municipality`` (``None``: the installation's)."""
    standard = getattr(municipality, "written_standard", None)
    if standard == WrittenStandard.NYNORSK:
        return "nn"
    if standard == WrittenStandard.NEUTRAL:
        return _norwegian_from_browser(request)
    return settings.LANGUAGE_CODE


def reader_language(user, municipality) -> str:
    """The language of what a person reads away from a request (an e-mail, a
    download): their own choice, else the municipality's written standard,
    bokmål for a neutral one (there is no browser to ask)."""
    chosen = _chosen(getattr(user, "language", None))
    if chosen:
        return chosen
    if getattr(municipality, "written_standard", None) == WrittenStandard.NYNORSK:
        return "nn"
    return settings.LANGUAGE_CODE


def language_for_request(request: HttpRequest, municipality) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        chosen = _chosen(user.language)
        if chosen:
            return chosen
    chosen = _chosen(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if chosen:
        return chosen
    return municipality_language(request, municipality)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch (the cookie), which a signed-in person's account keeps too."""
    response = django_set_language(request)
    code = request.POST.get("language")
    user = request.user
    chosen = code and check_for_language(code) and code in LANGUAGE_CODES
    if user.is_authenticated and chosen and user.language != code:
        user.language = code
        user.save(update_fields=["language"])
    return response
