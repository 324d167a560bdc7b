"""The municipality's topics: create, rename, merge and retire, each audited.

A retired topic is no longer offered for new processes and needs, but stays
on the items that carry it. Merging moves every process and need of the
merged topic to the one that stays, then deletes the merged one. Every change
shows at once on cached pages (``portal.services.municipality_touch``).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.rules import municipality_rights_for
from portal.services import municipality_touch
from processes.models import Need, Process, Topic
from processes.services.processes import slugify_norwegian


def _require_admin(by, municipality) -> None:
    municipality_rights_for(by, municipality).administer.require()


def _clean_name(*, municipality, name: str, exclude: Topic | None = None) -> tuple[str, str]:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Skriv et navn på temaet.")})
    slug = slugify_norwegian(name)[:80].strip("-")
    if not slug:
        raise ValidationError({"name": _("Navnet må ha minst én bokstav eller ett tall.")})
    taken = Topic.objects.filter(municipality=municipality, slug=slug)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise ValidationError({"name": _("Kommunen har allerede et tema med dette navnet.")})
    return name, slug


@transaction.atomic
def topic_create(*, municipality, by, name: str) -> Topic:
    _require_admin(by, municipality)
    name, slug = _clean_name(municipality=municipality, name=name)
    topic = Topic(municipality=municipality, name=name, slug=slug)
    topic.full_clean()
    try:
        with transaction.atomic():
            topic.save()
    except IntegrityError as error:  # the same name saved at the same moment
        raise ValidationError(
            {"name": _("Kommunen har allerede et tema med dette navnet.")}
        ) from error
    audit_record(
        actor=by,
        municipality=municipality,
        action="topic.create",
        target=topic,
        after={"name": name},
    )
    municipality_touch(municipality=municipality)
    return topic


@transaction.atomic
def topic_rename(*, topic: Topic, by, name: str) -> Topic:
    municipality = topic.municipality
    _require_admin(by, municipality)
    name, slug = _clean_name(municipality=municipality, name=name, exclude=topic)
    before = topic.name
    if before == name:
        return topic
    topic.name, topic.slug = name, slug
    topic.full_clean()
    topic.save(update_fields=["name", "slug"])
    audit_record(
        actor=by,
        municipality=municipality,
        action="topic.rename",
        target=topic,
        before={"name": before},
        after={"name": name},
    )
    municipality_touch(municipality=municipality)
    return topic


@transaction.atomic
def topic_retire(*, topic: Topic, by, retired: bool = True) -> Topic:
    """Retire the topic (or bring it back with ``retired=False``)."""
    municipality = topic.municipality
    _require_admin(by, municipality)
    if (topic.retired_at is not None) == retired:
        return topic
    topic.retired_at = timezone.now() if retired else None
    topic.save(update_fields=["retired_at"])
    audit_record(
        actor=by,
        municipality=municipality,
        action="topic.retire" if retired else "topic.restore",
        target=topic,
        after={"retired": retired},
    )
    municipality_touch(municipality=municipality)
    return topic


@transaction.atomic
def topic_merge(*, topic: Topic, into: Topic, by) -> Topic:
    """Move every process and need of ``topic`` to ``into`` and delete ``topic``.

    An item that has both keeps one link. Returns ``into``.
    """
    municipality = topic.municipality
    _require_admin(by, municipality)
    if into.municipality_id != topic.municipality_id:
        raise ValidationError({"into": _("Velg et tema i samme kommune.")})
    if into.pk == topic.pk:
        raise ValidationError({"into": _("Velg et annet tema enn det som slås sammen.")})
    moved = {}
    for label, model in (("processes", Process), ("needs", Need)):
        through = model.topics.through
        source = f"{model._meta.model_name}_id"
        has_into = through.objects.filter(topic=into).values(source)
        links = through.objects.filter(topic=topic)
        # Items that carry both keep the one link to ``into``.
        links.filter(**{f"{source}__in": has_into}).delete()
        moved[label] = links.update(topic=into)
    label = topic.name
    topic.delete()
    audit_record(
        actor=by,
        municipality=municipality,
        action="topic.merge",
        target=into,
        before={"name": label},
        after={"name": into.name, **moved},
    )
    municipality_touch(municipality=municipality)
    return into
