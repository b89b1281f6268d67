"""The running Streamlit app in headless Chromium (Debian's, driven by Playwright): log in, navigate.

``make test`` installs Debian's chromium; Playwright's own browser download is never used.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_app import ARGS, CHROMIUM, require_chromium, running_app

from workbench.services.ingest import import_transcripts

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "transcripts"


@pytest.fixture
def app_url(project) -> Iterator[str]:  # type: ignore[no-untyped-def]
    require_chromium()
    import_transcripts(project, [DATA / "teams.vtt", DATA / "typed.docx"], case="Granvik")
    with running_app(project.root) as url:
        yield url


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
