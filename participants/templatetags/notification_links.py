"""The absolute links a notification e-mail carries."""

from django import template

from participants.selectors import notification_target

register = template.Library()


@register.simple_tag
def notification_base_url(notification) -> str:
    return notification.base_url


@register.simple_tag
def unsubscribe_url(notification) -> str:
    return notification.unsubscribe_url


@register.filter
def item_link(item) -> str:
    return notification_target(item) if isinstance(item, dict) else ""
