"""Simulated users for bench/load.py: 80 % read process and need pages, 20 % log
needs and support them. bench/load.py starts locust with this file and passes
what to visit in environment variables; it is not meant to be run alone."""

import os
import random

from locust import HttpUser, between, task

SLUG = os.environ["BENCH_SLUG"]
DEMO_SLUGS = os.environ["BENCH_DEMO_SLUGS"].split(",")
NEED_IDS = [int(pk) for pk in os.environ["BENCH_NEED_IDS"].split(",")]
# Sessions made by bench/load.py, one per simulated user: logging 50 people in
# at once would measure the password hasher, not the pages.
SESSIONS = os.environ["BENCH_SESSIONS"].split(",")

_next_user = iter(range(10**9))


class Citizen(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", SESSIONS[next(_next_user) % len(SESSIONS)])
        # The need list carries forms, so it sets the CSRF cookie the writes send back.
        self.client.get(f"/prosesser/{SLUG}/behov/", name="need list")

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
        path = f"/prosesser/{SLUG}/behov/nytt/"
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            path,
            {
                "body": "Vi trenger bedre belysning på gangveien til skolen om vinteren.",
                "who_has_need": "Barn som går til skolen",
                "csrfmiddlewaretoken": token,
            },
            headers={"X-CSRFToken": token},
            name="log need",
        )

    @task(1)
    def support_need(self) -> None:
        pk = random.choice(NEED_IDS)
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            f"/prosesser/{SLUG}/behov/{pk}/stotte/",
            {"csrfmiddlewaretoken": token},
            headers={"X-CSRFToken": token},
            name="support need",
        )
