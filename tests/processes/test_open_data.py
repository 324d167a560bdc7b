"""A process's open data (CSV and JSON): no personal field of any model, what
the files hold, and few queries however many contributions.

The personal-data check reads the models' fields and the inventory
(``participants.personal_data``): an exported field must not link to a person,
must not be personal data the inventory deletes, scrubs or anonymises, and must
not look personal to the inventory's own walk. Every field of the models the
export reads is exported or left out with a reason, so a new field (a new
personal one above all) fails here until it is decided on.
"""

import csv
import io
import json
from datetime import date

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.personal_data import DATA, LINKS, NOT_PERSONAL, USER, Action
from processes import open_data
from processes.models import Comment, Contribution, Need, Solution

# Under its own name pytest would try to collect it as a test class.
from processes.models import TestRound as RoundOfTesting
from processes.services.contributions import contribution_add
from processes.services.needs import need_set_status, need_support
from tests.participants.test_personal_data_inventory import looks_personal

pytestmark = pytest.mark.django_db

EXPORTED_MODELS = ("Contribution", "Need", "Solution", "TestRound", "Comment", "TimelineEvent")


def resolve(model, lookup: str) -> list[tuple[str, str]]:
    """Each model field a lookup passes through, as (model label, field name)."""
    passed = []
    for part in lookup.split("__"):
        field = model._meta.get_field(part)
        passed.append((field.model._meta.label, field.name))
        if field.is_relation:
            model = field.related_model
    return passed


def exported_fields() -> dict[tuple[str, str], object]:
    """Every model field the files read, with the field itself."""
    found = {}
    for column in open_data.COLUMNS:
        for lookup in column.lookups:
            for label, name in resolve(Contribution, lookup):
                found[(label, name)] = apps.get_model(label)._meta.get_field(name)
    event = apps.get_model("processes.TimelineEvent")
    for column in open_data.TIMELINE_COLUMNS:
        found[("processes.TimelineEvent", column.lookup)] = event._meta.get_field(column.lookup)
    return found


def personal_problems(fields: dict) -> list[str]:
    links = {(link.model, link.field) for link in LINKS}
    not_kept = {(item.model, item.field) for item in DATA if item.on_delete != Action.KEEP}
    problems = []
    for (label, name), field in sorted(fields.items()):
        model = apps.get_model(label)
        if (label, name) in links:
            problems.append(f"{label}.{name} links to a person")
        elif (label, name) in not_kept:
            problems.append(f"{label}.{name} is personal data that goes with the person")
        elif field.is_relation and field.related_model._meta.label == USER:
            problems.append(f"{label}.{name} points to an account")
        elif (
            looks_personal(model, field)
            and (label, name) not in NOT_PERSONAL  # the inventory says why not
            and (label, name) not in {(item.model, item.field) for item in DATA}
        ):
            problems.append(f"{label}.{name} looks personal")
    return problems


def undecided(model_classes, exported: set, left_out: dict) -> list[str]:
    """Fields of the models the export reads that are neither exported nor left out."""
    missing = []
    for model in model_classes:
        for field in model._meta.get_fields(include_hidden=False):
            if field.auto_created and not field.concrete:
                continue  # a reverse relation
            if getattr(field, "model", model) is not model:
                continue  # inherited: decided on the parent
            if getattr(field, "remote_field", None) and getattr(
                field.remote_field, "parent_link", False
            ):
                continue  # the link to the parent row
            key = (model._meta.label, field.name)
            if key not in exported and key not in left_out:
                missing.append(f"{key[0]}.{key[1]}")
    return sorted(missing)


def test_no_exported_field_is_personal():
    assert personal_problems(exported_fields()) == []


def test_the_check_catches_an_author_a_name_and_an_actor():
    author = Contribution._meta.get_field("author")
    actor = apps.get_model("processes.TimelineEvent")._meta.get_field("actor")
    name = apps.get_model(USER)._meta.get_field("full_name")
    reason = apps.get_model("processes.CommentReport")._meta.get_field("reason")
    fields = {
        ("processes.Contribution", "author"): author,
        ("processes.TimelineEvent", "actor"): actor,
        (USER, "full_name"): name,
        ("processes.CommentReport", "reason"): reason,
    }

    assert len(personal_problems(fields)) == 4


def test_every_field_of_the_exported_models_is_exported_or_left_out():
    model_classes = [apps.get_model("processes", name) for name in EXPORTED_MODELS]

    assert undecided(model_classes, set(exported_fields()), open_data.LEFT_OUT) == [], (
        "Export these in processes/open_data.py (if they hold no personal data) "
        "or add them to LEFT_OUT with the reason"
    )


def test_a_new_field_on_an_exported_model_is_undecided_until_handled():
    class Petition(models.Model):
        signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
        signer_phone = models.CharField(max_length=20)

        class Meta:
            app_label = "processes"

        def __str__(self) -> str:
            return self.signer_phone

    try:
        assert undecided([Petition], set(), {}) == [
            "processes.Petition.id",
            "processes.Petition.signer",
            "processes.Petition.signer_phone",
        ]
    finally:
        apps.all_models["processes"].pop("petition", None)
        apps.clear_cache()


def test_every_left_out_field_exists():
    for label, name in open_data.LEFT_OUT:
        apps.get_model(label)._meta.get_field(name)  # raises for a field that is gone


# --- what the files hold ------------------------------------------------------


@pytest.fixture
def inputs(process, citizen, staff, make_user):
    """A need answered with feedback and supported, a solution to it, a test
    round, a published and a hidden comment, all by Kari Nordmann."""
    need = contribution_add(
        Need(kind=Contribution.Kind.NEED, body="Lys langs veien.", who_has_need="Skolebarn"),
        process=process,
        author=citizen,
        status=Need.Status.RECEIVED,
    )
    need = need_set_status(
        need=need, status=Need.Status.UNDER_REVIEW, text="Vi ser på lysene i vinter.", by=staff
    )
    supporter = make_user("per@example.org", "Per Støttesen")
    need_support(need=need, user=supporter)
    solution = contribution_add(
        Solution(kind=Contribution.Kind.SOLUTION, title="Gatelys", body="Sett opp lys."),
        process=process,
        author=citizen,
        status=Solution.Status.SELECTED,
    )
    solution.needs.add(need)
    test_round = contribution_add(
        RoundOfTesting(
            kind=Contribution.Kind.TEST_ROUND,
            body="Lys i to uker.",
            tested_solution=solution,
            participant_categories=["innbygger"],
            head_count=12,
            held_on=date(2026, 10, 1),
            place="Skoleveien",
            findings="Flere gikk.",
            decision=RoundOfTesting.Decision.ADOPT,
            learning="Lys hjelper.",
        ),
        process=process,
        author=staff,
        status=RoundOfTesting.Status.RECORDED,
    )
    shown = contribution_add(
        Comment(kind=Contribution.Kind.COMMENT, target=need, body="Enig med dette!"),
        process=process,
        author=citizen,
        status=Comment.Status.PUBLISHED,
    )
    hidden = contribution_add(
        Comment(kind=Contribution.Kind.COMMENT, target=need, body="Noe stygt om naboen."),
        process=process,
        author=citizen,
        status=Comment.Status.HIDDEN,
    )
    return {
        "need": need,
        "solution": solution,
        "test_round": test_round,
        "shown": shown,
        "hidden": hidden,
    }


def _content(response) -> str:
    return b"".join(response.streaming_content).decode()


def _csv_rows(process) -> list[dict]:
    response = Client().get(reverse("processes:open_data_csv", args=[process.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(_content(response))))


def _json(process) -> dict:
    response = Client().get(reverse("processes:open_data_json", args=[process.slug]))
    assert response.status_code == 200
    return json.loads(_content(response))


def test_the_csv_holds_each_contribution_with_status_feedback_and_timeline(process, inputs):
    rows = {row["referanse"]: row for row in _csv_rows(process)}
    need = rows[inputs["need"].reference]
    solution = rows[inputs["solution"].reference]
    test_round = rows[inputs["test_round"].reference]

    assert len(rows) == 5
    assert need["status"] == "under_review"
    assert need["status_tekst"] == "Til vurdering"
    assert need["siste_tilbakemelding"] == "Vi ser på lysene i vinter."
    assert need["antall_med_samme_behov"] == "1"
    steps = json.loads(need["tidslinje"])
    assert [step["til_status"] for step in steps] == ["received", "under_review"]
    assert steps[1]["tilbakemelding"] == "Vi ser på lysene i vinter."
    assert json.loads(solution["losning_for"]) == [inputs["need"].reference]
    assert solution["tittel"] == "Gatelys"
    assert test_round["testet_losning"] == inputs["solution"].reference
    assert test_round["funn"] == "Flere gikk."
    assert test_round["testdato"] == "2026-10-01"
    assert rows[inputs["shown"].reference]["gjelder"] == inputs["need"].reference


def test_the_json_holds_the_same_records(process, inputs):
    data = _json(process)
    records = {record["referanse"]: record for record in data["innspill"]}

    assert data["prosess"] == process.slug
    assert set(records) == {item.reference for item in inputs.values()}
    need = records[inputs["need"].reference]
    assert need["tidslinje"][-1]["tilbakemelding"] == "Vi ser på lysene i vinter."
    assert set(need) == {column.name for column in open_data.COLUMNS} | {"tidslinje"}


def test_no_name_address_or_account_id_is_in_the_files(process, inputs, citizen, staff):
    texts = [
        _content(Client().get(reverse(name, args=[process.slug])))
        for name in ("processes:open_data_csv", "processes:open_data_json")
    ]
    for text in texts:
        for person in (citizen, staff):
            assert person.full_name not in text
            assert person.email not in text
        assert "Støttesen" not in text
        assert "author" not in text and "actor" not in text


def test_a_hidden_comment_s_text_is_not_published_again(process, inputs):
    rows = {row["referanse"]: row for row in _csv_rows(process)}

    assert rows[inputs["hidden"].reference]["tekst"] == ""
    assert rows[inputs["shown"].reference]["tekst"] == "Enig med dette!"


def test_a_formula_in_a_text_is_not_run_by_a_spreadsheet(process, citizen):
    need = contribution_add(
        Need(kind=Contribution.Kind.NEED, body="=HYPERLINK(1)", who_has_need="Alle"),
        process=process,
        author=citizen,
        status=Need.Status.RECEIVED,
    )
    rows = {row["referanse"]: row for row in _csv_rows(process)}

    assert rows[need.reference]["tekst"] == "'=HYPERLINK(1)"


def test_the_data_page_documents_every_column_and_links_both_files(process):
    response = Client().get(reverse("processes:open_data", args=[process.slug]))
    html = response.content.decode()

    for column in (*open_data.COLUMNS, open_data.TIMELINE_COLUMN, *open_data.TIMELINE_COLUMNS):
        assert f"<code>{column.name}</code>" in html
    assert reverse("processes:open_data_csv", args=[process.slug]) in html
    assert reverse("processes:open_data_json", args=[process.slug]) in html


def test_the_process_page_links_the_data_page(process, inputs):
    response = Client().get(reverse("processes:detail", args=[process.slug]))

    assert reverse("processes:open_data", args=[process.slug]) in response.content.decode()


def _needs(process, author, count: int) -> None:
    for number in range(count):
        contribution_add(
            Need(kind=Contribution.Kind.NEED, body=f"Behov {number}", who_has_need="Alle"),
            process=process,
            author=author,
            status=Need.Status.RECEIVED,
        )


def _queries(process, name: str) -> int:
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name, args=[process.slug]))
        b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize("name", ["processes:open_data_csv", "processes:open_data_json"])
def test_the_files_read_a_batch_at_a_time(process, citizen, monkeypatch, name):
    from django.core.cache import cache

    monkeypatch.setattr(open_data, "BATCH", 5)
    _needs(process, citizen, 5)
    cache.clear()
    one_batch = _queries(process, name)
    _needs(process, citizen, 15)
    cache.clear()
    four_batches = _queries(process, name)

    # Three queries per batch (the rows, their timelines, solutions' needs),
    # and one more to find there is no next batch.
    assert four_batches - one_batch == 3 * 3
