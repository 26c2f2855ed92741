"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

No browser is downloaded: the tests use the system Chromium (`/usr/bin/chromium`, or
`CHROMIUM_PATH`). Without it they are skipped, except under `CI`, where a missing
browser is a failure so that the suite cannot go green by testing nothing.

Every browser context a test opens is watched: a console error (which is how Chromium
reports a Content-Security-Policy violation), an uncaught exception, or a failed or
4xx/5xx same-origin request fails the test at teardown.
"""

from __future__ import annotations

import io
import os
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Request,
    Response,
    expect,
)
from playwright.sync_api import Error as PlaywrightError

# Playwright's sync API keeps an asyncio event loop running on this thread (it switches
# greenlets around it), so Django's async-safety check would refuse the ORM calls that
# fixtures make ("You cannot call this from an async context"). Nothing runs
# concurrently on this thread: Playwright and the ORM take turns, so it is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Fail in seconds, not in Playwright's default 30: every page here is served locally.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)

HERE = Path(__file__).parent
PASSWORD = "browser-pass-123"
LECTURE_PATH = "/courses/demo/russia-azerbaijan-relations/"
FIRST_SECTION = "Historical Background"
FIRST_ITEM = "Review the evolution of Russia-Azerbaijan relations and key turning points."
# Chromium has only loopback here: keep it from phoning home (and logging the refusals).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no", "off"}


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        message = f"no Chromium at {path} (apt-get install chromium, or set CHROMIUM_PATH)"
        if _in_ci():
            pytest.fail(f"{message}; CI must run the browser tests", pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture(autouse=True)
def _require_chromium(chromium_executable: str) -> None:
    """Skip (or, under CI, fail) before any database or server work."""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, chromium_executable: str) -> dict:
    return {
        "headless": True,
        **browser_type_launch_args,
        "executable_path": chromium_executable,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict, live_server) -> dict:
    return {**browser_context_args, "base_url": live_server.url}


class BrowserProblems:
    """What the browser complained about while a test ran, as readable lines."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.items: list[str] = []

    def watch(self, context: BrowserContext) -> None:
        context.on("console", self._console)
        context.on("weberror", lambda error: self.items.append(f"page error: {error.error}"))
        context.on("requestfailed", self._request_failed)
        context.on("response", self._response)

    def clear(self) -> None:
        self.items.clear()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.page.url if message.page else "?"
            self.items.append(f"console error on {where}: {message.text}")

    def _request_failed(self, request: Request) -> None:
        # A navigation cancels the requests still in flight (ERR_ABORTED): that is the
        # test moving on, not the site failing.
        failure = request.failure or ""
        if request.url.startswith(self.origin) and "ERR_ABORTED" not in failure:
            self.items.append(f"request failed: {request.method} {request.url}: {failure}")

    def _response(self, response: Response) -> None:
        if response.url.startswith(self.origin) and response.status >= 400:
            request = response.request
            self.items.append(f"HTTP {response.status}: {request.method} {response.url}")

    def report(self) -> str:
        lines = "\n".join(f"  - {item}" for item in self.items)
        return f"the browser reported {len(self.items)} problem(s):\n{lines}"


@pytest.fixture
def browser_problems(live_server) -> Iterator[BrowserProblems]:
    problems = BrowserProblems(origin=live_server.url)
    yield problems
    assert not problems.items, problems.report()


@pytest.fixture
def new_context(browser_problems: BrowserProblems, new_context) -> Callable[..., BrowserContext]:
    """pytest-playwright's `new_context`, with every context watched for problems.

    `browser_problems` comes first so that it is torn down last, once the contexts
    are closed and their last events delivered.
    """

    def make(**kwargs) -> BrowserContext:
        context = new_context(**kwargs)
        context.set_default_timeout(TIMEOUT_MS)
        browser_problems.watch(context)
        return context

    return make


@pytest.fixture
def demo(live_server, settings) -> str:
    """The demo course, its sample lecture and the `student` login; returns the site URL."""
    # These tests are about the pages, not PBKDF2's deliberate slowness (about 1 s a test).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", "--password", PASSWORD, "--students", "2", stdout=io.StringIO())
    return live_server.url


def log_in(page: Page, username: str = "student") -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")


@pytest.fixture
def student_page(demo: str, page: Page) -> Page:
    log_in(page)
    return page


def save_screenshot(page: Page, path: Path) -> None:
    """Save the whole page as a review artefact. A screenshot is not an assertion:
    Chromium now and then refuses one under load ("Unable to capture screenshot"),
    so a refusal is tried once more and then reported as a warning, not a failure."""
    for attempt in range(2):
        try:
            page.screenshot(path=path, full_page=True)
            return
        except PlaywrightError as refused:
            reason = refused
            page.wait_for_timeout(250 * (attempt + 1))
    warnings.warn(f"no screenshot {path.name}: {reason.message}", stacklevel=2)


@pytest.fixture
def screenshot_dir(pytestconfig: pytest.Config) -> Path:
    path = pytestconfig.rootpath / "test-artifacts" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def section_toggle(page: Page, action: str, section: str = FIRST_SECTION) -> Locator:
    """A section's button: visible "Mark as read", then ": <section title>" visually hidden.

    Chromium puts a space before the hidden part of the name ("Mark as read : …"),
    hence the pattern rather than an exact name.
    """
    return page.get_by_role("button", name=re.compile(rf"^{action}\W+{re.escape(section)}$"))


def action_item(page: Page, text: str = FIRST_ITEM) -> Locator:
    return page.get_by_role("button", name=text, exact=True)
