"""Needs: the list with its intake form, a need's page, support, status and merge."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from portal.http import cached_regions, render_page
from portal.pagecache import page_cache
from portal.ratelimits import contribution_ratelimit
from processes import rules
from processes.forms.needs import NeedFilterForm, NeedForm, NeedMergeForm, NeedStatusForm
from processes.forms.on_behalf import on_behalf_field_add
from processes.models import Need, NeedSupport, Process
from processes.selectors import need_get, process_page_version
from processes.services.needs import (
    need_log,
    need_set_status,
    need_unsupport,
)
from processes.services.needs import (
    need_merge as need_merge_service,
)
from processes.services.needs import (
    need_support as need_support_service,
)
from processes.views.access import process_for, refuse
from processes.views.comments import SHOW_ALL_PARAMETER, comments_context
from processes.views.solutions import timeline_rows
from processes.views.writes import attempt

PAGE_SIZE = 25
STATUS_LABELS = dict(Need.Status.choices)


def _safe_next(request: HttpRequest, fallback: str) -> str:
    candidate = request.POST.get("next", "")
    # Only a path on this site: "0" or "x" pass the host check but are no address.
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def _mark_supported(request: HttpRequest, needs: list[Need]) -> None:
    """Set ``user_supports`` on each need, with one query for the whole page,
    and ``fragment_key``: everything its item in the list shows, this
    visitor's part of it included (anon, author, supporter or other)."""
    supported: set[int] = set()
    if request.user.is_authenticated and needs:
        supported = set(
            NeedSupport.objects.filter(user=request.user, need__in=needs).values_list(
                "need_id", flat=True
            )
        )
    for need in needs:
        need.user_supports = need.pk in supported
        need.support_verdict = rules.may_support(request.user, need)
        need.viewer_is_author = bool(need.author_id) and need.author_id == request.user.pk
        if not request.user.is_authenticated:
            viewer = "anon"
        elif need.author_id == request.user.pk:
            viewer = "author"
        else:
            viewer = "supporter" if need.user_supports else "other"
        need.fragment_key = (
            f"{need.pk}:{need.updated_at.timestamp()}:{need.support_count}:{need.status}:{viewer}"
        )


# The list and the intake form ----------------------------------------------


def _list_context(request: HttpRequest, process: Process, *, form: NeedForm | None) -> dict:
    filter_form = NeedFilterForm(request.GET or None, municipality=process.municipality)
    filters = filter_form.filters()
    needs = (
        Need.objects.filter(process=process, merged_into__isnull=True)
        .exclude(status=Need.Status.MERGED)
        .only(
            "pk",
            "reference",
            "body",
            "who_has_need",
            "stakeholder_category",
            "support_count",
            "status",
            "kind",
            "author_id",
            "merged_into_id",
            "created_at",
            "updated_at",
            "process_id",
        )
        .order_by(*filters["ordering"])
    )
    if filters["status"]:
        needs = needs.filter(status=filters["status"])
    if filters["topic"]:
        needs = needs.filter(topics__slug=filters["topic"])
    paginator = Paginator(needs, PAGE_SIZE)
    if not (filters["status"] or filters["topic"]):
        # The stored counter spares Paginator its COUNT query.
        paginator.count = process.needs_count
    page = paginator.get_page(request.GET.get("side"))
    items = list(page.object_list)
    for need in items:
        need.process = process
    _mark_supported(request, items)
    rights = rules.rights_for(request.user, process)
    if form is None and rights.log_need:
        form = NeedForm(municipality=process.municipality)
    return {
        "process": process,
        "page": page,
        "needs": items,
        # What all the items show, for the fragment cache around the whole list.
        "items_key": " ".join(need.fragment_key for need in items),
        "rights": rights,
        "form": form,
        "filter_form": filter_form,
        # Optional values the item and form templates read: explicit, so a
        # misspelt name fails the tests (--fail-on-template-vars).
        "standalone": False,
        "next_url": "",
    }


@require_http_methods(["GET", "HEAD"])
@page_cache(reads=("side", *NeedFilterForm.base_fields), version=process_page_version)
def need_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_for(request, slug)
    template = "processes/need_list.html"
    cached = cached_regions(
        request,
        template,
        version=process.content_version,
        build_context=lambda: _list_context(request, process, form=None),
    )
    if cached is not None:
        return render_page(request, template, {"process": process, "cached": cached})
    return render_page(
        request, template, _list_context(request, process, form=None), partial="need-results"
    )


@require_http_methods(["GET", "HEAD", "POST"])
@contribution_ratelimit
def need_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_for(request, slug)
    rights = rules.rights_for(request.user, process)
    if not rights.log_need:
        return refuse(request, rights.log_need)
    form = NeedForm(request.POST or None, municipality=process.municipality)
    on_behalf_field_add(form, user=request.user, municipality=process.municipality)
    context = {
        "process": process,
        "rights": rights,
        "form": form,
        "next_url": "",
        "standalone": False,
    }
    if request.method == "POST" and form.is_valid():
        need = attempt(
            form,
            lambda: need_log(
                process=process,
                author=request.user,
                body=form.cleaned_data["body"],
                who_has_need=form.cleaned_data["who_has_need"],
                stakeholder_category=form.cleaned_data["stakeholder_category"],
                topics=form.cleaned_data["topics"],
                organisation=form.cleaned_data.get("organisation"),
            ),
        )
        if need:
            # The person lands on the new need's page, with or without htmx: a
            # list swapped in place would show it where a reload does not.
            messages.success(
                request,
                _("Behovet ditt er registrert med referanse %(reference)s.")
                % {"reference": need.reference},
            )
            if request.htmx:
                return HttpResponseClientRedirect(need.get_absolute_url())
            return redirect(need.get_absolute_url())
    return render_page(request, "processes/need_create.html", context, partial="need-form")


# One need ------------------------------------------------------------------


def _detail_context(request: HttpRequest, process: Process, need: Need, **extra) -> dict:
    rights = rules.rights_for(request.user, process)
    _mark_supported(request, [need])
    context = {
        "process": process,
        "need": need,
        "rights": rights,
        "next_url": "",
        "solutions": list(need.solutions.only("pk", "reference", "title", "process_id")),
        "merged_needs": list(need.merged_needs.only("pk", "reference", "process_id")),
        "timeline": timeline_rows(need),
        "status_form": NeedStatusForm(need=need, auto_id="id_status_%s") if rights.manage else None,
        **comments_context(request, process=process, target=need),
    }
    context.update(extra)
    if context["status_form"] is not None and not context["status_form"].fields["status"].choices:
        context["status_form"] = None
    return context


@require_http_methods(["GET", "HEAD", "POST"])
@page_cache(reads=(SHOW_ALL_PARAMETER[0],), version=process_page_version)
def need_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The need's page; owners POST the status form here."""
    process = process_for(request, slug)
    need = need_get(process=process, pk=pk)
    if request.method != "POST":
        return render_page(
            request, "processes/need_detail.html", _detail_context(request, process, need)
        )

    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict, need.get_absolute_url())
    form = NeedStatusForm(request.POST, need=need, auto_id="id_status_%s")
    announce = ""
    changed = form.is_valid() and attempt(
        form,
        lambda: need_set_status(
            need=need,
            status=form.cleaned_data["status"],
            text=form.cleaned_data["text"],
            by=request.user,
            version=form.cleaned_data["version"],
        ),
    )
    if changed:
        announce = _("Status er endret til «%(status)s».") % {"status": STATUS_LABELS[need.status]}
        if not request.htmx:
            messages.success(request, announce)
            return redirect(need.get_absolute_url())
        form = None
    context = _detail_context(request, process, need, announce=announce)
    if form is not None:
        context["status_form"] = form
    return render_page(request, "processes/need_detail.html", context, partial="need-status")


@require_POST
@contribution_ratelimit
def need_support(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    need = need_get(process=process, pk=pk)
    verdict = rules.rights_for(request.user, process).support_need
    if not verdict:
        return refuse(request, verdict, need.get_absolute_url())
    next_url = _safe_next(request, need.get_absolute_url())
    if request.POST.get("action") == "fjern":
        need_unsupport(need=need, user=request.user)
        note = _("Støtten din er trukket tilbake.")
    else:
        need_support_service(need=need, user=request.user)
        note = _("Takk, støtten er registrert.")
    if not request.htmx:
        messages.success(request, note)
        return redirect(next_url)
    _mark_supported(request, [need])
    context = {
        "process": process,
        "need": need,
        "support_note": note,
        "next_url": next_url,
        "rights": rules.rights_for(request.user, process),
    }
    return render_page(request, "processes/need_detail.html", context, partial="need-support")


@require_http_methods(["GET", "HEAD", "POST"])
def need_merge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    need = need_get(process=process, pk=pk)
    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict)
    form = NeedMergeForm(request.POST or None, duplicate=need)
    context = {"process": process, "need": need, "form": form}
    if request.method == "POST" and form.is_valid():
        survivor = form.cleaned_data["survivor"]
        survivor.process = process
        merged = attempt(
            form,
            lambda: need_merge_service(
                duplicate=need, survivor=survivor, by=request.user, text=form.cleaned_data["text"]
            ),
        )
        if merged:
            note = _("%(duplicate)s er slått sammen med %(survivor)s.") % {
                "duplicate": need.reference,
                "survivor": survivor.reference,
            }
            messages.success(request, note)
            if request.htmx:
                return HttpResponseClientRedirect(survivor.get_absolute_url())
            return redirect(survivor.get_absolute_url())
    return render_page(request, "processes/need_merge.html", context, partial="merge-form")
