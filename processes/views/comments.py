"""Comments on needs and solutions: write, report, hide.

``comments_context`` builds what ``processes/_comments.html`` needs; the need
and solution pages both call it, so the thread looks and works the same there.
"""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.http import render_page
from portal.ratelimits import contribution_ratelimit
from processes import rules
from processes.forms.comments import CommentForm, CommentHideForm, CommentReportForm
from processes.forms.on_behalf import on_behalf_field_add
from processes.models import Comment, Contribution, Process
from processes.selectors import comment_get, contribution_get, need_get, solution_get
from processes.services.comments import (
    comment_add,
)
from processes.services.comments import (
    comment_hide as comment_hide_service,
)
from processes.services.comments import (
    comment_report as comment_report_service,
)
from processes.views.access import process_for, refuse
from processes.views.writes import attempt

COMMENTS_TEMPLATE = "processes/_comments.html"
# A plain POST of an invalid comment on a page this module does not render
# (a solution) keeps the typed text here until the page shows it again.
DRAFT_SESSION_KEY = "medspill_comment_draft"


THREADS_SHOWN = 20  # newest top-level comments (with their replies) on a page
SHOW_ALL_PARAMETER = ("kommentarer", "alle")


def comment_thread(
    target: Contribution, *, show_all: bool = False, keep: frozenset[int] = frozenset()
) -> tuple[list[Comment], int]:
    """Top-level comments, oldest first, each with ``thread_replies``.

    Unless ``show_all``, only the newest ``THREADS_SHOWN`` threads, in two
    queries; the second value is how many older threads are left out. When a
    comment in ``keep`` (the one just written, reported or hidden) is older,
    the whole thread is shown so it is never out of sight.
    """
    comments = Comment.objects.filter(target_id=target.pk).select_related("author", "organisation")
    hidden = 0
    shown = None
    if not show_all:
        newest_first = Comment.objects.filter(target_id=target.pk, parent__isnull=True).order_by(
            "-created_at", "-pk"
        )
        threads = list(newest_first.values_list("pk", flat=True)[: THREADS_SHOWN + 1])
        if len(threads) > THREADS_SHOWN:
            shown = list(
                comments.filter(
                    Q(pk__in=threads[:THREADS_SHOWN]) | Q(parent_id__in=threads[:THREADS_SHOWN])
                ).order_by("created_at", "pk")
            )
            if keep - {comment.pk for comment in shown}:
                shown = None
            else:
                hidden = newest_first.count() - THREADS_SHOWN
    if shown is None:
        shown = list(comments.order_by("created_at", "pk"))
    by_parent: dict[int, list[Comment]] = {}
    for comment in shown:
        if comment.parent_id:
            by_parent.setdefault(comment.parent_id, []).append(comment)
    top = [comment for comment in shown if comment.parent_id is None]
    for comment in top:
        comment.thread_replies = by_parent.get(comment.pk, [])
    return top, hidden


def comments_context(
    request: HttpRequest,
    *,
    process: Process,
    target: Contribution,
    comment_form: CommentForm | None = None,
    bound: dict | None = None,
    keep: frozenset[int] = frozenset(),
) -> dict:
    """Everything ``_comments.html`` takes. ``bound`` maps a comment's pk (or
    ``"hide"``/``"report"`` keys) to a bound form to show with its errors;
    ``keep`` names comments that must be in sight (see ``comment_thread``).
    ``?kommentarer=alle`` shows every thread."""
    bound = bound or {}
    keep = keep | {pk for _kind, pk in bound}
    if comment_form is None:
        draft = request.session.get(DRAFT_SESSION_KEY) if hasattr(request, "session") else None
        if draft and draft.get("target") == target.pk:
            del request.session[DRAFT_SESSION_KEY]
            comment_form = _comment_form(request, process, draft["data"])
            comment_form.is_valid()
    show_all = request.GET.get(SHOW_ALL_PARAMETER[0]) == SHOW_ALL_PARAMETER[1]
    comments, older = comment_thread(target, show_all=show_all, keep=keep)
    for comment in comments:
        _attach_forms(request, process, comment, bound, keep, top=True)
        for reply in comment.thread_replies:
            _attach_forms(request, process, reply, bound, keep, top=False)
    if comment_form is None:
        comment_form = _comment_form(request, process)
    return {
        "process": process,
        "target": target,
        "comments": comments,
        "older_threads": older,
        "show_all_url": f"{target.get_absolute_url()}?{'='.join(SHOW_ALL_PARAMETER)}#kommentarer",
        "comment_form": comment_form,
        "rights": rules.rights_for(request.user, process),
    }


def _comment_form(request: HttpRequest, process: Process, data=None) -> CommentForm:
    """A new comment's form; a member of an organisation may give it on its behalf."""
    form = CommentForm(data, auto_id="id_kommentar_%s")
    on_behalf_field_add(form, user=request.user, municipality=process.municipality)
    return form


def _attach_forms(
    request: HttpRequest,
    process: Process,
    comment: Comment,
    bound: dict,
    keep: frozenset[int],
    *,
    top: bool,
) -> None:
    """The comment's forms (built only if a page renders them, not when its
    fragment comes from the cache) and what this visitor may do with it."""
    pk = comment.pk
    comment.reply_form = (
        bound.get(("reply", pk))
        or SimpleLazyObject(lambda: CommentForm(initial={"parent": pk}, auto_id=f"id_svar_{pk}_%s"))
        if top
        else None
    )
    comment.report_form = bound.get(("report", pk)) or SimpleLazyObject(
        lambda: CommentReportForm(auto_id=f"id_rapport_{pk}_%s")
    )
    comment.hide_form = bound.get(("hide", pk)) or SimpleLazyObject(
        lambda: CommentHideForm(auto_id=f"id_skjul_{pk}_%s")
    )
    comment.is_hidden = comment.status == Comment.Status.HIDDEN
    comment.process = process
    comment.may_report = rules.may_report(request.user, comment)
    comment.open_form = next((kind for kind, key in bound if key == pk), "")
    comment.takes_focus = pk in keep


def _target_get(process: Process, pk: int) -> Contribution:
    """The need or solution ``pk`` in ``process``; anything else is not commentable."""
    kind = contribution_get(process=process, pk=pk).kind
    if kind == Contribution.Kind.NEED:
        return need_get(process=process, pk=pk)
    if kind == Contribution.Kind.SOLUTION:
        return solution_get(process=process, pk=pk)
    raise Http404(_("Fant ikke innspillet."))


def _thread_url(target: Contribution) -> str:
    return f"{target.get_absolute_url()}#kommentarer"


def _render_thread(
    request: HttpRequest, process: Process, target: Contribution, **extra
) -> HttpResponse:
    context = comments_context(
        request,
        process=process,
        target=target,
        comment_form=extra.pop("comment_form", None),
        bound=extra.pop("bound", None),
        keep=frozenset(
            pk for pk in (extra.get("new_comment_pk"), extra.get("focus_comment_pk")) if pk
        ),
    )
    context.update(extra)
    return render_page(request, COMMENTS_TEMPLATE, context)


def _render_target_page(
    request: HttpRequest, process: Process, target: Contribution, form: CommentForm
) -> HttpResponse:
    """A plain POST with errors: show the page again with the text kept."""
    if target.kind == Contribution.Kind.NEED:
        from processes.views.needs import _detail_context

        context = _detail_context(request, process, target)
        context["comment_form"] = form
        return render_page(request, "processes/need_detail.html", context)
    request.session[DRAFT_SESSION_KEY] = {"target": target.pk, "data": request.POST.dict()}
    messages.error(request, _("Kommentaren ble ikke lagret. Se feilmeldingen ved skjemaet."))
    return redirect(_thread_url(target))


@require_POST
@contribution_ratelimit
def comment_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    target = _target_get(process, pk)
    verdict = rules.rights_for(request.user, process).comment
    if not verdict:
        return refuse(request, verdict, _thread_url(target))
    parent_pk = request.POST.get("parent", "")
    # The id goes into a format string and the page: only a number may.
    if parent_pk.isdigit():
        form = CommentForm(request.POST, auto_id=f"id_svar_{int(parent_pk)}_%s")
    else:
        form = _comment_form(request, process, request.POST)
    comment = None
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = Comment.objects.filter(
                pk=form.cleaned_data["parent"], target_id=target.pk
            ).first()
            if parent is None:
                form.add_error(None, _("Kommentaren du svarer på, finnes ikke lenger."))
        if not form.errors:
            comment = attempt(
                form,
                lambda: comment_add(
                    target=target,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    parent=parent,
                    organisation=form.cleaned_data.get("organisation"),
                ),
            )
    if comment is None:
        if not request.htmx:
            return _render_target_page(request, process, target, form)
        top_level = (
            str(parent_pk).isdigit()
            and Comment.objects.filter(
                pk=int(parent_pk), target_id=target.pk, parent__isnull=True
            ).exists()
        )
        if top_level:
            return _render_thread(request, process, target, bound={("reply", int(parent_pk)): form})
        # No reply box to show the error in (a reply to a reply): use the main form.
        form.auto_id = "id_kommentar_%s"
        return _render_thread(request, process, target, comment_form=form)
    note = _("Kommentaren din er publisert.")
    if not request.htmx:
        messages.success(request, note)
        return redirect(f"{target.get_absolute_url()}#kommentar-{comment.pk}")
    return _render_thread(request, process, target, new_comment_pk=comment.pk, announce=note)


@require_POST
@contribution_ratelimit
def comment_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    comment = comment_get(process=process, pk=pk)
    target = _target_get(process, comment.target_id)
    comment.process = process
    verdict = rules.may_report(request.user, comment)
    if not verdict:
        return refuse(request, verdict, _thread_url(target))
    form = CommentReportForm(request.POST, auto_id=f"id_rapport_{pk}_%s")
    if not form.is_valid():
        if not request.htmx:
            messages.error(request, " ".join(form.errors.get("reason", [])))
            return redirect(_thread_url(target))
        return _render_thread(request, process, target, bound={("report", comment.pk): form})
    created = comment_report_service(
        comment=comment, user=request.user, reason=form.cleaned_data["reason"]
    )
    if created:
        note = _("Takk. Kommunen ser på kommentaren.")
    else:
        note = _("Du har allerede meldt fra om denne kommentaren.")
    if not request.htmx:
        messages.success(request, note)
        return redirect(f"{target.get_absolute_url()}#kommentar-{comment.pk}")
    return _render_thread(request, process, target, focus_comment_pk=comment.pk, announce=note)


@require_POST
def comment_hide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    comment = comment_get(process=process, pk=pk)
    target = _target_get(process, comment.target_id)
    verdict = rules.rights_for(request.user, process).moderate
    if not verdict:
        return refuse(request, verdict, _thread_url(target))
    form = CommentHideForm(request.POST, auto_id=f"id_skjul_{pk}_%s")
    if form.is_valid():
        attempt(
            form,
            lambda: comment_hide_service(
                comment=comment, by=request.user, reason=form.cleaned_data["reason"]
            ),
        )
    if form.errors:
        if not request.htmx:
            messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
            return redirect(f"{target.get_absolute_url()}#kommentar-{comment.pk}")
        return _render_thread(request, process, target, bound={("hide", comment.pk): form})
    note = _("Kommentaren er skjult.")
    if not request.htmx:
        messages.success(request, note)
        return redirect(f"{target.get_absolute_url()}#kommentar-{comment.pk}")
    return _render_thread(request, process, target, focus_comment_pk=comment.pk, announce=note)
