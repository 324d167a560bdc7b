"""Writes on a process itself: create, edit, change status, start a round."""

import re

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.audit import audit_changes, audit_record
from portal.files import image_stored_clean, remember_written, removes_files_on_failure
from portal.rules import municipality_rights_for
from processes import notifications, rules
from processes.models import Process, Round, TimelineEvent
from processes.services.contributions import save_versioned
from processes.services.levels import level_change_first

# Set through the many-to-many manager after the row is saved, not as columns.
M2M_FIELDS = ("owners", "topics", "areas")
# Changed only by ``level_change``, which records why.
LEVEL_FIELDS = ("level", "target_level")


# slugify() drops letters it cannot fold to ASCII; spell the Norwegian ones out.
NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def slugify_norwegian(text: str) -> str:
    """``slugify`` that keeps Norwegian words readable: «Miljø» → ``miljo``."""
    return slugify(text.translate(NORWEGIAN_LETTERS))


# A segment a slug could take; ``data.csv`` or ``<slug:slug>`` never could.
_SLUG_SHAPED = re.compile(r"[-a-z0-9_]+")


def reserved_process_slugs() -> frozenset[str]:
    """Every fixed path segment under the process list's URL, read from the URLconf.

    ``/prosesser/ny/`` is the create form, so a process with the slug ``ny``
    could never be opened; the words of the pages under a process
    (``behov``, ``rediger``, …) are kept free too, so no process's address
    reads as another page's. A new URL pattern reserves its words itself.
    """
    prefix = reverse("processes:list").lstrip("/")
    reserved = set()
    for route in _routes(get_resolver().url_patterns):
        if route.startswith(prefix):
            parts = route[len(prefix) :].split("/")
            reserved.update(part for part in parts if _SLUG_SHAPED.fullmatch(part))
    return frozenset(reserved)


def _routes(patterns, prefix: str = ""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        else:
            yield route


def _unique_slug(*, municipality, title: str) -> str:
    """A slug free in the municipality and not a reserved word («Ny» → ``ny-2``)."""
    base = (slugify_norwegian(title) or "prosess")[:70].strip("-") or "prosess"
    taken = set(
        Process.objects.filter(municipality=municipality, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    taken |= reserved_process_slugs()
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _store_cover(process: Process, cover) -> None:
    """An upload is written to storage now, ``False`` (cleared box) empties the
    field. The image it replaces is deleted once the change is committed."""
    old = process.cover_image.name
    if cover is False:
        process.cover_image = ""
    elif isinstance(cover, UploadedFile):
        cover = image_stored_clean(cover)
        process.cover_image.save(cover.name, cover, save=False)
        remember_written(process.cover_image)
    if old and old != process.cover_image.name:
        storage = process.cover_image.storage
        transaction.on_commit(lambda: storage.delete(old))


def _own_areas(municipality, areas) -> list:
    """The areas, if every one is the municipality's own."""
    areas = list(areas)
    if any(area.municipality_id != municipality.pk for area in areas):
        raise ValidationError({"areas": _("Velg blant kommunens egne områder.")})
    return areas


@removes_files_on_failure
@transaction.atomic
def process_create(*, municipality, by, **fields) -> Process:
    """A new draft with ``by`` among its owners and round 1 focused on needs.

    It starts on ``level`` (the municipality's default step unless given) with
    a recorded first level change; the owners choose the step in its own form
    before they open it."""
    municipality_rights_for(by, municipality).create_process.require()
    fields.setdefault("level", municipality.default_process_level)
    fields.setdefault("target_level", fields["level"])
    owners = list(fields.pop("owners", None) or [])
    topics = list(fields.pop("topics", None) or [])
    areas = _own_areas(municipality, fields.pop("areas", None) or [])
    cover = fields.pop("cover_image", None)
    process = Process(municipality=municipality, status=Process.Status.DRAFT, **fields)
    if not process.slug:
        process.slug = _unique_slug(municipality=municipality, title=process.title)
    _store_cover(process, cover)
    process.full_clean()
    process.save()
    process.owners.set({by, *owners})
    process.topics.set(topics)
    process.areas.set(areas)
    Round.objects.create(process=process, number=1, focus=Round.Focus.NEED, started_by=by)
    level_change_first(process=process, by=by)
    audit_record(
        actor=by,
        municipality=municipality,
        action="process.create",
        target=process,
        after={"status": process.status, "title": process.title},
    )
    return process


@removes_files_on_failure
@transaction.atomic
def process_update(*, process: Process, by, version: int, **fields) -> Process:
    """Save the changed fields unless someone saved since ``version``
    (then ``EditConflict``, and nothing is written). The level is not among
    them: ``processes.services.levels.level_change`` records why it changed."""
    rules.may_manage(by, process).require()
    if set(fields) & set(LEVEL_FIELDS):
        raise TypeError("process_update does not change the level; call level_change.")
    m2m = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
    if "areas" in m2m:
        m2m["areas"] = _own_areas(process.municipality, m2m["areas"])
    # What each field held before, for the audit log's "from … to …".
    old = {name: getattr(process, name) for name in fields}
    old |= {name: list(getattr(process, name).all()) for name in m2m}
    if "cover_image" in fields:
        _store_cover(process, fields.pop("cover_image"))
        fields["cover_image"] = process.cover_image
    for name, value in fields.items():
        setattr(process, name, value)
    process.full_clean(validate_unique=False, validate_constraints=True)
    save_versioned(process, version=version, fields=list(fields))
    if "owners" in m2m:
        if not m2m["owners"]:
            raise ValidationError({"owners": _("En prosess må ha minst én eier.")})
        process.owners.set(m2m["owners"])
    if "topics" in m2m:
        process.topics.set(m2m["topics"])
    if "areas" in m2m:
        process.areas.set(m2m["areas"])
    before, after = audit_changes(
        old,
        {name: getattr(process, name) for name in fields}
        | {name: list(getattr(process, name).all()) for name in m2m},
    )
    audit_record(
        actor=by,
        municipality=process.municipality,
        action="process.update",
        target=process,
        before=before,
        after=after,
    )
    return process


@transaction.atomic
def process_set_status(*, process: Process, status: str, by, text: str) -> Process:
    """Move the process along ``Process.TRANSITIONS`` with a reason everyone can read."""
    rules.may_manage(by, process).require()
    text = (text or "").strip()
    if not text:
        raise ValidationError({"reason": _("Skriv en begrunnelse for endringen.")})
    before = process.status
    if status not in Process.TRANSITIONS.get(before, set()):
        raise ValidationError(
            {
                "status": _("En prosess kan ikke gå fra «%(from)s» til «%(to)s».")
                % {
                    "from": Process.Status(before).label,
                    "to": dict(Process.Status.choices).get(status, status),
                }
            }
        )
    process.status = status
    process.version = F("version") + 1
    process.save(update_fields=["status", "version", "updated_at"])
    process.refresh_from_db(fields=["version"])
    TimelineEvent.objects.create(
        process=process,
        kind=TimelineEvent.Kind.PROCESS_STATUS,
        from_status=before,
        to_status=status,
        text=text,
        actor=by,
    )
    audit_record(
        actor=by,
        municipality=process.municipality,
        action="process.status",
        target=process,
        before={"status": before},
        after={"status": status, "text": text},
    )
    notifications.process_status_changed(
        process=process, before=before, status=status, text=text, by=by
    )
    return process


@transaction.atomic
def round_start(*, process: Process, by, focus: str, learnings: str = "") -> Round:
    """The next BLT round, by an owner or (on step 4) an appointed co-creator.
    Needs are process-level, so the open ones simply carry on."""
    rules.may_start_round(by, process).require()
    # Lock the process row so two owners starting a round at once get 2 and 3.
    Process.objects.select_for_update().filter(pk=process.pk).first()
    last = process.rounds.order_by("-number").values_list("number", flat=True).first() or 0
    new_round = Round(
        process=process,
        number=last + 1,
        focus=focus,
        learnings=(learnings or "").strip(),
        started_by=by,
    )
    new_round.full_clean()
    new_round.save()
    process.__dict__.pop(rules.PHASE_CACHE_ATTR, None)  # the phase just changed
    Process.objects.filter(pk=process.pk).update(
        rounds_count=new_round.number, updated_at=timezone.now()
    )
    TimelineEvent.objects.create(
        process=process,
        kind=TimelineEvent.Kind.ROUND_STARTED,
        to_status=focus,
        text=_("Runde %(number)s startet med fase «%(focus)s».")
        % {"number": new_round.number, "focus": new_round.get_focus_display()},
        actor=by,
    )
    audit_record(
        actor=by,
        municipality=process.municipality,
        action="process.round_start",
        target=process,
        after={"round": new_round.number, "focus": focus},
    )
    notifications.round_started(process=process, new_round=new_round, by=by)
    return new_round


PHASE_SWITCH_FIELDS = ("needs_only_in_need_phase", "solutions_from_solution_phase")


@transaction.atomic
def process_set_phase_narrowing(*, process: Process, by, **switches: bool) -> Process:
    """The owners' switches that let the round's phase narrow what citizens may give."""
    rules.may_manage(by, process).require()
    unknown = set(switches) - set(PHASE_SWITCH_FIELDS)
    if unknown:
        raise ValueError(f"Unknown phase switches: {sorted(unknown)}")
    before = {name: getattr(process, name) for name in switches}
    for name, value in switches.items():
        setattr(process, name, bool(value))
    process.version = F("version") + 1
    process.save(update_fields=[*switches, "version", "updated_at"])
    process.refresh_from_db(fields=["version"])
    audit_record(
        actor=by,
        municipality=process.municipality,
        action="process.phase_narrowing",
        target=process,
        before=before,
        after=switches,
    )
    return process
