"""Notification benchmark: N status changes → N e-mails, delivered by one worker.

Usage (needs PostgreSQL on 127.0.0.1:5432, user ``postgres``, and Redis)::

    python -m uv run python bench/notifications.py [--changes 10000]
        [--kill-worker K] [--concurrency 2]

What it does:

1. drops and creates the database ``medspill_bench_notifications``
   (``NOTIFICATIONS_BENCH_DATABASE`` names another), migrates it, seeds the
   municipalities and one open process with ``--changes`` needs from 50
   citizens (inserted in bulk);
2. with no worker running, moves every need to "til vurdering" through the
   real service (``need_set_status``, which writes the timeline event and
   the audit entry and tells the need's author: a ``status`` notification),
   each change in a transaction of its own: ``--changes`` transactions, so as
   many tasks wait in Redis (``NOTIFICATIONS_REDIS_URL``, by default
   ``redis://127.0.0.1:6379/12``, emptied first);
3. starts an SMTP server on loopback (aiosmtpd, ``tests/delivery_support.py``)
   that counts messages by their ``X-Medspill-Notification-Id``, unless
   ``SMTP_HOST``/``SMTP_PORT`` name one (then lost and duplicates are counted
   from the database, which cannot see a duplicate);
4. starts one worker (``celery -A portal worker``, ``--concurrency`` child
   processes, by default 2 as docker-compose runs it) and times it from its
   start until every notification has reached the server. With
   ``--kill-worker K`` it SIGKILLs the worker's whole process group K times,
   evenly over the run, and starts a new one at once.
   A killed worker's message waits unacknowledged in Redis for an hour, so
   once the queue is empty the bench runs the sweeper (as beat would, here
   with no waiting period) for the rows that were left pending;
5. prints the time, messages per second, lost and duplicated, against the
   budget: 10,000 in under 60 s, 0 lost, 0 duplicated without kills, 0 lost
   with kills.

It is a script, not a test: pytest's ``testpaths`` do not include ``bench/``.
"""

import argparse
import atexit
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("NOTIFICATIONS_BENCH_DATABASE", "medspill_bench_notifications")
PG = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = os.environ.get("NOTIFICATIONS_REDIS_URL", "redis://127.0.0.1:6379/12")
KIND = "status"
BUDGET_SECONDS = 60.0

ENV = {
    "MEDSPILL_ENV": "test",
    "DATABASE_URL": f"{PG}/{DB_NAME}",
    "REDIS_URL": REDIS_URL,
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "PYTHONPATH": str(REPO),
}
os.environ.update(ENV)
sys.path[:0] = [str(REPO)]


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def seed_needs(count: int):
    """One open process with ``count`` needs from 50 citizens, in bulk."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from participants.models import Role, User
    from participants.services import membership_grant
    from portal.demo import seed_municipalities
    from processes.models import Contribution, Need, Process
    from processes.services.processes import process_create, process_set_status

    municipality = seed_municipalities()["lillevik"]
    unusable = make_password(None)
    with transaction.atomic():
        owner = User.objects.create_user(
            "eier@bench.medspill.no", None, full_name="Eier", email_verified_at=timezone.now()
        )
        membership_grant(user=owner, municipality=municipality, role=Role.STAFF)
        authors = User.objects.bulk_create(
            [
                User(
                    email=f"innbygger{i}@bench.example",
                    full_name=f"Innbygger {i}",
                    password=unusable,
                    language=("nb", "nn", "en")[i % 3],
                )
                for i in range(50)
            ]
        )
        process = process_create(
            municipality=municipality,
            by=owner,
            title="Prosess med mange behov",
            slug="mange-behov",
            summary="For å måle varslene.",
            problem_statement="Hvor fort når svarene fram?",
            level=2,
        )
        process_set_status(
            process=process, status=Process.Status.OPEN, by=owner, text="Åpnet for måling."
        )
        parents = Contribution.objects.bulk_create(
            [
                Contribution(
                    process=process,
                    round=process.rounds.get(),
                    kind=Contribution.Kind.NEED,
                    reference=f"BENCH-{i:06d}",
                    author=authors[i % len(authors)],
                    stakeholder_category="citizen",
                    body=f"Behov nummer {i}.",
                    status=Need.Status.RECEIVED,
                )
                for i in range(count)
            ],
            batch_size=2000,
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {Need._meta.db_table} "  # noqa: S608 - our own names
                "(contribution_ptr_id, who_has_need, support_count) VALUES (%s, %s, 0)",
                [(parent.pk, "Noen") for parent in parents],
            )
    return owner, [parent.pk for parent in parents]


def make_status_changes(owner, need_ids: list[int]) -> list[int]:
    """Each change through the real service in a transaction of its own: the
    service tells the need's author (a ``status`` notification), one task each,
    queued after commit. Returns the ids of those notifications."""
    from django.db import transaction

    from participants.models import Notification
    from processes.models import Need
    from processes.services.needs import need_set_status

    for pk in need_ids:
        with transaction.atomic():
            need = Need.objects.select_related("process__municipality", "author").get(pk=pk)
            need_set_status(
                need=need,
                status=Need.Status.UNDER_REVIEW,
                text="Vi ser på behovet ditt sammen med de andre i runden.",
                by=owner,
            )
    return list(
        Notification.objects.filter(kind=KIND, contribution_id__in=need_ids).values_list(
            "pk", flat=True
        )
    )


def _changes_in_child(owner_pk: int, need_ids: list[int]) -> list[int]:
    """``make_status_changes`` in a process of its own (spawned: no connection
    or pool is shared with the parent)."""
    import django

    django.setup()
    from participants.models import User

    return make_status_changes(User.objects.get(pk=owner_pk), need_ids)


def make_status_changes_in_parallel(owner, need_ids: list[int], writers: int) -> list[int]:
    """As the web tier would: several processes writing at once."""
    import multiprocessing

    if writers <= 1:
        return make_status_changes(owner, need_ids)
    chunks = [need_ids[i::writers] for i in range(writers)]
    with multiprocessing.get_context("spawn").Pool(writers) as pool:
        results = pool.starmap(_changes_in_child, [(owner.pk, chunk) for chunk in chunks])
    return sorted(pk for chunk in results for pk in chunk)


def queue_length() -> int:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        return client.llen("celery")
    finally:
        client.close()


def clear_broker() -> None:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.delete("celery", "unacked", "unacked_index", "unacked_mutex")
    client.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--kill-worker", type=int, default=0, metavar="K")
    parser.add_argument(
        "--concurrency", type=int, default=2, help="the worker's processes (docker-compose: 2)"
    )
    parser.add_argument("--writers", type=int, default=2, help="processes making the changes")
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()

    from tests.delivery_support import SmtpRecorder, Worker

    external = bool(os.environ.get("SMTP_HOST"))
    smtp = None
    if not external:
        smtp = SmtpRecorder(keep_content=False).start()
        os.environ.update(smtp.environment())
    smtp_env = {
        name: os.environ[name]
        for name in ("SMTP_HOST", "SMTP_PORT", "SMTP_USE_TLS")
        if name in os.environ
    }

    recreate_database()
    import django

    django.setup()
    from django.core.management import call_command

    from participants.models import Notification, NotificationState

    call_command("migrate", verbosity=0)
    clear_broker()
    started = time.monotonic()
    owner, need_ids = seed_needs(args.changes)
    print(f"seeded {len(need_ids)} needs in {time.monotonic() - started:.1f} s", flush=True)
    started = time.monotonic()
    ids = make_status_changes_in_parallel(owner, need_ids, args.writers)
    made = time.monotonic() - started
    print(
        f"{len(ids)} status changes with their notifications in {made:.1f} s "
        f"({len(ids) / made:.0f}/s); {queue_length()} tasks in Redis",
        flush=True,
    )

    def delivered() -> int:
        if smtp is not None:
            return len(ids) - smtp.count(ids)["lost"]
        return Notification.objects.filter(pk__in=ids, state=NotificationState.SENT).count()

    worker_env = {**ENV, **smtp_env, "DATABASE_POOL_MIN": "1"}
    pool = "prefork" if args.concurrency > 1 else "solo"
    worker = Worker(worker_env, name="bench", pool=pool, concurrency=args.concurrency)
    atexit.register(worker.kill)  # never leave a worker behind, whatever happens
    kill_at = [len(ids) * (k + 1) // (args.kill_worker + 1) for k in range(args.kill_worker)]
    started = time.monotonic()
    worker.start()
    kills, swept, last_progress, last_count = 0, 0, time.monotonic(), -1
    while True:
        count = delivered()
        if count >= len(ids):
            break
        if kill_at and count >= kill_at[0]:
            kill_at.pop(0)
            worker.kill()
            kills += 1
            print(f"  SIGKILL {kills} at {count} delivered; new worker", flush=True)
            worker.start()
        if count != last_count:
            last_count, last_progress = count, time.monotonic()
        elif not kill_at and queue_length() == 0 and time.monotonic() - last_progress > 3:
            # Queue empty and nothing moving: what is left was in a killed
            # worker's hands. The sweeper's turn.
            from participants.tasks import sweep_notifications

            swept += sweep_notifications(older_than=0)
            print(f"  queue empty at {count}: sweeper queued {swept} rows", flush=True)
            last_progress = time.monotonic()
        if time.monotonic() - started > args.timeout:
            print("  timed out", flush=True)
            break
        time.sleep(0.25)  # the SMTP server shares this process: count seldom
    elapsed = time.monotonic() - started
    worker.stop()

    if smtp is not None:
        figures = smtp.count(ids)
        lost, duplicates = figures["lost"], figures["duplicates"]
        smtp.stop()
    else:
        sent = Notification.objects.filter(pk__in=ids, state=NotificationState.SENT).count()
        lost, duplicates = len(ids) - sent, None
    rate = len(ids) / elapsed
    within = elapsed < BUDGET_SECONDS * len(ids) / 10_000
    verdict = (
        "PASS"
        if lost == 0 and (args.kill_worker or duplicates == 0) and (args.kill_worker or within)
        else "FAIL"
    )
    print(
        f"\n{len(ids)} notifications, one worker (concurrency {args.concurrency}), "
        f"{kills} kill(s), SMTP {'external' if external else 'loopback aiosmtpd'}\n"
        f"time {elapsed:.1f} s (worker start included), {rate:.0f} messages/s, "
        f"lost {lost}, duplicates {'unknown' if duplicates is None else duplicates}, "
        f"swept {swept}: {verdict}"
    )
    print(f"worker log: {worker.log.name}")


if __name__ == "__main__":
    main()
