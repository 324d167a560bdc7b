"""Input on an organisation's behalf: only its members, shown as
"Navn for Organisasjon", counted under the organisation's category; a refused
write writes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from participants.models import Organisation, OrganisationMember
from processes.models import (
    Contribution,
    Need,
    Process,
    ReferenceCounter,
    Solution,
    TimelineEvent,
)
from processes.services.comments import comment_add
from processes.services.needs import need_log
from processes.services.solutions import solution_propose

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(municipality, citizen):
    organisation = Organisation.objects.create(
        municipality=municipality, name="Bakken vel", category="local_council"
    )
    OrganisationMember.objects.create(organisation=organisation, person=citizen)
    return organisation


@pytest.fixture
def outsider(make_user):
    return make_user("ola@example.org", "Ola Utenfor")


def _written():
    """Everything a contribution writes, to show a refused one wrote nothing."""
    return (
        Contribution.objects.count(),
        TimelineEvent.objects.count(),
        list(ReferenceCounter.objects.values_list("last", flat=True)),
        list(
            Process.objects.values_list(
                "contributions_count", "needs_count", "citizen_needs_count", "updated_at"
            )
        ),
    )


def test_a_member_gives_a_need_on_the_organisation_s_behalf(process, citizen, organisation):
    need = need_log(
        process=process,
        author=citizen,
        body="Busslomme ved skolen",
        who_has_need="Barna i Bakken",
        stakeholder_category="citizen",
        organisation=organisation,
    )

    need.refresh_from_db()
    process.refresh_from_db()
    assert need.organisation == organisation
    assert need.given_as == Contribution.GivenAs.ORGANISATION
    assert need.stakeholder_category == "local_council"
    assert need.author_label == "Kari Nordmann for Bakken vel"
    # The organisation's input is the citizens' side.
    assert process.citizen_needs_count == 1


def test_a_person_who_is_not_a_member_is_refused_and_nothing_is_written(
    process, outsider, organisation
):
    need_log(process=process, author=outsider, body="Først et eget", who_has_need="Meg")
    before = _written()

    with pytest.raises(PermissionDenied) as refused:
        need_log(
            process=process,
            author=outsider,
            body="Lys i lysløypa",
            who_has_need="Alle",
            organisation=organisation,
        )

    assert "medlem" in str(refused.value)
    assert _written() == before


def test_an_organisation_of_another_municipality_is_refused(process, citizen, other_municipality):
    elsewhere = Organisation.objects.create(
        municipality=other_municipality, name="Nordvik IL", category="voluntary"
    )
    OrganisationMember.objects.create(organisation=elsewhere, person=citizen)
    before = _written()

    with pytest.raises(ValidationError):
        need_log(
            process=process, author=citizen, body="x", who_has_need="y", organisation=elsewhere
        )
    assert _written() == before


def test_a_former_member_may_no_longer_speak_for_it(process, citizen, organisation):
    OrganisationMember.objects.filter(person=citizen).delete()

    with pytest.raises(PermissionDenied):
        need_log(
            process=process, author=citizen, body="x", who_has_need="y", organisation=organisation
        )
    assert not Need.objects.exists()


def test_solutions_and_comments_on_behalf(process, citizen, organisation):
    need = need_log(process=process, author=citizen, body="Lys", who_has_need="Alle")
    solution = solution_propose(
        process=process,
        author=citizen,
        title="Gatelys",
        body="Sett opp lys.",
        needs=[need],
        organisation=organisation,
    )
    comment = comment_add(target=need, author=citizen, body="Enig", organisation=organisation)

    for contribution in (solution, comment):
        contribution.refresh_from_db()
        assert contribution.organisation == organisation
        assert contribution.given_as == Contribution.GivenAs.ORGANISATION
        assert contribution.stakeholder_category == "local_council"
    need.refresh_from_db()
    assert need.organisation is None
    assert need.given_as == Contribution.GivenAs.CITIZEN


# The pages ----------------------------------------------------------------


def test_the_need_form_offers_the_member_s_organisations_only(
    client, process, citizen, outsider, organisation
):
    url = reverse("processes:need_create", args=[process.slug])
    client.force_login(citizen)
    assert "Bakken vel" in client.get(url).content.decode()

    client.force_login(outsider)
    assert 'name="organisation"' not in client.get(url).content.decode()


def test_giving_a_need_on_behalf_through_the_page(client, process, citizen, organisation):
    client.force_login(citizen)

    response = client.post(
        reverse("processes:need_create", args=[process.slug]),
        {"body": "Busslomme", "who_has_need": "Barna", "organisation": organisation.pk},
    )

    need = Need.objects.get()
    assert response.status_code == 302
    assert need.organisation == organisation
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Meldt på vegne av" in page and "Bakken vel" in page


def test_an_organisation_one_is_not_in_is_no_choice_on_the_page(
    client, process, outsider, citizen, organisation, municipality
):
    own = Organisation.objects.create(municipality=municipality, name="Eget lag", category="other")
    OrganisationMember.objects.create(organisation=own, person=outsider)
    client.force_login(outsider)

    response = client.post(
        reverse("processes:need_create", args=[process.slug]),
        {"body": "Busslomme", "who_has_need": "Barna", "organisation": organisation.pk},
    )

    assert response.status_code == 200
    assert 'value="Busslomme"' in response.content.decode() or "Busslomme" in (
        response.content.decode()
    )
    assert not Need.objects.exists()


def test_the_solution_and_the_comment_show_name_for_organisation(
    client, process, citizen, organisation
):
    need = need_log(process=process, author=citizen, body="Lys", who_has_need="Alle")
    solution = solution_propose(
        process=process,
        author=citizen,
        title="Gatelys",
        body="Sett opp lys.",
        needs=[need],
        organisation=organisation,
    )
    comment_add(target=need, author=citizen, body="Enig", organisation=organisation)

    for url in (
        solution.get_absolute_url(),
        reverse("processes:solutions", args=[process.slug]),
        need.get_absolute_url(),
    ):
        assert "Kari Nordmann for Bakken vel" in client.get(url).content.decode(), url


def test_the_organisation_stays_when_the_author_is_gone(process, citizen, organisation):
    solution = solution_propose(
        process=process,
        author=citizen,
        title="Gatelys",
        body="Sett opp lys.",
        needs=[need_log(process=process, author=citizen, body="Lys", who_has_need="Alle")],
        organisation=organisation,
    )
    Contribution.objects.filter(pk=solution.pk).update(author=None)

    solution = Solution.objects.get(pk=solution.pk)
    assert solution.author_label == "Tidligere deltaker for Bakken vel"


def test_a_comment_on_behalf_through_the_page(
    client, process, citizen, outsider, organisation, municipality
):
    need = need_log(process=process, author=outsider, body="Lys", who_has_need="Alle")
    url = reverse("processes:comment_create", args=[process.slug, need.pk])
    client.force_login(outsider)
    assert 'name="organisation"' not in client.get(need.get_absolute_url()).content.decode()
    own = Organisation.objects.create(municipality=municipality, name="Eget lag", category="other")
    OrganisationMember.objects.create(organisation=own, person=outsider)
    before = _written()
    response = client.post(url, {"body": "Enig", "organisation": organisation.pk})
    assert response.status_code == 200  # the page again, with the refusal by the field
    assert _written() == before

    client.force_login(citizen)
    assert "Bakken vel" in client.get(need.get_absolute_url()).content.decode()
    client.post(url, {"body": "Vellaget er enig", "organisation": organisation.pk})

    comment = Contribution.objects.get(kind=Contribution.Kind.COMMENT)
    assert comment.organisation == organisation
    assert comment.given_as == Contribution.GivenAs.ORGANISATION
    assert "Kari Nordmann for Bakken vel" in client.get(need.get_absolute_url()).content.decode()
