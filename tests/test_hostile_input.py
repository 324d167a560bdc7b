"""Hostile input on every form: never a 5xx, never an unescaped script, the
user's text kept; oversize bodies get 413, unknown ids 404, wrong methods 405.

The POST endpoints come from the authorization matrix (every URL name where
some role may POST), each driven as the most privileged role that may post.
"""

import html
import re

import pytest
from django.test import Client
from django.urls import resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_authorization_matrix import (
    EXPECTATIONS,
    OK,
    PK_OF,
    build_world,
    post_capable,
    poster_for,
    role_users,  # noqa: F401 - a fixture
    url_kwargs,
    walk_patterns,
)

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
POST_NAMES = post_capable()
FIELD_NAME = re.compile(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"')
NOT_SENT = {"csrfmiddlewaretoken"}

payloads = st.sampled_from([SCRIPT, IMG, "' OR 1=1 --", "{{ 7*7 }}", "%(name)s", "\x00", ""])
numbers = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.sampled_from(["NaN", "1e309", "-0", "0x10", "١٢٣", "3.5", " 7 "]),
)
bad_dates = st.sampled_from(["2026-02-30", "31.12.2026", "0000-00-00", "9999-99-99", "i går"])
long_text = st.builds(
    lambda chunk, count: (chunk * count)[:12_000],
    st.text(min_size=1, max_size=5),
    st.integers(min_value=2_000, max_value=12_000),
)
values = st.one_of(
    st.text(max_size=300),
    long_text,
    payloads,
    numbers,
    bad_dates,
    st.lists(st.one_of(payloads, numbers, st.text(max_size=20)), max_size=3),
)


def field_pool(client: Client, world, name: str) -> list[str]:
    """Every form field name on the pages where this endpoint's form is shown."""
    pages = [reverse(name, kwargs=url_kwargs(name, world))]
    slug = world.process.slug
    pages += [
        reverse("processes:detail", args=[slug]),
        reverse("processes:need", args=[slug, world.need.pk]),
        reverse("processes:solution", args=[slug, world.solution.pk]),
        reverse("processes:test_round", args=[slug, world.test_round.pk]),
    ]
    names = set()
    for page in pages:
        response = client.get(page)
        if response.status_code == 200:
            names.update(FIELD_NAME.findall(response.text))
    return sorted(names - NOT_SENT) or ["body"]


def _client(world, role: str) -> Client:
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


@pytest.fixture
def world(role_users, municipality, make_user, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = str(tmp_path)
    settings.RATELIMIT_ENABLE = False  # limits are tested on their own; here, the forms
    return build_world(municipality=municipality, make_user=make_user, users=role_users)


def check_response(response, sent: dict) -> None:
    assert response.status_code < 500, response.status_code
    body = response.content.decode("utf-8", errors="replace")
    assert SCRIPT not in body, "the script payload came back unescaped"
    assert "<img src=x onerror" not in body, "the img payload came back unescaped"


@pytest.mark.django_db
@pytest.mark.parametrize("name", POST_NAMES)
def test_no_form_breaks_on_hostile_input(world, name):
    role = poster_for(name)
    client = _client(world, role)
    url = reverse(name, kwargs=url_kwargs(name, world))
    pool = field_pool(client, world, name)
    hostile_posts(client, url, pool)


def hostile_posts(client: Client, url: str, pool: list[str], examples: int = 25) -> None:
    """Post generated hostile dicts to ``url``, as htmx and as a plain form."""
    keys = st.one_of(st.sampled_from(pool), st.text(min_size=1, max_size=12))

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(data=st.dictionaries(keys, values, max_size=len(pool) + 2), htmx=st.booleans())
    def post(data, htmx):
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        check_response(client.post(url, data, **headers), data)

    post()


# The search and filter forms (GET), with the query parameters they and
# their pagination send.
GET_FORMS = {
    "processes:list": ["q", "status", "level", "topic", "page"],
    "processes:needs": ["status", "topic", "sort", "side"],
    "processes:solutions": ["status", "page"],
    "processes:test_rounds": ["page"],
    "processes:history": ["side"],
    "processes:moderation": ["rekkefolge", "vis", "page"],
    "portal:audit_log": ["person", "process", "kind", "fra", "til", "eldre_enn"],
    "processes:report": ["fra", "til"],
    "processes:level": [
        "sporsmal-problem",
        "sporsmal-solutions",
        "sporsmal-decides",
        "sporsmal-carries_out",
        "sporsmal-decided",
    ],
    "processes:my_contributions": ["page"],
    "administration:people": ["q", "side"],
}


GET_FORM = re.compile(r'<form[^>]*\bmethod="get"[^>]*\baction="([^"]+)"')


@pytest.mark.django_db
def test_every_get_form_on_every_page_is_fuzzed(world):
    """A page with a search or filter form names its endpoint in GET_FORMS."""
    client = _client(world, "admin")
    found = set()
    for name, row in EXPECTATIONS.items():
        if row["admin"][0] != OK:
            continue
        response = client.get(reverse(name, kwargs=url_kwargs(name, world)))
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            for action in GET_FORM.findall(response.text):
                match = resolve(html.unescape(action).split("?")[0])
                found.add(f"{match.namespace}:{match.url_name}".lstrip(":"))
    assert found, "no GET form found: the pattern no longer matches the pages"
    assert found <= set(GET_FORMS)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(GET_FORMS))
def test_no_search_or_filter_breaks_on_hostile_input(world, name):
    client = _client(world, "admin")
    url = reverse(name, kwargs=url_kwargs(name, world))
    keys = st.one_of(st.sampled_from(GET_FORMS[name]), st.text(min_size=1, max_size=12))

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(
        data=st.dictionaries(keys, values, max_size=len(GET_FORMS[name]) + 2), htmx=st.booleans()
    )
    def search(data, htmx):
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        check_response(client.get(url, data, **headers), data)

    search()


@pytest.mark.django_db
@pytest.mark.parametrize("name", POST_NAMES)
def test_an_invalid_form_keeps_the_user_s_text_escaped(world, name):
    client = _client(world, poster_for(name))
    url = reverse(name, kwargs=url_kwargs(name, world))
    marker = f"Min tekst ÆØÅ {IMG}"
    pool = field_pool(client, world, name)
    # Every field gets the text; a choice or number field then makes the form invalid.
    data = dict.fromkeys(pool, marker)

    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.post(url, data, **headers)
        check_response(response, data)
        invalid = 'aria-invalid="true"' in response.text or "ds-validation-message" in response.text
        if response.status_code != 200 or not invalid:
            continue  # accepted: nothing to keep
        text_fields = re.findall(
            r'<(?:textarea|input(?![^>]*type="(?:hidden|checkbox|radio|file|password|submit)"))'
            r'[^>]*\bname="([^"]+)"',
            response.text,
        )
        if set(text_fields) & set(pool):
            escaped = (html.escape(marker), html.escape(marker).replace("&#x27;", "&#39;"))
            assert any(text in response.text for text in escaped), (
                f"{name}: the typed text was lost"
            )


@pytest.mark.django_db
@pytest.mark.parametrize("name", POST_NAMES)
def test_an_oversize_body_gets_413(world, name, settings):  # noqa: F811
    client = _client(world, poster_for(name))
    url = reverse(name, kwargs=url_kwargs(name, world))

    response = client.post(
        url,
        "body=x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
    )

    assert response.status_code == 413
    assert "Det du sendte, var for stort" in response.text


# Every (url name, method) with an id in its path that the method is allowed on.
ID_CASES = [
    (name, method)
    for name in sorted(name for name in PK_OF if name in EXPECTATIONS)
    for index, method in enumerate(("get", "post"))
    if EXPECTATIONS[name]["admin"][index].name != "405"
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), ID_CASES)
def test_an_unknown_id_is_404(world, name, method):
    client = _client(world, "admin")
    kwargs = {**url_kwargs(name, world), "pk": 987_654_321}

    response = getattr(client, method)(reverse(name, kwargs=kwargs))

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", sorted(name for name, route in walk_patterns().items() if "<slug:slug>" in route)
)
def test_an_unknown_process_is_404(world, name):
    kwargs = {**url_kwargs(name, world), "slug": "finnes-ikke"}
    expected_get = EXPECTATIONS[name]["admin"][0].name

    response = _client(world, "admin").get(reverse(name, kwargs=kwargs))

    assert response.status_code == (405 if expected_get == "405" else 404)


@pytest.mark.django_db
def test_an_unknown_reference_is_404(world):
    response = Client().get(reverse("processes:contribution", args=["INN-1999-9999"]))

    assert response.status_code == 404


def _wrong_method_cases():
    for name in sorted(EXPECTATIONS):
        for method in ("put", "delete", "patch"):
            yield pytest.param(name, method, id=f"{method}-{name}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), list(_wrong_method_cases()))
def test_a_wrong_method_is_405(world, name, method):
    client = _client(world, "admin")

    response = getattr(client, method)(reverse(name, kwargs=url_kwargs(name, world)))

    assert response.status_code == 405
