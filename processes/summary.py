"""The process summary for politicians: sections, each from one selector.

``SECTIONS`` is the whole list, in the order the page and the PDF show them.
Adding a section (stakeholders, arenas, representativity, decisions, effects)
is one ``Section`` here: an id (the anchor, the bookmark), a heading, the
template it includes from ``templates/processes/summary/`` and the selector
that reads what it shows. Each selector runs a fixed number of queries,
whatever the number of contributions (counts are aggregated in SQL).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ladder.levels import Level
from processes.ladder_facts import foundations_current, process_observation
from processes.models import (
    Arena,
    ArenaAttendance,
    ArenaSignup,
    Contribution,
    LevelChange,
    Need,
    NeedResult,
    Process,
    Round,
    Solution,
    TestRound,
    TimelineEvent,
)
from processes.representativity import representativity
from processes.stakeholder_map import stakeholder_groups

FEEDBACK_EXAMPLES = 5
PROPOSED_SHOWN = 20


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    template: str
    selector: Callable[[Process], dict]


def problem(process: Process) -> dict:
    return {"process": process}


def ladder(process: Process) -> dict:
    observation = process_observation(process)
    history = list(LevelChange.objects.filter(process=process).order_by("-changed_at", "-pk")[:20])
    steps = [
        {
            "level": level.value,
            "label": level.label,
            "claimed": level.value == process.level,
            "observed": level.value == observation.level,
            "x": 10 + (level.value - 1) * 150,
            "y": 130 - level.value * 30,
            "height": level.value * 30,
        }
        for level in Level
    ]
    return {
        "claimed": Level(process.level).label,
        "observation": observation,
        "history": history,
        "steps": steps,
    }


def foundations(process: Process) -> dict:
    return {"foundations": foundations_current(process)}


def stakeholders(process: Process) -> dict:
    """The public part of the stakeholder map: the summary is one copy for
    every reader, so never a private person's name or the owners' notes."""
    return {"groups": stakeholder_groups(process, with_people=False)}


def _per_arena(queryset, aggregate):
    """A correlated subquery: ``aggregate`` over ``queryset``'s rows of the arena."""
    rows = queryset.filter(arena=OuterRef("pk")).order_by().values("arena")
    rows = rows.annotate(total=aggregate).values("total")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def arenas(process: Process) -> dict:
    """Every arena, the earliest first, with how many came (counted without
    names, and signed-up people who came) and the input recorded from it."""
    rows = list(
        Arena.objects.filter(process=process)
        .annotate(
            unnamed=_per_arena(ArenaAttendance.objects.all(), Sum("count")),
            named=_per_arena(ArenaSignup.objects.filter(attended=True), Count("pk")),
            inputs=_per_arena(Contribution.objects.all(), Count("pk")),
        )
        .order_by("starts_at", "pk")
    )
    for row in rows:
        row.came = row.unnamed + row.named
    return {"arenas": rows, "now": timezone.now()}


def participation(process: Process) -> dict:
    return {"representativity": representativity(process)}


def rounds(process: Process) -> dict:
    rows = list(Round.objects.filter(process=process).order_by("number"))
    for index, row in enumerate(rows):
        row.x = 10 + index * 150
    return {"rounds": rows, "width": 20 + max(len(rows), 1) * 150}


def _bars(counts: list[tuple[str, int]]) -> dict:
    biggest = max([count for _label, count in counts] or [0]) or 1
    return {
        "rows": [
            {
                "label": label,
                "count": count,
                "width": round(300 * count / biggest),
                "y": 10 + i * 30,
            }
            for i, (label, count) in enumerate(counts)
        ],
        "height": 20 + len(counts) * 30,
    }


def needs(process: Process) -> dict:
    most_supported = list(
        Need.objects.filter(process=process, merged_into__isnull=True)
        .exclude(status=Need.Status.MERGED)
        .order_by("-support_count", "created_at")[:20]
    )
    results = dict(
        NeedResult.objects.filter(need__process=process)
        .values_list("result")
        .annotate(n=Count("pk"))
        .values_list("result", "n")
    )
    labels = dict(NeedResult.Result.choices)
    return {
        "needs": most_supported,
        "total": process.needs_count,
        "results": _bars([(labels[key], results.get(key, 0)) for key in labels]),
    }


def solutions(process: Process) -> dict:
    """Every solution that went on from "proposed" (selected, tested, adjusted,
    adopted) with its test rounds; of those only proposed, the first
    ``PROPOSED_SHOWN`` by title and how many there are (a process may hold
    thousands: the portal lists them all). One query for the solutions."""
    rows = list(
        Solution.objects.filter(process=process)
        .exclude(status=Solution.Status.DISCARDED)
        .annotate(proposed=Case(When(status=Solution.Status.PROPOSED, then=1), default=0))
        .annotate(
            place=Window(RowNumber(), partition_by=[F("proposed")], order_by=[F("title"), F("pk")]),
            of=Window(Count("pk"), partition_by=[F("proposed")]),
        )
        .filter(Q(proposed=0) | Q(place__lte=PROPOSED_SHOWN))
        .order_by("title", "pk")
    )
    by_solution: dict[int, list] = {row.pk: [] for row in rows}
    tests = (
        TestRound.objects.filter(tested_solution__in=list(by_solution))
        .prefetch_related(
            Prefetch("need_results", queryset=NeedResult.objects.select_related("need"))
        )
        .order_by("held_on", "pk")
    )
    for test in tests:
        by_solution[test.tested_solution_id].append(test)
    for row in rows:
        row.summary_tests = by_solution[row.pk]
    proposed = [row for row in rows if row.proposed]
    return {
        "solutions": rows,
        "adopted": [row for row in rows if row.status == Solution.Status.ADOPTED],
        "proposed_hidden": (proposed[0].of - len(proposed)) if proposed else 0,
    }


STATUS_LABELS = {
    Contribution.Kind.NEED: dict(Need.Status.choices),
    Contribution.Kind.SOLUTION: dict(Solution.Status.choices),
}


def contributions(process: Process) -> dict:
    counts = (
        Contribution.objects.filter(process=process, kind__in=list(STATUS_LABELS))
        .values_list("kind", "status")
        .annotate(n=Count("pk"))
        .order_by("kind", "status")
    )
    kinds = dict(Contribution.Kind.choices)
    by_status = [
        (f"{kinds[kind]}: {STATUS_LABELS[kind].get(status, status)}", n)
        for kind, status, n in counts
    ]
    feedback = list(
        TimelineEvent.objects.filter(process=process, contribution__isnull=False)
        .exclude(text="")
        .select_related("contribution")
        .order_by("-created_at", "-pk")[:FEEDBACK_EXAMPLES]
    )
    for event in feedback:
        labels = STATUS_LABELS.get(event.contribution.kind, {})
        event.to_status_label = labels.get(event.to_status, event.to_status)
    return {
        "by_status": by_status,
        "chart": _bars(by_status),
        "total": sum(n for _label, n in by_status),
        "feedback": feedback,
    }


SECTIONS = (
    Section("problem", _("Problem og handlingsrom"), "problem", problem),
    Section("trinn", _("Trinn på samskapingstrappa"), "ladder", ladder),
    Section("fundamentene", _("De 5 fundamentene"), "foundations", foundations),
    Section("aktorer", _("Aktører"), "stakeholders", stakeholders),
    Section("arenaer", _("Arenaer"), "arenas", arenas),
    Section("deltakelse", _("Hvem deltok, og hvem mangler"), "representativity", participation),
    Section("runder", _("Runder"), "rounds", rounds),
    Section("behov", _("Behov"), "needs", needs),
    Section("losninger", _("Løsninger og testrunder"), "solutions", solutions),
    Section("innspill", _("Innspill og hva som ble av dem"), "contributions", contributions),
)


def summary_sections(process: Process) -> list[dict]:
    """Every section with what its selector read, for the one template."""
    return [
        {
            "id": section.id,
            "title": section.title,
            "template": f"processes/summary/_{section.template}.html",
            **section.selector(process),
        }
        for section in SECTIONS
    ]
