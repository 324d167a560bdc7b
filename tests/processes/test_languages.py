"""The portal speaks Bokmål, Nynorsk and English: the visitor's choice holds on
every page, and cached pages are kept per language."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"
# GNU gettext, which Django's compilemessages needs too (.ci/run installs it).
MSGATTRIB = shutil.which("msgattrib") or "/usr/bin/msgattrib"


def client_in(language: str) -> Client:
    client = Client()
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


@pytest.mark.parametrize(
    ("language", "heading", "nav"),
    [
        ("nb", "Samskapingsprosesser", "Prosesser"),
        ("nn", "Samskapingsprosessar", "Prosessar"),
        ("en", "Co-creation processes", "Processes"),
    ],
)
def test_the_chosen_language_holds_on_the_page(language, heading, nav, municipality):
    html = client_in(language).get(reverse("processes:list")).text

    assert f'<html lang="{language}"' in html
    assert heading in html
    assert f">{nav}</a>" in html


@pytest.mark.parametrize("language", ["nn", "en"])
def test_a_process_page_has_no_bokmal_left_in_its_own_text(language, process):
    html = client_in(language).get(process.get_absolute_url()).text
    main = html[html.index("<main") : html.index("</main>")]

    for bokmal in ("Hva er egentlig behovet", "Innspill så langt", "Siste hendelser", "Løsninger"):
        assert bokmal not in main


def test_the_cached_page_is_kept_per_language(process):
    bokmal, nynorsk, english = Client(), client_in("nn"), client_in("en")
    for _ in range(2):  # the second round comes from the cache
        pages = [c.get(process.get_absolute_url()).text for c in (bokmal, nynorsk, english)]
        assert "Innspill så langt" in pages[0]
        assert "Innspel så langt" in pages[1]
        assert "Contributions so far" in pages[2]


def test_the_language_menu_names_each_language_in_itself(municipality):
    html = client_in("en").get("/").text

    assert re.search(r'<option value="nb" lang="nb"[^>]*>Norsk bokmål</option>', html)
    assert re.search(r'<option value="nn" lang="nn"[^>]*>Norsk nynorsk</option>', html)


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_string_is_translated(language):
    catalogue = LOCALE / language / "LC_MESSAGES" / "django.po"
    untranslated, fuzzy = (
        subprocess.run(
            [MSGATTRIB, option, str(catalogue)], capture_output=True, text=True, check=True
        ).stdout
        for option in ("--untranslated", "--only-fuzzy")
    )
    assert untranslated == "", "run makemessages and translate the new strings"
    assert fuzzy == "", "check the translations makemessages marked fuzzy"


NORWEGIAN_MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]


def test_dates_are_written_the_way_each_language_writes_them(process, citizen):
    from django.utils import timezone

    from processes.services.needs import need_log

    need = need_log(process=process, author=citizen, body="Lys", who_has_need="Alle")
    day = timezone.localdate(need.created_at)
    norwegian = f"{day.day}. {NORWEGIAN_MONTHS[day.month - 1]} {day.year}"
    pages = {
        language: client_in(language).get(need.get_absolute_url()).text
        for language in ("nb", "nn", "en")
    }

    assert norwegian in pages["nb"]
    assert norwegian in pages["nn"]
    assert f"{day.day} {day.strftime('%B')} {day.year}" in pages["en"]
