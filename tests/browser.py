"""A shared headless Chromium for the browser tests (report and ``lintnews serve``).

Uses Debian's ``chromium`` package through Playwright's Python API with the
system browser (never ``playwright install``, which downloads a build).
Where the browser or Playwright is missing the tests are skipped with a loud
reason; under CI (the ``CI`` variable set) they fail instead, so a green CI
run always means the pages were really opened in a browser.
"""

from __future__ import annotations

import atexit
import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def unavailable(reason: str) -> None:
    """Skip loudly, or fail under CI, when the browser cannot run."""
    message = (
        f"BROWSER TESTS NOT RUN: {reason}. Install Debian's chromium "
        "(apt-get install -y chromium) and the 'playwright' Python package "
        "(pip install -e '.[test]'); never 'playwright install'."
    )
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def launch(playwright: Any) -> Any:
    """A headless system Chromium, the same flags everywhere (tests, screenshots, benchmark)."""
    path = chromium_path()
    if path is None:
        raise FileNotFoundError("no 'chromium' executable on PATH")
    return playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)


#: one Playwright driver and browser per test process: test modules each import the
#: fixtures below, and Playwright's sync API refuses a second driver in one thread
_SHARED: dict[str, Any] = {}


def _stop_shared() -> None:
    browser = _SHARED.pop("browser", None)
    driver = _SHARED.pop("driver", None)
    try:
        if browser is not None:
            browser.close()
    finally:
        if driver is not None:
            driver.stop()


def shared_browser() -> Any:
    """The process-wide headless Chromium, started on first use (skips/fails if it can't)."""
    if "error" in _SHARED:
        unavailable(_SHARED["error"])
    if "browser" in _SHARED:
        return _SHARED["browser"]
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _SHARED["error"] = "the 'playwright' Python package is not installed"
        unavailable(_SHARED["error"])
    if chromium_path() is None:
        _SHARED["error"] = "no 'chromium' executable on PATH"
        unavailable(_SHARED["error"])
    driver = sync_playwright().start()
    _SHARED["driver"] = driver
    atexit.register(_stop_shared)
    try:
        _SHARED["browser"] = launch(driver)
    except Exception as exc:
        _SHARED["error"] = f"chromium failed to start: {type(exc).__name__}: {exc}"
        unavailable(_SHARED["error"])
    return _SHARED["browser"]


@pytest.fixture(scope="session")
def browser() -> Any:
    return shared_browser()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records dialogs (alert/confirm) and page errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.page_errors = []  # type: ignore[attr-defined]

    def on_dialog(dialog: Any) -> None:
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda exc: pg.page_errors.append(str(exc)))
    try:
        yield pg
    finally:
        context.close()
