"""Page benchmark: the busiest process pages under load, against a bare view.

Usage (needs PostgreSQL on 127.0.0.1:5432, user ``postgres``)::

    python -m uv run python bench/pages.py [--duration 20] [--clients 10]
        [--contributions 10000]

What it does:

1. drops and creates the database ``medspill_bench``, migrates it and seeds
   the demo;
2. adds one process with ``--contributions`` contributions (needs with
   supports, solutions linked to needs, comments), inserted in bulk with the
   stored counters kept right;
3. counts the queries of each page in-process (Django's test client,
   ``CaptureQueriesContext``): anonymous (the cached page), and as the
   process owner with a cold cache (nothing cached: the most a page asks)
   and a warm one;
4. serves the portal with gunicorn (2 sync workers, production settings,
   collected statics) and hits each page with ``--clients`` concurrent
   keep-alive clients for ``--duration`` seconds: the process page, the need
   list, a solution page and, as the baseline, ``/healthz``;
5. also measures each page with a single client for ``--solo`` seconds (the
   service time, without queueing behind the two workers);
6. prints a table with requests, requests/s, p50, p95, errors, the ratio to
   the bare view and PASS/FAIL against the budget (p95 < 50 ms, ≤ 15 queries).

It is a script, not a test: pytest's ``testpaths`` do not include ``bench/``.
"""

import argparse
import atexit
import http.client
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DB_NAME = "medspill_bench"
PG = "postgres://postgres@127.0.0.1:5432"
P95_BUDGET_MS = 50.0
QUERY_BUDGET = 15
BENCH_SLUG = "stor-prosess"

STATIC_ROOT = tempfile.mkdtemp(prefix="medspill-bench-static-")
ENV = {
    "MEDSPILL_ENV": "production",
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-" + "x" * 50,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SMTP_HOST": "localhost",
    "SECURE_SSL_REDIRECT": "false",
    "DATABASE_URL": f"{PG}/{DB_NAME}",
    "STATIC_ROOT": STATIC_ROOT,
    "REDIS_URL": "",
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "portal.settings",
}
os.environ.update(ENV)
sys.path.insert(0, str(REPO))


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def seed_big_process(total: int):
    """One open process with ``total`` contributions: 60 % needs, 20 % solutions,
    20 % comments. Parents go in with ``bulk_create``; the child tables of the
    multi-table models get raw INSERTs, which ``bulk_create`` cannot do."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from participants.models import User
    from portal.models import Municipality
    from processes.models import (
        Comment,
        Contribution,
        Need,
        NeedSupport,
        Process,
        Solution,
        TimelineEvent,
    )
    from processes.services.processes import process_create, process_set_status

    rng = random.Random(42)
    unusable = make_password(None)
    municipality = Municipality.objects.get(slug="lillevik")
    owner = User.objects.get(email="ansatt@demo.medspill.no")
    n_needs, n_solutions = total * 6 // 10, total * 2 // 10
    n_comments = total - n_needs - n_solutions
    with transaction.atomic():
        supporters = User.objects.bulk_create(
            [
                User(email=f"bench{i}@example.org", full_name=f"Bench {i}", password=unusable)
                for i in range(50)
            ]
        )
        process = process_create(
            municipality=municipality,
            by=owner,
            title="Stor prosess med mange innspill",
            slug=BENCH_SLUG,
            summary="En prosess med svært mange innspill, for å måle sidene.",
            problem_statement="Hvordan oppfører sidene seg når en prosess har mange innspill?",
            level=3,
        )
        process_set_status(
            process=process, status=Process.Status.OPEN, by=owner, text="Åpnet for måling."
        )
        round_ = process.rounds.get()

        def parents(kind: str, count: int, status: str, start: int) -> list[Contribution]:
            return Contribution.objects.bulk_create(
                [
                    Contribution(
                        process=process,
                        round=round_,
                        kind=kind,
                        reference=f"BENCH-{start + i:06d}",
                        author=supporters[i % len(supporters)],
                        stakeholder_category="citizen",
                        body=f"Innspill nummer {start + i}. " + "Lorem ipsum dolor sit amet. " * 8,
                        status=status,
                    )
                    for i in range(count)
                ],
                batch_size=2000,
            )

        def insert(model, columns: list[str], rows: list[tuple]) -> None:
            sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - our own names
                model._meta.db_table, ", ".join(columns), ", ".join(["%s"] * len(columns))
            )
            with connection.cursor() as cursor:
                cursor.executemany(sql, rows)

        need_parents = parents(Contribution.Kind.NEED, n_needs, Need.Status.RECEIVED, 1)
        support_rows, need_rows = [], []
        for i, parent in enumerate(need_parents):
            chosen = rng.sample(supporters, i % 6)
            support_rows.extend(NeedSupport(need_id=parent.pk, user=u) for u in chosen)
            need_rows.append((parent.pk, f"Gruppe {i % 12}", len(chosen)))
        insert(Need, ["contribution_ptr_id", "who_has_need", "support_count"], need_rows)
        NeedSupport.objects.bulk_create(support_rows, batch_size=5000)

        solution_parents = parents(
            Contribution.Kind.SOLUTION, n_solutions, Solution.Status.PROPOSED, n_needs + 1
        )
        insert(
            Solution,
            ["contribution_ptr_id", "title"],
            [(p.pk, f"Løsning {i}") for i, p in enumerate(solution_parents)],
        )
        Through = Solution.needs.through
        Through.objects.bulk_create(
            [
                Through(solution_id=s.pk, need_id=need_parents[(i * 7 + j) % n_needs].pk)
                for i, s in enumerate(solution_parents)
                for j in range(1 + i % 10)
            ],
            batch_size=5000,
        )

        comment_parents = parents(
            Contribution.Kind.COMMENT,
            n_comments,
            Comment.Status.PUBLISHED,
            n_needs + n_solutions + 1,
        )
        # The first solution gets 40 comments; the rest spread over the needs.
        targets = [solution_parents[0].pk] * 40 + [
            need_parents[i % n_needs].pk for i in range(n_comments - 40)
        ]
        insert(
            Comment,
            ["contribution_ptr_id", "target_id", "hidden_reason", "report_count"],
            [(p.pk, targets[i], "", 0) for i, p in enumerate(comment_parents)],
        )
        all_parents = need_parents + solution_parents + comment_parents
        TimelineEvent.objects.bulk_create(
            [
                TimelineEvent(
                    process=process,
                    contribution_id=p.pk,
                    kind=TimelineEvent.Kind.CREATED,
                    to_status=p.status,
                    actor_id=p.author_id,
                )
                for p in all_parents
            ],
            batch_size=5000,
        )
        Process.objects.filter(pk=process.pk).update(
            needs_count=n_needs,
            solutions_count=n_solutions,
            contributions_count=len(all_parents),
            updated_at=timezone.now(),
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # The solution with the most needs and all the comments.
    return process, solution_parents[0].pk, len(all_parents)


def count_queries(paths: dict[str, str]) -> dict[str, tuple[int, ...]]:
    """(status, anonymous, owner with a cold cache, owner with a warm one) per page.

    Cold means nothing cached at all: the most a page can ask of the database.
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from participants.models import User

    owner = User.objects.get(email="ansatt@demo.medspill.no")
    result = {}
    for name, path in paths.items():
        anonymous, signed_in = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
        signed_in.force_login(owner)
        anonymous.get(path)  # warm the cache
        with CaptureQueriesContext(connection) as anonymous_queries:
            status = anonymous.get(path).status_code
        counts = []
        for warm in (False, True):
            if not warm:
                cache.clear()
            with CaptureQueriesContext(connection) as queries:
                signed_in.get(path)
            counts.append(len(queries.captured_queries))
        result[name] = (status, len(anonymous_queries.captured_queries), *counts)
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "-w",
            "2",
            "--no-control-socket",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env={**os.environ, **ENV},
        start_new_session=True,
    )

    def stop() -> None:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)

    atexit.register(stop)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": "localhost"})
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz within 30 s")


def hammer(port: int, path: str, *, clients: int, duration: float) -> dict:
    """``clients`` threads, each on one keep-alive connection, for ``duration`` s."""
    deadline = time.monotonic() + duration

    def client() -> tuple[list[float], int]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        latencies, errors = [], 0
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "localhost"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors += 1
            except (OSError, http.client.HTTPException):
                errors += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            latencies.append((time.perf_counter() - start) * 1000)
        conn.close()
        return latencies, errors

    started = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(lambda _: client(), range(clients)))
    elapsed = time.monotonic() - started
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(e for _, e in results)
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": quantiles[49],
        "p95": quantiles[94],
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per page")
    parser.add_argument("--clients", type=int, default=10, help="concurrent clients")
    parser.add_argument("--contributions", type=int, default=10_000)
    parser.add_argument(
        "--solo", type=float, default=5.0, help="seconds per page with one client (service time)"
    )
    args = parser.parse_args()
    atexit.register(shutil.rmtree, STATIC_ROOT, ignore_errors=True)

    import django

    recreate_database()
    django.setup()
    from django.core.management import call_command

    from portal.demo import seed_accounts, seed_municipalities
    from processes.demo import seed_processes

    t0 = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    municipalities = seed_municipalities()
    seed_processes(municipalities, seed_accounts(municipalities["lillevik"]))
    process, solution_pk, created = seed_big_process(args.contributions)
    print(f"Seeded demo and {created} contributions in {time.monotonic() - t0:.1f} s", flush=True)

    pages = {
        "process page": f"/prosesser/{process.slug}/",
        "need list": f"/prosesser/{process.slug}/behov/",
        "solution page": f"/prosesser/{process.slug}/losninger/{solution_pk}/",
        "bare view (/healthz)": "/healthz",
    }
    queries = count_queries(pages)

    port = free_port()
    start_gunicorn(port)
    rows, solo = {}, {}
    for name, path in pages.items():
        print(f"  {name}: {path} …", flush=True)
        solo[name] = hammer(port, path, clients=1, duration=args.solo)
        rows[name] = hammer(port, path, clients=args.clients, duration=args.duration)

    bare = rows["bare view (/healthz)"]
    print()
    print(
        f"{args.clients} clients × {args.duration:.0f} s per page, gunicorn -w 2 (sync), "
        f"{created} contributions in the process, {os.cpu_count()} cores"
    )
    print()
    print(
        "| page | status | queries (anon/owner cold/warm) | 1 client p50/p95 ms | requests | req/s "
        "| p50 ms | p95 ms | errors | p50 × bare | verdict |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    failed = False
    for name, row in rows.items():
        status, anon, owner, owner_warm = queries[name]
        ok = (
            row["p95"] < P95_BUDGET_MS
            and max(anon, owner, owner_warm) <= QUERY_BUDGET
            and row["errors"] == 0
            and status == 200
        )
        failed |= not ok
        ratio = row["p50"] / bare["p50"] if bare["p50"] else float("nan")
        print(
            f"| {name} | {status} | {anon}/{owner}/{owner_warm} "
            f"| {solo[name]['p50']:.1f}/{solo[name]['p95']:.1f} "
            f"| {row['requests']} | {row['rps']:.0f} "
            f"| {row['p50']:.1f} | {row['p95']:.1f} | {row['errors']} | {ratio:.1f} "
            f"| {'PASS' if ok else 'FAIL'} |"
        )
    print()
    print(
        f"Budget: p95 < {P95_BUDGET_MS:.0f} ms with {args.clients} clients and at most "
        f"{QUERY_BUDGET} queries per page; the verdict also needs 200 and no errors."
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
