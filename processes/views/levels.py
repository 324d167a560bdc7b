"""A process's step on the samskapingstrapp: its own form, with a guided
questionnaire that suggests a step and, before a step is lowered, a preview of
what citizens lose and how much of what they gave it touches."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from ladder.levels import LEVEL_INFO, CitizenAction, Level
from ladder.questionnaire import suggest_level
from ladder.rules import actions_lost
from portal.http import render_page
from processes import rules
from processes.forms.levels import LevelForm, QuestionnaireForm
from processes.models import Process, TimelineEvent
from processes.selectors import citizen_content_counts, level_history
from processes.services.levels import level_change
from processes.views.access import process_for, refuse
from processes.views.writes import attempt

HISTORY_SHOWN = 10


def _counted(action: str, count: int) -> str:
    """How much of ``action`` citizens did, as a sentence of its own."""
    if action == CitizenAction.LOG_NEED:
        text = ngettext(
            "%(count)s behov meldt av innbyggere", "%(count)s behov meldt av innbyggere", count
        )
    elif action == CitizenAction.SUPPORT_NEED:
        text = ngettext("%(count)s støtte til behov", "%(count)s støtter til behov", count)
    elif action == CitizenAction.PROPOSE_SOLUTION:
        text = ngettext(
            "%(count)s løsning foreslått av innbyggere",
            "%(count)s løsninger foreslått av innbyggere",
            count,
        )
    elif action == CitizenAction.COMMENT:
        text = ngettext(
            "%(count)s kommentar fra innbyggere", "%(count)s kommentarer fra innbyggere", count
        )
    else:
        text = ngettext(
            "%(count)s testrunde registrert av innbyggere",
            "%(count)s testrunder registrert av innbyggere",
            count,
        )
    return text % {"count": count}


def lowering_preview(process: Process, to_level: int) -> dict:
    """What lowering ``process`` to ``to_level`` takes from citizens (in words,
    from the ladder's table) and how much existing content it touches."""
    lost = actions_lost(process.level, to_level)
    counts = citizen_content_counts(process)
    return {
        "to_level_label": Level(to_level).label,
        "lost": [CitizenAction(action).label for action in lost],
        "touched": [_counted(action, counts[action]) for action in lost if action in counts],
    }


def level_panel(process: Process) -> dict:
    """What the process page's level panel shows (``processes/_level.html``)."""
    return {
        "level_label": Level(process.level).label,
        "target_level_label": Level(process.target_level).label,
        "level_info": LEVEL_INFO[process.level],
        "level_changes": level_history(process, limit=HISTORY_SHOWN),
    }


def level_event_label(event: TimelineEvent) -> str:
    """A level change in the timeline, from and to, in words."""
    return _("Fra %(from)s til %(to)s") % {
        "from": Level(int(event.from_status)).label,
        "to": Level(int(event.to_status)).label,
    }


def _levels() -> list[dict]:
    return [
        {"value": level.value, "label": level.label, "info": LEVEL_INFO[level]} for level in Level
    ]


@require_http_methods(["GET", "HEAD", "POST"])
def process_level(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the form, pre-selected from the questionnaire's answers if sent.
    POST: the change; a lower step is shown first and done on the second POST,
    which carries ``confirm``."""
    process = process_for(request, slug)
    verdict = rules.rights_for(request.user, process).manage
    if not verdict:
        return refuse(request, verdict)
    questionnaire = QuestionnaireForm(request.GET or None, prefix="sporsmal")
    suggestion = suggest_level(questionnaire.cleaned_data) if questionnaire.is_valid() else None
    preview = None
    if request.method == "POST":
        form = LevelForm(request.POST, process=process)
        if form.lowers(process) and not form.cleaned_data["confirm"]:
            preview = lowering_preview(process, form.cleaned_data["level"])
        elif form.is_valid():
            change = attempt(
                form,
                lambda: level_change(
                    actor=request.user,
                    process=process,
                    level=form.cleaned_data["level"],
                    target_level=form.cleaned_data["target_level"],
                    justification=form.cleaned_data["justification"],
                ),
            )
            if change:
                messages.success(
                    request,
                    _("Prosessen står nå på trinn %(level)s.")
                    % {"level": Level(change.to_level).label},
                )
                if request.htmx:
                    return HttpResponseClientRedirect(process.get_absolute_url())
                return redirect(process)
    else:
        form = LevelForm(process=process, suggested=suggestion and suggestion.level)
    return render_page(
        request,
        "processes/process_level.html",
        {
            "process": process,
            "form": form,
            "questionnaire": questionnaire,
            "suggestion": suggestion,
            "suggested_label": suggestion and Level(suggestion.level).label,
            "preview": preview,
            "levels": _levels(),
            "level_label": Level(process.level).label,
            "target_level_label": Level(process.target_level).label,
        },
        partial="form",
    )
