"""Solutions: propose, read, edit, and move through the lifecycle."""

from collections import defaultdict

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from portal.http import cached_regions, render_page
from portal.pagecache import page_cache
from portal.ratelimits import contribution_ratelimit
from processes import rules
from processes.forms.on_behalf import on_behalf_field_add
from processes.forms.solutions import (
    SolutionEditForm,
    SolutionFilterForm,
    SolutionForm,
    SolutionStatusForm,
)
from processes.models import STATUS_LABELS, NeedResult, Process, Solution, TimelineEvent
from processes.selectors import process_page_version, solution_get
from processes.services.solutions import solution_propose, solution_set_status, solution_update
from processes.views.access import process_for, refuse
from processes.views.comments import SHOW_ALL_PARAMETER, comments_context
from processes.views.writes import attempt, form_data

PAGE_SIZE = 25
REVISIONS_SHOWN = 10


@require_http_methods(["GET", "POST"])
@contribution_ratelimit
def solution_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_for(request, slug)
    verdict = rules.rights_for(request.user, process).propose_solution
    if not verdict:
        return refuse(request, verdict)
    form = SolutionForm(*form_data(request), process=process)
    on_behalf_field_add(form, user=request.user, municipality=process.municipality)
    if request.method == "POST" and form.is_valid():
        created = attempt(
            form,
            lambda: solution_propose(
                process=process,
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                needs=form.cleaned_data["needs"],
                organisation=form.cleaned_data.get("organisation"),
            ),
        )
        if created:
            # The person lands on the new solution's page, with or without htmx.
            messages.success(
                request,
                _("Takk! Løsningsforslaget er registrert med referanse %(reference)s.")
                % {"reference": created.reference},
            )
            if request.htmx:
                return HttpResponseClientRedirect(created.get_absolute_url())
            return redirect(created.get_absolute_url())
    context = {"process": process, "form": form, "is_edit": False}
    return render_page(request, "processes/solution_form.html", context, partial="solution-form")


def _needs_with_results(process: Process, solution: Solution) -> list:
    """The needs the solution addresses, each with this solution's test results."""
    results = defaultdict(list)
    for result in NeedResult.objects.filter(test_round__tested_solution=solution).select_related(
        "test_round"
    ):
        results[result.need_id].append(result)
    needs = list(solution.needs.order_by("created_at", "pk"))
    for need in needs:
        need.process = process
        need.results_here = results[need.pk]
    return needs


def timeline_rows(contribution) -> list:
    """The contribution's timeline, each step with the label of the status it reached."""
    events = list(contribution.timeline.order_by("created_at", "pk"))
    labels = STATUS_LABELS.get(contribution.kind, {})
    results = dict(NeedResult.Result.choices)
    for event in events:
        if event.kind == TimelineEvent.Kind.TEST_RESULT:
            event.to_status_label = results.get(event.to_status, "")
        else:
            event.to_status_label = labels.get(event.to_status, "")
    return events


def _detail_context(
    request: HttpRequest, process: Process, solution: Solution, *, status_form=None
) -> dict:
    rights = rules.rights_for(request.user, process)
    if rights.manage and status_form is None:
        status_form = SolutionStatusForm(solution=solution, initial={"version": solution.version})
    return {
        "process": process,
        "solution": solution,
        "needs": _needs_with_results(process, solution),
        "test_rounds": solution.test_rounds.order_by("-held_on", "-pk"),
        "timeline": timeline_rows(solution),
        # comments, comment_form and rights, as the comment thread template
        # (processes/_comments.html) expects them.
        **comments_context(request, process=process, target=solution),
        "test_verdict": rules.may_test(request.user, solution),
        "edit_verdict": rules.may_edit_solution(request.user, solution),
        "revisions": list(solution.revisions.select_related("edited_by")[:REVISIONS_SHOWN]),
        "status_form": status_form,
    }


@require_safe
@page_cache(reads=(*SolutionFilterForm.base_fields, "page"), version=process_page_version)
def solution_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every solution of the process, newest first, by status if asked."""
    process = process_for(request, slug)
    form = SolutionFilterForm(request.GET or None)
    solutions = Solution.objects.filter(process=process).select_related("author", "organisation")
    if form.is_bound and form.is_valid() and form.cleaned_data["status"]:
        solutions = solutions.filter(status=form.cleaned_data["status"])
    page = Paginator(solutions.order_by("-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    for solution in page.object_list:
        solution.process = process
    context = {"process": process, "form": form, "page": page}
    return render_page(request, "processes/solution_list.html", context, partial="results")


@require_safe
@page_cache(reads=(SHOW_ALL_PARAMETER[0],), version=process_page_version)
def solution_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    template = "processes/solution_detail.html"
    # A hit needs no solution: it was found (or 404) when the regions were built.
    cached = cached_regions(
        request,
        template,
        version=process.content_version,
        build_context=lambda: _detail_context(
            request, process, solution_get(process=process, pk=pk)
        ),
    )
    if cached is not None:
        return render_page(request, template, {"process": process, "cached": cached})
    solution = solution_get(process=process, pk=pk)
    return render_page(request, template, _detail_context(request, process, solution))


@require_http_methods(["GET", "POST"])
def solution_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    solution = solution_get(process=process, pk=pk)
    verdict = rules.may_edit_solution(request.user, solution)
    if not verdict:
        return refuse(request, verdict)
    initial = {
        "title": solution.title,
        "body": solution.body,
        "test_plan": solution.test_plan,
        "needs": list(solution.needs.values_list("pk", flat=True)),
        "version": solution.version,
    }
    form = SolutionEditForm(*form_data(request), process=process, initial=initial)
    saved = None
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: solution_update(
                solution=solution,
                by=request.user,
                version=form.cleaned_data["version"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                needs=form.cleaned_data["needs"],
                test_plan=form.cleaned_data["test_plan"],
            ),
        )
        if saved:
            if not request.htmx:
                messages.success(request, _("Endringene i løsningen er lagret."))
                return redirect(solution.get_absolute_url())
            # A fresh form carries the new version, so the next save is not a conflict.
            initial["version"] = saved.version
            form = SolutionEditForm(
                process=process,
                initial={
                    **initial,
                    "title": saved.title,
                    "body": saved.body,
                    "test_plan": saved.test_plan,
                    "needs": [need.pk for need in form.cleaned_data["needs"]],
                },
            )
    context = {
        "process": process,
        "solution": solution,
        "form": form,
        "saved": saved,
        "is_edit": True,
    }
    return render_page(request, "processes/solution_form.html", context, partial="solution-form")


@require_POST
def solution_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    solution = solution_get(process=process, pk=pk)
    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict)
    form = SolutionStatusForm(request.POST, solution=solution)
    changed = form.is_valid() and bool(
        attempt(
            form,
            lambda: solution_set_status(
                solution=solution,
                status=form.cleaned_data["status"],
                by=request.user,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
            ),
        )
    )
    if changed:
        # The status decides more than its own region (what can be done with
        # the solution), so the page is loaded again, with htmx too.
        messages.success(
            request, _("Status endret til «%(status)s».") % {"status": solution.status_label}
        )
        if request.htmx:
            return HttpResponseClientRedirect(solution.get_absolute_url())
        return redirect(solution.get_absolute_url())
    context = _detail_context(request, process, solution, status_form=form)
    return render_page(
        request, "processes/solution_detail.html", context, partial="solution-status"
    )
