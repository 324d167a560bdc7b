"""Count the participation of the processes that exist, as the services keep it
from now on (processes/services/participation.py): each person once per
process, in the groups of their profile; each input under its own category."""

from collections import Counter, defaultdict

from django.db import migrations

# Contribution.PARTICIPATION_SIDE as it is now.
PARTICIPATION_SIDE = ("citizen", "organisation", "on_behalf", "politician")
COLUMNS = ("people", "contributions", "supports", "attendance")


def backfill(apps, schema_editor):
    Contribution = apps.get_model("processes", "Contribution")
    NeedSupport = apps.get_model("processes", "NeedSupport")
    ArenaSignup = apps.get_model("processes", "ArenaSignup")
    ArenaAttendance = apps.get_model("processes", "ArenaAttendance")
    Participant = apps.get_model("processes", "Participant")
    ParticipationCount = apps.get_model("processes", "ParticipationCount")
    User = apps.get_model("participants", "User")

    Participant.objects.all().delete()
    ParticipationCount.objects.all().delete()
    given = defaultdict(Counter)  # (process, person) -> the categories of their inputs
    supports, attended = Counter(), Counter()
    counts = defaultdict(Counter)  # (process, dimension, group) -> column -> n
    rows = Contribution.objects.filter(given_as__in=PARTICIPATION_SIDE).values_list(
        "process_id", "author_id", "given_as", "stakeholder_category"
    )
    for process, author, given_as, category in rows.order_by("pk").iterator():
        if given_as == "on_behalf" or author is None:
            counts[process, "category", category]["contributions"] += 1
        else:
            given[process, author][category] += 1
    for process, person in NeedSupport.objects.values_list("need__process_id", "user_id"):
        supports[process, person] += 1
    for process, person in ArenaSignup.objects.filter(attended=True).values_list(
        "arena__process_id", "person_id"
    ):
        attended[process, person] += 1
    for process, category, count in ArenaAttendance.objects.values_list(
        "arena__process_id", "stakeholder_category", "count"
    ):
        counts[process, "category", category]["attendance"] += count

    keys = set(given) | set(supports) | set(attended)
    profiles = {
        pk: (category, age_band, area)
        for pk, category, age_band, area in User.objects.filter(
            pk__in={person for _process, person in keys}
        ).values_list("pk", "stakeholder_category", "age_band", "area_id")
    }
    participants = []
    for process, person in sorted(keys):
        category, age_band, area = profiles[person]
        inputs = given.get((process, person), Counter())
        # A person without a category in their profile counts under their first input's.
        category = category or next(iter(inputs), "")
        participant = Participant(
            process_id=process,
            person_id=person,
            contributions=sum(inputs.values()),
            supports=supports[process, person],
            attended=attended[process, person],
            stakeholder_category=category,
            age_band=age_band,
            area_id=area,
        )
        participants.append(participant)
        for dimension, group in (
            ("category", category),
            ("age_band", age_band),
            ("area", str(area or "")),
        ):
            row = counts[process, dimension, group]
            row["people"] += 1
            row["supports"] += participant.supports
            row["attendance"] += participant.attended
            if dimension != "category":
                row["contributions"] += participant.contributions
        for input_category, n in inputs.items():
            counts[process, "category", input_category or category]["contributions"] += n
    Participant.objects.bulk_create(participants, batch_size=2000)
    ParticipationCount.objects.bulk_create(
        [
            ParticipationCount(
                process_id=process,
                dimension=dimension,
                group=group,
                **{column: row[column] for column in COLUMNS},
            )
            for (process, dimension, group), row in counts.items()
        ],
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [("processes", "0015_participation"), ("participants", "0008_organisations")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
