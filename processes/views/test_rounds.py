"""Test rounds: record one for a solution, read it, correct it, and its evidence."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import HttpResponseClientRedirect

from participants.models import StakeholderCategory
from portal.http import render_page
from portal.pagecache import page_cache
from portal.ratelimits import contribution_ratelimit
from processes import rules
from processes.forms.test_rounds import TestRoundEditForm, TestRoundForm
from processes.models import Evidence, Process, TestRound
from processes.selectors import process_page_version, solution_get, test_round_get
from processes.services.test_rounds import test_round_record, test_round_update
from processes.uploads import IMAGE_TYPES
from processes.views.access import process_for, refuse
from processes.views.solutions import PAGE_SIZE, timeline_rows
from processes.views.writes import attempt, form_data

CATEGORY_LABELS = dict(StakeholderCategory.choices)


@require_http_methods(["GET", "POST"])
@contribution_ratelimit
def test_round_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    solution = solution_get(process=process, pk=pk)
    verdict = rules.may_test(request.user, solution)
    if not verdict:
        return refuse(request, verdict)
    needs = list(solution.needs.order_by("created_at", "pk"))
    form = TestRoundForm(*form_data(request), needs=needs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = attempt(
            form,
            lambda: test_round_record(
                solution=solution,
                by=request.user,
                body=data["body"],
                participant_categories=data["participant_categories"],
                head_count=data["head_count"],
                held_on=data["held_on"],
                place=data["place"],
                findings=data["findings"],
                need_results=form.need_results(),
                decision=data["decision"],
                learning=data["learning"],
                files=data["files"],
            ),
        )
        if created:
            # The person lands on the new test round's page, with or without
            # htmx, where the solution's new status shows too.
            messages.success(
                request,
                _("Testrunden er registrert med referanse %(reference)s.")
                % {"reference": created.reference},
            )
            if request.htmx:
                return HttpResponseClientRedirect(created.get_absolute_url())
            return redirect(created.get_absolute_url())
    context = {"process": process, "solution": solution, "form": form}
    return render_page(
        request, "processes/test_round_form.html", context, partial="test-round-form"
    )


def _test_round_context(process: Process, test_round) -> dict:
    solution = test_round.tested_solution
    solution.process = process
    need_results = list(
        test_round.need_results.select_related("need").order_by("need__created_at", "need__pk")
    )
    evidence = list(test_round.evidence.order_by("created_at", "pk"))
    for item in evidence:
        item.is_image = item.content_type in IMAGE_TYPES
    return {
        "process": process,
        "test_round": test_round,
        "solution": solution,
        "categories": [
            CATEGORY_LABELS.get(value, value) for value in test_round.participant_categories
        ],
        "need_results": need_results,
        "evidence": evidence,
        "timeline": timeline_rows(test_round),
    }


def _test_round(process: Process, pk: int):
    test_round = test_round_get(process=process, pk=pk)
    # One query for the solution instead of a lazy one in the template.
    test_round.tested_solution = solution_get(process=process, pk=test_round.tested_solution_id)
    return test_round


@require_safe
@page_cache(reads=("page",), version=process_page_version)
def test_round_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Every test round of the process, the latest held first."""
    process = process_for(request, slug)
    test_rounds = (
        TestRound.objects.filter(process=process)
        .select_related("tested_solution")
        .order_by("-held_on", "-pk")
    )
    page = Paginator(test_rounds, PAGE_SIZE).get_page(request.GET.get("page"))
    for test_round in page.object_list:
        test_round.process = process
    return render_page(
        request, "processes/test_round_list.html", {"process": process, "page": page}
    )


@require_safe
@page_cache(version=process_page_version)
def test_round_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    test_round = _test_round(process, pk)
    context = _test_round_context(process, test_round)
    context["rights"] = rules.rights_for(request.user, process)
    return render_page(request, "processes/test_round_detail.html", context)


@require_http_methods(["GET", "POST"])
def test_round_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    test_round = _test_round(process, pk)
    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict)
    initial = {
        "head_count": test_round.head_count,
        "place": test_round.place,
        "findings": test_round.findings,
        "learning": test_round.learning,
        "version": test_round.version,
    }
    form = TestRoundEditForm(*form_data(request), initial=initial)
    saved = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = attempt(
            form,
            lambda: test_round_update(
                test_round=test_round,
                by=request.user,
                version=data["version"],
                findings=data["findings"],
                learning=data["learning"],
                place=data["place"],
                head_count=data["head_count"],
            ),
        )
        if saved:
            if not request.htmx:
                messages.success(request, _("Endringene i testrunden er lagret."))
                return redirect(test_round.get_absolute_url())
            form = TestRoundEditForm(initial={**data, "version": saved.version})
    context = {"process": process, "test_round": test_round, "form": form, "saved": saved}
    context["solution"] = test_round.tested_solution
    return render_page(
        request, "processes/test_round_form.html", context, partial="test-round-form"
    )


@require_safe
def evidence_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """The file, only to those who may see the process; typed by what was sniffed."""
    process = process_for(request, slug)
    evidence = Evidence.objects.filter(pk=pk, test_round__process=process).first()
    if evidence is None:
        raise Http404(_("Fant ikke vedlegget."))
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("Fant ikke vedlegget.")) from error
    response = FileResponse(
        handle,
        as_attachment=evidence.content_type not in IMAGE_TYPES,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
