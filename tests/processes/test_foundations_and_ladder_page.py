"""De 5 fundamentene scored by the owners, and the municipality's /trappa/."""

import pytest
from django.urls import reverse

from ladder.levels import Level
from portal.models import AuditEntry
from processes.models import FoundationScore, Process
from processes.services.foundations import foundations_score
from processes.services.needs import need_log

pytestmark = pytest.mark.django_db

SCORES = {"need": 4, "anchoring": 3, "driver": 5, "team": 2, "resources": 3}


def _post(scores, note="Teamet er for lite."):
    return {**scores, "note": note}


def test_the_owner_scores_and_the_page_shows_the_product_and_what_sinks_it(client, staff, process):
    client.force_login(staff)
    url = reverse("processes:foundations", args=[process.slug])

    response = client.post(url, _post(SCORES))

    assert response.status_code == 302
    score = FoundationScore.objects.get(process=process)
    assert (score.scores, score.note, score.scored_by) == (SCORES, "Teamet er for lite.", staff)
    page = client.get(process.get_absolute_url()).content.decode()
    assert "Produktet er 360 av 3125." in page
    assert "Det som trekker produktet mest ned, er «Team»." in page


def test_one_zero_makes_it_zero_and_history_is_kept(client, staff, process):
    client.force_login(staff)
    url = reverse("processes:foundations", args=[process.slug])
    client.post(url, _post(SCORES))
    client.post(url, _post({**SCORES, "anchoring": 0}, note="Ledelsen har trukket seg."))

    assert FoundationScore.objects.filter(process=process).count() == 2
    page = client.get(process.get_absolute_url()).content.decode()
    assert "Produktet er 0 av 3125." in page
    assert "«Forankring» er vurdert til 0" in page
    history = client.get(url).content.decode()
    assert "Ledelsen har trukket seg." in history
    assert "Teamet er for lite." in history


def test_a_score_outside_zero_to_five_is_refused_with_the_form_kept(client, staff, process):
    client.force_login(staff)
    before = (FoundationScore.objects.count(), AuditEntry.objects.count())

    response = client.post(
        reverse("processes:foundations", args=[process.slug]),
        _post({**SCORES, "team": 6}, note="Min merknad"),
    )

    assert response.status_code == 200
    assert "Min merknad" in response.content.decode()
    assert response.context["form"].errors["team"]
    assert (FoundationScore.objects.count(), AuditEntry.objects.count()) == before


def test_the_municipality_may_rename_the_factors(client, staff, process, municipality):
    municipality.foundation_driver_name = "Ildsjel"
    municipality.save()
    foundations_score(process=process, by=staff, scores={**SCORES, "driver": 1})

    page = client.get(process.get_absolute_url()).content.decode()

    assert "Ildsjel" in page
    assert "Det som trekker produktet mest ned, er «Ildsjel»." in page


def test_citizens_may_not_score(citizen, process):
    from processes.rules import Refused

    with pytest.raises(Refused):
        foundations_score(process=process, by=citizen, scores=SCORES)
    assert not FoundationScore.objects.exists()


# --- /trappa/ ---------------------------------------------------------------------


def _rows(html: str) -> str:
    return html[html.index("<tbody>") : html.index("</tbody>")]


def test_the_ladder_page_counts_claimed_and_observed_steps(client, process, staff, citizen):
    Process.objects.filter(pk=process.pk).update(level=Level.EQUAL)
    need_log(process=process, author=citizen, body="Lys", who_has_need="Alle")

    response = client.get(reverse("processes:ladder"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in html and "<title" in html and "<desc" in html
    assert "style=" not in html
    rows = _rows(html)
    assert "2 Ansvarliggjørende samskaping (medvirkning)</a></th><td>0</td><td>1</td>" in rows
    assert "3 Likeverdig samskaping (samarbeid)</a></th><td>1</td><td>0</td>" in rows
    assert "1 av dem viser et lavere trinn enn det oppgitte." in html


def test_the_ladder_page_leaves_drafts_out(client, draft_process):
    html = client.get(reverse("processes:ladder")).content.decode()

    assert "Kommunen har 0 åpne eller avsluttede prosesser." in html


@pytest.mark.parametrize("visitor", ["anonymous", "citizen"])
def test_the_cached_ladder_page_changes_when_a_process_does(
    client, process, staff, request, visitor
):
    if visitor != "anonymous":
        client.force_login(request.getfixturevalue(visitor))
    url = reverse("processes:ladder")
    first = client.get(url).content.decode()
    assert "2 Ansvarliggjørende samskaping (medvirkning)</a></th><td>1</td>" in _rows(first)

    from processes.services.processes import round_start

    Process.objects.filter(pk=process.pk).update(level=Level.DIRECTED)
    round_start(process=process, by=staff, focus="solution")  # a service touches it

    again = client.get(url).content.decode()
    assert "1 Styrt samskaping (informasjon)</a></th><td>1</td>" in _rows(again)


def test_the_process_page_draws_its_claimed_and_observed_step(client, process):
    html = client.get(process.get_absolute_url()).content.decode()

    assert "ladder-step--claimed" in html and "ladder-step--observed" in html
    assert "Oppgitt trinn: 2 Ansvarliggjørende samskaping (medvirkning)." in html
    assert "Observert trinn: 1 Styrt samskaping (informasjon)." in html
