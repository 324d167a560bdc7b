"""The samskapingstrapp: the municipality's overview (``/trappa/``), and the
owners' scoring of a process's five foundations."""

import hashlib
from collections import Counter

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import HttpResponseClientRedirect

from ladder.observed import observed_level
from ladder.stairs import stair_steps
from portal.http import render_page
from portal.pagecache import page_cache
from processes import rules
from processes.forms.foundations import FoundationsForm
from processes.ladder_facts import FACT_FIELDS, foundations_summary, process_facts
from processes.models import FoundationScore, Process
from processes.selectors import process_list_version
from processes.services.foundations import foundations_score
from processes.views.access import process_for, refuse
from processes.views.writes import attempt

FOUNDATION_HISTORY = 20
COUNTS_SECONDS = 300


def _ladder_counts(municipality) -> tuple[dict, dict, int]:
    """How many public processes claim and show each step, and how many claim
    more than they show: one query, and the observed level of each in Python."""
    claimed, observed = Counter(), Counter()
    above = 0
    processes = Process.objects.in_municipality(municipality).public().only(*FACT_FIELDS)
    for process in processes:
        level, _reasons = observed_level(process_facts(process))
        claimed[process.level] += 1
        observed[level] += 1
        above += process.level > level
    return dict(claimed), dict(observed), above


@require_safe
@page_cache(version=process_list_version)
def ladder_overview(request: HttpRequest) -> HttpResponse:
    """How many of the municipality's public processes stand on each step,
    claimed and observed side by side. Everyone sees the same page, so the
    counts are cached under the version of the process list (every write to
    a process or its input moves it)."""
    version = hashlib.sha256(process_list_version(request).encode()).hexdigest()
    key = f"ladder-counts:{request.municipality.pk}:{version}"
    counts = cache.get(key)
    if counts is None:
        counts = _ladder_counts(request.municipality)
        cache.set(key, counts, COUNTS_SECONDS)
    claimed, observed, above = counts
    return render_page(
        request,
        "processes/ladder_overview.html",
        {
            "steps": stair_steps(claimed, observed),
            "total": sum(claimed.values()),
            "claims_more": above,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def foundations(request: HttpRequest, slug: str) -> HttpResponse:
    """The owners score de 5 fundamentene; every scoring is kept."""
    process = process_for(request, slug)
    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict)
    names = process.municipality.foundation_names
    current = process.current_foundations
    form = FoundationsForm(
        request.POST if request.method == "POST" else None,
        names=names,
        initial=current.scores if current else None,
    )
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            form,
            lambda: foundations_score(
                process=process,
                by=request.user,
                scores=form.scores(),
                note=form.cleaned_data["note"],
            ),
        )
        if saved:
            messages.success(request, _("Vurderingen av de 5 fundamentene er lagret."))
            if request.htmx:
                return HttpResponseClientRedirect(process.get_absolute_url())
            return redirect(process)
    history = list(
        FoundationScore.objects.filter(process=process).select_related("scored_by")[
            :FOUNDATION_HISTORY
        ]
    )
    return render_page(
        request,
        "processes/foundations_form.html",
        {
            "process": process,
            "form": form,
            "history": [foundations_summary(score, names) for score in history],
        },
        partial="form",
    )
