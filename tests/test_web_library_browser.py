"""The library of saved scenarios in a real browser (headless Chromium, Playwright), as a
team uses it: three scenarios saved by name survive a restart of the server and reopen
from their URLs with the same portfolios; a page whose session ended (the restart) offers
the saved scenario it was on; two browsers share the library; the history shows the change
made (key, old, new). Skips without Chromium, as tests/test_web_browser.py does."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from tests.test_browser import SCREEN
from tests.test_web_browser import BASELINE, TIMEOUT, _ids, _set, running


@contextlib.contextmanager
def serving(store: Path, port: int = 0) -> Iterator[str]:
    """`grantopt serve scenarios/2020-baseline.toml --store STORE` in a thread; its address.
    Stopped (its file closed) on leaving."""
    from optimizer.web import create_app

    app = create_app([BASELINE], store=store)
    try:
        with running(app, port) as address:
            yield address
    finally:
        app.state.shelf.store.close()


@contextlib.contextmanager
def opened(browser, url: str | None = None) -> Iterator:
    """A page in a context of its own, at `url` when given; a script error on it fails
    the test."""
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    if url is not None:
        load(page, url)
    yield page
    assert not errors, errors
    context.close()


def load(page, url: str) -> None:
    """Go to `url` and wait until the page is ready and its library listed."""
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    page.wait_for_selector("#library-open:not(:empty)")


def _change_budget(page, eur: str) -> None:
    with page.expect_response(lambda r: r.url.endswith("/api/change") and r.ok):
        _set(page, "#budget-exact", eur)


def _save(page, name: str) -> str:
    """Save as `name`; the saved scenario's slug (from its link)."""
    page.fill("#library-name", name)
    page.press("#library-name", "Enter")
    page.wait_for_selector(f'#library-open-name:text-is("{name}")')
    href = page.get_attribute("#library-link", "href")
    assert href and href.startswith("/s/")
    return href[3:]


def _names(page) -> list[str]:
    return page.eval_on_selector_all("#library-list tbody tr td:first-child",
                                     "cells => cells.map(c => c.textContent)")


def test_saved_scenarios_survive_a_restart_and_reopen_from_their_urls(browser, tmp_path):
    store = tmp_path / "team" / "library.sqlite"
    portfolios: dict[str, list[str]] = {}
    with opened(browser) as page:
        with serving(store) as first:
            port = int(first.rsplit(":", 1)[1])
            load(page, first + "/")
            for name, eur in (("Lean", "8000000"), ("Generous", "12000000"),
                              ("Middle", "10500000")):
                with page.expect_response(lambda r: r.url.endswith("/api/open")):
                    page.select_option("#offer", "2020-baseline")  # a file: unsaved
                page.wait_for_selector("#library-open:has-text('Not saved')")
                _change_budget(page, eur)
                slug = _save(page, name)
                portfolios[slug] = _ids(page, "#portfolio tbody tr")
            assert len({tuple(ids) for ids in portfolios.values()}) == 3
            assert sorted(_names(page)) == ["Generous", "Lean", "Middle"]
            last = slug

        with serving(store, port) as second:
            # the old page's session is gone: it offers the saved scenario it was on
            page.click("#library-refresh")
            page.wait_for_selector("#library-reopen")
            assert page.get_attribute("#library-reopen", "href") == f"/s/{last}"
            page.click("#library-reopen")
            page.wait_for_selector("body[data-ready='1']")
            page.wait_for_selector("#library-open-name:text-is('Middle')")
            assert _ids(page, "#portfolio tbody tr") == portfolios[last]
            for slug, ids in portfolios.items():
                with opened(browser, f"{second}/s/{slug}") as other:
                    assert _ids(other, "#portfolio tbody tr") == ids
                    assert other.get_attribute("#library-link", "href") == f"/s/{slug}"


def test_two_browsers_share_the_library_and_the_history_shows_the_change(browser, tmp_path):
    with serving(tmp_path / "library.sqlite") as server, \
            opened(browser, server + "/") as maija, opened(browser, server + "/") as pekka:
        _save(maija, "Maija's")
        pekka.click("#library-refresh")
        pekka.wait_for_selector("#library-list tbody tr td:text-is(\"Maija's\")")
        _save(pekka, "Pekka's")
        maija.click("#library-refresh")
        maija.wait_for_selector("#library-list tbody tr td:text-is(\"Pekka's\")")
        assert sorted(_names(maija)) == sorted(_names(pekka)) == ["Maija's", "Pekka's"]

        # a change on the open saved scenario: kept at once, in its history
        _change_budget(maija, "9000000")
        maija.click("#library-history-box summary")
        row = maija.wait_for_selector(
            "#library-history tbody tr:has(td[data-key='budget.appropriation'])")
        cells = [c.text_content() for c in row.query_selector_all("td")]
        assert cells[3:] == ["appropriation", "10,000,000", "9,000,000"], cells
        # the grid has a column for Pekka's saved scenario, and rows where 9 M€ differs
        maija.wait_for_selector("#grid thead th[data-kind='saved']:text-is(\"Pekka's\")")
        assert maija.locator("#grid tbody tr.differs").count() > 0
        # Pekka opens Maija's scenario from the list: her change is there
        pekka.click("#library-list tbody tr:has(td:text-is(\"Maija's\")) "
                    "button[data-action='open']")
        pekka.wait_for_selector("#library-open-name:text-is(\"Maija's\")")
        pekka.wait_for_function("document.querySelector('#budget-exact').value == '9000000'")
        assert _ids(pekka, "#portfolio tbody tr") == _ids(maija, "#portfolio tbody tr")

        # the two side by side, as `grantopt diff` prints them
        pekka.click("#library-refresh")
        pekka.wait_for_selector("#library-diff-box:not([hidden])")
        assert pekka.input_value("#library-diff-a") != pekka.input_value("#library-diff-b")
        pekka.click("#library-diff-button")
        text = pekka.wait_for_selector("#library-diff:not([hidden])").text_content()
        assert "Maija's" in text and "Pekka's" in text and "against A" in text

        # suomeksi: the library's words follow the page's language
        pekka.click("#lang-switch")
        pekka.wait_for_selector("html[lang='fi']")
        pekka.wait_for_selector("#library-title:text-is('Tallennetut skenaariot')")
        assert pekka.text_content("#library-save-button") == "Tallenna nimellä"
