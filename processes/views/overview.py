"""Process-level pages: the list, a process's overview, its edit, status and round
forms, the short link for a reference, and Mine innspill."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from ladder.stairs import stair_steps
from portal.files import image_response
from portal.http import cached_regions, render_page
from portal.pagecache import page_cache
from portal.rules import municipality_rights_for
from processes import rules
from processes.forms.processes import (
    ProcessFilterForm,
    ProcessForm,
    ProcessStatusForm,
    RoundForm,
)
from processes.ladder_facts import foundations_current, process_observation
from processes.models import (
    STATUS_LABELS,
    Arena,
    Comment,
    Contribution,
    Need,
    NeedResult,
    Process,
    Round,
    Solution,
    TestRound,
    TimelineEvent,
)
from processes.representativity import representativity
from processes.selectors import (
    arenas_upcoming,
    my_contributions_version,
    process_list_version,
    process_page_version,
)
from processes.services.processes import (
    process_create as process_create_service,
)
from processes.services.processes import (
    process_set_status,
    process_update,
)
from processes.services.processes import (
    round_start as round_start_service,
)
from processes.views.access import process_for, refuse
from processes.views.levels import level_event_label, level_panel
from processes.views.writes import attempt

LIST_PAGE_SIZE = 20
MY_PAGE_SIZE = 25
TIMELINE_LENGTH = 5
HISTORY_PAGE_SIZE = 25
ROUNDS_SHOWN = 4
TOP_NEEDS = 5
SOLUTIONS_PER_STATUS = 5
RECENT_TEST_ROUNDS = 10
NEED_OPEN_EXCLUDED = (Need.Status.MET, Need.Status.CLOSED, Need.Status.MERGED)
COUNTED_KINDS = (Contribution.Kind.NEED, Contribution.Kind.SOLUTION, Contribution.Kind.TEST_ROUND)
CHILD_URL_NAMES = {
    Contribution.Kind.NEED: "processes:need",
    Contribution.Kind.SOLUTION: "processes:solution",
    Contribution.Kind.TEST_ROUND: "processes:test_round",
}


def _get_for_owner(request: HttpRequest, slug: str) -> Process | HttpResponse:
    process = process_for(request, slug)
    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict)
    return process


def _open_needs(process: Process) -> QuerySet:
    return Need.objects.filter(process=process).exclude(status__in=NEED_OPEN_EXCLUDED)


def _learnings_of_last_round(process: Process) -> str:
    """The ``learning`` of every test round in the newest round, oldest first."""
    last = process.rounds.order_by("-number").first()
    if last is None:
        return ""
    texts = (
        TestRound.objects.filter(round=last)
        .select_related("tested_solution")
        .order_by("held_on", "pk")
    )
    return "\n\n".join(
        f"{test.tested_solution.title} ({test.reference}): {test.learning.strip()}"
        for test in texts
        if test.learning.strip()
    )


# The list ------------------------------------------------------------------


def _search(queryset: QuerySet, q: str) -> QuerySet:
    """Full-text search in Norwegian on PostgreSQL, ranked; substring search elsewhere."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("title", "summary", "problem_statement", config="norwegian")
        query = SearchQuery(q, config="norwegian", search_type="websearch")
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "-created_at")
        )
    return queryset.filter(
        Q(title__icontains=q) | Q(summary__icontains=q) | Q(problem_statement__icontains=q)
    )


@require_safe
@page_cache(reads=(*ProcessFilterForm.base_fields, "page"), version=process_list_version)
def process_list(request: HttpRequest) -> HttpResponse:
    municipality_rights = municipality_rights_for(request.user, request.municipality)
    staff = municipality_rights.staff.allowed
    processes = Process.objects.in_municipality(request.municipality)
    if not staff:
        processes = processes.public()
    form = ProcessFilterForm(
        request.GET or None, municipality=request.municipality, include_drafts=staff
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            processes = processes.filter(status=data["status"])
        if data["level"]:
            processes = processes.filter(level=data["level"])
        if data["topic"]:
            processes = processes.filter(topics__slug=data["topic"])
        if data["q"].strip():
            processes = _search(processes, data["q"].strip())
    processes = processes.prefetch_related("topics")
    page = Paginator(processes, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page(
        request,
        "processes/process_list.html",
        {
            "form": form,
            "page": page,
        },
        partial="results",
    )


@require_http_methods(["GET", "HEAD", "POST"])
def process_create(request: HttpRequest) -> HttpResponse:
    verdict = municipality_rights_for(request.user, request.municipality).create_process
    if not verdict:
        return refuse(request, verdict)
    form = ProcessForm(
        request.POST or None, request.FILES or None, municipality=request.municipality
    )
    if request.method == "POST" and form.is_valid():
        process = attempt(
            form,
            lambda: process_create_service(
                municipality=request.municipality, by=request.user, **form.service_fields()
            ),
        )
        if process:
            messages.success(
                request,
                _("Prosessen «%(title)s» er opprettet som utkast.") % {"title": process.title},
            )
            if request.htmx:
                return HttpResponseClientRedirect(process.get_absolute_url())
            return redirect(process)
    return render_page(
        request, "processes/process_form.html", {"form": form, "process": None}, partial="form"
    )


# One process ---------------------------------------------------------------


def _contribution_counts(process: Process) -> dict[tuple[str, str], int]:
    """How many needs, solutions and test rounds the process has of each status,
    in one grouped query through the contribution table's (process, kind, status) index."""
    rows = (
        Contribution.objects.filter(process=process, kind__in=COUNTED_KINDS)
        .values_list("kind", "status")
        .annotate(total=Count("pk"))
        .values_list("kind", "status", "total")
        .order_by()
    )
    return {(kind, status): total for kind, status, total in rows}


def _cycle(rounds: list[Round]) -> list[dict]:
    """The rounds shown, oldest first, each as its Behov → Løsning → Test steps.

    In the newest round the step of its focus is the current one and the steps
    before it are done; every step of an earlier round is done."""
    phases = list(Round.Focus.choices)
    cycle = []
    for round_ in reversed(rounds):
        current = round_ is rounds[0]
        focus_index = [value for value, _label in phases].index(round_.focus)
        steps = []
        for index, (value, label) in enumerate(phases):
            if not current or index < focus_index:
                state = "done"
            elif index == focus_index:
                state = "current"
            else:
                state = "upcoming"
            steps.append({"phase": value, "label": label, "state": state})
        cycle.append({"round": round_, "current": current, "steps": steps})
    return cycle


def _arenas_context(request: HttpRequest, process: Process) -> dict:
    """The coming arenas, with the visitor's own sign-up: drawn outside the
    shared regions (``processes/_arenas.html``), never cached for others."""
    return {
        "arenas": arenas_upcoming(process, user=request.user),
        "may_run_arenas": rules.may_run_arenas(request.user, process),
    }


def _detail_context(request: HttpRequest, process: Process, **forms) -> dict:
    """Everything the overview shows, in a fixed number of queries."""
    rights = rules.rights_for(request.user, process)
    rounds = list(process.rounds.order_by("-number")[:ROUNDS_SHOWN])
    current_round = rounds[0] if rounds else None
    top_needs = list(
        Need.objects.filter(process=process)
        .exclude(status=Need.Status.MERGED)
        .order_by("-support_count", "-pk")[:TOP_NEEDS]
    )
    counts = _contribution_counts(process)

    def total(kind: str, statuses=None) -> int:
        return sum(
            n
            for (row_kind, status), n in counts.items()
            if row_kind == kind and (statuses is None or status in statuses)
        )

    # The newest few solutions of each status, and how many there are in all:
    # a process with thousands of solutions must not render them all here.
    newest = (
        Solution.objects.filter(process=process)
        .annotate(rank=Window(RowNumber(), partition_by=F("status"), order_by=F("pk").desc()))
        .filter(rank__lte=SOLUTIONS_PER_STATUS)
        .order_by("-pk")
    )
    solutions_by_status: dict[str, list] = {}
    for solution in newest:
        solutions_by_status.setdefault(solution.status, []).append(solution)
    solution_groups = [
        (label, solutions_by_status[status], counts.get((Contribution.Kind.SOLUTION, status), 0))
        for status, label in Solution.Status.choices
        if status in solutions_by_status
    ]
    test_rounds = list(
        TestRound.objects.filter(process=process)
        .select_related("tested_solution")
        .order_by("-held_on", "-pk")[:RECENT_TEST_ROUNDS]
    )
    timeline = list(
        TimelineEvent.objects.filter(process=process)
        .select_related("contribution")
        .order_by("-created_at", "-pk")[:TIMELINE_LENGTH]
    )
    need_statuses = {status for status, _label in Need.Status.choices}
    observation = process_observation(process)
    # The owners' figures name the process's areas: no query of their own then.
    figures = representativity(process) if rights.see_ladder_warnings else None
    return {
        "observation": observation,
        "representativity": figures,
        "ladder_steps": stair_steps({process.level: 1}, {observation.level: 1}),
        "foundations": foundations_current(process),
        "process": process,
        "rights": rights,
        **level_panel(process),
        "owners": list(process.owners.order_by("full_name")),
        "topics": list(process.topics.all()),
        "areas": figures.concerned_areas
        if figures
        else list(process.areas.values_list("name", flat=True)),
        "current_round": current_round,
        "cycle": _cycle(rounds),
        "earlier_rounds": current_round.number - len(rounds) if current_round else 0,
        "open_needs_count": total(Contribution.Kind.NEED, need_statuses - set(NEED_OPEN_EXCLUDED)),
        "test_rounds_count": total(Contribution.Kind.TEST_ROUND),
        "waiting_count": total(Contribution.Kind.NEED, {Need.Status.RECEIVED})
        + total(Contribution.Kind.SOLUTION, {Solution.Status.PROPOSED}),
        "top_needs": top_needs,
        "solution_groups": solution_groups,
        "test_rounds": test_rounds,
        "timeline": [_with_status_label(event) for event in timeline],
        "may_follow": rules.may_follow(request.user, process),
        "status_form": forms.get("status_form")
        or (ProcessStatusForm(process=process) if rights.manage else None),
    }


def _page_context(request: HttpRequest, process: Process, **forms) -> dict:
    """The whole page: the regions' context and the visitor's arenas."""
    return {**_detail_context(request, process, **forms), **_arenas_context(request, process)}


def _with_status_label(event: TimelineEvent) -> TimelineEvent:
    """The event with ``to_status_label``: its status in words, whatever it belongs to."""
    if event.kind == TimelineEvent.Kind.TEST_RESULT:
        event.to_status_label = dict(NeedResult.Result.choices).get(event.to_status, "")
    elif event.contribution_id:
        labels = STATUS_LABELS.get(event.contribution.kind, {})
        event.to_status_label = labels.get(event.to_status, event.to_status)
    elif event.kind == TimelineEvent.Kind.LEVEL:
        event.to_status_label = level_event_label(event)
    elif event.kind == TimelineEvent.Kind.ARENA:
        event.to_status_label = dict(Arena.Kind.choices).get(event.to_status, event.to_status)
    elif event.kind == TimelineEvent.Kind.ROUND_STARTED:
        event.to_status_label = dict(Round.Focus.choices).get(event.to_status, event.to_status)
    else:
        event.to_status_label = dict(Process.Status.choices).get(event.to_status, event.to_status)
    return event


@require_safe
@page_cache(version=process_page_version)
def process_detail(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_for(request, slug)
    template = "processes/process_detail.html"
    cached = cached_regions(
        request,
        template,
        version=process.content_version,
        build_context=lambda: _detail_context(request, process),
        rights=rules.rights_for(request.user, process),
    )
    if cached is not None:
        context = {
            "process": process,
            "cached": cached,
            "may_follow": rules.may_follow(request.user, process),
            **_arenas_context(request, process),
        }
        return render_page(request, template, context)
    return render_page(request, template, _page_context(request, process))


@require_safe
@page_cache(reads=("side",), version=process_page_version)
def process_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything that happened in the process, the newest first, a page at a time."""
    process = process_for(request, slug)
    events = (
        TimelineEvent.objects.filter(process=process)
        .select_related("contribution")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(events, HISTORY_PAGE_SIZE).get_page(request.GET.get("side"))
    page.object_list = [_with_status_label(event) for event in page.object_list]
    return render_page(
        request, "processes/process_history.html", {"process": process, "page": page}
    )


@require_safe
def process_cover(request: HttpRequest, slug: str) -> FileResponse:
    """The process's cover image, to whoever may see the process."""
    process = process_for(request, slug)
    return image_response(process.cover_image, public=process.status != Process.Status.DRAFT)


@require_http_methods(["GET", "HEAD", "POST"])
def process_edit(request: HttpRequest, slug: str) -> HttpResponse:
    process = _get_for_owner(request, slug)
    if isinstance(process, HttpResponse):
        return process
    form = ProcessForm(
        request.POST or None,
        request.FILES or None,
        instance=process,
        municipality=request.municipality,
    )
    saved = (
        request.method == "POST"
        and form.is_valid()
        and bool(
            attempt(
                form,
                lambda: process_update(
                    process=process,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    **form.service_fields(),
                ),
            )
        )
    )
    if saved:
        messages.success(request, _("Endringene er lagret."))
        if request.htmx:
            return HttpResponseClientRedirect(process.get_absolute_url())
        return redirect(process)
    return render_page(
        request,
        "processes/process_form.html",
        {"form": form, "process": process},
        partial="form",
    )


@require_POST
def process_status(request: HttpRequest, slug: str) -> HttpResponse:
    process = _get_for_owner(request, slug)
    if isinstance(process, HttpResponse):
        return process
    form = ProcessStatusForm(request.POST, process=process)
    changed = form.is_valid() and bool(
        attempt(
            form,
            lambda: process_set_status(
                process=process,
                status=form.cleaned_data["status"],
                by=request.user,
                text=form.cleaned_data["reason"],
            ),
        )
    )
    if changed:
        # The status shows all over the page (its tag, what visitors may do
        # there), so the whole page is loaded again, with htmx too.
        messages.success(
            request,
            _("Prosessen har nå status «%(status)s».") % {"status": process.get_status_display()},
        )
        if request.htmx:
            return HttpResponseClientRedirect(process.get_absolute_url())
        return redirect(process)
    context = _page_context(request, process, status_form=form)
    return render_page(request, "processes/process_detail.html", context, partial="status")


@require_http_methods(["GET", "HEAD", "POST"])
def round_start(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_for(request, slug)
    verdict = rules.rights_for(request.user, process).start_round
    if not verdict:
        return refuse(request, verdict)
    if request.method == "POST":
        form = RoundForm(request.POST)
        new_round = form.is_valid() and attempt(
            form,
            lambda: round_start_service(
                process=process,
                by=request.user,
                focus=form.cleaned_data["focus"],
                learnings=form.cleaned_data["learnings"],
            ),
        )
        if new_round:
            messages.success(
                request, _("Runde %(number)s er startet.") % {"number": new_round.number}
            )
            if request.htmx:
                return HttpResponseClientRedirect(process.get_absolute_url())
            return redirect(process)
    else:
        form = RoundForm(initial={"learnings": _learnings_of_last_round(process)})
    open_needs = _open_needs(process)
    return render_page(
        request,
        "processes/round_form.html",
        {
            "form": form,
            "process": process,
            "current_round": process.rounds.order_by("-number").first(),
            "open_needs_count": open_needs.count(),
            "carried_needs": list(open_needs.order_by("-support_count", "-pk")[:25]),
        },
        partial="form",
    )


# References and Mine innspill -----------------------------------------------


@require_safe
def contribution_redirect(request: HttpRequest, reference: str) -> HttpResponse:
    """``/innspill/INN-2026-0042/``: the short link printed on receipts and PDFs."""
    contribution = (
        Contribution.objects.select_related("process")
        .filter(reference=reference.upper(), process__municipality=request.municipality)
        .first()
    )
    if contribution is None:
        raise Http404(_("Fant ikke innspillet."))
    process = contribution.process
    if not rules.may_see(request.user, process):
        raise Http404(_("Fant ikke innspillet."))
    target = contribution
    # A comment lives on the page of what it comments on (perhaps another comment).
    for _depth in range(10):
        if target.kind != Contribution.Kind.COMMENT:
            break
        target = Comment.objects.select_related("target").get(pk=target.pk).target
    if target.kind not in CHILD_URL_NAMES:
        raise Http404(_("Fant ikke innspillet."))
    return redirect(reverse(CHILD_URL_NAMES[target.kind], args=[process.slug, target.pk]))


@require_safe
@page_cache(reads=("page",), version=my_contributions_version)
def my_contributions(request: HttpRequest) -> HttpResponse:
    """Mine innspill (spor innspill): everything I gave, with its status and latest answer."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    feedback = (
        TimelineEvent.objects.filter(contribution=OuterRef("pk"))
        .exclude(text="")
        .order_by("-created_at", "-pk")
    )
    contributions = (
        Contribution.objects.filter(author=request.user, process__municipality=request.municipality)
        .select_related("process")
        .annotate(
            feedback_text=Subquery(feedback.values("text")[:1]),
            feedback_at=Subquery(feedback.values("created_at")[:1]),
        )
        .order_by("-created_at", "-pk")
    )
    page = Paginator(contributions, MY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render_page(request, "processes/my_contributions.html", {"page": page})
