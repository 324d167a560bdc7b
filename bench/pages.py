"""Page benchmark: every page of a big process under load, against a bare Django view.

Usage (needs PostgreSQL on 127.0.0.1:5432, user ``postgres``; uses wrk when it
is installed, ``apt-get install wrk``)::

    python -m uv run python bench/pages.py [--duration 10] [--clients 10]
        [--contributions 10000] [--solo 3] [--load auto|wrk|threads] [--only NAME]

What it does:

1. drops and creates the database ``medspill_bench`` (``BENCH_DATABASE``
   names another), migrates it and seeds the demo;
2. adds one process with ``--contributions`` contributions (needs with
   supports, solutions linked to needs, test rounds, comments), inserted in
   bulk with the stored counters kept right, 500 more public processes on
   every step (for /trappa/), and a signed-in citizen;
3. counts the queries of each page in-process (Django's test client,
   ``CaptureQueriesContext``) for an anonymous and a signed-in visitor: cold
   (the Django cache cleared first) and warm (the next request);
4. serves the portal with gunicorn (2 sync workers, production settings,
   collected statics, the cache in each worker's memory; ``BENCH_REDIS_URL``
   puts it in Redis) and, with the same gunicorn settings, the bare Django
   "hello" view of ``bench/bare.py`` (no middleware, no database);
5. loads each page, as each visitor, for ``--solo`` seconds with one client
   (the service time) and ``--duration`` seconds with ``--clients`` clients,
   between two runs of the bare view for ``--duration`` seconds with as many;
6. prints a table: queries, p50, p95, requests/s and the **share of bare**
   (the page's requests/s as a share of the mean of the bare view's runs just
   before and just after it), with
   PASS/FAIL against the budget: anonymous ≥ 20 %, signed in ≥ 10 %,
   p95 < 50 ms, ≤ 15 queries cold or warm.

Absolute figures on a shared virtual machine move by a factor of two from
one hour to the next; the share moves far less. The clients run on the same
cores as the server, so a page's share is a floor.

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
DB_NAME = os.environ.get("BENCH_DATABASE", "medspill_bench")
PG = "postgres://postgres@127.0.0.1:5432"
P95_BUDGET_MS = 50.0
QUERY_BUDGET = 15
SHARE_TARGETS = {"anonymous": 0.20, "signed in": 0.10, "owner": 0.10}
SIGNED_IN_EMAIL = "innlogget@bench.medspill.no"
# Mine innspill is only for signed-in visitors (anonymous ones are sent to log in).
SKIPPED = {("anonymous", "Mine innspill")}
# The process's owner sees what is missing in the participation: measured on
# the pages that show it to them.
OWNER_EMAIL = "ansatt@demo.medspill.no"
OWNER_PAGES = {"process page", "participation page"}
BENCH_SLUG = "stor-prosess"
# Public processes besides the demo's and the big one, for /trappa/.
MANY_PROCESSES = 500
# The people behind the big process's input, with profiles to count by.
PEOPLE = 2_000
CATEGORIES = ("citizen", "children", "elderly", "voluntary", "business", "")
AGE_BANDS = ("0-17", "18-29", "30-44", "45-66", "67-79", "80+", "")

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
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", ""),
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
    one in 200 test rounds and the rest comments. Parents go in with
    ``bulk_create``; the child tables of the multi-table models get raw INSERTs,
    which ``bulk_create`` cannot do."""
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
        TestRound,
        TimelineEvent,
    )
    from processes.services.processes import process_create, process_set_status

    rng = random.Random(42)
    unusable = make_password(None)
    municipality = Municipality.objects.get(slug="lillevik")
    owner = User.objects.get(email="ansatt@demo.medspill.no")
    n_needs, n_solutions = total * 6 // 10, total * 2 // 10
    n_tests = max(1, total // 200)
    n_comments = total - n_needs - n_solutions - n_tests
    with transaction.atomic():
        supporters = User.objects.bulk_create(
            [
                User(
                    email=f"bench{i}@example.org",
                    full_name=f"Bench {i}",
                    password=unusable,
                    stakeholder_category=CATEGORIES[i % len(CATEGORIES)],
                    age_band=AGE_BANDS[i % len(AGE_BANDS)],
                )
                for i in range(PEOPLE)
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
            ["contribution_ptr_id", "title", "test_plan"],
            [(p.pk, f"Løsning {i}", "") for i, p in enumerate(solution_parents)],
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

        test_parents = parents(
            Contribution.Kind.TEST_ROUND,
            n_tests,
            TestRound.Status.DECIDED,
            n_needs + n_solutions + 1,
        )
        insert(
            TestRound,
            [
                "contribution_ptr_id",
                "tested_solution_id",
                "participant_categories",
                "head_count",
                "held_on",
                "place",
                "findings",
                "decision",
                "learning",
            ],
            [
                (
                    p.pk,
                    solution_parents[i].pk,
                    '["citizen"]',
                    12,
                    timezone.localdate(),
                    "Biblioteket",
                    "Det virket for de fleste. " * 5,
                    TestRound.Decision.ADJUST,
                    "Vi justerer og tester igjen. " * 3,
                )
                for i, p in enumerate(test_parents)
            ],
        )

        comment_parents = parents(
            Contribution.Kind.COMMENT,
            n_comments,
            Comment.Status.PUBLISHED,
            n_needs + n_solutions + n_tests + 1,
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
        all_parents = need_parents + solution_parents + test_parents + comment_parents
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
        _count_participation(process, all_parents, support_rows)
        Process.objects.filter(pk=process.pk).update(
            needs_count=n_needs,
            solutions_count=n_solutions,
            contributions_count=len(all_parents),
            # Every input came from citizens (``given_as`` defaults to it).
            citizen_needs_count=n_needs,
            citizen_solutions_count=n_solutions,
            citizen_comments_count=n_comments,
            citizen_test_rounds_count=n_tests,
            updated_at=timezone.now(),
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # The solution with the most needs and 40 comments, a need with supports
    # and a comment, a test round.
    ids = {
        "solution": solution_parents[0].pk,
        "need": need_parents[5].pk,
        "test_round": test_parents[0].pk,
    }
    return process, ids, len(all_parents)


def seed_many_processes(count: int) -> None:
    """``count`` more public processes on every step, with facts for the
    observed level, so /trappa/ has a municipality's worth to count."""
    from django.utils import timezone

    from portal.models import Municipality
    from processes.models import Process

    municipality = Municipality.objects.get(is_default=True)
    now = timezone.now()
    Process.objects.bulk_create(
        [
            Process(
                municipality=municipality,
                title=f"Prosess {i}",
                slug=f"prosess-{i}",
                summary="Om noe.",
                problem_statement="Hvorfor?",
                status=Process.Status.OPEN,
                level=1 + i % 4,
                citizen_needs_count=i % 7,
                citizen_solutions_count=i % 3,
                citizen_solutions_tested_count=i % 5 == 0,
                citizen_test_rounds_count=i % 11 == 0,
                first_citizen_input_at=now if i % 7 else None,
                first_citizen_input_round=1 if i % 7 else None,
            )
            for i in range(count)
        ],
        batch_size=5000,
    )


def _count_participation(process, contributions, supports) -> None:
    """The participation counters the services would have kept for rows
    inserted in bulk: a ``Participant`` per person, a ``ParticipationCount``
    per group (what representativity reads)."""
    from collections import Counter

    from participants.models import User
    from processes.models import Participant, ParticipationCount

    given = Counter(c.author_id for c in contributions)
    supported = Counter(s.user_id for s in supports)
    people = User.objects.filter(pk__in=set(given) | set(supported))
    Participant.objects.bulk_create(
        [
            Participant(
                process=process,
                person=person,
                contributions=given[person.pk],
                supports=supported[person.pk],
                stakeholder_category=person.stakeholder_category,
                age_band=person.age_band,
            )
            for person in people
        ],
        batch_size=5000,
    )
    counts = Counter()
    for person in people:
        for dimension, group in (
            ("category", person.stakeholder_category),
            ("age_band", person.age_band),
            ("area", ""),
        ):
            counts[dimension, group, "people"] += 1
            counts[dimension, group, "contributions"] += given[person.pk]
            counts[dimension, group, "supports"] += supported[person.pk]
    groups = {(dimension, group) for dimension, group, _column in counts}
    ParticipationCount.objects.bulk_create(
        [
            ParticipationCount(
                process=process,
                dimension=dimension,
                group=group,
                **{c: counts[dimension, group, c] for c in ("people", "contributions", "supports")},
            )
            for dimension, group in groups
        ]
    )


def signed_in_session(user=None) -> str:
    """A session key for ``user``, by default a new signed-in citizen with no
    role (made in the session store)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.utils import timezone

    from participants.models import User

    user = user or User.objects.create_user(
        SIGNED_IN_EMAIL, None, full_name="Innlogget Innbygger", email_verified_at=timezone.now()
    )
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def measured(visitor: str, name: str) -> bool:
    if visitor == "owner":
        return name in OWNER_PAGES
    return (visitor, name) not in SKIPPED


def count_queries(pages: dict[str, str], visitors: tuple[str, ...]) -> dict:
    """(status, cold, warm) per page and visitor, counted in-process.

    Cold: the Django cache cleared first (nothing cached at all: the most a
    page asks of the database). Warm: the same request once more.
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from participants.models import User

    accounts = {"signed in": SIGNED_IN_EMAIL, "owner": OWNER_EMAIL}
    result = {}
    for visitor in visitors:
        client = Client(HTTP_HOST="localhost")
        if visitor in accounts:
            client.force_login(User.objects.get(email=accounts[visitor]))
        for name, path in pages.items():
            if not measured(visitor, name):
                continue
            counts = []
            cache.clear()
            for _warm in (False, True):
                with CaptureQueriesContext(connection) as queries:
                    status = client.get(path).status_code
                counts.append(len(queries.captured_queries))
            result[visitor, name] = (status, *counts)
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(
    port: int, app: str = "portal.wsgi", probe: str = "/healthz"
) -> subprocess.Popen:
    """``app`` under gunicorn with 2 sync workers; returns once ``probe`` answers 200."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
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
            conn.request("GET", probe, headers={"Host": "localhost"})
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn ({app}) did not answer {probe} within 30 s")


WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50), latency:percentile(95)))
end
"""


def hammer_wrk(port: int, path: str, *, clients: int, duration: float, cookie: str) -> dict:
    """wrk with ``clients`` connections; gunicorn's sync workers close each one
    after the response, and wrk opens the next."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    headers = ["-H", "Host: localhost"] + (["-H", f"Cookie: {cookie}"] if cookie else [])
    try:
        out = subprocess.run(
            [
                "wrk",
                f"-t{min(clients, os.cpu_count() or 1)}",
                f"-c{clients}",
                f"-d{max(1, round(duration))}s",
                "-s",
                script.name,
                *headers,
                f"http://127.0.0.1:{port}{path}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in out.splitlines() if line.startswith("BENCH "))
    requests, micros, errors, p50, p95 = (int(x) for x in line.split()[1:])
    return {
        "requests": requests,
        "rps": requests / (micros / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "errors": errors,
    }


def hammer_threads(port: int, path: str, *, clients: int, duration: float, cookie: str) -> dict:
    """``clients`` Python threads, each reopening its connection as the server closes it."""
    deadline = time.monotonic() + duration
    headers = {"Host": "localhost"} | ({"Cookie": cookie} if cookie else {})

    def client() -> tuple[list[float], int]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        latencies, errors = [], 0
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
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
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per page")
    parser.add_argument("--clients", type=int, default=10, help="concurrent clients")
    parser.add_argument("--contributions", type=int, default=10_000)
    parser.add_argument(
        "--solo", type=float, default=3.0, help="seconds per page with one client (service time)"
    )
    parser.add_argument(
        "--load",
        choices=("auto", "wrk", "threads"),
        default="auto",
        help="load generator: wrk (auto when installed) or Python threads",
    )
    parser.add_argument(
        "--only", default="", help="measure only the pages whose name contains one of these (a,b)"
    )
    args = parser.parse_args()
    atexit.register(shutil.rmtree, STATIC_ROOT, ignore_errors=True)
    use_wrk = args.load == "wrk" or (args.load == "auto" and shutil.which("wrk"))
    hammer = hammer_wrk if use_wrk else hammer_threads

    import django

    recreate_database()
    django.setup()
    from django.core.management import call_command

    from participants.models import User
    from portal.demo import seed_accounts, seed_municipalities
    from processes.demo import seed_processes

    t0 = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    municipalities = seed_municipalities()
    seed_processes(municipalities, seed_accounts(municipalities["lillevik"]))
    process, ids, created = seed_big_process(args.contributions)
    seed_many_processes(MANY_PROCESSES)
    session = signed_in_session()
    print(f"Seeded demo and {created} contributions in {time.monotonic() - t0:.1f} s", flush=True)

    base = f"/prosesser/{process.slug}"
    pages = {
        "process list": "/prosesser/",
        "process page": f"{base}/",
        "need list": f"{base}/behov/",
        "need page": f"{base}/behov/{ids['need']}/",
        "solution list": f"{base}/losninger/",
        "solution page": f"{base}/losninger/{ids['solution']}/",
        "test-round list": f"{base}/testrunder/",
        "test-round page": f"{base}/testrunder/{ids['test_round']}/",
        "participation page": f"{base}/deltakelse/",
        "summary page": f"{base}/sammendrag/",
        "Mine innspill": "/mine-innspill/",
        "ladder overview": "/trappa/",
    }
    wanted = [part.strip().lower() for part in args.only.split(",")]
    pages = {name: path for name, path in pages.items() if any(w in name.lower() for w in wanted)}
    owner = User.objects.get(email=OWNER_EMAIL)
    visitors = {
        "anonymous": "",
        "signed in": f"sessionid={session}",
        "owner": f"sessionid={signed_in_session(owner)}",
    }
    queries = count_queries(pages, tuple(visitors))

    port, bare_port = free_port(), free_port()
    start_gunicorn(port)
    start_gunicorn(bare_port, app="bench.bare:application", probe="/")
    runs = [
        (name, visitor, path, cookie)
        for visitor, cookie in visitors.items()
        for name, path in pages.items()
        if measured(visitor, name)
    ]
    rows = {}
    for name, visitor, path, cookie in runs:
        print(f"  {name} ({visitor}): {path} …", flush=True)
        # The bare view right before and right after each page: the machine's
        # speed drifts, and the page is compared with the mean of the two.
        before = hammer(bare_port, "/", clients=args.clients, duration=args.duration, cookie="")
        solo = hammer(port, path, clients=1, duration=args.solo, cookie=cookie)
        loaded = hammer(port, path, clients=args.clients, duration=args.duration, cookie=cookie)
        after = hammer(bare_port, "/", clients=args.clients, duration=args.duration, cookie="")
        bare = {
            "rps": (before["rps"] + after["rps"]) / 2,
            "errors": before["errors"] + after["errors"],
        }
        rows[name, visitor] = bare, solo, loaded

    print()
    print(
        f"{args.clients} clients × {args.duration:.0f} s per page "
        f"({'wrk' if use_wrk else 'Python threads'}), gunicorn -w 2 (sync), "
        f"{created} contributions in the process, {os.cpu_count()} cores"
    )
    print()
    print(
        "| page | visitor | status | queries cold/warm | 1 client p50/p95 ms | req/s "
        "| p50 ms | p95 ms | errors | bare req/s | share of bare | verdict |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    failed = False
    for (name, visitor), (bare, solo, row) in rows.items():
        share = row["rps"] / bare["rps"] if bare["rps"] else float("nan")
        status, cold, warm = queries[visitor, name]
        ok = (
            share >= SHARE_TARGETS[visitor]
            and row["p95"] < P95_BUDGET_MS
            and max(cold, warm) <= QUERY_BUDGET
            and row["errors"] == 0
            and bare["errors"] == 0
            and status == 200
        )
        failed |= not ok
        print(
            f"| {name} | {visitor} | {status} | {cold}/{warm} "
            f"| {solo['p50']:.1f}/{solo['p95']:.1f} | {row['rps']:.0f} "
            f"| {row['p50']:.1f} | {row['p95']:.1f} | {row['errors']} | {bare['rps']:.0f} "
            f"| {share:.0%} | {'PASS' if ok else 'FAIL'} |"
        )
    print()
    print(
        "Share of bare: the page's requests/s with "
        f"{args.clients} clients as a share of the bare Django view's (the mean of a run "
        "just before and one just after it, with the same clients and the same gunicorn "
        "settings). "
        f"Budget: anonymous ≥ {SHARE_TARGETS['anonymous']:.0%}, signed in ≥ "
        f"{SHARE_TARGETS['signed in']:.0%}, p95 < {P95_BUDGET_MS:.0f} ms, at most "
        f"{QUERY_BUDGET} queries cold or warm, status 200 and no errors."
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
