"""Load benchmark: 50 simulated users against gunicorn on PostgreSQL.

Usage (needs PostgreSQL on 127.0.0.1:5432, user ``postgres``)::

    python -m uv run python bench/load.py [--users 50] [--duration 60]

It sets up the same database as bench/pages.py (the demo plus one process
with 10,000 contributions), adds one logged-in bench citizen per simulated user,
serves the portal with gunicorn (2 workers) and runs locust
(bench/locustfile.py) headless: 80 % of the requests read process and need
pages, 20 % log needs and support them. It prints throughput, p50, p95, p99
and the error count per request type, and PASS/FAIL against the budget
(0 errors, p95 under 200 ms).
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pages  # bench/pages.py: database, big process and gunicorn set-up

P95_BUDGET_MS = 200.0
SPAWN_RATE = 10  # users started per second

# The load logs in over plain HTTP, so the session cookie must not be
# Secure: serve the demo mode with DEBUG off instead of production mode.
pages.ENV.update({"MEDSPILL_ENV": "demo", "DEBUG": "false", "ALLOWED_HOSTS": "*"})
os.environ.update(pages.ENV)


def bench_sessions(count: int) -> list[str]:
    """One logged-in session per simulated user, made directly in the session store."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from participants.models import User

    now = timezone.now()
    User.objects.bulk_create(
        [
            User(email=f"last{i}@bench.medspill.no", full_name=f"Last {i}", email_verified_at=now)
            for i in range(count)
        ],
        ignore_conflicts=True,
    )
    keys = []
    for user in User.objects.filter(email__endswith="@bench.medspill.no"):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


def run_locust(port: int, *, users: int, duration: int, env: dict) -> list[dict]:
    prefix = Path(tempfile.mkdtemp(prefix="medspill-load-")) / "load"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(Path(__file__).with_name("locustfile.py")),
            "--headless",
            "--users",
            str(users),
            # Users arrive over the first seconds, and the figures start once all
            # of them are running: they measure the steady load, not the ramp.
            "--spawn-rate",
            str(SPAWN_RATE),
            "--reset-stats",
            "--run-time",
            f"{duration + users // SPAWN_RATE}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env={**os.environ, **env},
        check=False,
        timeout=duration + 120,
    )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument("--contributions", type=int, default=10_000)
    args = parser.parse_args()

    import django

    pages.recreate_database()
    django.setup()
    from django.core.management import call_command

    from portal.demo import seed_accounts, seed_municipalities
    from processes.demo import seed_processes
    from processes.models import Need, Process

    t0 = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    municipalities = seed_municipalities()
    seed_processes(municipalities, seed_accounts(municipalities["lillevik"]))
    process, _solution_pk, created = pages.seed_big_process(args.contributions)
    sessions = bench_sessions(args.users)
    print(f"Seeded demo and {created} contributions in {time.monotonic() - t0:.1f} s", flush=True)

    demo_slugs = Process.objects.filter(
        municipality=process.municipality, status=Process.Status.OPEN
    ).exclude(pk=process.pk)
    need_ids = Need.objects.filter(process=process, merged_into=None).values_list("pk", flat=True)
    env = {
        "BENCH_SLUG": process.slug,
        "BENCH_DEMO_SLUGS": ",".join(demo_slugs.values_list("slug", flat=True)),
        "BENCH_NEED_IDS": ",".join(str(pk) for pk in need_ids[:500]),
        "BENCH_SESSIONS": ",".join(sessions),
    }

    port = pages.free_port()
    pages.start_gunicorn(port)
    rows = run_locust(port, users=args.users, duration=args.duration, env=env)

    print()
    print(
        f"{args.users} users × {args.duration} s, gunicorn -w 2 (sync), "
        f"{created} contributions in the process, {os.cpu_count()} cores"
    )
    print()
    print("| request | count | errors | req/s | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    total = None
    for row in rows:
        line = (
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} "
            f"| {float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} |"
        )
        print(line)
        if row["Name"] == "Aggregated":
            total = row
    if total is None:
        sys.exit("locust wrote no aggregated statistics")
    errors, p95 = int(total["Failure Count"]), float(total["95%"])
    ok = errors == 0 and p95 < P95_BUDGET_MS
    print()
    print(
        f"Budget: 0 errors and p95 < {P95_BUDGET_MS:.0f} ms over all requests: "
        f"{errors} errors, p95 {p95:.0f} ms: {'PASS' if ok else 'FAIL'}"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
