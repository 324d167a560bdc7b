"""``{{ status|status_family }}``: the colour family of a status tag
(``processes.models.STATUS_FAMILIES``). Pages include
``components/status_tag.html`` rather than use it themselves."""

from django import template

from processes.models import STATUS_FAMILIES, StatusFamily

register = template.Library()


@register.filter
def status_family(status: str) -> str:
    return STATUS_FAMILIES.get(status, StatusFamily.NEUTRAL)
