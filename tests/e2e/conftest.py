"""Browser tests: Playwright for Python driving Debian's chromium against the live server.

Each page a test visits can be checked with axe-core (WCAG 2.2 AA; serious and critical
violations fail). Content-Security-Policy violations reported by the browser fail the test
too, so inline script or style cannot slip in unnoticed.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# tests themselves (fixtures, assertions) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("NABIJ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DEMO_PASSWORD = "demo-nabij-2026"

VIEWPORTS = {"desktop": (1280, 800), "tablet": (820, 1180), "phone": (360, 740)}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class CspWatcher:
    def __init__(self):
        self.violations: list[str] = []

    def __call__(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(message.text)


@pytest.fixture
def make_page(browser):
    """make_page("phone") → a fresh page (own cookies) at that viewport."""
    contexts = []
    watchers = []

    def _make(viewport: str = "desktop"):
        width, height = VIEWPORTS[viewport]
        context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        watcher = CspWatcher()
        watchers.append(watcher)
        page.on("console", watcher)
        return page

    yield _make
    for context in contexts:
        context.close()
    violations = [v for w in watchers for v in w.violations]
    assert not violations, f"Content-Security-Policy violations: {violations}"


@pytest.fixture
def page(make_page):
    return make_page("desktop")


@pytest.fixture
def demo(transactional_db, settings):
    """The demo municipality, as `make run` loads it (2FA off, as in demo mode)."""
    from django.core.management import call_command

    settings.REQUIRE_2FA = False
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def login(live_server):
    def _login(page, username: str, password: str = DEMO_PASSWORD):
        page.goto(f"{live_server.url}/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        assert "/inloggen/" not in page.url, f"login as {username} failed"
        return page

    return _login


@pytest.fixture
def assert_accessible():
    def _check(page, *, context: str = ""):
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(AXE_SOURCE)  # through DevTools, so the page's CSP is not loosened
        result = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        serious = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
        summary = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in serious]
        assert not serious, f"axe violations on {context or page.url}:\n" + "\n".join(summary)

    return _check
