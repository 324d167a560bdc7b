"""The stakeholder map of a process ("Hvem kan hjelpe meg?"): everyone sees
the organisations and categories that take part; the municipality's staff
see the whole map; the owners keep it."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from portal.http import render_page
from processes import rules
from processes.forms.stakeholders import StakeholderForm, StakeholderStateForm
from processes.models import Process, StakeholderEntry
from processes.services.stakeholders import (
    STATE_TRANSITIONS,
    stakeholder_add,
    stakeholder_remove,
    stakeholder_set_state,
)
from processes.services.working_groups import person_by_email
from processes.stakeholder_map import stakeholder_groups
from processes.views.access import process_for, refuse
from processes.views.writes import attempt

STATE_LABELS = dict(StakeholderEntry.State.choices)


def _entry(process: Process, pk: int) -> StakeholderEntry:
    entry = (
        StakeholderEntry.objects.select_related("person", "organisation")
        .filter(process=process, pk=pk)
        .first()
    )
    if entry is None:
        raise Http404(_("Fant ikke aktøren."))
    entry.process = process
    return entry


def _state_choices(entry: StakeholderEntry) -> list[tuple[str, str]]:
    allowed = STATE_TRANSITIONS.get(entry.state, set())
    return [
        (value, STATE_LABELS[value]) for value in StakeholderEntry.State.values if value in allowed
    ]


def _map_context(request: HttpRequest, process: Process, *, form=None) -> dict:
    rights = rules.rights_for(request.user, process)
    groups = stakeholder_groups(process, with_people=bool(rights.see_stakeholder_people))
    if rights.manage:
        for group in groups:
            for entry in group.entries:
                entry.state_choices = _state_choices(entry)
        if form is None:
            form = StakeholderForm(municipality=process.municipality)
    return {
        "process": process,
        "rights": rights,
        "groups": groups,
        "form": form,
        "announce": "",
        "state_error": "",
    }


@require_http_methods(["GET", "HEAD", "POST"])
def stakeholder_map(request: HttpRequest, slug: str) -> HttpResponse:
    """The map; owners POST a new entry here."""
    process = process_for(request, slug)
    template = "processes/stakeholder_map.html"
    if request.method != "POST":
        return render_page(request, template, _map_context(request, process))
    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict)
    form = StakeholderForm(request.POST, municipality=process.municipality)

    def add():
        data = form.cleaned_data
        kind = data["kind"]
        return stakeholder_add(
            process=process,
            by=request.user,
            role=data["role"],
            person=person_by_email(data["email"]) if kind == "person" else None,
            organisation=data["organisation"] if kind == "organisation" else None,
            category=data["category"],
            note=data["note"],
        )

    if form.is_valid() and attempt(form, add):
        messages.success(request, _("Aktøren er ført opp i aktørkartet."))
        page = reverse("processes:stakeholders", args=[process.slug])
        if request.htmx:
            return HttpResponseClientRedirect(page)
        return redirect(page)
    return render_page(
        request, template, _map_context(request, process, form=form), partial="add-form"
    )


@require_POST
def stakeholder_state(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Move an entry on; with htmx, its row is swapped in place and announced."""
    process = process_for(request, slug)
    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict)
    entry = _entry(process, pk)
    form = StakeholderStateForm(request.POST)
    changed = form.is_valid() and attempt(
        form,
        lambda: stakeholder_set_state(
            entry=entry, by=request.user, state=form.cleaned_data["state"]
        ),
    )
    announce = ""
    if changed:
        announce = _("Tilstanden er endret til «%(state)s».") % {"state": STATE_LABELS[entry.state]}
    if not request.htmx:
        if changed:
            messages.success(request, announce)
        else:
            messages.error(
                request, " ".join(form.errors.get("state", [])) or _("Ugyldig tilstand.")
            )
        return redirect(reverse("processes:stakeholders", args=[process.slug]))
    groups = stakeholder_groups(process, with_people=True)
    entry = next(e for group in groups for e in group.entries if e.pk == entry.pk)
    entry.state_choices = _state_choices(entry)
    context = {
        "process": process,
        "rights": rules.rights_for(request.user, process),
        "entry": entry,
        "announce": announce,
        "state_error": " ".join(form.errors.get("state", [])),
    }
    return render_page(request, "processes/stakeholder_map.html", context, partial="entry")


@require_POST
def stakeholder_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict)
    entry = _entry(process, pk)
    stakeholder_remove(entry=entry, by=request.user)
    messages.success(request, _("Aktøren er fjernet fra aktørkartet."))
    return redirect(reverse("processes:stakeholders", args=[process.slug]))
