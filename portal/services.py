from django.apps import apps
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from portal.audit import audit_record
from portal.files import image_stored_clean, remember_written, removes_files_on_failure
from portal.models import Heartbeat, Municipality
from portal.rules import municipality_rights_for
from portal.selectors import municipality_changed

# What the administrator's settings page may change; the slug and the host
# names belong to whoever runs the installation (Django's admin).
SETTINGS_FIELDS = (
    "name",
    "logo",
    "contact_email",
    "contact_phone",
    "contact_address",
    "feedback_promise_days",
    "written_standard",
    "default_process_level",
    "foundation_need_name",
    "foundation_anchoring_name",
    "foundation_driver_name",
    "foundation_team_name",
    "foundation_resources_name",
)


def heartbeat_record(*, name: str) -> Heartbeat:
    heartbeat, _ = Heartbeat.objects.update_or_create(
        name=name, defaults={"beat_at": timezone.now()}
    )
    return heartbeat


def municipality_touch(*, municipality: Municipality) -> None:
    """After a change to what every page shows (name, footer, topics, the names
    of the foundations): every cached page and region of the municipality's
    processes is built again, and each request reads the municipality anew.

    The processes app is reached by name: portal sits under the apps and imports
    none of them.
    """
    process = apps.get_model("processes", "Process")
    process.objects.filter(municipality=municipality).update(updated_at=timezone.now())
    # Now, and again after commit: a request between the two may have cached the old row.
    municipality_changed()
    transaction.on_commit(municipality_changed)


def _store_logo(municipality: Municipality, logo) -> None:
    old = municipality.logo.name
    if logo is False:
        municipality.logo = ""
    elif isinstance(logo, UploadedFile):
        logo = image_stored_clean(logo)
        municipality.logo.save(logo.name, logo, save=False)
        remember_written(municipality.logo)
    if old and old != municipality.logo.name:
        storage = municipality.logo.storage
        transaction.on_commit(lambda: storage.delete(old))


def _shown(value) -> object:
    return getattr(value, "name", value) if not isinstance(value, str | int) else value


@removes_files_on_failure
@transaction.atomic
def municipality_update(*, municipality: Municipality, by, **fields) -> Municipality:
    """Save the administrator's settings; every change is audited with before and after."""
    municipality_rights_for(by, municipality).administer.require()
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"municipality_update does not change {sorted(unknown)}.")
    municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    before = {name: _shown(getattr(municipality, name)) for name in fields}
    if "logo" in fields:
        logo = fields.pop("logo")
        if logo is not None:
            _store_logo(municipality, logo)
    for name, value in fields.items():
        setattr(municipality, name, value)
    municipality.full_clean()
    municipality.save()
    after = {name: _shown(getattr(municipality, name)) for name in before}
    changed = [name for name in before if before[name] != after[name]]
    if changed:
        audit_record(
            actor=by,
            municipality=municipality,
            action="municipality.update",
            target=municipality,
            before={name: before[name] for name in changed},
            after={name: after[name] for name in changed},
        )
        municipality_touch(municipality=municipality)
    return municipality
