"""Writes for needs: log, support ("Jeg har også dette behovet"), merge, status."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ladder.levels import CitizenAction
from processes import notifications, rules
from processes.models import Contribution, Need, NeedSupport, Process, TimelineEvent
from processes.services.contributions import (
    contribution_add,
    contribution_set_status,
    process_touch,
)
from processes.services.participation import participation_record

# Where an owner may move a need. Merging has its own service (need_merge).
NEED_TRANSITIONS: dict[str, set[str]] = {
    Need.Status.RECEIVED: {Need.Status.UNDER_REVIEW, Need.Status.IN_SOLUTION, Need.Status.CLOSED},
    Need.Status.UNDER_REVIEW: {Need.Status.IN_SOLUTION, Need.Status.MET, Need.Status.CLOSED},
    Need.Status.IN_SOLUTION: {Need.Status.MET, Need.Status.CLOSED, Need.Status.UNDER_REVIEW},
    Need.Status.MET: set(),
    Need.Status.CLOSED: set(),
    Need.Status.MERGED: set(),
}


@transaction.atomic
def need_log(
    *,
    process: Process,
    author,
    body: str,
    who_has_need: str,
    stakeholder_category: str = "",
    topics: Iterable = (),
    organisation=None,
) -> Need:
    rules.may_contribute(author, process, CitizenAction.LOG_NEED).require()
    need = Need(
        kind=Contribution.Kind.NEED,
        body=body,
        who_has_need=who_has_need,
        stakeholder_category=stakeholder_category,
    )
    contribution_add(
        need, process=process, author=author, status=Need.Status.RECEIVED, organisation=organisation
    )
    topics = list(topics)
    if topics:
        need.topics.set(topics)
    return need


@transaction.atomic
def need_support(*, need: Need, user) -> bool:
    """Record that ``user`` has this need too. Returns False if they already had.

    The unique constraint decides: ``get_or_create`` survives a double click
    racing itself, and the counter only moves when a row was really created.
    """
    rules.may_support(user, need).require()
    _support, created = NeedSupport.objects.get_or_create(need=need, user=user)
    if created:
        Need.objects.filter(pk=need.pk).update(support_count=F("support_count") + 1)
        participation_record(process_id=need.process_id, person=user, supports=1)
        process_touch(process_id=need.process_id)
    need.refresh_from_db(fields=["support_count"])
    return created


@transaction.atomic
def need_unsupport(*, need: Need, user) -> bool:
    rules.rights_for(user, need.process).support_need.require()
    deleted, _rows = NeedSupport.objects.filter(need=need, user=user).delete()
    if deleted:
        Need.objects.filter(pk=need.pk, support_count__gt=0).update(
            support_count=F("support_count") - 1
        )
        participation_record(process_id=need.process_id, person=user, supports=-1)
        process_touch(process_id=need.process_id)
    need.refresh_from_db(fields=["support_count"])
    return bool(deleted)


@transaction.atomic
def need_set_status(*, need: Need, status: str, text: str, by, version: int | None = None) -> Need:
    """An owner moves a need on, with the reasoned feedback its author reads."""
    rules.may_manage(by, need.process).require()
    if status == Need.Status.MERGED:
        raise ValidationError({"status": _("Bruk «Slå sammen» for å slå sammen behov.")})
    return contribution_set_status(
        contribution=need,
        status=status,
        text=text,
        by=by,
        allowed=NEED_TRANSITIONS,
        version=version,
    )


@transaction.atomic
def need_merge(*, duplicate: Need, survivor: Need, by, text: str) -> Need:
    """Merge ``duplicate`` into ``survivor``: everyone who had the duplicate need
    (its author and supporters) now supports the survivor, counted once each."""
    rules.may_manage(by, duplicate.process).require()
    if duplicate.pk == survivor.pk:
        raise ValidationError({"survivor": _("Et behov kan ikke slås sammen med seg selv.")})
    if duplicate.process_id != survivor.process_id:
        raise ValidationError({"survivor": _("Behov kan bare slås sammen innenfor samme prosess.")})
    # Lock both rows first and check what they hold now, so two owners merging
    # at once cannot both pass the checks and cross their counts.
    locked = {
        need.pk: need
        for need in Need.objects.select_for_update()
        .filter(pk__in=[duplicate.pk, survivor.pk])
        .only("pk", "status", "merged_into_id")
    }
    for need in (duplicate, survivor):
        need.status = locked[need.pk].status
        need.merged_into_id = locked[need.pk].merged_into_id
    if duplicate.merged_into_id or duplicate.status == Need.Status.MERGED:
        raise ValidationError(_("Dette behovet er allerede slått sammen med et annet."))
    if survivor.merged_into_id or survivor.status == Need.Status.MERGED:
        raise ValidationError(
            {"survivor": _("Behovet du valgte, er selv slått sammen med et annet.")}
        )
    contribution_set_status(
        contribution=duplicate,
        status=Need.Status.MERGED,
        text=text,
        by=by,
        kind=TimelineEvent.Kind.MERGED,
        tell=False,
    )
    notifications.need_merged(duplicate=duplicate, survivor=survivor, text=text.strip(), by=by)
    Need.objects.filter(pk=duplicate.pk).update(merged_into=survivor)
    duplicate.merged_into = survivor

    carried = set(NeedSupport.objects.filter(need=duplicate).values_list("user_id", flat=True))
    if duplicate.author_id:
        carried.add(duplicate.author_id)
    carried.discard(survivor.author_id)
    carried -= set(NeedSupport.objects.filter(need=survivor).values_list("user_id", flat=True))
    NeedSupport.objects.bulk_create(
        [NeedSupport(need=survivor, user_id=user_id) for user_id in sorted(carried)],
        ignore_conflicts=True,
    )
    survivor.support_count = NeedSupport.objects.filter(need=survivor).count()
    Need.objects.filter(pk=survivor.pk).update(support_count=survivor.support_count)

    TimelineEvent.objects.create(
        process=survivor.process,
        contribution=survivor,
        kind=TimelineEvent.Kind.MERGED,
        from_status=survivor.status,
        to_status=survivor.status,
        text=_("%(reference)s er slått sammen med dette behovet. %(text)s")
        % {"reference": duplicate.reference, "text": text.strip()},
        actor=by,
    )
    Process.objects.filter(pk=duplicate.process_id, needs_count__gt=0).update(
        needs_count=F("needs_count") - 1
    )
    return duplicate
