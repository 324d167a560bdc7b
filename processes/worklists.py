"""Reads for the pages that say what waits for someone: the moderation queue,
Mitt arbeid for staff and the politicians' start page. Each list is shaped for
its page in a fixed number of queries, however many rows lie behind it."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from processes.models import Comment, CommentReport, Contribution, Need, Process, Solution

# The queue's orders: the newest report first, or the most reported first.
NEWEST, MOST_REPORTED = "nyeste", "flest"
QUEUE_ORDERS = {
    NEWEST: ("-latest_report", "-pk"),
    MOST_REPORTED: ("-report_count", "-latest_report", "-pk"),
}

# An input waits for an answer while it keeps the status it came in with.
WAITING = Q(kind=Contribution.Kind.NEED, status=Need.Status.RECEIVED) | Q(
    kind=Contribution.Kind.SOLUTION, status=Solution.Status.PROPOSED
)
WAITING_SHOWN = 50
DECISIONS_AHEAD_DAYS = 90
PROCESSES_SHOWN = 20


def reported_comments(*, municipality, order: str = NEWEST) -> QuerySet:
    """Published comments with reports nobody has handled yet, each with
    ``open_reports`` (newest first) and ``latest_report``."""
    open_reports = CommentReport.objects.filter(handled_at__isnull=True).order_by("-created_at")
    return (
        Comment.objects.filter(
            process__municipality=municipality,
            status=Comment.Status.PUBLISHED,
            report_count__gt=0,
        )
        .select_related("process", "author")
        .annotate(latest_report=Max("reports__created_at", filter=Q(reports__handled_at=None)))
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by(*QUEUE_ORDERS.get(order, QUEUE_ORDERS[NEWEST]))
    )


def hidden_comments(*, municipality) -> QuerySet:
    """Comments hidden by a moderator, the most recently changed first."""
    return (
        Comment.objects.filter(process__municipality=municipality, status=Comment.Status.HIDDEN)
        .select_related("process", "author")
        .order_by("-updated_at", "-pk")
    )


def moderated_comment_get(*, municipality, pk: int) -> Comment:
    """A comment in one of the municipality's processes, or 404."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Comment.objects.select_related("process__municipality", "author"),
        pk=pk,
        process__municipality=municipality,
    )


@dataclass
class WaitingInput:
    contribution: Contribution
    age_days: int
    overdue: bool


@dataclass
class Worklist:
    processes: list[Process]
    drafts: list[Process]
    waiting: list[WaitingInput]
    waiting_total: int
    overdue_total: int
    reported: list[Comment]
    promise_days: int


def worklist_for(*, user, municipality) -> Worklist:
    """Mitt arbeid: the processes ``user`` owns, the inputs in them that wait
    for an answer (oldest first, with their age against the municipality's
    promise), their reported comments and the drafts not yet opened."""
    mine = list(
        Process.objects.in_municipality(municipality)
        .filter(owners=user)
        .exclude(status=Process.Status.ARCHIVED)
        .order_by("title", "pk")
    )
    ids = [process.pk for process in mine]
    promise = municipality.feedback_promise_days
    now = timezone.now()
    deadline = now - timedelta(days=promise)
    waiting = (
        Contribution.objects.filter(WAITING, process_id__in=ids)
        .exclude(given_as=Contribution.GivenAs.STAFF)
        .select_related("process")
        .order_by("created_at", "pk")
    )
    shown = [
        WaitingInput(
            contribution, (now - contribution.created_at).days, contribution.created_at < deadline
        )
        for contribution in waiting[:WAITING_SHOWN]
    ]
    counts = waiting.order_by().aggregate(
        total=Count("pk"), overdue=Count("pk", filter=Q(created_at__lt=deadline))
    )
    reported = list(
        reported_comments(municipality=municipality, order=NEWEST).filter(process_id__in=ids)[
            :WAITING_SHOWN
        ]
    )
    return Worklist(
        processes=[process for process in mine if process.status != Process.Status.DRAFT],
        drafts=[process for process in mine if process.status == Process.Status.DRAFT],
        waiting=shown,
        waiting_total=counts["total"],
        overdue_total=counts["overdue"],
        reported=reported,
        promise_days=promise,
    )


@dataclass
class PoliticianOverview:
    by_status: list[tuple[str, str, int, list[Process]]]
    decisions_due: list[Process]
    ahead_days: int
    followed: list[Process]


def politician_overview(*, municipality, user) -> PoliticianOverview:
    """The public processes by status (a count and the newest of each), the
    decisions due in the coming months, soonest first, and the processes the
    politician follows (Følg prosessen)."""
    public = Process.objects.in_municipality(municipality).public()
    counts = dict(
        public.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    by_status = []
    for status in (Process.Status.OPEN, Process.Status.CONCLUDED, Process.Status.ARCHIVED):
        newest = list(public.filter(status=status).order_by("-created_at", "-pk")[:PROCESSES_SHOWN])
        by_status.append((status.value, status.label, counts.get(status, 0), newest))
    today = timezone.localdate()
    decisions = list(
        public.filter(
            decision_due__gte=today,
            decision_due__lte=today + timedelta(days=DECISIONS_AHEAD_DAYS),
        )
        .exclude(status=Process.Status.ARCHIVED)
        .order_by("decision_due", "pk")[:PROCESSES_SHOWN]
    )
    followed = list(
        public.filter(follows__person=user).order_by("-updated_at", "-pk")[:PROCESSES_SHOWN]
    )
    return PoliticianOverview(by_status, decisions, DECISIONS_AHEAD_DAYS, followed)
