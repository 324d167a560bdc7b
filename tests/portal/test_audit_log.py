"""The audit log: the municipality's admins read it in words, filter it, page
it by id and export it; nobody else reads it."""

import csv
import io

import pytest
from django.urls import reverse

from portal.audit import audit_record
from portal.models import AuditEntry

URL = "/revisjonslogg/"
CSV_URL = "/revisjonslogg/csv/"


@pytest.fixture
def other_admin(make_user, other_municipality):
    from participants.models import Role

    return make_user(
        "admin@nordvik.example", "Nora Nordvik", municipality=other_municipality, role=Role.ADMIN
    )


@pytest.fixture
def process(municipality, staff):
    from processes.models import Process

    process = Process.objects.create(
        municipality=municipality,
        title="Møteplass for ungdom",
        slug="moteplass",
        summary="Et sted å være.",
        problem_statement="Ungdom har ingen steder å være.",
        status=Process.Status.OPEN,
    )
    process.owners.add(staff)
    return process


def test_the_audit_log_lives_at_revisjonslogg():
    assert reverse("portal:audit_log") == URL
    assert reverse("portal:audit_log_csv") == CSV_URL


@pytest.mark.django_db
@pytest.mark.parametrize("url", [URL, CSV_URL])
def test_an_anonymous_visitor_is_sent_to_log_in(client, municipality, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(f"/konto/logg-inn/?next={url}")


@pytest.mark.django_db
@pytest.mark.parametrize("url", [URL, CSV_URL])
@pytest.mark.parametrize("role", ["citizen", "staff", "politician", "other_staff", "other_admin"])
def test_everyone_but_an_admin_here_is_refused_with_a_reason(client, request, role, url):
    client.force_login(request.getfixturevalue(role))

    response = client.get(url)

    assert response.status_code == 403
    assert "Bare kommunens administratorer kan lese revisjonsloggen." in response.text


@pytest.mark.django_db
def test_an_admin_reads_each_entry_in_words_in_their_own_municipality_only(
    client, admin_user, staff, municipality, other_municipality, other_staff, process
):
    audit_record(
        actor=staff,
        municipality=municipality,
        action="process.level",
        target=process,
        before={"level": 2, "target_level": 3},
        after={"level": 3, "target_level": 3, "text": "Vi samarbeider nå."},
    )
    audit_record(
        actor=other_staff,
        municipality=other_municipality,
        action="nordvik.secret",
        target=other_municipality,
    )
    client.force_login(admin_user)

    response = client.get(URL)

    assert response.status_code == 200
    assert "Siri Saksbehandler endret trinn fra 2 til 3 i «Møteplass for ungdom»" in response.text
    assert "Trinn: 2 → 3" in response.text
    assert "Begrunnelse: – → Vi samarbeider nå." in response.text
    assert "nordvik.secret" not in response.text


@pytest.mark.django_db
def test_the_log_reads_in_the_page_s_language(client, admin_user, staff, municipality, process):
    audit_record(
        actor=staff,
        municipality=municipality,
        action="process.status",
        target=process,
        before={"status": "draft"},
        after={"status": "open", "text": "Klar."},
    )
    client.force_login(admin_user)
    client.post("/i18n/setlang/", {"language": "en", "next": URL})

    response = client.get(URL)

    assert (
        "Siri Saksbehandler changed the status from «Draft» to «Open» in «Møteplass for ungdom»"
        in response.text
    )


@pytest.mark.django_db
def test_an_edit_records_the_old_and_new_value_of_each_changed_field(
    client, admin_user, staff, process
):
    from processes.services.processes import process_update

    process.refresh_from_db()
    process_update(process=process, by=staff, version=process.version, title="Møteplass for alle")
    entry = AuditEntry.objects.get(action="process.update")
    client.force_login(admin_user)

    response = client.get(URL)

    assert entry.before == {"title": "Møteplass for ungdom"}
    assert entry.after == {"title": "Møteplass for alle"}
    assert entry.process_id == process.pk
    assert "endret prosessen «Møteplass for alle»" in response.text
    assert "tittel: Møteplass for ungdom → Møteplass for alle" in response.text


@pytest.mark.django_db
def test_an_old_entry_without_values_still_reads_sensibly(
    client, admin_user, staff, municipality, process
):
    audit_record(
        actor=staff,
        municipality=municipality,
        action="process.update",
        target=process,
        after={"fields": ["summary", "title"]},
    )
    audit_record(actor=None, municipality=municipality, action="something.new", target=process)
    client.force_login(admin_user)

    response = client.get(URL)

    assert "Endrede felt: – → sammendrag, tittel" in response.text
    assert "Slettet konto: something.new – " in response.text


@pytest.mark.django_db
def test_the_filters_narrow_by_person_process_kind_and_period(
    client, admin_user, staff, politician, municipality, process
):
    from processes.models import Process

    other = Process.objects.create(
        municipality=municipality, title="Annen", slug="annen", summary="x", problem_statement="x"
    )
    audit_record(actor=staff, municipality=municipality, action="process.create", target=process)
    audit_record(actor=admin_user, municipality=municipality, action="process.create", target=other)
    audit_record(actor=staff, municipality=municipality, action="process.foundations", target=other)
    client.force_login(admin_user)

    by_person = client.get(URL, {"person": staff.pk}).text
    by_process = client.get(URL, {"process": other.pk}).text
    by_kind = client.get(URL, {"kind": "process.foundations"}).text
    none_yet = client.get(URL, {"fra": "2999-01-01"}).text

    assert by_person.count("Siri Saksbehandler opprettet") == 1
    assert "Aud Administrator opprettet" not in by_person
    assert "«Møteplass for ungdom»" not in by_process and "vurderte" in by_process
    assert "opprettet prosessen" not in by_kind and "vurderte" in by_kind
    assert "Ingen endringer passer til filtrene." in none_yet


@pytest.mark.django_db
def test_a_bad_date_is_told_in_norwegian_and_kept(client, admin_user, staff, municipality, process):
    audit_record(actor=staff, municipality=municipality, action="process.create", target=process)
    client.force_login(admin_user)

    response = client.get(URL, {"fra": "i går", "til": "2026-01-01"})

    assert response.status_code == 200
    assert "Skriv en dato, for eksempel 2026-12-01." in response.text
    assert 'value="i går"' in response.text


def _bulk(municipality, actor, process, count: int) -> None:
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                municipality=municipality,
                actor=actor,
                process=process,
                action="process.status",
                target_type="processes.Process",
                target_id=str(process.pk),
                target_label=process.title,
                before={"status": "draft"},
                after={"status": f"open-{number}"},
            )
            for number in range(count)
        ],
        batch_size=5000,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("count", [100, 100_000])
def test_a_page_is_at_most_ten_queries_at_100_and_100000_entries(
    client, admin_user, staff, municipality, process, count, django_assert_max_num_queries
):
    from django.core.cache import cache

    _bulk(municipality, staff, process, count)
    client.force_login(admin_user)
    newest = AuditEntry.objects.order_by("-pk").first()

    cache.clear()
    with django_assert_max_num_queries(10):
        first = client.get(URL)
    with django_assert_max_num_queries(10):
        filtered = client.get(
            URL, {"person": staff.pk, "kind": "process.status", "eldre_enn": newest.pk - 50}
        )

    assert first.status_code == filtered.status_code == 200
    assert f"open-{count - 1}" in first.text
    assert f"open-{count - 52}" in filtered.text
    assert f"open-{count - 51}" not in filtered.text


@pytest.mark.django_db
def test_the_pages_go_back_by_id_and_end(client, admin_user, staff, municipality, process):
    _bulk(municipality, staff, process, 30)
    client.force_login(admin_user)

    first = client.get(URL)
    older = int(first.text.split("eldre_enn=")[1].split('"')[0].split("&")[0])
    second = client.get(URL, {"eldre_enn": older})

    assert "open-29" in first.text and "open-4<" not in first.text
    assert "open-4" in second.text and "open-29" not in second.text
    assert "Eldre endringer" not in second.text
    assert "Nyeste endringer" in second.text


@pytest.mark.django_db
def test_the_csv_holds_what_the_page_shows(client, admin_user, staff, municipality, process):
    import html

    audit_record(
        actor=staff,
        municipality=municipality,
        action="process.level",
        target=process,
        before={"level": 2},
        after={"level": 3},
    )
    audit_record(actor=staff, municipality=municipality, action="process.create", target=process)
    client.force_login(admin_user)

    page = html.unescape(client.get(URL, {"person": staff.pk}).text)
    response = client.get(CSV_URL, {"person": staff.pk})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))

    assert response["Content-Type"].startswith("text/csv")
    assert rows[0] == ["Tidspunkt", "Hvem", "Hva", "Endringer"]
    assert [row[2] for row in rows[1:]] == [
        "Siri Saksbehandler opprettet prosessen «Møteplass for ungdom»",
        "Siri Saksbehandler endret trinn fra 2 til 3 i «Møteplass for ungdom»",
    ]
    for row in rows[1:]:
        assert row[0] in page and row[2] in page
    assert rows[2][3] == "Trinn: 2 → 3"
    assert "Trinn: 2 → 3" in page


@pytest.mark.django_db
def test_the_csv_never_starts_a_cell_with_a_formula(
    client, admin_user, municipality, make_user, process
):
    from participants.models import Role

    sly = make_user("sly@example.org", "=HYPERLINK(1)", municipality=municipality, role=Role.STAFF)
    audit_record(actor=sly, municipality=municipality, action="process.create", target=process)
    client.force_login(admin_user)

    rows = list(csv.reader(io.StringIO(b"".join(client.get(CSV_URL).streaming_content).decode())))

    assert rows[1][1] == "'=HYPERLINK(1)"


@pytest.mark.django_db
def test_the_audit_log_escapes_what_it_shows(client, admin_user, municipality):
    audit_record(
        actor=admin_user,
        municipality=municipality,
        action="x",
        target=municipality,
        after={"title": "<script>alert(1)</script>"},
    )
    client.force_login(admin_user)

    response = client.get(URL)

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


@pytest.mark.django_db
def test_the_admin_menu_links_the_log_and_no_one_else_s_does(client, admin_user, staff):
    client.force_login(admin_user)
    assert 'href="/revisjonslogg/"' in client.get("/").text
    client.force_login(staff)
    assert 'href="/revisjonslogg/"' not in client.get("/").text


@pytest.mark.django_db
def test_the_audit_log_refuses_post(client, admin_user):
    client.force_login(admin_user)

    assert client.post(URL).status_code == 405
