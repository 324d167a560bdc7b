"""Writes for comments on needs and solutions: add, report, and moderate
(hide, show again, dismiss the reports)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ladder.levels import CitizenAction
from portal.audit import audit_record
from processes import notifications, rules
from processes.models import Comment, CommentReport, Contribution, TimelineEvent
from processes.services.contributions import (
    contribution_add,
    contribution_set_status,
    process_touch,
)

COMMENTABLE_KINDS = {Contribution.Kind.NEED, Contribution.Kind.SOLUTION}


@transaction.atomic
def comment_add(
    *,
    target: Contribution,
    author,
    body: str,
    parent: Comment | None = None,
    organisation=None,
) -> Comment:
    """A comment on a need or a solution; one level of replies only."""
    rules.may_contribute(author, target.process, CitizenAction.COMMENT).require()
    if target.kind not in COMMENTABLE_KINDS:
        raise ValidationError(_("Du kan bare kommentere behov og løsninger."))
    if parent is not None:
        if parent.target_id != target.pk:
            raise ValidationError({"parent": _("Svaret hører ikke til denne tråden.")})
        if parent.parent_id is not None:
            raise ValidationError(
                {"parent": _("Du kan svare på en kommentar, men ikke på et svar.")}
            )
    comment = Comment(kind=Contribution.Kind.COMMENT, target=target, parent=parent, body=body)
    return contribution_add(
        comment,
        process=target.process,
        author=author,
        status=Comment.Status.PUBLISHED,
        organisation=organisation,
    )


@transaction.atomic
def comment_report(*, comment: Comment, user, reason: str = "") -> bool:
    """Tell the municipality a comment breaks the rules; once per person.
    Returns False when ``user`` had already reported it."""
    rules.may_report(user, comment).require()
    report = CommentReport(comment=comment, user=user, reason=(reason or "").strip())
    report.full_clean(validate_unique=False, validate_constraints=False)
    _report, created = CommentReport.objects.get_or_create(
        comment=comment, user=user, defaults={"reason": report.reason}
    )
    if created:
        Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    comment.refresh_from_db(fields=["report_count"])
    return created


def _moderation_reason(reason: str, *, missing: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": missing})
    limit = Comment._meta.get_field("hidden_reason").max_length
    if len(reason) > limit:
        raise ValidationError({"reason": _("Skriv høyst %(limit)d tegn.") % {"limit": limit}})
    return reason


def _reports_handle(comment: Comment) -> int:
    """Mark the comment's open reports handled; returns how many there were."""
    handled = CommentReport.objects.filter(comment=comment, handled_at__isnull=True).update(
        handled_at=timezone.now()
    )
    Comment.objects.filter(pk=comment.pk).update(report_count=0)
    comment.report_count = 0
    return handled


@transaction.atomic
def comment_hide(*, comment: Comment, by, reason: str) -> Comment:
    """Staff hide a comment; its place then shows the reason instead of the
    text. Its open reports are handled by it; the author is told."""
    rules.may_moderate(by, comment.process).require()
    reason = _moderation_reason(reason, missing=_("Skriv hvorfor kommentaren skjules."))
    comment.hidden_reason = reason
    contribution_set_status(
        contribution=comment,
        status=Comment.Status.HIDDEN,
        text=reason,
        by=by,
        allowed={Comment.Status.PUBLISHED: {Comment.Status.HIDDEN}},
        kind=TimelineEvent.Kind.HIDDEN,
        tell=False,
    )
    notifications.comment_moderated(comment=comment, step="hidden", reason=reason, by=by)
    Comment.objects.filter(pk=comment.pk).update(hidden_reason=reason)
    _reports_handle(comment)
    return comment


@transaction.atomic
def comment_show(*, comment: Comment, by, reason: str) -> Comment:
    """Staff show a hidden comment again, saying why; the author is told."""
    rules.may_moderate(by, comment.process).require()
    reason = _moderation_reason(reason, missing=_("Skriv hvorfor kommentaren vises igjen."))
    contribution_set_status(
        contribution=comment,
        status=Comment.Status.PUBLISHED,
        text=reason,
        by=by,
        allowed={Comment.Status.HIDDEN: {Comment.Status.PUBLISHED}},
        kind=TimelineEvent.Kind.SHOWN,
        tell=False,
    )
    comment.hidden_reason = ""
    Comment.objects.filter(pk=comment.pk).update(hidden_reason="")
    notifications.comment_moderated(comment=comment, step="shown", reason=reason, by=by)
    return comment


@transaction.atomic
def comment_reports_dismiss(*, comment: Comment, by) -> int:
    """Staff find nothing wrong: the comment stays and leaves the queue.
    Returns how many reports were dismissed."""
    rules.may_moderate(by, comment.process).require()
    # Lock the comment, so a dismissal and a new report never lose each other.
    Comment.objects.select_for_update().filter(pk=comment.pk).values_list("pk").get()
    dismissed = _reports_handle(comment)
    if not dismissed:
        raise ValidationError(_("Kommentaren har ingen meldinger som venter."))
    TimelineEvent.objects.create(
        process=comment.process,
        contribution=comment,
        kind=TimelineEvent.Kind.REPORTS_DISMISSED,
        from_status=comment.status,
        to_status=comment.status,
        facts={"reports": dismissed},
        actor=by,
    )
    audit_record(
        actor=by,
        municipality=comment.process.municipality,
        action="comment.reports_dismiss",
        target=comment,
        before={"report_count": dismissed},
        after={"report_count": 0},
    )
    process_touch(process_id=comment.process_id)
    return dismissed
