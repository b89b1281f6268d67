"""Keyboard-only screening in the running app (headless Debian Chromium via Playwright).

The decision box has the focus when the page opens, so "e note ↵" then "m note ↵" records two
decisions without touching the mouse, and Enter never falls through to the Include button.
"""

from __future__ import annotations

import pytest
from browser_app import ARGS, CHROMIUM, log_in, require_chromium, running_app

from workbench.db.models import ImportBatch, Record
from workbench.services import screening, users

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_keyboard_only_decisions(project) -> None:  # type: ignore[no-untyped-def]
    require_chromium()
    from playwright.sync_api import sync_playwright

    with project.session() as s:
        users.add_user(s, username="jonas", role="screener", password="pw")
        batch = ImportBatch(project_id=project.project_id, source_name="PubMed", content_hash="k", n_items=3)
        s.add(batch)
        s.flush()
        for i in range(3):
            s.add(Record(project_id=project.project_id, batch_id=batch.id, ordinal=i,
                         title=f"Tildeling av hjemmetjenester {i}", abstract="Vedtak i kommunen."))
    with running_app(project.root) as url:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            log_in(page, url, "jonas", "pw")
            page.get_by_role("link", name="Screening").click()
            page.get_by_text("3 igjen for deg").wait_for(timeout=30000)
            page.wait_for_function("document.activeElement && document.activeElement.tagName === 'INPUT'"
                                   " && (document.activeElement.getAttribute('aria-label') || '')"
                                   ".startsWith('Beslutning')", timeout=20000)
            page.keyboard.type("e for gammel")
            page.keyboard.press("Enter")
            page.get_by_text("2 igjen for deg").wait_for(timeout=30000)
            page.wait_for_timeout(1500)
            page.keyboard.type("m usikker")
            page.keyboard.press("Enter")
            page.get_by_text("1 igjen for deg").wait_for(timeout=30000)
            browser.close()
    history = screening.decision_history(project, viewer="jonas")
    assert [(d.record_id, d.decision, d.note) for d in history] == [(1, "exclude", "for gammel"),
                                                                    (2, "maybe", "usikker")]
