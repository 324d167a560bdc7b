"""The browser harness: Debian's chromium through Playwright against a live server.

Everything under tests/gates/ is marked ``browser``. Without /usr/bin/chromium
the tests skip, or fail under ``MEDSPILL_REQUIRE_SERVICES=1`` (CI). Playwright's
own browser download is never used (no ``playwright install``).

Sync Playwright runs an event loop in the test thread, so the ORM would refuse
to run there without ``DJANGO_ALLOW_ASYNC_UNSAFE``.
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
REPO = Path(__file__).resolve().parents[2]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "demo-passord-2026"
ACCOUNTS = {
    "citizen": "innbygger@demo.medspill.no",
    "staff": "ansatt@demo.medspill.no",
    "politician": "politiker@demo.medspill.no",
    "admin": "admin@demo.medspill.no",
}
GATES_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(GATES_DIR):
            item.add_marker(pytest.mark.browser)


def _require(what: str, present: bool) -> None:
    if present:
        return
    if os.environ.get("MEDSPILL_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{what} is missing (MEDSPILL_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(f"{what} is missing: apt-get install -y --no-install-recommends chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    _require("/usr/bin/chromium", CHROMIUM.exists())
    _require(str(AXE_JS), AXE_JS.exists())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# --- demo data ---------------------------------------------------------------


def seed_demo() -> dict:
    """Both municipalities, the four demo accounts and, when that module
    exists, the demo processes. Returns the accounts by e-mail."""
    from portal.demo import seed_accounts, seed_municipalities

    municipalities = seed_municipalities()
    users = seed_accounts(municipalities["lillevik"])
    if processes_demo() is not None:
        processes_demo().seed_processes(municipalities, users)
    return users


def processes_demo():
    try:
        from processes import demo
    except ImportError:
        return None
    return demo if hasattr(demo, "seed_processes") else None


@pytest.fixture
def demo(live_server) -> dict:
    """Demo data for one test; the live server's transactional DB is flushed after it."""
    return seed_demo()


def session_cookie(email: str, live_server_url: str) -> dict:
    """A logged-in session for ``email``, as a cookie for the browser context."""
    from django.conf import settings
    from django.test import Client

    from participants.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server_url,
    }


def login_form(page, base_url: str, email: str) -> None:
    """Log in through the login page, as a person would."""
    page.goto(f"{base_url}/konto/logg-inn/")
    page.get_by_label("E-postadresse", exact=True).fill(email)
    page.get_by_label("Passord", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()


# --- console and CSP ---------------------------------------------------------

# Runs before any page script (Playwright injects it outside the page's CSP)
# and reports every blocked resource or inline style/script as it happens, so
# a violation during an htmx swap is caught even when the console says nothing.
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (event) => {
    window.__medspillCspViolation([
        event.violatedDirective, event.blockedURI || 'inline',
        event.sourceFile + ':' + event.lineNumber, (event.sample || '').slice(0, 80),
    ].join(' | '));
});
"""


@dataclass
class Console:
    """What went wrong in a page: console errors, uncaught exceptions and
    ``securitypolicyviolation`` events."""

    errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return self.csp_violations + self.errors

    def listen(self, context) -> None:
        """Listen on every page of ``context``, the ones opened later too."""

        def on_violation(source, text: str) -> None:
            self.csp_violations.append(f"{source['frame'].url}: CSP violation: {text}")

        context.expose_binding("__medspillCspViolation", on_violation)
        context.add_init_script(CSP_LISTENER)
        context.on("page", self._listen_page)
        for page in context.pages:
            self._listen_page(page)

    def _listen_page(self, page) -> None:
        def on_console(message) -> None:
            if message.type == "error" or "Content Security Policy" in message.text:
                self.errors.append(f"{page.url}: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))


@pytest.fixture
def open_page(browser, live_server) -> Iterator:
    """``open_page(role=None, javascript=True)`` → (page, console); a test
    fails on any console error, uncaught exception or CSP violation seen by
    any page it opened."""
    contexts = []
    consoles = []

    def make(role: str | None = None, *, javascript: bool = True, width: int = 1280):
        context = browser.new_context(
            java_script_enabled=javascript,
            viewport={"width": width, "height": 900},
            locale="nb-NO",
        )
        contexts.append(context)
        if role is not None:
            context.add_cookies([session_cookie(ACCOUNTS[role], live_server.url)])
        console = Console()
        console.listen(context)
        consoles.append(console)
        page = context.new_page()
        return page, console

    yield make
    for context in contexts:
        context.close()
    problems = [text for console in consoles for text in console.problems]
    assert problems == [], "Console errors or CSP violations:\n" + "\n".join(problems)


# --- axe ---------------------------------------------------------------------


def axe_violations(page) -> list[dict]:
    """axe-core 4.14 from node_modules, injected by evaluate (not a script tag,
    which the CSP would block) and run on WCAG 2.1 A and AA rules."""
    from axe_playwright_python.sync_playwright import Axe

    axe = _axe_cache.get("axe")
    if axe is None:
        axe = _axe_cache["axe"] = Axe.from_file(AXE_JS)
    results = axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    return results.response["violations"]


_axe_cache: dict = {}


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"  {violation['id']}: {violation['help']} → {targets}")
    return "\n".join(lines)


def overflows(page) -> list[str]:
    """The elements that stick out at the right, if the page scrolls sideways."""
    return page.evaluate(
        """() => {
            if (document.documentElement.scrollWidth <= window.innerWidth) return [];
            const wide = [];
            for (const el of document.querySelectorAll('body *')) {
                const box = el.getBoundingClientRect();
                if (box.right > window.innerWidth + 1 && box.width > 0) {
                    wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                        + (el.className && typeof el.className === 'string'
                            ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                        + ' (' + Math.round(box.right) + 'px)');
                }
            }
            return wide.slice(0, 5).length ? wide.slice(0, 5) : ['(scrollWidth only)'];
        }"""
    )


# WCAG 1.4.10 (reflow): at a phone's width nothing may stick out at the right
# or be cut off inside its own box. The document not scrolling sideways is not
# enough: a box with ``overflow: hidden`` (or a too-narrow cell) hides content
# without any scrollbar. Form fields scroll their own text by design.
REFLOW_WIDTHS = (320, 360)
REFLOW_PROBLEMS = """() => {
    const width = document.documentElement.clientWidth;
    const name = (el) => {
        const classes = typeof el.className === 'string' && el.className.trim()
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
        const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
        return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes
            + (text ? ' "' + text + '"' : '');
    };
    const problems = [];
    // Text for screen readers only (ds-sr-only, an unfocused skip link) is a 1 px box.
    const screenReaderOnly = new Set();
    for (const el of document.querySelectorAll('body *')) {
        const box = el.getBoundingClientRect();
        if (screenReaderOnly.has(el.parentElement) || (box.width <= 1 && box.height <= 1)) {
            screenReaderOnly.add(el);
            continue;
        }
        if (box.width === 0 || box.height === 0) continue;
        if (getComputedStyle(el).visibility === 'hidden') continue;
        if (box.right > width + 1) {
            problems.push(name(el) + ': right edge at ' + Math.round(box.right) + 'px');
            continue;
        }
        if (!(el instanceof HTMLElement) || el.matches('input, textarea, select')) continue;
        if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
            problems.push(name(el) + ': content ' + el.scrollWidth + 'px wide in a '
                + el.clientWidth + 'px box');
        }
    }
    return problems;
}"""


def reflow_problems(page) -> list[str]:
    """Every element wider than the viewport, or cut off inside its own box."""
    return page.evaluate(REFLOW_PROBLEMS)


# --- the crawl ---------------------------------------------------------------

CRAWL_ROLES = ("anonymous", "citizen", "staff", "politician")
# Pages the crawl's roles never reach, scanned by name (with their forms sent
# empty) as the role that uses them: the administrator's own pages, and an
# invitation link opened by the person invited.
LISTED_PAGES = {
    # First: the administrator's empty forms withdraw the demo's invitation.
    "anonymous": ("invitation",),
    "admin": (
        "/administrasjon/",
        "/administrasjon/personer/",
        "/administrasjon/innstillinger/",
        "/administrasjon/temaer/",
    ),
}
SCANNED_ROLES = (*CRAWL_ROLES, "admin")
PAGES_PER_ROLE = 60
# One page of each URL name is enough to judge its template.
PAGES_PER_URL_NAME = 1
FORMS_PER_ROLE = 12
# Downloads: attachments, a process's open data files, PDFs and calendar files.
SKIPPED_SUFFIXES = (".pdf", ".ics")
SKIPPED_PATHS = (
    "/konto/logg-ut/",
    "/i18n/",
    "/admin/",
    "/static/",
    "/vedlegg/",
    "/data.csv",
    "/data.json",
)
# Forms whose empty submission tells nothing (language, logout) are not sent.
SKIPPED_FORM_ACTIONS = ("/i18n/", "/konto/logg-ut/")


@dataclass
class PageReport:
    role: str
    url: str
    state: str  # "page", or "empty form" after an empty submission
    violations: dict[int, list[dict]]
    overflow_at_320: list[str]
    reflow: dict[int, list[str]]


@dataclass
class Crawl:
    html_dir: Path
    pages: list[PageReport] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    forms_sent: int = 0


def _skip(path: str) -> bool:
    return any(part in path for part in SKIPPED_PATHS) or path.split("?")[0].endswith(
        SKIPPED_SUFFIXES
    )


def _url_name(path: str) -> str:
    from django.urls import Resolver404, resolve

    try:
        return resolve(path).view_name
    except Resolver404:
        return path


def _scan(page, crawl: Crawl, role: str, state: str) -> None:
    import re

    violations, reflow = {}, {}
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        violations[width] = axe_violations(page)
        if width == 320:
            overflow = overflows(page)
    for width in REFLOW_WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        reflow[width] = reflow_problems(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    crawl.pages.append(PageReport(role, page.url, state, violations, overflow, reflow))
    name = re.sub(r"[^a-z0-9]+", "-", f"{role} {state} {page.url.split('//', 1)[1]}".lower())
    (crawl.html_dir / f"{len(crawl.pages):03d}-{name[:80]}.html").write_text(
        page.content(), encoding="utf-8"
    )


def _links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    return [href.split("#", 1)[0] for href in hrefs if href.startswith(origin)]


def _send_empty_forms(page, crawl: Crawl, role: str, url: str, sent: set[str]) -> None:
    """Submit each form of the page once, emptied and without browser
    validation, and scan the error state (htmx swaps the region in place)."""
    from urllib.parse import urlsplit

    selector = "main form[method='post'], main form[method='POST']"
    page.goto(url)
    count = page.locator(selector).count()
    for index in range(count):
        if len(sent) >= FORMS_PER_ROLE:
            return
        if page.url != url:
            page.goto(url)
        forms = page.locator(selector)
        if index >= forms.count():
            return
        form = forms.nth(index)
        action = urlsplit(form.get_attribute("action") or url).path
        key = _url_name(action)
        if key in sent or action.startswith(SKIPPED_FORM_ACTIONS):
            continue
        sent.add(key)
        form.evaluate(
            """form => {
                form.noValidate = true;
                // A form folded into <details> (reporting a comment) is sent opened.
                const details = form.closest('details');
                if (details) details.open = true;
                for (const field of form.querySelectorAll('input, textarea, select')) {
                    if (['hidden', 'submit', 'button'].includes(field.type)) continue;
                    if (field.type === 'checkbox' || field.type === 'radio') field.checked = false;
                    else if (field.tagName === 'SELECT') field.selectedIndex = -1;
                    else if (field.type !== 'file') field.value = '';
                }
            }"""
        )
        submit = form.locator("button[type='submit'], button:not([type]), input[type='submit']")
        if submit.count() == 0:
            continue
        with page.expect_response(lambda r: r.request.method == "POST", timeout=10_000):
            submit.first.click()
        page.wait_for_load_state()
        page.wait_for_timeout(150)  # htmx settles, portal.js moves focus
        crawl.forms_sent += 1
        _scan(page, crawl, role, f"empty form {key}")
        page.goto(url)


def _start_urls(base_url: str, role: str) -> list[str]:
    """The front page, and pages no link reaches: the one-click unsubscribe
    page a citizen opens from an e-mail (participants.unsubscribe)."""
    urls = [f"{base_url}/"]
    if role == "citizen":
        from django.urls import reverse

        from participants.models import User
        from participants.unsubscribe import token_for

        user = User.objects.get(email=ACCOUNTS[role])
        token = token_for(user_id=user.pk, groups=["followed"])
        urls.append(base_url + reverse("participants:unsubscribe", args=[token]))
    return urls


def crawl_site(browser, base_url: str, html_dir: Path) -> Crawl:
    from urllib.parse import urlsplit

    crawl = Crawl(html_dir=html_dir)
    for role in CRAWL_ROLES:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
        if role != "anonymous":
            context.add_cookies([session_cookie(ACCOUNTS[role], base_url)])
        console = Console()
        console.listen(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        queue, seen, per_name, sent = _start_urls(base_url, role), set(), {}, set()
        visited = []
        while queue and len(visited) < PAGES_PER_ROLE:
            url = queue.pop(0)
            path = urlsplit(url).path
            name = _url_name(path)
            if path in seen or _skip(path) or per_name.get(name, 0) >= PAGES_PER_URL_NAME:
                continue
            seen.add(path)
            response = page.goto(url)
            if response is None or response.status >= 400 or not page.url.startswith(base_url):
                continue
            per_name[name] = per_name.get(name, 0) + 1
            visited.append(page.url)
            _scan(page, crawl, role, "page")
            queue.extend(link for link in _links(page, base_url) if urlsplit(link).path not in seen)
        for url in visited:
            _send_empty_forms(page, crawl, role, url, sent)
        crawl.console.extend(console.problems)
        context.close()
    for role, paths in LISTED_PAGES.items():
        _scan_listed(browser, base_url, crawl, role, [_listed_path(path) for path in paths])
    return crawl


def _listed_path(path: str) -> str:
    """``invitation``: the link in the demo's pending invitation e-mail."""
    if path != "invitation":
        return path
    from django.urls import reverse

    from participants.models import Invitation
    from participants.people import invitation_token

    invitation = Invitation.objects.pending().order_by("pk").first()
    return reverse("administration:invitation_accept", args=[invitation_token(invitation)])


def _scan_listed(browser, base_url: str, crawl: Crawl, role: str, paths: list[str]) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    if role != "anonymous":
        context.add_cookies([session_cookie(ACCOUNTS[role], base_url)])
    console = Console()
    console.listen(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    urls = []
    for path in paths:
        response = page.goto(base_url + path)
        assert response is not None and response.status == 200, f"{path} as {role}"
        _scan(page, crawl, role, "page")
        urls.append(page.url)
    sent: set[str] = set()
    for url in urls:
        _send_empty_forms(page, crawl, role, url, sent)
    crawl.console.extend(console.problems)
    context.close()


@pytest.fixture(scope="package")
def crawl(browser, live_server, django_db_setup, django_db_blocker, tmp_path_factory) -> Crawl:
    """One crawl of the demo site per run, shared by the axe and vnu gates."""
    html_dir = tmp_path_factory.mktemp("pages")
    with django_db_blocker.unblock():
        seed_demo()
        return crawl_site(browser, live_server.url, html_dir)


# --- pages by role, outside the crawl's roles or behind data it lacks --------

# The start pages and moderation of each role, and the admins' audit log
# (admins are not crawled): checked one by one at 1280 and 320 px.
ROLE_PAGES = (
    ("staff", "/mitt-arbeid/"),
    ("staff", "/moderering/"),
    ("staff", "/moderering/?vis=skjulte"),
    ("politician", "/folkevalgt/"),
    ("politician", "/rapport/"),
    ("staff", "/rapport/?fra=feil"),
    ("admin", "/mitt-arbeid/"),
    ("admin", "/moderering/"),
    ("admin", "/revisjonslogg/"),
    ("admin", "/revisjonslogg/?fra=feil"),
)


def seed_work_to_show() -> None:
    """A reported comment, a hidden one and audit entries, so the role pages
    show their lists and forms rather than their empty states."""
    from participants.models import User
    from processes.models import Comment
    from processes.services.comments import comment_hide, comment_report

    staff = User.objects.get(email=ACCOUNTS["staff"])
    comments = list(Comment.objects.filter(status=Comment.Status.PUBLISHED).order_by("pk")[:2])
    if len(comments) < 2:
        return
    reporter = User.objects.get(email=ACCOUNTS["politician"])
    for comment in comments:
        if comment.author_id != reporter.pk:
            comment_report(comment=comment, user=reporter, reason="Usaklig")
    comment_hide(comment=comments[1], by=staff, reason="Sjikane")
