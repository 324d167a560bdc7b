"""Record a staff action in the audit log, inside the caller's transaction.

An update stores what it changed: ``before`` and ``after`` hold the old and
the new value of each changed field (``audit_changes`` works them out), so the
log can say "endret trinn fra 2 til 3". Values are stored as plain JSON data,
never as sentences; ``portal.audit_log`` puts them in words when it is read.
"""

from django.db import models

from portal.models import AuditEntry


def _process_id(target: models.Model) -> int | None:
    """The process a change was made in: the target, or the process it belongs to."""
    if target._meta.label == "processes.Process":
        return target.pk
    return getattr(target, "process_id", None)


def audit_record(
    *,
    actor,
    municipality,
    action: str,
    target: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    process_id: int | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        municipality=municipality,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        process_id=process_id if process_id is not None else _process_id(target),
        action=action,
        target_type=target._meta.label,
        target_id=str(target.pk),
        target_label=str(target)[:255],
        before=before or {},
        after=after or {},
    )


def audit_value(value):
    """A field's value as JSON data: objects by their text, files by name,
    many-to-many sets as sorted lists of text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "__iter__"):  # a list, a set, a queryset of objects
        return sorted((audit_value(item) for item in value), key=str)
    return str(value)


def audit_changes(old: dict, new: dict) -> tuple[dict, dict]:
    """Only the fields whose value changed: ``(before, after)``."""
    old = {name: audit_value(value) for name, value in old.items()}
    new = {name: audit_value(value) for name, value in new.items()}
    changed = [name for name in new if old.get(name) != new[name]]
    return {name: old.get(name) for name in changed}, {name: new[name] for name in changed}
