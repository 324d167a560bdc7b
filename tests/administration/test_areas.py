"""Areas and the reference population on the administrator's pages: added,
changed and removed, each audited and shown at once on cached pages; bad
input keeps what was typed and writes nothing; another municipality's
areas are out of reach. Processes name the areas they concern."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from participants.models import AgeBand, User
from portal.models import AgePopulation, Area, AuditEntry, Municipality
from portal.population import population_save
from processes.services.processes import process_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(admin_user, client_as):
    return client_as(admin_user)


@pytest.fixture
def area(municipality):
    return Area.objects.create(municipality=municipality, name="Vika", population=1_150)


@pytest.fixture
def other_area(other_municipality):
    return Area.objects.create(municipality=other_municipality, name="Bortevik", population=99)


def _rows() -> tuple:
    return (
        list(Area.objects.order_by("pk").values_list("name", "kind", "population")),
        list(AgePopulation.objects.order_by("pk").values_list("age_band", "count")),
        AuditEntry.objects.count(),
    )


def test_an_area_is_added_with_its_inhabitants_and_audited(admin, municipality):
    response = admin.post(
        reverse("administration:areas"),
        {"nytt-name": "  Nord   stranda ", "nytt-kind": "town", "nytt-population": "720"},
    )

    assert response.status_code == 302
    area = Area.objects.get()
    assert (area.name, area.kind, area.population, area.municipality) == (
        "Nord stranda",
        Area.Kind.TOWN,
        720,
        municipality,
    )
    entry = AuditEntry.objects.get(action="area.create")
    assert entry.after == {"name": "Nord stranda", "kind": "town", "population": 720}
    page = admin.get(reverse("administration:areas")).content.decode()
    assert "Nord stranda" in page and "720 innbyggere" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"nytt-name": "", "nytt-population": "12"}, "Skriv et navn på området."),
        ({"nytt-name": "Vika", "nytt-population": "-5"}, "kan ikke være negativt"),
        ({"nytt-name": "Nordstranda", "nytt-population": "mange"}, "Skriv et helt antall"),
        ({"nytt-name": "Nordstranda", "nytt-population": "99999999999"}, "høyst 10 000 000"),
        ({"nytt-name": "x" * 121, "nytt-population": ""}, "høyst 120 tegn. Nå er den 121 tegn"),
        ({"nytt-name": "vika", "nytt-population": ""}, "allerede et område"),
        ({"nytt-name": "Nordstranda", "nytt-kind": "planet"}, "Velg grend, tettsted eller bydel."),
    ],
)
def test_bad_input_is_refused_kept_and_writes_nothing(admin, area, typed, message):
    before = _rows()

    response = admin.post(reverse("administration:areas"), {"nytt-kind": "hamlet", **typed})

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    for key, value in typed.items():
        if key != "nytt-kind" and value:
            assert f'value="{value}"' in page
    assert _rows() == before


def test_a_change_is_audited_and_shows_at_once_on_cached_pages(admin, client, area, process):
    process.areas.add(area)
    for _ in range(2):
        assert "Vika" in client.get(process.get_absolute_url()).content.decode()

    response = admin.post(
        reverse("administration:area_change", args=[area.pk]),
        {
            f"omrade-{area.pk}-name": "Vikane",
            f"omrade-{area.pk}-kind": "district",
            f"omrade-{area.pk}-population": "1200",
        },
    )

    assert response.status_code == 302
    area.refresh_from_db()
    assert (area.name, area.kind, area.population) == ("Vikane", "district", 1_200)
    entry = AuditEntry.objects.get(action="area.update")
    assert entry.before == {"name": "Vika", "kind": "hamlet", "population": 1_150}
    assert entry.after == {"name": "Vikane", "kind": "district", "population": 1_200}
    assert "Vikane" in client.get(process.get_absolute_url()).content.decode()


def test_a_refused_change_keeps_what_was_typed_and_writes_nothing(admin, area, municipality):
    Area.objects.create(municipality=municipality, name="Skogbygda")
    before = _rows()

    response = admin.post(
        reverse("administration:area_change", args=[area.pk]),
        {
            f"omrade-{area.pk}-name": "skogbygda",
            f"omrade-{area.pk}-kind": "hamlet",
            f"omrade-{area.pk}-population": "77",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "allerede et område" in page
    assert 'value="skogbygda"' in page and 'value="77"' in page
    assert _rows() == before


def test_removing_an_area_clears_it_from_profiles_and_processes(admin, area, citizen, process):
    User.objects.filter(pk=citizen.pk).update(area=area)
    process.areas.add(area)

    response = admin.post(reverse("administration:area_delete", args=[area.pk]))

    assert response.status_code == 302
    assert not Area.objects.exists()
    citizen.refresh_from_db()
    assert citizen.area is None
    assert list(process.areas.all()) == []
    assert AuditEntry.objects.get(action="area.remove").before == {"name": "Vika"}


def test_another_municipalitys_area_is_out_of_reach(admin, other_area):
    before = _rows()
    change = reverse("administration:area_change", args=[other_area.pk])
    data = {f"omrade-{other_area.pk}-name": "Min", f"omrade-{other_area.pk}-kind": "hamlet"}

    assert admin.post(change, data).status_code == 404
    assert admin.post(reverse("administration:area_delete", args=[other_area.pk])).status_code == (
        404
    )
    assert "Bortevik" not in admin.get(reverse("administration:areas")).content.decode()
    assert _rows() == before


def test_the_population_by_age_is_saved_audited_and_cleared(admin, municipality):
    fields = {f"alder_{band.replace('-', '_').replace('+', '_pluss')}": "" for band in AgeBand}
    fields |= {"alder_0_17": "1380", "alder_80_pluss": "330", "source": " SSB,  07459 "}

    assert admin.post(reverse("administration:population"), fields).status_code == 302

    assert dict(AgePopulation.objects.values_list("age_band", "count")) == {
        "0-17": 1_380,
        "80+": 330,
    }
    assert Municipality.objects.get(pk=municipality.pk).population_source == "SSB, 07459"
    entry = AuditEntry.objects.get(action="population.save")
    assert entry.after == {"0-17": 1_380, "80+": 330, "source": "SSB, 07459"}
    page = admin.get(reverse("administration:population")).content.decode()
    assert 'value="1380"' in page and "1710 innbyggere til sammen" in page

    # An emptied field removes its figure; an unchanged form writes no entry.
    admin.post(reverse("administration:population"), fields | {"alder_80_pluss": ""})
    admin.post(reverse("administration:population"), fields | {"alder_80_pluss": ""})
    assert dict(AgePopulation.objects.values_list("age_band", "count")) == {"0-17": 1_380}
    assert AuditEntry.objects.filter(action="population.save").count() == 2


def test_bad_population_input_is_kept_and_writes_nothing(admin, municipality):
    AgePopulation.objects.create(municipality=municipality, age_band="18-29", count=870)
    before = _rows()

    response = admin.post(
        reverse("administration:population"),
        {"alder_18_29": "åtte hundre", "alder_30_44": "-1", "source": "SSB"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Skriv et helt antall innbyggere" in page and "kan ikke være negativt" in page
    assert 'value="åtte hundre"' in page and 'value="SSB"' in page
    assert _rows() == before


def test_the_population_service_asks_the_rules(staff, municipality):
    with pytest.raises(PermissionDenied):
        population_save(municipality=municipality, by=staff, counts={"0-17": 5}, source="")
    assert not AgePopulation.objects.exists()


def test_the_participation_page_compares_with_the_saved_figures(admin, client, process):
    page = reverse("processes:participation", args=[process.slug])
    assert "SSB 07459" not in client.get(page).content.decode()  # cached as it was

    admin.post(
        reverse("administration:population"),
        {"alder_45_66": "1720", "alder_67_79": "1720", "source": "SSB 07459"},
    )

    shown = client.get(page).content.decode()
    assert "Innbyggertall: SSB 07459." in shown
    assert "50 %" in shown  # each band's share of the inhabitants


def test_a_process_names_its_areas_and_the_page_shows_them(client_as, staff, area, process):
    owner = client_as(staff)
    edit = reverse("processes:edit", args=[process.slug])
    form = owner.get(edit).content.decode()
    assert f'value="{area.pk}"' in form and "Vika" in form

    data = {
        "title": process.title,
        "summary": process.summary,
        "problem_statement": process.problem_statement,
        "owners": [staff.pk],
        "areas": [area.pk],
        "version": process.version,
    }
    assert owner.post(edit, data).status_code == 302

    assert list(process.areas.all()) == [area]
    assert AuditEntry.objects.get(action="process.update").after == {"areas": ["Vika"]}
    page = client_as(None).get(process.get_absolute_url()).content.decode()
    assert "Gjelder" in page and "Vika" in page


def test_a_process_page_without_areas_concerns_the_whole_municipality(client, process):
    assert "Hele kommunen" in client.get(process.get_absolute_url()).content.decode()


def test_another_municipalitys_area_is_refused_on_a_process(client_as, staff, other_area, process):
    owner = client_as(staff)
    data = {
        "title": process.title,
        "summary": process.summary,
        "problem_statement": process.problem_statement,
        "owners": [staff.pk],
        "areas": [other_area.pk],
        "version": process.version,
    }

    response = owner.post(reverse("processes:edit", args=[process.slug]), data)

    assert response.status_code == 200
    assert not process.areas.exists()
    with pytest.raises(ValidationError) as refused:
        process_update(process=process, by=staff, version=process.version, areas=[other_area])
    assert "kommunens egne områder" in str(refused.value)
    assert not process.areas.exists()


def test_the_audit_log_tells_the_changes_in_words(admin, area):
    admin.post(
        reverse("administration:area_change", args=[area.pk]),
        {f"omrade-{area.pk}-name": "Vika", f"omrade-{area.pk}-kind": "hamlet"},
    )
    admin.post(reverse("administration:population"), {"alder_80_pluss": "330"})

    log = admin.get(reverse("portal:audit_log")).content.decode()

    assert "endret området «Vika»" in log and "Innbyggere: 1150 → –" in log
    assert "endret innbyggertallene etter alder" in log and "80 år eller eldre: – → 330" in log
