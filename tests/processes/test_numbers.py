"""Figures shown to people are written the way the page's language writes
them: "10 000" (with a non-breaking space) in bokmål and nynorsk, "10,000" in
English; ids and addresses keep their bare digits."""

import pytest
from django.conf import settings

from processes.models import Need, Process
from processes.services.needs import need_log

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


@pytest.fixture
def big_process(process, citizen):
    need = need_log(process=process, author=citizen, body="Lys i undergangen", who_has_need="Alle")
    Need.objects.filter(pk=need.pk).update(support_count=12345)
    Process.objects.filter(pk=process.pk).update(needs_count=10000, solutions_count=2500)
    process.refresh_from_db()
    return process


@pytest.mark.parametrize(
    ("language", "ten_thousand"), [("nb", f"10{NBSP}000"), ("nn", f"10{NBSP}000"), ("en", "10,000")]
)
def test_a_key_figure_of_ten_thousand_is_grouped_as_the_language_writes_it(
    client, big_process, language, ten_thousand
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    html = client.get(big_process.get_absolute_url()).text

    assert f'<span class="key-figure__number">{ten_thousand}</span>' in html


def test_the_process_page_groups_support_counts(client, big_process):
    html = client.get(big_process.get_absolute_url()).text

    assert f"12{NBSP}345 har samme behov" in html


def test_the_need_page_groups_its_support_count(client, big_process):
    need = Need.objects.get(process=big_process)

    html = client.get(need.get_absolute_url()).text

    assert f"12{NBSP}345 har også dette behovet" in html


def test_the_process_list_groups_its_counts(client, big_process):
    html = client.get("/prosesser/").text

    assert f"10{NBSP}000 behov" in html
    assert f"2{NBSP}500 løsninger" in html
