"""The audit log as people read it: each entry in words, in the page's language.

The entries hold data (``portal.audit``); this module puts them in sentences
when they are read, with the old and new value of every changed field, so an
entry written in bokmål reads in nynorsk or English too. The page filters by
person, process, kind and period and pages by id (keyset: the next page is
"older than the last id shown"), so a page is the same few queries at 100 or
100,000 entries. The CSV export has the same rows and words as the page.
"""

import csv
from dataclasses import dataclass
from datetime import datetime, time

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from portal.models import AuditEntry
from portal.rules import municipality_rights_for
from portal.spreadsheet import Echo, safe_cell

PAGE_SIZE = 25

# What each action did, as a sentence. ``%(actor)s`` did it, ``%(target)s`` is
# what it was done to, ``%(process)s`` where, ``%(from)s``/``%(to)s`` the values.
SENTENCES = {
    "process.create": gettext_lazy("%(actor)s opprettet prosessen «%(process)s»"),
    "process.update": gettext_lazy("%(actor)s endret prosessen «%(process)s»"),
    "process.status": gettext_lazy(
        "%(actor)s endret status fra «%(from)s» til «%(to)s» i «%(process)s»"
    ),
    "process.level": gettext_lazy("%(actor)s endret trinn fra %(from)s til %(to)s i «%(process)s»"),
    "process.round_start": gettext_lazy("%(actor)s startet runde %(to)s i «%(process)s»"),
    "process.foundations": gettext_lazy("%(actor)s vurderte de 5 fundamentene i «%(process)s»"),
    "process.phase_narrowing": gettext_lazy("%(actor)s endret fasestyringen i «%(process)s»"),
    "process.co_creator_appoint": gettext_lazy("%(actor)s utnevnte en medskaper i «%(process)s»"),
    "process.co_creator_remove": gettext_lazy("%(actor)s fjernet en medskaper i «%(process)s»"),
    "working_group.create": gettext_lazy(
        "%(actor)s opprettet arbeidsgruppen «%(target)s» i «%(process)s»"
    ),
    "working_group.invite": gettext_lazy(
        "%(actor)s inviterte til arbeidsgruppen «%(target)s» i «%(process)s»"
    ),
    "working_group.join": gettext_lazy(
        "%(actor)s tok opp et medlem i arbeidsgruppen «%(target)s» i «%(process)s»"
    ),
    "working_group.leave": gettext_lazy(
        "%(actor)s avsluttet et medlemskap i arbeidsgruppen «%(target)s» i «%(process)s»"
    ),
    "test_round.record": gettext_lazy(
        "%(actor)s registrerte testrunden %(target)s i «%(process)s»"
    ),
    "test_round.edit": gettext_lazy("%(actor)s endret testrunden %(target)s i «%(process)s»"),
    "comment.reports_dismiss": gettext_lazy(
        "%(actor)s avviste meldingene om kommentaren %(target)s i «%(process)s»"
    ),
    "comment.hide": gettext_lazy("%(actor)s skjulte kommentaren %(target)s i «%(process)s»"),
    "comment.show": gettext_lazy("%(actor)s viste kommentaren %(target)s igjen i «%(process)s»"),
    "contribution.status": gettext_lazy(
        "%(actor)s endret status for %(target)s fra «%(from)s» til «%(to)s» i «%(process)s»"
    ),
    "topic.create": gettext_lazy("%(actor)s opprettet temaet «%(target)s»"),
    "topic.rename": gettext_lazy("%(actor)s ga temaet «%(target)s» nytt navn"),
    "topic.merge": gettext_lazy("%(actor)s slo sammen temaet «%(target)s» med et annet"),
    "topic.retire": gettext_lazy("%(actor)s faset ut temaet «%(target)s»"),
    "topic.restore": gettext_lazy("%(actor)s tok i bruk temaet «%(target)s» igjen"),
    "area.create": gettext_lazy("%(actor)s la til området «%(target)s»"),
    "area.update": gettext_lazy("%(actor)s endret området «%(target)s»"),
    "area.remove": gettext_lazy("%(actor)s fjernet området «%(target)s»"),
    "population.save": gettext_lazy("%(actor)s endret innbyggertallene etter alder"),
}
UNKNOWN = gettext_lazy("%(actor)s: %(action)s – %(target)s")
CONTRIBUTION_KINDS = ("need", "solution", "comment", "test_round")

# The kinds a person filters by: each with its name in the filter.
KINDS = {
    "process.create": gettext_lazy("Prosess opprettet"),
    "process.update": gettext_lazy("Prosess endret"),
    "process.status": gettext_lazy("Prosessens status"),
    "process.level": gettext_lazy("Trinn i samskapingstrappa"),
    "process.round_start": gettext_lazy("Ny runde"),
    "process.foundations": gettext_lazy("De 5 fundamentene"),
    "process.phase_narrowing": gettext_lazy("Fasestyring"),
    "process.co_creator_appoint": gettext_lazy("Medskaper utnevnt"),
    "process.co_creator_remove": gettext_lazy("Medskaper fjernet"),
    "need.status": gettext_lazy("Status for behov"),
    "solution.status": gettext_lazy("Status for løsning"),
    "test_round.status": gettext_lazy("Status for testrunde"),
    "test_round.record": gettext_lazy("Testrunde registrert"),
    "test_round.edit": gettext_lazy("Testrunde endret"),
    "comment.status": gettext_lazy("Kommentar skjult eller vist igjen"),
    "comment.reports_dismiss": gettext_lazy("Meldinger om kommentar avvist"),
    "working_group.create": gettext_lazy("Arbeidsgruppe opprettet"),
    "working_group.invite": gettext_lazy("Invitasjon til arbeidsgruppe"),
    "working_group.join": gettext_lazy("Nytt medlem i arbeidsgruppe"),
    "working_group.leave": gettext_lazy("Medlemskap avsluttet"),
    "area.create": gettext_lazy("Område lagt til"),
    "area.update": gettext_lazy("Område endret"),
    "area.remove": gettext_lazy("Område fjernet"),
    "population.save": gettext_lazy("Innbyggertall etter alder"),
}

FIELD_LABELS = {
    "status": gettext_lazy("Status"),
    "level": gettext_lazy("Trinn"),
    "target_level": gettext_lazy("Mål for trinn"),
    "text": gettext_lazy("Begrunnelse"),
    "fields": gettext_lazy("Endrede felt"),
    "report_count": gettext_lazy("Meldinger som venter"),
    "round": gettext_lazy("Runde"),
    "focus": gettext_lazy("Fase"),
    "note": gettext_lazy("Merknad"),
    "findings": gettext_lazy("Funn"),
    "learning": gettext_lazy("Læring"),
    "place": gettext_lazy("Sted"),
    "head_count": gettext_lazy("Antall deltakere"),
    "decision": gettext_lazy("Beslutning"),
    "person": gettext_lazy("Person"),
    "name": gettext_lazy("Navn"),
    "kind": gettext_lazy("Type"),
    "population": gettext_lazy("Innbyggere"),
    "source": gettext_lazy("Kilde"),
}


def _field_label(name: str) -> str:
    from participants.models import AgeBand
    from processes.models import Process

    if name in FIELD_LABELS:
        return str(FIELD_LABELS[name])
    if name in AgeBand.values:
        return str(AgeBand(name).label)
    try:
        return str(Process._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # any other key is shown as it is stored
        return name


def _status_label(entry: AuditEntry, value) -> str:
    from processes.models import STATUS_LABELS, Process

    kind = entry.action.split(".", 1)[0]
    labels = dict(Process.Status.choices) if kind == "process" else STATUS_LABELS.get(kind, {})
    return str(labels.get(value, value))


def _value(entry: AuditEntry, name: str, value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nei")
    if name == "status":
        return _status_label(entry, value)
    if name == "fields" and isinstance(value, list):
        return ", ".join(_field_label(field) for field in value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in value.items())
    return str(value)


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class ReadableEntry:
    entry: AuditEntry
    actor: str
    sentence: str
    changes: list[Change]


def _sentence(entry: AuditEntry, actor: str) -> str:
    action = entry.action
    kind, _dot, verb = action.partition(".")
    before, after = entry.before or {}, entry.after or {}
    template = SENTENCES.get(action)
    if kind == "comment" and verb == "status":
        template = SENTENCES["comment.hide" if after.get("status") == "hidden" else "comment.show"]
    elif template is None and kind in CONTRIBUTION_KINDS and verb == "status":
        template = SENTENCES["contribution.status"]
    values = {
        "actor": actor,
        "target": entry.target_label,
        "process": entry.process.title
        if entry.process_id and entry.process
        else entry.target_label,
        "action": action,
        "from": "",
        "to": "",
    }
    if action == "process.level":
        values["from"], values["to"] = before.get("level", "–"), after.get("level", "–")
    elif action == "process.round_start":
        values["to"] = after.get("round", "")
    elif verb == "status":
        values["from"] = _status_label(entry, before.get("status", ""))
        values["to"] = _status_label(entry, after.get("status", ""))
    return str(template or UNKNOWN) % values


def readable(entry: AuditEntry) -> ReadableEntry:
    """One entry in words: who did what where, and each field's old and new value."""
    actor = entry.actor.full_name or entry.actor.email if entry.actor else _("Slettet konto")
    before, after = entry.before or {}, entry.after or {}
    changes = [
        Change(
            _field_label(name),
            _value(entry, name, before.get(name)),
            _value(entry, name, after.get(name)),
        )
        for name in [*before, *(name for name in after if name not in before)]
    ]
    return ReadableEntry(entry, actor, _sentence(entry, actor), changes)


class AuditFilterForm(forms.Form):
    """The filters; the choices come from lists the page reads once, so
    checking a choice asks the database nothing more."""

    person = forms.ChoiceField(label=gettext_lazy("Person"), required=False)
    process = forms.ChoiceField(label=gettext_lazy("Prosess"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Type endring"), required=False)
    fra = forms.DateField(
        label=gettext_lazy("Fra og med dato"),
        required=False,
        # A text field: it keeps whatever was typed, which a date field may not show.
        widget=forms.DateInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=gettext_lazy("ÅÅÅÅ-MM-DD"),
        error_messages={"invalid": gettext_lazy("Skriv en dato, for eksempel 2026-12-01.")},
    )
    til = forms.DateField(
        label=gettext_lazy("Til og med dato"),
        required=False,
        widget=forms.DateInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=gettext_lazy("ÅÅÅÅ-MM-DD"),
        error_messages={"invalid": gettext_lazy("Skriv en dato, for eksempel 2026-12-31.")},
    )

    def __init__(self, *args, people, processes, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = ("", _("Alle"))
        self.fields["person"].choices = [everyone, *people]
        self.fields["process"].choices = [everyone, *processes]
        self.fields["kind"].choices = [
            everyone,
            *((key, str(label)) for key, label in KINDS.items()),
        ]

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til") and data["fra"] > data["til"]:
            self.add_error("til", _("Til-datoen kan ikke være før fra-datoen."))
        return data


FILTER_FIELDS = ("person", "process", "kind", "fra", "til")


def _filter_form(request: HttpRequest) -> AuditFilterForm:
    from participants.models import User
    from processes.models import Process

    municipality = request.municipality
    people = [
        (str(pk), name or email)
        for pk, name, email in User.objects.filter(memberships__municipality=municipality)
        .distinct()
        .order_by("full_name", "pk")
        .values_list("pk", "full_name", "email")
    ]
    processes = [
        (str(pk), title)
        for pk, title in Process.objects.in_municipality(municipality)
        .order_by("title", "pk")
        .values_list("pk", "title")
    ]
    data = {name: request.GET[name] for name in FILTER_FIELDS if request.GET.get(name)}
    return AuditFilterForm(data or None, people=people, processes=processes)


def filtered_entries(request: HttpRequest, form: AuditFilterForm):
    """The municipality's entries, newest first, narrowed by the filters that
    are valid (an invalid one is shown with its error and not applied)."""
    entries = (
        AuditEntry.objects.filter(municipality=request.municipality)
        .select_related("actor", "process")
        .order_by("-pk")
    )
    if not form.is_bound:
        return entries
    form.is_valid()
    data = {name: value for name, value in form.cleaned_data.items() if name not in form.errors}
    if data.get("person"):
        entries = entries.filter(actor_id=int(data["person"]))
    if data.get("process"):
        entries = entries.filter(process_id=int(data["process"]))
    if data.get("kind"):
        entries = entries.filter(action=data["kind"])
    zone = timezone.get_current_timezone()
    if data.get("fra"):
        entries = entries.filter(created_at__gte=datetime.combine(data["fra"], time.min, zone))
    if data.get("til"):
        entries = entries.filter(created_at__lte=datetime.combine(data["til"], time.max, zone))
    return entries


def _refused(request: HttpRequest) -> HttpResponse | None:
    verdict = municipality_rights_for(request.user, request.municipality).read_audit_log
    if verdict.login:
        return redirect_to_login(request.get_full_path())
    verdict.require()
    return None


@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    """The municipality's audit log, for its admins; anonymous visitors log in."""
    if (refusal := _refused(request)) is not None:
        return refusal
    form = _filter_form(request)
    entries = filtered_entries(request, form)
    older_than = request.GET.get("eldre_enn", "")
    if older_than.isdigit():
        entries = entries.filter(pk__lt=int(older_than))
    rows = list(entries[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    context = {
        "form": form,
        "entries": [readable(entry) for entry in rows],
        "next_older_than": rows[-1].pk if more else None,
        "paged": older_than.isdigit(),
    }
    return render(request, "portal/audit_log.html", context)


@require_safe
def audit_log_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Every entry the filters select, with the same words as the page."""
    if (refusal := _refused(request)) is not None:
        return refusal
    form = _filter_form(request)
    entries = filtered_entries(request, form)
    writer = csv.writer(Echo())

    def rows():
        yield writer.writerow([_("Tidspunkt"), _("Hvem"), _("Hva"), _("Endringer")])
        for entry in entries.iterator(chunk_size=1000):
            item = readable(entry)
            changes = "; ".join(
                f"{change.label}: {change.before} → {change.after}" for change in item.changes
            )
            when = date_format(timezone.localtime(entry.created_at), "DATETIME_FORMAT")
            yield writer.writerow(
                [
                    safe_cell(when),
                    safe_cell(item.actor),
                    safe_cell(item.sentence),
                    safe_cell(changes),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="revisjonslogg.csv"'
    return response
