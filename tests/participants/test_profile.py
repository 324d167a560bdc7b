"""The optional profile: set, changed and withdrawn by the person alone, and
never shown to anyone else."""

import pytest
from django.urls import reverse

from participants.models import AgeBand, StakeholderCategory, User
from portal.models import Area

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def area(municipality):
    return Area.objects.create(municipality=municipality, name="Sjøgrenda")


@pytest.fixture
def foreign_area(other_municipality):
    return Area.objects.create(municipality=other_municipality, name="Fjellgrenda")


def _post(client, **data):
    return client.post(reverse("participants:profile"), data)


def test_profile_is_set_changed_and_cleared(client, citizen, area):
    client.force_login(citizen)
    page = client.get(reverse("participants:profile")).content.decode()
    assert "Sjøgrenda" in page
    response = _post(client, stakeholder_category="business", age_band="30-44", area=area.pk)
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert (citizen.stakeholder_category, citizen.age_band, citizen.area) == (
        StakeholderCategory.BUSINESS,
        AgeBand.FROM_30,
        area,
    )
    _post(client, stakeholder_category="", age_band="30-44", area="")
    citizen.refresh_from_db()
    assert (citizen.stakeholder_category, citizen.age_band, citizen.area) == ("", "30-44", None)
    response = client.post(reverse("participants:profile"), {"fjern_alle": "1"})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert (citizen.stakeholder_category, citizen.age_band, citizen.area) == ("", "", None)


def test_area_of_another_municipality_is_refused_and_nothing_written(
    client, citizen, area, foreign_area
):
    User.objects.filter(pk=citizen.pk).update(age_band="18-29", area=area)
    client.force_login(citizen)
    page = client.get(reverse("participants:profile")).content.decode()
    assert "Fjellgrenda" not in page
    response = _post(client, stakeholder_category="citizen", age_band="67-79", area=foreign_area.pk)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Velg et område i denne kommunen." in html
    assert 'value="67-79" selected' in html  # what was typed is kept
    citizen.refresh_from_db()
    assert (citizen.stakeholder_category, citizen.age_band, citizen.area) == ("", "18-29", area)


def test_service_refuses_an_area_of_another_municipality(citizen, municipality, foreign_area):
    from django.core.exceptions import ValidationError

    from participants.profile import profile_update

    with pytest.raises(ValidationError):
        profile_update(
            user=citizen,
            municipality=municipality,
            stakeholder_category="citizen",
            age_band="",
            area=foreign_area,
        )
    citizen.refresh_from_db()
    assert (citizen.stakeholder_category, citizen.area) == ("", None)


def test_profile_is_not_shown_to_others(client, citizen, make_user, municipality, staff, area):
    from processes.models import Contribution, Need, Process, Round
    from processes.services.contributions import contribution_add

    process = Process.objects.create(
        municipality=municipality,
        title="Trygg skolevei",
        slug="trygg-skolevei",
        summary="Hvordan kan barna gå trygt til skolen?",
        problem_statement="Foreldre kjører barna.",
        status=Process.Status.OPEN,
        level=2,
    )
    process.owners.add(staff)
    Round.objects.create(process=process, number=1, started_by=staff)
    User.objects.filter(pk=citizen.pk).update(
        stakeholder_category="developer", age_band="80+", area=area
    )
    need = contribution_add(
        Need(kind=Contribution.Kind.NEED, body="Lys langs veien.", who_has_need="Skolebarn"),
        process=process,
        author=citizen,
        status=Need.Status.RECEIVED,
    )
    other = make_user("frank@example.org", "Frank Forfatter")
    for viewer in (other, staff):
        client.force_login(viewer)
        html = client.get(
            reverse("processes:need", kwargs={"slug": process.slug, "pk": need.pk})
        ).content.decode()
        assert "Lys langs veien." in html
        assert "Sjøgrenda" not in html
        assert "Utbygger eller eiendomsutvikler" not in html
        assert "80 år eller eldre" not in html
