"""The running Streamlit app in headless Chromium (Debian's, driven by Playwright): log in, navigate.

``make test`` installs Debian's chromium; Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.services.ingest import import_transcripts

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "transcripts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def app_url(project) -> Iterator[str]:  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        if os.environ.get("WORKBENCH_REQUIRE_SYSTEM_DEPS") == "1":  # set by make test, which installs chromium
            pytest.fail("chromium is not installed")
        pytest.skip("chromium not installed")
    import_transcripts(project, [DATA / "teams.vtt", DATA / "typed.docx"], case="Granvik")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--", "--project", str(project.root)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("streamlit did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_login_and_read_a_transcript(app_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(app_url)
        page.get_by_label("Brukernavn").fill("admin")
        page.get_by_label("Passord").fill("feil")
        page.get_by_role("button", name="Logg inn").click()
        page.get_by_text("Feil brukernavn eller passord").wait_for(timeout=20000)
        page.get_by_label("Passord").fill("pw")
        page.get_by_role("button", name="Logg inn").click()
        page.get_by_text("Prosjektoversikt").wait_for(timeout=20000)
        page.get_by_role("link", name="Kilder").click()
        page.get_by_text("Kari Nordmann").first.wait_for(timeout=20000)
        page.get_by_text("English").click()
        page.get_by_text("Sources (transcripts, field notes, full texts)").wait_for(timeout=20000)
        page.screenshot(path=str(tmp_path / "sources.png"), full_page=True)
        browser.close()
    assert (tmp_path / "sources.png").stat().st_size > 10_000
