"""The optional profile: stakeholder category, age band and area, set, changed
and withdrawn by the person alone, read only in aggregate figures."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from participants.models import AgeBand, StakeholderCategory, User
from portal.models import Area
from processes.services.participation import Groups, participation_profile_moved

PROFILE_FIELDS = ("stakeholder_category", "age_band", "area")


@transaction.atomic
def profile_update(
    *, user: User, municipality, stakeholder_category: str, age_band: str, area: Area | None
) -> User:
    """Save the three optional answers; blank (or ``None``) withdraws one.
    The area must be one of ``municipality``'s; otherwise nothing is written."""
    errors = {}
    if stakeholder_category and stakeholder_category not in StakeholderCategory.values:
        errors["stakeholder_category"] = _("Velg en av aktørkategoriene i listen.")
    if age_band and age_band not in AgeBand.values:
        errors["age_band"] = _("Velg en av aldersgruppene i listen.")
    if area is not None and area.municipality_id != municipality.pk:
        errors["area"] = _("Velg et område i denne kommunen.")
    if errors:
        raise ValidationError(errors)
    return _save(user, stakeholder_category or "", age_band or "", area)


def profile_clear(*, user: User) -> User:
    """Withdraw all three answers."""
    return _save(user, "", "", None)


@transaction.atomic
def _save(user: User, stakeholder_category: str, age_band: str, area: Area | None) -> User:
    """Save the answers, and move the person in the participation counts of
    the processes they took part in."""
    before = Groups.of_person(user)
    user.stakeholder_category, user.age_band, user.area = stakeholder_category, age_band, area
    user.save(update_fields=list(PROFILE_FIELDS))
    participation_profile_moved(person=user, before=before)
    return user
