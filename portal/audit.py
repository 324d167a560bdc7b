"""Record a staff action in the audit log, inside the caller's transaction."""

from django.db import models

from portal.models import AuditEntry


def audit_record(
    *,
    actor,
    municipality,
    action: str,
    target: models.Model,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        municipality=municipality,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label,
        target_id=str(target.pk),
        target_label=str(target)[:255],
        before=before or {},
        after=after or {},
    )
