"""Keyboard-only screening in the running app (headless Debian Chromium via Playwright).

The decision box has the focus when the page opens, so "e note ↵" then "m note ↵" records two
decisions without touching the mouse, and Enter never falls through to the Include button.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from workbench.db.models import ImportBatch, Record
from workbench.services import screening, users

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_keyboard_only_decisions(project) -> None:  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        if os.environ.get("WORKBENCH_REQUIRE_SYSTEM_DEPS") == "1":
            pytest.fail("chromium is not installed")
        pytest.skip("chromium not installed")
    from playwright.sync_api import sync_playwright

    with project.session() as s:
        users.add_user(s, username="jonas", role="screener", password="pw")
        batch = ImportBatch(project_id=project.project_id, source_name="PubMed", content_hash="k", n_items=3)
        s.add(batch)
        s.flush()
        for i in range(3):
            s.add(Record(project_id=project.project_id, batch_id=batch.id, ordinal=i,
                         title=f"Tildeling av hjemmetjenester {i}", abstract="Vedtak i kommunen."))
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--", "--project", str(project.root)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url)
            page.get_by_label("Brukernavn").fill("jonas")
            page.get_by_label("Passord").fill("pw")
            page.get_by_role("button", name="Logg inn").click()
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
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    history = screening.decision_history(project, viewer="jonas")
    assert [(d.record_id, d.decision, d.note) for d in history] == [(1, "exclude", "for gammel"),
                                                                    (2, "maybe", "usikker")]
