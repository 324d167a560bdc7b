"""After every htmx write on the process, need and solution pages, the page
shows what a fresh load of the same address shows: no region is left stale.

Each test does the write as a person would (the right role, htmx on), then
compares the text of ``<main>`` with a fresh ``page.goto`` of the page's
address in the same browser. A one-off confirmation that only the swap shows
(a note whose text is what it announces, as a flash message is after a full
page) is left out of the comparison, and the flash messages live outside
``<main>``.
"""

import difflib
import re

import pytest

from tests.gates.conftest import ACCOUNTS
from tests.gates.test_browser_journeys import demo_process  # noqa: F401 - fixture

# Marks one-off notes before portal.js settles them (it drops data-announce).
# A capturing listener on window runs before portal.js's listeners on document.
MARK_NOTES = """() => {
    const mark = () => {
        for (const el of document.querySelectorAll('[data-announce]')) {
            if (el.textContent.trim() === el.getAttribute('data-announce').trim()) {
                el.setAttribute('data-swap-note', '');
            }
        }
    };
    for (const name of ['htmx:afterSwap', 'htmx:oobAfterSwap']) {
        window.addEventListener(name, mark, true);
    }
}"""

MAIN_TEXT = """() => {
    for (const note of document.querySelectorAll('main [data-swap-note]')) note.hidden = true;
    return document.querySelector('main').innerText;
}"""


def _main_text(page) -> list[str]:
    text = page.evaluate(MAIN_TEXT)
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def _write(page, do) -> None:
    """Do the write through htmx and wait until it has settled (or redirected)."""
    page.evaluate(MARK_NOTES)
    with page.expect_response(lambda r: r.request.method == "POST", timeout=10_000):
        do()
    page.wait_for_load_state()
    page.wait_for_timeout(300)  # htmx settles, portal.js moves focus


def assert_matches_reload(page) -> None:
    swapped = _main_text(page)
    page.goto(page.url.split("#", 1)[0])
    fresh = _main_text(page)
    stale = [line for line in swapped if line not in fresh]
    missing = [line for line in fresh if line not in swapped]
    assert swapped == fresh, (
        f"after the swap only: {stale}\nafter a reload only: {missing}\n"
        + "\n".join(difflib.unified_diff(fresh, swapped, "reload", "swap", lineterm=""))
    )


def _need(process, *, not_by: str | None = None):
    from processes.models import Need

    needs = Need.objects.filter(process=process).exclude(status=Need.Status.MERGED)
    if not_by:
        needs = needs.exclude(author__email=not_by)
    need = needs.order_by("pk").first()
    assert need is not None, "the demo process has no need for this write"
    return need


def _solution(process):
    from processes.models import Solution

    solution = Solution.objects.filter(process=process).order_by("pk").first()
    assert solution is not None, "the demo process has no solution"
    return solution


def _pick_new_status(form) -> None:
    """Choose a status other than the current one, and give a reason."""
    select = form.locator("select")
    if select.count():
        values = select.first.evaluate(
            "s => [...s.options].filter(o => o.value && !o.selected).map(o => o.value)"
        )
        select.first.select_option(values[0])
    else:
        form.locator("input[type='radio']:not(:checked)").first.check()
    for textarea in form.locator("textarea").all():
        textarea.fill("Vi har vurdert innspillene og går videre med dette.")


SUPPORT = re.compile(r"^Jeg har også dette behovet")

# --- the writes --------------------------------------------------------------


def test_logging_a_need_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    page, _console = open_page("citizen")
    page.goto(f"{live_server.url}{demo_process.get_absolute_url()}behov/")
    page.get_by_label("Beskriv behovet").fill("Benker langs skoleveien")
    page.get_by_label("Hvem har dette behovet?").fill("Eldre som går tur")

    _write(page, lambda: page.get_by_role("button", name="Send inn behovet").click())

    assert_matches_reload(page)


def _open_supportable_need(page, base_url: str, process) -> str:
    """Go to the first need of the process the citizen may support; its address."""
    from processes.models import Need

    for need in Need.objects.filter(process=process).exclude(author__email=ACCOUNTS["citizen"]):
        page.goto(f"{base_url}{need.get_absolute_url()}")
        if page.get_by_role("button", name=SUPPORT).count():
            return page.url
    pytest.fail("no need in the demo process the citizen may support")


def test_supporting_a_need_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    page, _console = open_page("citizen")
    _open_supportable_need(page, live_server.url, demo_process)

    _write(page, lambda: page.get_by_role("button", name=SUPPORT).click())

    assert_matches_reload(page)


def test_withdrawing_support_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    page, _console = open_page("citizen")
    url = _open_supportable_need(page, live_server.url, demo_process)
    _write(page, lambda: page.get_by_role("button", name=SUPPORT).click())
    page.goto(url)

    _write(
        page, lambda: page.get_by_role("button", name="Jeg har likevel ikke dette behovet").click()
    )

    assert_matches_reload(page)


def _comment(page) -> None:
    page.locator("#kommentarer").get_by_label("Kommentar", exact=False).last.fill(
        "Dette gjelder også veien forbi barnehagen."
    )
    _write(page, lambda: page.get_by_role("button", name="Publiser kommentaren").click())


def test_commenting_on_a_need_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    need = _need(demo_process)
    page, _console = open_page("citizen")
    page.goto(f"{live_server.url}{need.get_absolute_url()}")

    _comment(page)

    assert_matches_reload(page)


def test_replying_to_a_comment_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    need = _need(demo_process)
    page, _console = open_page("citizen")
    page.goto(f"{live_server.url}{need.get_absolute_url()}")
    _comment(page)
    page.goto(f"{live_server.url}{need.get_absolute_url()}")
    reply = page.locator("#kommentarer details").first
    reply.locator("summary").click()
    reply.locator("textarea").fill("Enig, der er det mørkt om morgenen.")

    _write(page, lambda: reply.get_by_role("button", name="Send svaret").click())

    assert_matches_reload(page)


def test_changing_a_needs_status_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    need = _need(demo_process)
    page, _console = open_page("staff")
    page.goto(f"{live_server.url}{need.get_absolute_url()}")
    form = page.locator("#need-status form")
    _pick_new_status(form)

    _write(page, lambda: form.get_by_role("button", name="Lagre status").click())

    assert_matches_reload(page)


def test_changing_a_processs_status_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    page, _console = open_page("staff")
    page.goto(f"{live_server.url}{demo_process.get_absolute_url()}")
    form = page.locator("#prosess-status form")
    _pick_new_status(form)

    _write(page, lambda: form.get_by_role("button", name="Endre status").click())

    assert_matches_reload(page)


def test_proposing_a_solution_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    page, _console = open_page("citizen")
    page.goto(f"{live_server.url}{demo_process.get_absolute_url()}losninger/ny/")
    page.get_by_label("Tittel").fill("Gangfelt med lys")
    page.get_by_label("Beskriv løsningen").fill("Et opplyst gangfelt ved skolen.")
    page.locator("input[type='checkbox']").first.check()

    _write(page, lambda: page.locator("main form button[type='submit']").last.click())

    assert "/losninger/" in page.url
    assert_matches_reload(page)


def test_changing_a_solutions_status_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    solution = _solution(demo_process)
    page, _console = open_page("staff")
    page.goto(f"{live_server.url}{solution.get_absolute_url()}")
    form = page.locator("#solution-status form")
    _pick_new_status(form)

    _write(page, lambda: form.get_by_role("button", name="Endre status").click())

    assert_matches_reload(page)


FILL_TEST_ROUND = """form => {
    for (const group of new Set([...form.querySelectorAll('input[type=radio]')].map(r => r.name))) {
        form.querySelector(`input[type=radio][name="${group}"]`).checked = true;
    }
    const box = form.querySelector('input[type=checkbox]');
    if (box) box.checked = true;
    for (const select of form.querySelectorAll('select')) {
        const option = [...select.options].find(o => o.value);
        if (option) select.value = option.value;
    }
}"""


def test_recording_a_test_round_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    from processes.models import Solution

    page, _console = open_page("staff")
    for solution in Solution.objects.filter(process=demo_process).order_by("pk"):
        page.goto(f"{live_server.url}{solution.get_absolute_url()}")
        link = page.get_by_role("link", name=re.compile(r"^Registrer en testrunde"))
        if link.count():
            link.first.click()
            page.wait_for_load_state()
            break
    else:
        pytest.fail("no solution in the demo process that staff may test")
    form = page.locator("#test-round-form form")
    form.evaluate(FILL_TEST_ROUND)
    page.get_by_label("Hva ble testet?").fill("Et opplyst gangfelt i to uker.")
    page.get_by_label("Antall deltakere").fill("12")
    page.get_by_label("Når?").fill("2026-11-20")
    page.get_by_label("Sted").fill("Skoleveien")
    page.get_by_label("Funn").fill("Flere gikk over i gangfeltet.")
    page.get_by_label("Læring").fill("Lys hjelper.")

    _write(page, lambda: form.get_by_role("button", name="Registrer testrunden").click())

    assert page.locator("[data-error-summary]").count() == 0
    assert_matches_reload(page)


def _comment_by_someone_else(process, email: str):
    """The newest shown comment on a need of the process not written by
    ``email``, and the address of that need."""
    from processes.models import Comment, Contribution, Need

    comment = (
        Comment.objects.filter(
            process=process,
            status=Comment.Status.PUBLISHED,
            target__kind=Contribution.Kind.NEED,
        )
        .exclude(author__email=email)
        .order_by("-created_at", "-pk")
        .first()
    )
    assert comment is not None, f"the demo process has no shown comment by anyone but {email}"
    return comment, Need.objects.get(pk=comment.target_id).get_absolute_url()


def test_reporting_a_comment_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    comment, url = _comment_by_someone_else(demo_process, ACCOUNTS["citizen"])
    page, _console = open_page("citizen")
    page.goto(f"{live_server.url}{url}")
    article = page.locator(f"#kommentar-{comment.pk}")
    article.locator("summary", has_text="Meld fra om kommentaren").click()
    article.get_by_label("Hva er galt med kommentaren?").fill("Dette er reklame.")

    _write(page, lambda: article.get_by_role("button", name="Send melding").click())

    assert_matches_reload(page)


def test_hiding_a_comment_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    comment, url = _comment_by_someone_else(demo_process, ACCOUNTS["staff"])
    page, _console = open_page("staff")
    page.goto(f"{live_server.url}{url}")
    article = page.locator(f"#kommentar-{comment.pk}")
    article.locator("summary", has_text="Skjul kommentaren").click()
    article.get_by_label("Hvorfor skjules kommentaren?").fill("Personangrep.")

    _write(page, lambda: article.get_by_role("button", name="Skjul", exact=True).click())

    assert_matches_reload(page)


def test_merging_two_needs_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    need = _need(demo_process)
    page, _console = open_page("staff")
    page.goto(f"{live_server.url}{need.get_absolute_url()}sla-sammen/")
    select = page.get_by_label("Slå sammen med")
    values = select.evaluate("s => [...s.options].filter(o => o.value).map(o => o.value)")
    assert values, "the demo process has no other need to merge with"
    select.select_option(values[0])
    page.get_by_label("Begrunnelse til den som meldte behovet").fill("Dette er samme behov.")

    _write(page, lambda: page.get_by_role("button", name="Slå sammen", exact=True).click())

    assert_matches_reload(page)


def test_starting_a_new_round_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    page, _console = open_page("staff")
    page.goto(f"{live_server.url}{demo_process.get_absolute_url()}runder/ny/")
    page.locator("#runde-skjema input[type='radio']:not(:checked)").first.check()
    page.get_by_label("Læring tatt med fra forrige runde").fill("Lys hjelper.")

    _write(page, lambda: page.get_by_role("button", name="Start runden").click())

    assert_matches_reload(page)


def test_editing_the_process_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    page, _console = open_page("staff")
    page.goto(f"{live_server.url}{demo_process.get_absolute_url()}rediger/")
    page.get_by_label("Tittel").fill("Tryggere skolevei i Lillevik")

    _write(page, lambda: page.locator("#prosess-skjema form button[type='submit']").last.click())

    assert page.locator("[data-error-summary]").count() == 0
    assert_matches_reload(page)


def _change_level(page, level: int, target: int) -> None:
    form = page.locator("#trinn-skjema form")
    form.locator(f"input[name='level'][value='{level}']").check()
    form.locator(f"input[name='target_level'][value='{max(level, target)}']").check()
    form.locator("textarea").fill("Vi gir innbyggerne det de trenger for å samarbeide.")


def test_raising_the_level_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    assert demo_process.level < 4, "the demo process is at the top step already"
    page, _console = open_page("staff")
    page.goto(f"{live_server.url}{demo_process.get_absolute_url()}trinn/")
    _change_level(page, demo_process.level + 1, demo_process.target_level)

    _write(page, lambda: page.get_by_role("button", name="Lagre trinnet").click())

    assert page.locator("[data-error-summary]").count() == 0
    assert_matches_reload(page)


def test_lowering_the_level_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    assert demo_process.level > 1, "the demo process is at the bottom step already"
    page, _console = open_page("staff")
    page.goto(f"{live_server.url}{demo_process.get_absolute_url()}trinn/")
    _change_level(page, demo_process.level - 1, demo_process.target_level)
    _write(page, lambda: page.get_by_role("button", name="Lagre trinnet").click())
    assert page.get_by_role("button", name="Senk trinnet").count() == 1

    _write(page, lambda: page.get_by_role("button", name="Senk trinnet").click())

    assert page.locator("[data-error-summary]").count() == 0
    assert_matches_reload(page)


def test_scoring_the_foundations_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    page, _console = open_page("staff")
    page.goto(f"{live_server.url}{demo_process.get_absolute_url()}fundamentene/")
    form = page.locator("#fundamentene-skjema form")
    for field in form.locator("input[type='number']").all():
        field.fill("3")
    form.locator("textarea").fill("Godt forankret, men lite tid.")

    _write(page, lambda: form.get_by_role("button", name="Lagre vurderingen").click())

    assert page.locator("[data-error-summary]").count() == 0
    assert_matches_reload(page)


@pytest.fixture
def equal_process(demo_process):  # noqa: F811
    """A Lillevik demo process owned by ansatt@ at level 3 or more, with working groups
    allowed; the first demo process is raised there through the service if none is."""
    from ladder.levels import Level
    from participants.models import User
    from processes.models import Process
    from processes.services.levels import level_change

    process = (
        Process.objects.filter(
            municipality__slug="lillevik",
            status=Process.Status.OPEN,
            owners__email=ACCOUNTS["staff"],
            level__gte=Level.EQUAL,
        )
        .order_by("pk")
        .first()
    )
    if process is None:
        level_change(
            actor=User.objects.get(email=ACCOUNTS["staff"]),
            process=demo_process,
            level=Level.EQUAL,
            target_level=max(demo_process.target_level, Level.EQUAL),
            justification="Innbyggerne skal arbeide sammen med oss.",
        )
        process = Process.objects.get(pk=demo_process.pk)
    return process


def test_creating_a_working_group_leaves_no_stale_region(open_page, live_server, equal_process):
    page, _console = open_page("staff")
    page.goto(f"{live_server.url}{equal_process.get_absolute_url()}arbeidsgrupper/")
    page.get_by_label("Navn på gruppen").fill("Skoleveien")
    page.get_by_label("Hva gruppen arbeider med").fill("Lys og gangfelt.")

    _write(page, lambda: page.get_by_role("button", name="Opprett gruppen").click())

    assert page.locator("[data-error-summary]").count() == 0
    assert_matches_reload(page)


def test_asking_to_join_a_working_group_leaves_no_stale_region(
    open_page, live_server, equal_process
):
    from participants.models import User
    from processes.models import WorkingGroup
    from processes.services.working_groups import working_group_create

    if not WorkingGroup.objects.filter(process=equal_process).exists():
        working_group_create(
            process=equal_process,
            by=User.objects.get(email=ACCOUNTS["staff"]),
            name="Skoleveien",
            description="Lys og gangfelt.",
        )
    page, _console = open_page("citizen")
    page.goto(f"{live_server.url}{equal_process.get_absolute_url()}arbeidsgrupper/")
    join = page.get_by_role("button", name=re.compile(r"^Be om å bli med i "))
    assert join.count(), "the citizen may join no working group in the demo process"

    _write(page, lambda: join.first.click())

    assert_matches_reload(page)


def test_appointing_a_co_creator_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    page, _console = open_page("staff")
    page.goto(f"{live_server.url}{demo_process.get_absolute_url()}medskapere/")
    page.get_by_label("E-postadressen til personen").fill(ACCOUNTS["citizen"])

    _write(page, lambda: page.get_by_role("button", name="Utnevn medskaper").click())

    assert page.locator("[data-error-summary]").count() == 0
    assert_matches_reload(page)


def test_phase_narrowing_leaves_no_stale_region(open_page, live_server, demo_process):  # noqa: F811
    page, _console = open_page("staff")
    page.goto(f"{live_server.url}{demo_process.get_absolute_url()}fasestyring/")
    box = page.locator("#fasestyring input[type='checkbox']").first
    box.set_checked(not box.is_checked())

    _write(page, lambda: page.get_by_role("button", name="Lagre", exact=True).click())

    assert page.locator("[data-error-summary]").count() == 0
    assert_matches_reload(page)
