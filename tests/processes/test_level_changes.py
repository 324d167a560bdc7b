"""A process's step on the samskapingstrapp: changed in its own form with a
justification, recorded with who, when, from and to, shown on the process page
and in its timeline; lowering is previewed and never removes anything."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ladder.levels import Level
from portal.models import AuditEntry
from portal.rules import Refused
from processes.models import (
    Comment,
    Contribution,
    LevelChange,
    Need,
    NeedSupport,
    Process,
    Solution,
    TimelineEvent,
)
from processes.services.comments import comment_add
from processes.services.levels import level_change
from processes.services.needs import need_log, need_support
from processes.services.processes import process_create, process_update
from processes.services.solutions import solution_propose

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(process) -> str:
    return reverse("processes:level", args=[process.slug])


def _data(**extra) -> dict:
    return {
        "level": "3",
        "target_level": "4",
        "justification": "Vi vil utvikle løsningene sammen.",
        **extra,
    }


def _checked(text: str, name: str, value: int) -> bool:
    return bool(re.search(rf'name="{name}" value="{value}"[^>]*checked', text))


def _fresh(process) -> Process:
    return Process.objects.get(pk=process.pk)


def _citizen_input(process, citizen, make_user):
    """Two needs, a support, a solution and a comment by citizens."""
    neighbour = make_user("nabo@example.org", "Nina Nabo")
    first = need_log(process=process, author=citizen, body="Lys", who_has_need="Barn")
    need_log(process=process, author=neighbour, body="Fortau", who_has_need="Barn")
    need_support(need=first, user=neighbour)
    solution_propose(process=process, author=citizen, title="Gatelys", body="Lys", needs=[first])
    comment_add(target=first, author=neighbour, body="Enig!")
    return first


# The service -----------------------------------------------------------------


def test_a_level_change_is_recorded_with_who_when_from_to_and_why(process, staff):
    version = process.version

    change = level_change(
        actor=staff, process=process, level=3, target_level=4, justification="  Sammen.  "
    )

    process = _fresh(process)
    assert (process.level, process.target_level, process.version) == (3, 4, version + 1)
    assert (change.from_level, change.to_level, change.from_target, change.to_target) == (
        2,
        3,
        2,
        4,
    )
    assert change.changed_by == staff and change.justification == "Sammen."
    event = TimelineEvent.objects.get(process=process, kind=TimelineEvent.Kind.LEVEL)
    assert (event.from_status, event.to_status, event.text) == ("2", "3", "Sammen.")
    audit = AuditEntry.objects.get(action="process.level")
    assert audit.before == {"level": 2, "target_level": 2}
    assert audit.after["level"] == 3


def test_a_level_change_without_justification_writes_nothing(process, staff):
    with pytest.raises(ValidationError):
        level_change(actor=staff, process=process, level=3, target_level=3, justification=" ")

    assert not LevelChange.objects.exists()
    assert _fresh(process).level == 2


def test_the_same_level_and_target_again_is_no_change(process, staff):
    with pytest.raises(ValidationError):
        level_change(actor=staff, process=process, level=2, target_level=2, justification="Nei.")

    assert not LevelChange.objects.exists()


def test_only_the_owners_and_admins_change_the_level(
    process, staff_non_owner, citizen, politician, admin_user
):
    for person in (staff_non_owner, citizen, politician):
        with pytest.raises(Refused):
            level_change(actor=person, process=process, level=1, target_level=1, justification="X")
    assert not LevelChange.objects.exists()

    level_change(actor=admin_user, process=process, level=1, target_level=1, justification="X")
    assert _fresh(process).level == 1


def test_the_process_form_cannot_change_the_level(process, staff):
    with pytest.raises(TypeError):
        process_update(process=process, by=staff, version=process.version, level=4)

    assert _fresh(process).level == 2


def test_a_new_process_records_the_level_it_starts_on(municipality, staff):
    process = process_create(
        municipality=municipality, by=staff, title="Ny park", summary="S", problem_statement="P"
    )

    change = LevelChange.objects.get(process=process)
    assert change.is_creation and (change.to_level, change.to_target) == (2, 2)
    assert change.changed_by == staff


# The form --------------------------------------------------------------------


def test_the_owner_changes_the_level_with_a_justification(client, process, staff):
    client.force_login(staff)

    response = client.post(_url(process), _data())

    assert response.status_code == 302
    assert _fresh(process).level == 3
    assert LevelChange.objects.get().justification == "Vi vil utvikle løsningene sammen."


def test_the_owner_changes_the_level_with_htmx(client, process, staff):
    client.force_login(staff)

    response = client.post(_url(process), _data(), **HTMX)

    assert response.status_code == 200
    assert response["HX-Redirect"] == process.get_absolute_url()
    assert _fresh(process).level == 3


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_a_change_without_justification_is_refused_and_keeps_what_was_chosen(
    client, process, staff, headers
):
    client.force_login(staff)
    updated_at = _fresh(process).updated_at

    response = client.post(
        _url(process), {"level": "4", "target_level": "4", "justification": "   "}, **headers
    )

    assert response.status_code == 200
    assert "Skriv hvorfor prosessen får dette trinnet." in response.text
    assert _checked(response.text, "level", 4)
    assert not LevelChange.objects.exists()
    assert _fresh(process).updated_at == updated_at


def test_a_refused_change_keeps_the_text_typed(client, process, staff):
    client.force_login(staff)

    response = client.post(
        _url(process),
        {"level": "2", "target_level": "2", "justification": "Min lange begrunnelse"},
    )

    assert response.status_code == 200
    assert "Min lange begrunnelse" in response.text
    assert "Trinnet og målet er de samme som før." in response.text
    assert not LevelChange.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "login"),
        ("citizen", 403),
        ("staff_non_owner", 403),
        ("politician", 403),
        ("other_staff", 403),
    ],
)
def test_the_level_form_is_refused_to_all_but_the_owners(as_role, process, role, expected):
    client = as_role(role)
    updated_at = _fresh(process).updated_at

    responses = [client.get(_url(process)), client.post(_url(process), _data())]

    for response in responses:
        if expected == "login":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("participants:login"))
        else:
            assert response.status_code == expected
    assert not LevelChange.objects.exists()
    assert _fresh(process).updated_at == updated_at
    assert _fresh(process).level == 2


# Lowering ------------------------------------------------------------------


def test_lowering_shows_what_citizens_lose_and_the_content_it_touches_first(
    client, process, staff, citizen, make_user
):
    _citizen_input(process, citizen, make_user)
    client.force_login(staff)
    updated_at = _fresh(process).updated_at
    data = {"level": "1", "target_level": "2", "justification": "Vedtaket er gjort."}

    response = client.post(_url(process), data)

    text = response.text
    assert response.status_code == 200
    assert "Innbyggere vil ikke lenger kunne:" in text
    assert "<li>melde behov</li>" in text and "<li>kommentere</li>" in text
    assert "2 behov meldt av innbyggere" in text
    assert "1 støtte til behov" in text
    assert "1 løsning foreslått av innbyggere" in text
    assert "1 kommentar fra innbyggere" in text
    assert "Vedtaket er gjort." in text
    assert _fresh(process).level == 2
    assert _fresh(process).updated_at == updated_at
    assert not LevelChange.objects.exists()


def test_lowering_from_two_to_one_keeps_all_content(client, process, staff, citizen, make_user):
    _citizen_input(process, citizen, make_user)
    client.force_login(staff)
    rows = (Contribution.objects.count(), NeedSupport.objects.count())
    statuses = list(Contribution.objects.order_by("pk").values_list("status", flat=True))
    data = {
        "level": "1",
        "target_level": "2",
        "justification": "Vedtaket er gjort.",
        "confirm": "1",
    }

    response = client.post(_url(process), data)

    assert response.status_code == 302
    assert _fresh(process).level == 1
    assert (Contribution.objects.count(), NeedSupport.objects.count()) == rows
    assert list(Contribution.objects.order_by("pk").values_list("status", flat=True)) == statuses
    assert Need.objects.count() == 2 and Solution.objects.count() == 1
    assert Comment.objects.filter(status=Comment.Status.PUBLISHED).count() == 1
    page = client.get(reverse("processes:needs", args=[process.slug])).text
    assert "Lys" in page and "Fortau" in page


def test_lowering_with_htmx_previews_and_then_confirms(client, process, staff):
    client.force_login(staff)
    data = {"level": "1", "target_level": "1", "justification": "Vedtaket er gjort."}

    preview = client.post(_url(process), data, **HTMX)
    done = client.post(_url(process), {**data, "confirm": "1"}, **HTMX)

    assert 'id="trinn-skjema"' in preview.text and "<html" not in preview.text
    assert 'name="confirm"' in preview.text
    assert done["HX-Redirect"] == process.get_absolute_url()
    assert _fresh(process).level == 1


def test_raising_needs_no_confirmation(client, process, staff):
    client.force_login(staff)

    client.post(_url(process), _data())

    assert _fresh(process).level == 3


# Where the history shows -----------------------------------------------------


def test_the_history_is_on_the_process_page_and_in_its_timeline(client, process, staff, citizen):
    level_change(
        actor=staff, process=process, level=1, target_level=3, justification="Først informasjon."
    )
    client.force_login(citizen)

    page = client.get(process.get_absolute_url()).text
    history = client.get(reverse("processes:history", args=[process.slug])).text

    assert "Endringer av trinn" in page
    assert "Fra 2 Ansvarliggjørende samskaping (medvirkning) til 1 Styrt samskaping" in page
    assert "Først informasjon." in page and staff.full_name in page
    assert "Nytt trinn i samskapingstrappa" in page
    assert "Nytt trinn i samskapingstrappa" in history and "Først informasjon." in history


def test_after_a_change_the_cached_process_page_shows_the_new_level(client, process, staff):
    before = client.get(process.get_absolute_url()).text
    assert "Prosessen står på trinn 2 Ansvarliggjørende" in before

    level_change(actor=staff, process=process, level=3, target_level=3, justification="Sammen.")

    after = client.get(process.get_absolute_url()).text
    assert "Prosessen står på trinn 3 Likeverdig samskaping" in after
    assert "Sammen." in after


def test_only_the_owners_see_the_link_to_change_the_level(client, process, staff, citizen):
    link = _url(process)
    assert link not in client.get(process.get_absolute_url()).text
    client.force_login(citizen)
    assert link not in client.get(process.get_absolute_url()).text
    client.force_login(staff)
    assert link in client.get(process.get_absolute_url()).text


# The questionnaire on the form ---------------------------------------------


def test_the_questionnaire_suggests_and_preselects_a_level(client, process, staff):
    client.force_login(staff)
    answers = {
        "sporsmal-problem": "together",
        "sporsmal-solutions": "together",
        "sporsmal-decides": "together",
        "sporsmal-carries_out": "together",
        "sporsmal-decided": "little",
    }

    response = client.get(_url(process), answers)

    text = response.text
    assert response.status_code == 200
    assert "Forslag: trinn 3 Likeverdig samskaping (samarbeid)" in text
    assert _checked(text, "level", 3)
    assert not LevelChange.objects.exists()
    assert _fresh(process).level == 2


def test_the_form_without_answers_shows_the_current_level_and_what_each_step_means(
    client, process, staff
):
    client.force_login(staff)

    text = client.get(_url(process)).text

    assert "Forslag:" not in text
    assert _checked(text, "level", 2)
    for level in Level:
        assert str(level.label) in text
    assert "informasjonsmøter" in text


def test_the_preview_takes_focus_and_is_announced_after_an_htmx_swap(client, process, staff):
    client.force_login(staff)
    data = {"level": "1", "target_level": "1", "justification": "Vedtaket er gjort."}

    text = client.post(_url(process), data, **HTMX).text

    assert re.search(r'class="ds-alert[^"]*"[^>]*data-focus[^>]*data-announce="[^"]+"', text)


def test_the_preview_counts_in_a_fixed_number_of_queries(
    process, citizen, make_user, django_assert_num_queries
):
    from processes.selectors import citizen_content_counts

    _citizen_input(process, citizen, make_user)
    with django_assert_num_queries(2):
        counts = citizen_content_counts(process)

    assert counts == {
        "log_need": 2,
        "support_need": 1,
        "propose_solution": 1,
        "comment": 1,
        "record_test_round": 0,
    }


def test_staff_input_and_support_are_not_counted_as_citizens(process, staff, citizen):
    from processes.selectors import citizen_content_counts

    need = need_log(process=process, author=citizen, body="Lys", who_has_need="Barn")
    need_log(process=process, author=staff, body="Skilt", who_has_need="Bilister")
    need_support(need=need, user=staff)

    counts = citizen_content_counts(process)

    assert (counts["log_need"], counts["support_need"]) == (1, 0)


def test_the_create_form_has_no_level_and_the_new_process_records_its_first_step(
    client, municipality, staff
):
    client.force_login(staff)
    form = client.get(reverse("processes:create")).text
    assert 'name="level"' not in form and 'name="target_level"' not in form

    client.post(
        reverse("processes:create"),
        {"title": "Ny park", "summary": "S", "problem_statement": "P", "level": "4"},
    )

    process = Process.objects.get(title="Ny park")
    assert process.level == 2
    assert LevelChange.objects.get(process=process).is_creation
    assert "Opprettet på trinn 2 Ansvarliggjørende" in client.get(process.get_absolute_url()).text


def test_the_edit_form_no_longer_changes_the_level(client, process, staff):
    client.force_login(staff)
    data = {
        "title": "Trygg skolevei",
        "summary": process.summary,
        "problem_statement": process.problem_statement,
        "owners": [staff.pk],
        "cover_alt": "",
        "version": process.version,
        "level": "4",
        "target_level": "4",
    }

    response = client.post(reverse("processes:edit", args=[process.slug]), data)

    assert response.status_code == 302
    assert (_fresh(process).level, _fresh(process).target_level) == (2, 2)
    assert not LevelChange.objects.exists()


def test_the_migration_records_the_step_each_existing_process_stands_on(process):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("processes.migrations.0003_level_changes")
    Process.objects.filter(pk=process.pk).update(level=3, target_level=4)

    migration.record_the_level_each_process_stands_on(apps, None)

    change = LevelChange.objects.get(process=process)
    assert change.is_creation and (change.to_level, change.to_target) == (3, 4)
    assert change.changed_at == process.created_at
