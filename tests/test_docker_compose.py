"""docker-compose.yml: only the proxy faces the world, gunicorn is reached
through it alone, and the settings the services get agree with the proxy."""

import re

import pytest
import yaml

from tests.helpers import REPO

COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def _published_ports(service: dict) -> list[str]:
    return [
        str(port).split(":")[-2] if ":" in str(port) else str(port)
        for port in service.get("ports", [])
    ]


def test_only_the_proxy_is_published_to_the_world():
    published = {name for name, service in SERVICES.items() if service.get("ports")}

    assert published == {"proxy"}
    assert {"80", "443"} <= set(_published_ports(SERVICES["proxy"]))


def test_gunicorn_is_only_exposed_on_the_compose_network():
    web = SERVICES["web"]

    assert "ports" not in web
    assert "--bind=0.0.0.0:8000" in web["command"]
    assert web.get("expose") == ["8000"]


def test_web_believes_exactly_one_proxy_and_keeps_the_shared_settings():
    environment = SERVICES["web"]["environment"]

    assert environment["PROXY_COUNT"] == "1"
    # Its own environment block must not drop what every app service gets.
    assert environment == {**SERVICES["worker"]["environment"], "PROXY_COUNT": "1"}
    assert environment["MEDSPILL_ENV"] == "production"


def test_the_proxy_runs_the_caddyfile_that_forwards_to_web_on_port_8000():
    proxy = SERVICES["proxy"]
    mounted = [volume.split(":") for volume in proxy["volumes"]]
    caddyfile = next(source for source, target, *_ in mounted if target == "/etc/caddy/Caddyfile")

    text = (REPO / caddyfile).read_text()

    assert proxy["image"].startswith("caddy:")
    assert re.search(r"^\s*dynamic a web 8000\b", text, re.MULTILINE)
    assert "{$SITE_ADDRESS}" in text
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"


def test_the_cache_and_the_broker_use_separate_redis_databases():
    environment = SERVICES["worker"]["environment"]

    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert environment["CACHE_REDIS_URL"] == "redis://redis:6379/1"


@pytest.mark.parametrize(
    "variable",
    sorted(set(re.findall(r"\$\{(\w+):\?", (REPO / "docker-compose.yml").read_text()))),
)
def test_every_variable_compose_requires_is_in_the_example_env_file(variable):
    example = (REPO / ".env.example").read_text()

    assert re.search(rf"^{variable}=", example, re.MULTILINE)
