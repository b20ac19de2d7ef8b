"""Test-wide settings, and the one headless Chromium the browser tests share."""

import os
from collections.abc import Iterator

import matplotlib
import pytest
from hypothesis import settings

matplotlib.use("Agg")  # figures are written to files; no display is needed

# Same examples on every run and machine (CI included), no example database left in the
# checkout, and no per-example deadline (a loaded CI machine must not fail a correct test).
# `HYPOTHESIS_PROFILE=explore` draws fresh examples for a deeper local search.
settings.register_profile("repeatable", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", database=None, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Command-line tables and sentences at their natural width unless a test sets COLUMNS
    itself: tests read what the commands say; tests/test_terminal_width.py how it fits."""
    monkeypatch.setenv("COLUMNS", "1000")


@pytest.fixture(autouse=True)
def _library_elsewhere(monkeypatch: pytest.MonkeyPatch,
                       tmp_path_factory: pytest.TempPathFactory) -> None:
    """`grantopt serve` run by a test keeps its library of saved scenarios in a temporary
    folder, never in the checkout (a test that means the default unsets this itself)."""
    monkeypatch.setenv("GRANTOPT_STORE", str(tmp_path_factory.getbasetemp() / "library.sqlite"))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole file (the system's, never Playwright's own)."""
    from tests.test_browser import CHROMIUM_ARGS, _chromium, _unavailable

    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed "
                     "(pip install '.[test]')")
    executable = _chromium()
    if executable is None:
        _unavailable("no Chromium found: neither `chromium` on PATH nor /usr/bin/chromium "
                     "(Debian: apt-get install chromium)")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=executable,
                                                  args=CHROMIUM_ARGS)
        except Error as error:
            _unavailable(f"Chromium at {executable} did not start: {error}")
        yield chromium
        chromium.close()
