"""PDF benchmark: build time and size of the summary PDF for processes with
100, 1,000 and 10,000 contributions (budget: 1,000 under 5 s, 10,000 under 30 s).

Usage (PostgreSQL on 127.0.0.1:5432, user ``postgres``)::

    python -m uv run python bench/pdf.py [--sizes 100 1000 10000]

It uses bench/pages.py's database (``medspill_bench``, recreated), the demo
and its bulk seeding of one big process, then builds the PDF the way the
Celery task does (``processes.services.summaries.summary_pdf_build``).
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages  # noqa: E402  (sets the environment and the database name)

BUDGETS = {1000: 5.0, 10000: 30.0}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--one", type=int, help="one size, in a database of its own")
    args = parser.parse_args()
    if args.one is None:
        print(f"{'contributions':>13} {'pages':>6} {'seconds':>8} {'KB':>8}  budget", flush=True)
        for size in args.sizes:
            subprocess.run([sys.executable, __file__, "--one", str(size)], check=True)
        return
    build(args.one)


def build(size: int) -> None:
    import django

    pages.recreate_database()
    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    from portal.demo import seed_accounts, seed_municipalities
    from processes.demo import seed_processes
    from processes.models import SummaryPdf
    from processes.services.summaries import summary_pdf_build

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    municipalities = seed_municipalities()
    seed_processes(municipalities, seed_accounts(municipalities["lillevik"]))
    process, _ids, _created = pages.seed_big_process(size)
    process.refresh_from_db()
    row = SummaryPdf.objects.create(process=process, version=process.content_version, language="nb")
    # A worker imports WeasyPrint at its first PDF (portal.pdf), 1.7 s once in
    # its life: loaded here first, the figure is the build a running worker makes.
    import weasyprint  # noqa: F401

    started = time.perf_counter()
    with translation.override("nb"):
        summary_pdf_build(row.pk)
    seconds = time.perf_counter() - started
    row.refresh_from_db()
    if row.status != SummaryPdf.Status.READY:
        raise SystemExit(f"{size}: the build failed: {row.error}")
    from pypdf import PdfReader

    count = len(PdfReader(row.file.path).pages)
    budget = BUDGETS.get(size)
    verdict = ""
    if budget is not None:
        verdict = ("PASS" if seconds < budget else "FAIL") + f" < {budget} s"
    kb = row.size / 1024
    print(f"{size:>13} {count:>6} {seconds:>8.2f} {kb:>8.1f}  {verdict}", flush=True)


if __name__ == "__main__":
    main()
