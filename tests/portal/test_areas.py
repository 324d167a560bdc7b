"""The municipality's areas, kept by its administrator (portal.areas)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from participants.models import User
from portal.areas import area_create, area_remove, area_update
from portal.models import Area, AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_add_rename_and_remove(admin_user, municipality, citizen):
    area = area_create(municipality=municipality, by=admin_user, name="  Sjø   grenda ")
    assert area.name == "Sjø grenda"
    area_update(area=area, by=admin_user, name="Sjøgrenda", kind=area.kind, population=None)
    area.refresh_from_db()
    assert area.name == "Sjøgrenda"
    User.objects.filter(pk=citizen.pk).update(area=area)
    area_remove(area=area, by=admin_user)
    assert not Area.objects.filter(pk=area.pk).exists()
    citizen.refresh_from_db()
    assert citizen.area is None
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-3:] == ["area.create", "area.update", "area.remove"]


def test_duplicate_name_is_refused(admin_user, municipality, other_admin, other_municipality):
    area_create(municipality=municipality, by=admin_user, name="Sjøgrenda")
    other = area_create(municipality=municipality, by=admin_user, name="Fjellgrenda")
    with pytest.raises(ValidationError) as error:
        area_create(municipality=municipality, by=admin_user, name="sjøgrenda")
    assert "allerede et område" in str(error.value)
    with pytest.raises(ValidationError):
        area_update(area=other, by=admin_user, name="Sjøgrenda", kind=other.kind, population=None)
    other.refresh_from_db()
    assert other.name == "Fjellgrenda"
    assert Area.objects.filter(municipality=municipality).count() == 2
    # Another municipality may have the same name.
    area_create(municipality=other_municipality, by=other_admin, name="Sjøgrenda")


def test_only_the_administrator(citizen, staff, municipality):
    for person in (citizen, staff):
        with pytest.raises(PermissionDenied):
            area_create(municipality=municipality, by=person, name="Sjøgrenda")
    assert not Area.objects.exists()
