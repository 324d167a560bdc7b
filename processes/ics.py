"""An arena as an iCalendar file (RFC 5545), written by the ``icalendar`` library."""

from icalendar import Calendar, Event

from processes.models import Arena


def arena_calendar(arena: Arena, *, url: str, host: str) -> bytes:
    """One VEVENT: the arena's time, place and a link to its page."""
    calendar = Calendar()
    calendar.add("prodid", "-//Medspill//samskapingsarena//NO")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"arena-{arena.pk}@{host}")
    event.add("dtstamp", arena.updated_at)
    event.add("dtstart", arena.starts_at)
    event.add("dtend", arena.ends_at)
    event.add("summary", arena.title)
    event.add("location", arena.place)
    event.add("url", url)
    event.add("description", "\n\n".join(filter(None, [arena.description, url])))
    calendar.add_component(event)
    return calendar.to_ical()
