"""The report across processes (/rapport/): for the municipality and a period,
every process the reader may see with its status, claimed and observed step,
participation in the period and outcome so far.

Three queries however many processes and inputs: the processes, one grouped
count of their inputs, and one count of the distinct people who took part
(authors on the citizens' side and supporters, as the participation counters
count them).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ladder.observed import Observation
from processes.ladder_facts import process_observation
from processes.models import Contribution, Need, NeedSupport, Process, Solution
from processes.rules import visible_processes

# Input people give: test rounds are counted on their own.
INPUT_KINDS = (Contribution.Kind.NEED, Contribution.Kind.SOLUTION, Contribution.Kind.COMMENT)
STATUS_ORDER = {
    Process.Status.OPEN: 0,
    Process.Status.CONCLUDED: 1,
    Process.Status.ARCHIVED: 2,
    Process.Status.DRAFT: 3,
}
# Dates the period may start and end on: far enough for any record, and
# clear of the calendar's ends (a day after 9999-12-31 does not exist).
FIRST_YEAR, LAST_YEAR = 1900, 2100


class PeriodForm(forms.Form):
    """From and to, both days included. A text field keeps what was typed."""

    fra = forms.DateField(
        label=gettext_lazy("Fra og med dato"),
        widget=forms.DateInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=gettext_lazy("ÅÅÅÅ-MM-DD"),
        error_messages={
            "invalid": gettext_lazy("Skriv en dato, for eksempel 2026-01-01."),
            "required": gettext_lazy("Skriv datoen perioden begynner."),
        },
    )
    til = forms.DateField(
        label=gettext_lazy("Til og med dato"),
        widget=forms.DateInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=gettext_lazy("ÅÅÅÅ-MM-DD"),
        error_messages={
            "invalid": gettext_lazy("Skriv en dato, for eksempel 2026-12-31."),
            "required": gettext_lazy("Skriv datoen perioden slutter."),
        },
    )

    def clean(self):
        data = super().clean()
        for name in ("fra", "til"):
            day = data.get(name)
            if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
                self.add_error(
                    name,
                    _("Velg en dato mellom år %(first)s og %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
                data.pop(name, None)
        if data.get("fra") and data.get("til") and data["fra"] > data["til"]:
            self.add_error("til", _("Til-datoen kan ikke være før fra-datoen."))
        return data


def default_period() -> tuple[date, date]:
    """This year so far."""
    today = timezone.localdate()
    return date(today.year, 1, 1), today


def period_form(params) -> PeriodForm:
    """The form as asked (``params``: the query string), or this year so far."""
    if any(params.get(name) is not None for name in ("fra", "til")):
        return PeriodForm({name: params.get(name, "") for name in ("fra", "til")})
    start, end = default_period()
    return PeriodForm({"fra": start.isoformat(), "til": end.isoformat()})


@dataclass
class ReportRow:
    process: Process
    observation: Observation
    inputs: int
    people: int
    test_rounds: int
    needs: int
    needs_met: int
    solutions_adopted: int


@dataclass
class Report:
    start: date
    end: date
    rows: list[ReportRow]

    @property
    def inputs(self) -> int:
        return sum(row.inputs for row in self.rows)

    @property
    def test_rounds(self) -> int:
        return sum(row.test_rounds for row in self.rows)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return datetime.combine(start, time.min, zone), datetime.combine(
        end + timedelta(days=1), time.min, zone
    )


def _people(ids: list[int], since: datetime, before: datetime) -> dict[int, int]:
    """Distinct people per process: authors on the citizens' side and supporters
    of needs, in the period (UNION drops a person counted twice in a process)."""
    if not ids:
        return {}
    authors = (
        Contribution.objects.filter(
            process_id__in=ids,
            author__isnull=False,
            given_as__in=Contribution.CITIZEN_SIDE,
            created_at__gte=since,
            created_at__lt=before,
        )
        .values_list("process_id", "author_id")
        .order_by()
    )
    supporters = (
        NeedSupport.objects.filter(
            need__process_id__in=ids, created_at__gte=since, created_at__lt=before
        )
        .values_list("need__process_id", "user_id")
        .order_by()
    )
    sql, params = authors.union(supporters).query.sql_with_params()
    with connection.cursor() as cursor:
        # The inner SQL is the ORM's own, its values passed as parameters.
        grouped = f"SELECT u.process_id, COUNT(*) FROM ({sql}) u GROUP BY u.process_id"  # noqa: S608
        cursor.execute(grouped, params)
        return dict(cursor.fetchall())


def report_for(*, user, municipality, start: date, end: date) -> Report:
    """Every process ``user`` may see that existed in the period (created
    before it ended) and was still changing when it began."""
    since, before = _bounds(start, end)
    processes = list(
        visible_processes(user, municipality).filter(created_at__lt=before, updated_at__gte=since)
    )
    processes.sort(key=lambda process: (STATUS_ORDER[process.status], process.title.lower()))
    ids = [process.pk for process in processes]
    in_period = Q(created_at__gte=since, created_at__lt=before)
    counts = {
        row["process_id"]: row
        for row in Contribution.objects.filter(process_id__in=ids)
        .values("process_id")
        .annotate(
            inputs=Count(
                "pk",
                filter=in_period
                & Q(kind__in=INPUT_KINDS)
                & ~Q(given_as=Contribution.GivenAs.STAFF),
            ),
            test_rounds=Count("pk", filter=in_period & Q(kind=Contribution.Kind.TEST_ROUND)),
            needs=Count(
                "pk", filter=Q(kind=Contribution.Kind.NEED) & ~Q(status=Need.Status.MERGED)
            ),
            needs_met=Count("pk", filter=Q(kind=Contribution.Kind.NEED, status=Need.Status.MET)),
            solutions_adopted=Count(
                "pk", filter=Q(kind=Contribution.Kind.SOLUTION, status=Solution.Status.ADOPTED)
            ),
        )
        .order_by()
    }
    people = _people(ids, since, before)
    empty = {"inputs": 0, "test_rounds": 0, "needs": 0, "needs_met": 0, "solutions_adopted": 0}
    rows = []
    for process in processes:
        count = counts.get(process.pk, empty)
        rows.append(
            ReportRow(
                process=process,
                observation=process_observation(process),
                inputs=count["inputs"],
                people=people.get(process.pk, 0),
                test_rounds=count["test_rounds"],
                needs=count["needs"],
                needs_met=count["needs_met"],
                solutions_adopted=count["solutions_adopted"],
            )
        )
    return Report(start, end, rows)
