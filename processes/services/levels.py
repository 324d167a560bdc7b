"""Writes on a process's step on the samskapingstrapp: the only way its level
and target change, each change recorded with who, when, from, to and why."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ladder.levels import Level
from portal.audit import audit_record
from processes import notifications, rules
from processes.models import LevelChange, Process, TimelineEvent


def level_change_first(*, process: Process, by) -> LevelChange:
    """The record of the step a new process starts on (``process_create`` calls it)."""
    return LevelChange.objects.create(
        process=process,
        changed_by=by,
        to_level=process.level,
        to_target=process.target_level,
    )


@transaction.atomic
def level_change(
    *, actor, process: Process, level: int, target_level: int, justification: str
) -> LevelChange:
    """Move ``process`` to ``level`` with ``target_level``, for the reason given.

    Lowering the level takes from citizens what the ladder no longer allows
    them, but deletes and hides nothing they gave. Returns the new
    ``LevelChange``: the seam where telling the process's followers belongs.
    """
    rules.rights_for(actor, process).manage.require()
    justification = (justification or "").strip()
    if not justification:
        raise ValidationError({"justification": _("Skriv hvorfor prosessen får dette trinnet.")})
    if level not in Level.values or target_level not in Level.values:
        raise ValidationError(_("Velg et av de fire trinnene i samskapingstrappa."))
    # Lock the row, so two owners changing the step at once record each other's.
    process.level, process.target_level = (
        Process.objects.select_for_update().values_list("level", "target_level").get(pk=process.pk)
    )
    if (level, target_level) == (process.level, process.target_level):
        raise ValidationError(
            {"level": _("Trinnet og målet er de samme som før. Endre minst ett av dem.")}
        )
    before = {"level": process.level, "target_level": process.target_level}
    change = LevelChange.objects.create(
        process=process,
        changed_by=actor,
        from_level=process.level,
        to_level=level,
        from_target=process.target_level,
        to_target=target_level,
        justification=justification,
    )
    process.level = level
    process.target_level = target_level
    process.version = F("version") + 1
    process.save(update_fields=["level", "target_level", "version", "updated_at"])
    process.refresh_from_db(fields=["version"])
    TimelineEvent.objects.create(
        process=process,
        kind=TimelineEvent.Kind.LEVEL,
        from_status=str(change.from_level),
        to_status=str(level),
        text=justification,
        actor=actor,
    )
    audit_record(
        actor=actor,
        municipality=process.municipality,
        action="process.level",
        target=process,
        before=before,
        after={"level": level, "target_level": target_level, "text": justification},
    )
    notifications.level_changed(change=change, by=actor)
    return change
