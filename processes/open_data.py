"""Open data: a process's contributions with their status, timeline and
feedback, as CSV and JSON, without personal data.

The columns are declared once (``COLUMNS``, ``TIMELINE_COLUMNS``): the files,
the page that documents them and the test that holds them to the personal-data
inventory (``tests/processes/test_open_data.py``) all read them. Every field of
the models the export reads is either exported or left out with the reason
(``LEFT_OUT``), so a new field is decided on before it can slip in or out.
Nothing names a person: no author, no actor, no account id, no name.

Rows are read in batches by primary key (three queries per ``BATCH``), so
10,000 contributions stream in a few dozen queries and little memory.
"""

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _

from portal.spreadsheet import Echo, safe_cell
from processes.models import STATUS_LABELS, Comment, Contribution, Process, Solution, TimelineEvent

BATCH = 1000


@dataclass(frozen=True)
class Column:
    name: str
    # The lookup read from ``Contribution`` (or ``TimelineEvent``); "" for a
    # column made from others (``sources``).
    lookup: str
    description: object
    sources: tuple[str, ...] = ()
    present: Callable[[dict], object] | None = None

    @property
    def lookups(self) -> tuple[str, ...]:
        return (self.lookup,) if self.lookup else self.sources


def _status_label(row: dict) -> str:
    return str(STATUS_LABELS.get(row["kind"], {}).get(row["status"], row["status"]))


def _body(row: dict) -> str:
    """A comment hidden by the municipality is not published again here."""
    hidden = row["kind"] == Contribution.Kind.COMMENT and row["status"] == Comment.Status.HIDDEN
    return "" if hidden else row["body"]


def _latest_feedback(row: dict) -> str:
    answered = [event for event in row["_timeline"] if event["text"]]
    return answered[-1]["text"] if answered else ""


def _latest_feedback_at(row: dict):
    answered = [event for event in row["_timeline"] if event["text"]]
    return answered[-1]["created_at"] if answered else None


COLUMNS = (
    Column("referanse", "reference", _("Innspillets offentlige referanse, f.eks. INN-2026-0042.")),
    Column(
        "type",
        "kind",
        _("need (behov), solution (løsning), comment (kommentar) eller test_round (testrunde)."),
    ),
    Column("runde", "round__number", _("Nummeret på runden innspillet kom i.")),
    Column("status", "status", _("Status som kode.")),
    Column(
        "status_tekst",
        "",
        _("Status i ord."),
        sources=("kind", "status"),
        present=_status_label,
    ),
    Column(
        "gitt_som",
        "given_as",
        _("Hvordan innspillet ble gitt: citizen, organisation, staff, politician eller on_behalf."),
    ),
    Column(
        "aktorkategori",
        "stakeholder_category",
        _("Aktørkategorien innspillet er gitt under, hvis den er kjent."),
    ),
    Column(
        "organisasjon",
        "organisation__name",
        _("Organisasjonen innspillet er gitt på vegne av, hvis det er gitt for en."),
    ),
    Column(
        "arena",
        "arena__title",
        _("Arenaen innspillet kom fra, hvis kommunen skrev det ned der."),
    ),
    Column("sendt_inn", "created_at", _("Når innspillet kom inn (ISO 8601).")),
    Column("sist_endret", "updated_at", _("Når innspillet sist ble endret (ISO 8601).")),
    Column("tittel", "solution__title", _("Løsningens tittel (bare løsninger).")),
    Column(
        "tekst",
        "",
        _("Innspillets tekst. Tom for kommentarer kommunen har skjult."),
        sources=("kind", "status", "body"),
        present=_body,
    ),
    Column("hvem_har_behovet", "need__who_has_need", _("Hvem som har behovet (bare behov).")),
    Column(
        "antall_med_samme_behov",
        "need__support_count",
        _("Hvor mange som har sagt at de har samme behov."),
    ),
    Column(
        "slatt_sammen_med",
        "need__merged_into__reference",
        _("Referansen til behovet dette er slått sammen med."),
    ),
    Column("testplan", "solution__test_plan", _("Løsningens testplan.")),
    Column(
        "losning_for",
        "",
        _("Referansene til behovene løsningen svarer på."),
        sources=("solution__needs__reference",),
        present=lambda row: row["_needs"],
    ),
    Column(
        "gjelder", "comment__target__reference", _("Referansen til innspillet kommentaren gjelder.")
    ),
    Column(
        "svar_pa",
        "comment__parent__reference",
        _("Referansen til kommentaren dette er et svar på."),
    ),
    Column(
        "testet_losning",
        "testround__tested_solution__reference",
        _("Referansen til løsningen som ble testet."),
    ),
    Column("testdato", "testround__held_on", _("Dagen testen ble holdt.")),
    Column("teststed", "testround__place", _("Hvor testen ble holdt.")),
    Column(
        "med_hvem", "testround__participant_categories", _("Aktørkategoriene testen ble gjort med.")
    ),
    Column("antall_deltakere", "testround__head_count", _("Hvor mange som var med på testen.")),
    Column("funn", "testround__findings", _("Hva testen fant.")),
    Column(
        "testbeslutning",
        "testround__decision",
        _("Beslutningen etter testen: adjust, adopt eller discard."),
    ),
    Column("laering", "testround__learning", _("Hva kommunen lærte av testen.")),
    Column(
        "siste_tilbakemelding",
        "",
        _("Den siste begrunnede tilbakemeldingen på innspillet."),
        sources=("timeline__text",),
        present=_latest_feedback,
    ),
    Column(
        "siste_tilbakemelding_tidspunkt",
        "",
        _("Når den siste tilbakemeldingen ble gitt."),
        sources=("timeline__created_at",),
        present=_latest_feedback_at,
    ),
)

# Each step of an input's timeline (the column ``tidslinje``).
TIMELINE_COLUMNS = (
    Column("tidspunkt", "created_at", _("Når det skjedde.")),
    Column(
        "hendelse", "kind", _("Hva som skjedde, som kode (created, status, merged, tested, …).")
    ),
    Column("fra_status", "from_status", _("Status før.")),
    Column("til_status", "to_status", _("Status etter.")),
    Column("tilbakemelding", "text", _("Kommunens begrunnede tilbakemelding.")),
)
TIMELINE_COLUMN = Column(
    "tidslinje",
    "",
    _(
        "Innspillets tidslinje, eldste først. I CSV-filen som JSON-tekst; "
        "hvert steg har feltene under."
    ),
    sources=tuple(f"timeline__{column.lookup}" for column in TIMELINE_COLUMNS),
)

# The fields of the models the export reads that it leaves out, and why.
LEFT_OUT = {
    ("processes.Contribution", "id"): "the database key: the reference names the input",
    ("processes.Contribution", "process"): "the file is the process's own",
    ("processes.Contribution", "author"): "a person",
    ("processes.Contribution", "version"): "an edit counter",
    ("processes.Need", "topics"): "the process's topics, shown on its pages",
    (
        "processes.Comment",
        "hidden_reason",
    ): "the same words as the step that hid it (tilbakemelding)",
    ("processes.Comment", "report_count"): "moderation's count of open reports",
    ("processes.TimelineEvent", "id"): "the database key",
    ("processes.TimelineEvent", "process"): "the file is the process's own",
    ("processes.TimelineEvent", "contribution"): "the step is listed under its input",
    ("processes.TimelineEvent", "actor"): "a person",
    ("processes.TimelineEvent", "facts"): "details as data, which may name people",
}

_READ = tuple(
    dict.fromkeys(
        lookup
        for column in COLUMNS
        for lookup in column.lookups
        if not lookup.startswith(("timeline__", "solution__needs__"))
    )
)
_TIMELINE_READ = ("contribution_id", *(column.lookup for column in TIMELINE_COLUMNS))


def _batches(process: Process) -> Iterator[list[dict]]:
    """The process's contributions, oldest first, a batch at a time, each row
    with its timeline (``_timeline``) and, for a solution, its needs."""
    last = 0
    base = Contribution.objects.filter(process=process).order_by("pk")
    while True:
        rows = list(base.filter(pk__gt=last).values("pk", *_READ)[:BATCH])
        if not rows:
            return
        ids = [row["pk"] for row in rows]
        last = ids[-1]
        timeline = defaultdict(list)
        for event in (
            TimelineEvent.objects.filter(contribution_id__in=ids)
            .order_by("contribution_id", "created_at", "pk")
            .values(*_TIMELINE_READ)
        ):
            timeline[event.pop("contribution_id")].append(event)
        needs = defaultdict(list)
        for solution_id, reference in (
            Solution.needs.through.objects.filter(solution_id__in=ids)
            .order_by("need__reference")
            .values_list("solution_id", "need__reference")
        ):
            needs[solution_id].append(reference)
        for row in rows:
            row["_timeline"] = timeline[row["pk"]]
            row["_needs"] = needs[row["pk"]]
        yield rows


def _record(row: dict) -> dict:
    record = {}
    for column in COLUMNS:
        if column.present is not None:
            record[column.name] = column.present(row)
        else:
            record[column.name] = row[column.lookup]
    record[TIMELINE_COLUMN.name] = [
        {column.name: event[column.lookup] for column in TIMELINE_COLUMNS}
        for event in row["_timeline"]
    ]
    return record


def records(process: Process) -> Iterator[dict]:
    """Every contribution of ``process`` as an export record."""
    for rows in _batches(process):
        for row in rows:
            yield _record(row)


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return safe_cell(str(value))


def csv_lines(process: Process) -> Iterator[str]:
    writer = csv.writer(Echo())
    names = [column.name for column in (*COLUMNS, TIMELINE_COLUMN)]
    yield writer.writerow(names)
    for record in records(process):
        yield writer.writerow([_csv_value(record[name]) for name in names])


def json_chunks(process: Process, *, url: str) -> Iterator[str]:
    """One JSON document, written a record at a time."""
    head = {
        "prosess": process.slug,
        "tittel": process.title,
        "status": process.status,
        "kilde": url,
    }

    def dump(value) -> str:
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)

    yield dump(head)[:-1] + ', "innspill": ['
    first = True
    for record in records(process):
        yield ("" if first else ",") + "\n" + dump(record)
        first = False
    yield "\n]}\n"
