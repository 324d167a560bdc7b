"""What the write views do with a form: bind it, and run the service for it,
turning a refusal into errors the visitor reads next to what they typed."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest

from processes.services.contributions import EditConflict


def form_data(request: HttpRequest) -> tuple:
    """Data and files for a form: bound on POST (even an empty one), unbound otherwise."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def attempt[T](form: BaseForm, service: Callable[[], T]) -> T | None:
    """Run ``service`` for a valid ``form`` and return what it returns.

    If it refuses, give ``None`` and put the reason on the form: an edit
    conflict above the fields, a ``ValidationError`` next to the fields it
    names (above them when it names none, or only a hidden one).
    """
    try:
        return service()
    except EditConflict:
        form.add_error(None, EditConflict.message)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                shown = field in form.fields and not form.fields[field].widget.is_hidden
                form.add_error(field if shown else None, errors)
        else:
            form.add_error(None, error)
    return None
