"""Words for the facts a notification stores, in the language active when it is
rendered (the recipient's in an e-mail, the page's in the inbox)."""

from django import template
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ladder.levels import Level
from processes.models import STATUS_LABELS, Contribution, NeedResult, Process, Round, TestRound

register = template.Library()


@register.filter
def status_label(code, input_kind) -> str:
    return str(STATUS_LABELS.get(input_kind, {}).get(code, code or ""))


@register.filter
def process_status_label(code) -> str:
    return str(dict(Process.Status.choices).get(code, code or ""))


@register.filter
def result_label(code) -> str:
    return str(dict(NeedResult.Result.choices).get(code, code or ""))


@register.filter
def decision_label(code) -> str:
    return str(dict(TestRound.Decision.choices).get(code, code or ""))


@register.filter
def level_label(number) -> str:
    return str(dict(Level.choices).get(number, number if number is not None else ""))


@register.filter
def focus_label(code) -> str:
    return str(dict(Round.Focus.choices).get(code, code or ""))


@register.filter
def input_kind_label(code) -> str:
    return str(dict(Contribution.Kind.choices).get(code, code or ""))


@register.filter
def moment(iso):
    """A time a notification stored as ISO 8601, in the portal's time zone."""
    when = parse_datetime(iso or "")
    return timezone.localtime(when) if when else ""
