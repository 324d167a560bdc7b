from django.core.management.base import BaseCommand

from portal.demo import ACCOUNTS, DEMO_PASSWORD, seed_accounts, seed_municipalities
from processes.demo import EXTRA_ACCOUNTS, seed_processes


class Command(BaseCommand):
    help = "Creates or refreshes the demo municipalities, accounts and processes (idempotent)."

    def handle(self, *args, **options) -> None:
        municipalities = seed_municipalities()
        users = seed_accounts(municipalities["lillevik"])
        processes = seed_processes(municipalities, users)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write("Municipalities: " + ", ".join(m.name for m in municipalities.values()))
        self.stdout.write(f"Accounts (password {DEMO_PASSWORD}):")
        for email, _name, role in ACCOUNTS:
            self.stdout.write(f"  {email:32} {role or 'citizen'}")
        for email, _name, municipality, role in EXTRA_ACCOUNTS:
            where = f" in {municipality}" if municipality else ""
            self.stdout.write(f"  {email:32} {role or 'citizen'}{where}")
        self.stdout.write(f"Processes: {len(processes)}")
