"""Adding a missed identifier by selecting it with the mouse, in the running app (headless Debian Chromium).

The selection is made by script inside the ``text_select`` component's iframe (a DOM Range over the
rendered text, then a mouseup), exactly what a drag with the mouse leaves behind. Non-BMP characters
before the word (one in the same text segment as the selection's start) make a UTF-16 offset differ
from the code-point offset the service stores.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from browser_app import ARGS, CHROMIUM, log_in, require_chromium, running_app

from workbench.db.models import Source, Turn
from workbench.services import deid

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]
WORD = "Bøstølen"
TEXT = ("Hei 👋🏽 Kari Nordmann, hvordan går det med dere? 𝄞 Jeg har vært på kurs.\n"
        f"Det går bra. Vi bor fortsatt oppe på 🏔 {WORD} i Hjelmeland, ring meg på 912 34 567.")

# Find `needle` (with its surrounding spaces) in the concatenated text nodes of the pane, select it with
# a Range that may span several mark/text segments, and release the mouse the way a drag would.
SELECT_JS = """needle => {
  const pane = document.getElementById('pane');
  const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
  const nodes = []; let all = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, all.length]); all += n.data; }
  const i = all.indexOf(needle);
  if (i < 0) return false;
  const at = pos => { for (const [n, base] of nodes) { if (pos <= base + n.data.length) return [n, pos - base]; } };
  const range = document.createRange();
  range.setStart(...at(i)); range.setEnd(...at(i + needle.length));
  const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
  pane.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
  return true;
}"""


def test_select_a_missed_identifier_with_the_mouse(project) -> None:  # type: ignore[no-untyped-def]
    require_chromium()
    from playwright.sync_api import sync_playwright

    with project.session() as s:
        src = Source(project_id=project.project_id, title="intervju 1", content_hash=hashlib.sha256(b"a").hexdigest(),
                     text=TEXT)
        cut = TEXT.index("\n")
        src.turns = [Turn(index=0, speaker="I", start=0, end=cut),
                     Turn(index=1, speaker="IP", start=cut + 1, end=len(TEXT))]
        s.add(src)
        s.flush()
        source_id = src.id
    deid.run_detection(project, use_ner=False)
    with project.session() as s:
        before = deid.list_detections(s, project.project_id, source_id=source_id, context=0)
    assert before, "the page needs detections to highlight"
    start = TEXT.index(WORD)  # code points
    assert len(TEXT[:start].encode("utf-16-le")) // 2 == start + 4  # four astral characters before the word

    with running_app(project.root) as url:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            log_in(page, url, "ingrid", "pw")
            page.get_by_role("link", name="Avidentifisering").click()
            pane = page.frame_locator("iframe[title*='text_select']").locator("#pane")
            pane.get_by_text(WORD, exact=False).wait_for(timeout=30000)
            assert pane.locator("mark.pending").count() >= 1  # detections are highlighted
            frame = next(f for f in page.frames if "text_select" in f.url)
            assert frame.evaluate(SELECT_JS, f" {WORD} ")  # with spaces: the component trims them
            bar = page.frame_locator("iframe[title*='text_select']").locator("#chosen")
            bar.get_by_text(f"Valgt: «{WORD}» ({start}–{start + len(WORD)})").wait_for(timeout=10000)
            add = page.get_by_role("button", name="Legg til", exact=True)
            add.wait_for(timeout=30000)
            label = page.get_by_label("Type", exact=True).nth(0)  # the selection form's (the paste one is later)
            label.focus()
            page.keyboard.type("PLACE")
            page.get_by_role("option", name="PLACE", exact=True).click()
            add.click()
            page.get_by_text("forekomster lagt til").wait_for(timeout=30000)
            browser.close()
    with project.session() as s:
        manual = [d for d in deid.list_detections(s, project.project_id, source_id=source_id, context=0)
                  if d.detector == "manual"]
    assert [(d.start, d.end, d.text, d.label, d.status) for d in manual] == [
        (start, start + len(WORD), WORD, "PLACE", "accepted")]
