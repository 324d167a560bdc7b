"""Count the facts of the observed level for the processes that exist."""

from django.db import migrations
from django.db.models import Count, Max, Min, Q

CITIZEN_SIDE = ("citizen", "organisation", "on_behalf")
FIRST_STATUS = {"need": "received", "solution": "proposed"}


def backfill(apps, schema_editor):
    Process = apps.get_model("processes", "Process")
    Contribution = apps.get_model("processes", "Contribution")
    TestRound = apps.get_model("processes", "TestRound")
    TimelineEvent = apps.get_model("processes", "TimelineEvent")
    for process in Process.objects.all().iterator():
        citizen = Contribution.objects.filter(process=process, given_as__in=CITIZEN_SIDE)
        counts = citizen.aggregate(
            needs=Count("pk", filter=Q(kind="need")),
            solutions=Count("pk", filter=Q(kind="solution")),
            comments=Count("pk", filter=Q(kind="comment")),
            test_rounds=Count("pk", filter=Q(kind="test_round")),
            answered=Count(
                "pk",
                filter=Q(kind="need") & ~Q(status=FIRST_STATUS["need"])
                | Q(kind="solution") & ~Q(status=FIRST_STATUS["solution"]),
            ),
        )
        first = citizen.order_by("created_at", "pk").select_related("round").first()
        process.citizen_needs_count = counts["needs"]
        process.citizen_solutions_count = counts["solutions"]
        process.citizen_comments_count = counts["comments"]
        process.citizen_test_rounds_count = counts["test_rounds"]
        process.citizen_inputs_answered_count = counts["answered"]
        process.citizen_solutions_tested_count = (
            TestRound.objects.filter(
                process=process, tested_solution__given_as__in=CITIZEN_SIDE
            )
            .values("tested_solution")
            .distinct()
            .count()
        )
        process.rounds_count = process.rounds.aggregate(n=Max("number"))["n"] or 1
        process.first_citizen_input_at = first.created_at if first else None
        process.first_citizen_input_round = first.round.number if first and first.round else None
        process.first_solution_selected_at = TimelineEvent.objects.filter(
            process=process, contribution__kind="solution", to_status="selected"
        ).aggregate(at=Min("created_at"))["at"]
        process.save(
            update_fields=[
                "citizen_needs_count",
                "citizen_solutions_count",
                "citizen_comments_count",
                "citizen_test_rounds_count",
                "citizen_inputs_answered_count",
                "citizen_solutions_tested_count",
                "rounds_count",
                "first_citizen_input_at",
                "first_citizen_input_round",
                "first_solution_selected_at",
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("processes", "0005_process_facts")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
