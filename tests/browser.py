"""A shared headless Chromium for the browser tests (report and ``lintnews serve``).

Uses Debian's ``chromium`` package through Playwright's Python API with the
system browser (never ``playwright install``, which downloads a build).
Where the browser or Playwright is missing the tests are skipped with a loud
reason; under CI (the ``CI`` variable set) they fail instead, so a green CI
run always means the pages were really opened in a browser.
"""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the 'playwright' Python package is not installed")
    if chromium_path() is None:
        unavailable("no 'chromium' executable on PATH")
    with sync_playwright() as p:
        try:
            instance = launch(p)
        except Exception as exc:
            unavailable(f"chromium failed to start: {type(exc).__name__}: {exc}")
        try:
            yield instance
        finally:
            instance.close()


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
