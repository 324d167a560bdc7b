"""The counters representativity reads: who took part in a process, by
stakeholder category, age band and area, kept current by the services that
write what they count, in the same transaction.

A person is counted once per process (``Participant``), in the groups of
their profile when they first took part; changing or withdrawing the profile
moves them (``participation_profile_moved``). An input counts under its own
category (the one given with it, or its organisation's), and under the
author's profile when it has none. Input staff enter from an arena counts
under its category, with no person behind it; so do the people counted at an
arena without names.
"""

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from processes.models import Participant, ParticipationCount, Process

Dimension = ParticipationCount.Dimension


@dataclass(frozen=True)
class Groups:
    """The group of each dimension a person or an input is counted in."""

    category: str = ""
    age_band: str = ""
    area: str = ""

    @classmethod
    def of_person(cls, person) -> "Groups":
        return cls(person.stakeholder_category, person.age_band, str(person.area_id or ""))

    @classmethod
    def of_participant(cls, participant: Participant) -> "Groups":
        return cls(
            participant.stakeholder_category,
            participant.age_band,
            str(participant.area_id or ""),
        )

    def by_dimension(self) -> dict[str, str]:
        return {
            Dimension.CATEGORY: self.category,
            Dimension.AGE_BAND: self.age_band,
            Dimension.AREA: self.area,
        }


COLUMNS = ("people", "contributions", "supports", "attendance")


@dataclass(frozen=True)
class Delta:
    people: int = 0
    contributions: int = 0
    supports: int = 0
    attendance: int = 0

    def __add__(self, other: "Delta") -> "Delta":
        return Delta(*(getattr(self, c) + getattr(other, c) for c in COLUMNS))

    def __neg__(self) -> "Delta":
        return Delta(*(-getattr(self, c) for c in COLUMNS))

    def __bool__(self) -> bool:
        return any(getattr(self, c) for c in COLUMNS)


def _add(process_id: int, changes: list[tuple[str, str, Delta]]) -> None:
    """Add each delta to its group's row, creating the row the first time: one
    statement for them all (an upsert both PostgreSQL and SQLite know)."""
    summed: dict[tuple[str, str], Delta] = {}
    for dimension, value, delta in changes:
        summed[dimension, value] = summed.get((dimension, value), Delta()) + delta
    changes = [(dimension, value, delta) for (dimension, value), delta in summed.items() if delta]
    if not changes:
        return
    table = connection.ops.quote_name(ParticipationCount._meta.db_table)
    group = connection.ops.quote_name("group")
    rows = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(changes))
    params = []
    for dimension, value, delta in changes:
        params += [process_id, dimension, value, *(getattr(delta, c) for c in COLUMNS)]
    updates = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in COLUMNS)
    # Only quoted names of our own table and columns are formatted in; every value is a parameter.
    sql = (
        f"INSERT INTO {table} (process_id, dimension, {group}, {', '.join(COLUMNS)}) "  # noqa: S608
        f"VALUES {rows} ON CONFLICT (process_id, dimension, {group}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _participant(process_id: int, person, category: str) -> tuple[Participant, bool]:
    with transaction.atomic():  # a savepoint: a racing first input loses cleanly
        return Participant.objects.get_or_create(
            process_id=process_id,
            person=person,
            defaults={
                "stakeholder_category": person.stakeholder_category or category,
                "age_band": person.age_band,
                "area_id": person.area_id,
            },
        )


@transaction.atomic
def participation_record(
    *,
    process_id: int,
    person=None,
    category: str = "",
    contributions: int = 0,
    supports: int = 0,
    attended: int = 0,
) -> None:
    """Count what ``person`` (or, with none, an arena's unnamed participants
    of ``category``) just gave in the process: an input, a support (or ``-1``
    for one withdrawn), an attendance. The person's first part counts them."""
    delta = Delta(contributions=contributions, supports=supports, attendance=attended)
    if person is None:
        _add(process_id, [(Dimension.CATEGORY, category, delta)])
        return
    participant, created = _participant(process_id, person, category)
    Participant.objects.filter(pk=participant.pk).update(
        contributions=F("contributions") + contributions,
        supports=F("supports") + supports,
        attended=F("attended") + attended,
    )
    groups = Groups.of_participant(participant)
    person_delta = Delta(people=1 if created else 0, supports=supports, attendance=attended)
    changes = [
        (dimension, value, person_delta) for dimension, value in groups.by_dimension().items()
    ]
    if contributions:
        own = Delta(contributions=contributions)
        changes += [
            (Dimension.CATEGORY, category or groups.category, own),
            (Dimension.AGE_BAND, groups.age_band, own),
            (Dimension.AREA, groups.area, own),
        ]
    _add(process_id, changes)


@transaction.atomic
def participation_profile_moved(*, person, before: Groups) -> None:
    """Move ``person`` in every process they took part in, for each field of
    their profile that is no longer what it was ``before``. Their inputs keep
    the category they were given with; what the age band and area count moves
    with them."""
    now = Groups.of_person(person).by_dimension()
    changed = {
        dimension for dimension, value in before.by_dimension().items() if value != now[dimension]
    }
    if not changed:
        return
    moved = []
    for participant in Participant.objects.select_for_update().filter(person=person):
        changes = []
        for dimension, old_value in Groups.of_participant(participant).by_dimension().items():
            if dimension not in changed or old_value == now[dimension]:
                continue
            delta = Delta(
                people=1,
                contributions=0 if dimension == Dimension.CATEGORY else participant.contributions,
                supports=participant.supports,
                attendance=participant.attended,
            )
            changes += [(dimension, old_value, -delta), (dimension, now[dimension], delta)]
        _add(participant.process_id, changes)
        fields = {
            Dimension.CATEGORY: ("stakeholder_category", person.stakeholder_category),
            Dimension.AGE_BAND: ("age_band", person.age_band),
            Dimension.AREA: ("area_id", person.area_id),
        }
        Participant.objects.filter(pk=participant.pk).update(
            **dict(fields[dimension] for dimension in changed)
        )
        moved.append(participant.process_id)
    # The processes' figures changed: their cached pages must not show the old ones.
    Process.objects.filter(pk__in=moved).update(updated_at=timezone.now())


@transaction.atomic
def participation_forget(participants) -> None:
    """The people behind ``participants`` are leaving (their account is
    erased): their supports go with them, so the counts they fed drop; what
    they gave stays counted, as their input stays, tied to nobody."""
    for participant in participants.select_for_update():
        if participant.supports:
            withdrawn = Delta(supports=-participant.supports)
            groups = Groups.of_participant(participant).by_dimension().items()
            _add(participant.process_id, [(d, value, withdrawn) for d, value in groups])
