"""Simulated users for bench/load.py: 80 % read process and need pages, 20 % log
needs and support them. bench/load.py starts locust with this file and passes
what to visit in environment variables; it is not meant to be run alone.

Reads are full page loads. Writes go as the portal's pages send them from a
browser with JavaScript: htmx requests with the page's CSRF token in the
``X-CSRFToken`` header, answered with the region that changed.
"""

import os
import random
import re
from urllib.parse import urlsplit

from locust import FastHttpUser, between, task
from requests.cookies import create_cookie

SLUG = os.environ["BENCH_SLUG"]
DEMO_SLUGS = os.environ["BENCH_DEMO_SLUGS"].split(",")
NEED_IDS = [int(pk) for pk in os.environ["BENCH_NEED_IDS"].split(",")]
# Sessions made by bench/load.py, one per simulated user: logging 50 people in
# at once would measure the password hasher, not the pages.
SESSIONS = os.environ["BENCH_SESSIONS"].split(",")
HTMX_TOKEN = re.compile(r'"x-csrftoken": "([^"]+)"')

_next_user = iter(range(10**9))


class Citizen(FastHttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        session = SESSIONS[next(_next_user) % len(SESSIONS)]
        host = urlsplit(self.host).hostname
        self.client.cookiejar.set_cookie(create_cookie("sessionid", session, domain=host))
        # The need list sets the CSRF cookie; htmx sends the page's token back.
        with self.client.get(f"/prosesser/{SLUG}/behov/", name="need list") as response:
            self.htmx_headers = {
                "HX-Request": "true",
                "X-CSRFToken": HTMX_TOKEN.search(response.text).group(1),
            }

    @task(4)
    def read_process(self) -> None:
        self.client.get(f"/prosesser/{random.choice([SLUG, *DEMO_SLUGS])}/", name="process page")

    @task(2)
    def read_needs(self) -> None:
        page = random.randint(1, 20)
        self.client.get(f"/prosesser/{SLUG}/behov/?side={page}", name="need list")

    @task(2)
    def read_need(self) -> None:
        self.client.get(f"/prosesser/{SLUG}/behov/{random.choice(NEED_IDS)}/", name="need page")

    @task(1)
    def log_need(self) -> None:
        self.client.post(
            f"/prosesser/{SLUG}/behov/nytt/",
            data={
                "body": "Vi trenger bedre belysning på gangveien til skolen om vinteren.",
                "who_has_need": "Barn som går til skolen",
            },
            headers=self.htmx_headers,
            name="log need",
        )

    @task(1)
    def support_need(self) -> None:
        self.client.post(
            f"/prosesser/{SLUG}/behov/{random.choice(NEED_IDS)}/stotte/",
            data={},
            headers=self.htmx_headers,
            name="support need",
        )
