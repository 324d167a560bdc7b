"""A process's samskapingsarenaer: the arena's page with sign-up, its calendar
file, and the owners' forms for the arena, its attendance and its input."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.http import render_page
from portal.pagecache import page_cache
from processes import rules
from processes.forms.arenas import ArenaForm, ArenaInputForm, AttendanceForm
from processes.ics import arena_calendar
from processes.models import Arena, ArenaSignup
from processes.selectors import arena_get, arena_signup_of, process_page_version
from processes.services.arenas import (
    ARENA_FIELDS,
    arena_attendance_record,
    arena_cancel,
    arena_create,
    arena_input_add,
    arena_sign_up,
    arena_update,
)
from processes.views.access import process_for, refuse
from processes.views.writes import attempt, form_data


def _arena_context(request: HttpRequest, arena: Arena, **forms) -> dict:
    user = request.user
    process = arena.process
    rights = rules.rights_for(user, process)
    signups = list(arena.signups.select_related("person").order_by("created_at", "pk"))
    mine = next((s for s in signups if user.is_authenticated and s.person_id == user.pk), None)
    confirmed = [s for s in signups if s.status == ArenaSignup.Status.CONFIRMED]
    waiting = [s for s in signups if s.status == ArenaSignup.Status.WAITING]
    manage = rules.may_run_arenas(user, process)
    return {
        "process": process,
        "arena": arena,
        "rights": rights,
        "mine": mine,
        "place_in_line": waiting.index(mine) + 1 if mine in waiting else None,
        "taken": len(confirmed),
        "waiting_count": len(waiting),
        "may_sign_up": rules.may_sign_up(user, arena, mine),
        "may_cancel": rules.may_cancel_sign_up(user, arena, mine),
        "may_run": manage,
        # Names of who signed up are for the owners only.
        "confirmed": confirmed if manage else [],
        "waiting": waiting if manage else [],
        "attendance": [row for row in arena.attendance.all() if row.count],
        "attended_count": sum(1 for s in signups if s.attended),
        "inputs": list(arena.contributions.order_by("created_at", "pk")),
        "input_form": forms.get("input_form") or (ArenaInputForm() if manage else None),
    }


@require_safe
@page_cache(version=process_page_version)
def arena_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    arena = arena_get(process=process_for(request, slug), pk=pk)
    return render_page(request, "processes/arena_detail.html", _arena_context(request, arena))


@require_safe
def arena_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    arena = arena_get(process=process_for(request, slug), pk=pk)
    url = request.build_absolute_uri(arena.get_absolute_url())
    response = HttpResponse(
        arena_calendar(arena, url=url, host=request.get_host()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="arena-{arena.pk}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def arena_new(request: HttpRequest, slug: str) -> HttpResponse:
    process = process_for(request, slug)
    verdict = rules.may_run_arenas(request.user, process)
    if not verdict:
        return refuse(request, verdict)
    form = ArenaForm(form_data(request)[0])
    arena = (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form, lambda: arena_create(process=process, by=request.user, **form.cleaned_data)
        )
    )
    if arena:
        messages.success(request, _("Arenaen «%(title)s» er opprettet.") % {"title": arena.title})
        return redirect(arena.get_absolute_url())
    return render_page(request, "processes/arena_form.html", {"process": process, "form": form})


@require_http_methods(["GET", "POST"])
def arena_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    arena = arena_get(process=process, pk=pk)
    verdict = rules.may_run_arenas(request.user, process)
    if not verdict:
        return refuse(request, verdict)
    form = ArenaForm(form_data(request)[0], instance=Arena.objects.get(pk=arena.pk))
    saved = (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: arena_update(
                arena=arena,
                by=request.user,
                **{name: form.cleaned_data[name] for name in ARENA_FIELDS},
            ),
        )
    )
    if saved:
        messages.success(request, _("Arenaen er lagret."))
        return redirect(arena.get_absolute_url())
    context = {"process": process, "form": form, "arena": arena}
    return render_page(request, "processes/arena_form.html", context)


@require_POST
def arena_signup(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    arena = arena_get(process=process_for(request, slug), pk=pk)
    verdict = rules.may_sign_up(request.user, arena, arena_signup_of(arena, request.user))
    if not verdict:
        return refuse(request, verdict, arena.get_absolute_url())
    signup = arena_sign_up(arena=arena, person=request.user)
    if signup.status == ArenaSignup.Status.CONFIRMED:
        messages.success(request, _("Du er påmeldt."))
    else:
        messages.info(
            request,
            _("Arenaen er full. Du står på ventelisten og får beskjed hvis du får plass."),
        )
    return redirect(arena.get_absolute_url())


@require_POST
def arena_signoff(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    arena = arena_get(process=process_for(request, slug), pk=pk)
    verdict = rules.may_cancel_sign_up(request.user, arena, arena_signup_of(arena, request.user))
    if not verdict:
        return refuse(request, verdict, arena.get_absolute_url())
    arena_cancel(arena=arena, person=request.user)
    messages.success(request, _("Du er meldt av."))
    return redirect(arena.get_absolute_url())


@require_http_methods(["GET", "POST"])
def arena_attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    arena = arena_get(process=process, pk=pk)
    verdict = rules.may_run_arenas(request.user, process)
    if not verdict:
        return refuse(request, verdict)
    signups = list(
        arena.signups.filter(status=ArenaSignup.Status.CONFIRMED)
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    form = AttendanceForm(form_data(request)[0], arena=arena, signups=signups)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: (
                arena_attendance_record(
                    arena=arena, by=request.user, counts=form.counts(), attended=form.attended()
                )
                is not None
            ),
        )
    )
    if saved:
        messages.success(request, _("Oppmøtet er lagret."))
        return redirect(arena.get_absolute_url())
    context = {"process": process, "arena": arena, "form": form}
    return render_page(request, "processes/arena_attendance.html", context)


@require_POST
def arena_input(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process = process_for(request, slug)
    arena = arena_get(process=process, pk=pk)
    verdict = rules.may_run_arenas(request.user, process)
    if not verdict:
        return refuse(request, verdict)
    form = ArenaInputForm(request.POST)
    need = form.is_valid() and attempt(
        form,
        lambda: arena_input_add(
            arena=arena,
            by=request.user,
            body=form.cleaned_data["body"],
            stakeholder_category=form.cleaned_data["stakeholder_category"],
        ),
    )
    if need:
        messages.success(
            request,
            _("Innspillet er registrert som %(reference)s.") % {"reference": need.reference},
        )
        return redirect(arena.get_absolute_url())
    context = _arena_context(request, arena, input_form=form)
    return render_page(request, "processes/arena_detail.html", context)
