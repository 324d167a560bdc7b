"""Writes for comments on needs and solutions: add, report, hide."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ladder.levels import CitizenAction
from processes import rules
from processes.models import Comment, CommentReport, Contribution
from processes.services.contributions import contribution_add, contribution_set_status

COMMENTABLE_KINDS = {Contribution.Kind.NEED, Contribution.Kind.SOLUTION}


@transaction.atomic
def comment_add(
    *, target: Contribution, author, body: str, parent: Comment | None = None
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
        comment, process=target.process, author=author, status=Comment.Status.PUBLISHED
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


@transaction.atomic
def comment_hide(*, comment: Comment, by, reason: str) -> Comment:
    """Staff hide a comment; its place then shows the reason instead of the text."""
    rules.may_moderate(by, comment.process).require()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv hvorfor kommentaren skjules.")})
    limit = Comment._meta.get_field("hidden_reason").max_length
    if len(reason) > limit:
        raise ValidationError({"reason": _("Skriv høyst %(limit)d tegn.") % {"limit": limit}})
    comment.hidden_reason = reason
    contribution_set_status(
        contribution=comment,
        status=Comment.Status.HIDDEN,
        text=reason,
        by=by,
        allowed={Comment.Status.PUBLISHED: {Comment.Status.HIDDEN}},
    )
    Comment.objects.filter(pk=comment.pk).update(hidden_reason=reason)
    return comment
