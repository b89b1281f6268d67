"""Shared plumbing for the browser tests: Debian's chromium, the app in a subprocess, logging in.

``make test`` installs Debian's chromium (Playwright's own browser download is never used) and sets
``WORKBENCH_REQUIRE_SYSTEM_DEPS=1``, so a missing browser fails there instead of being skipped.
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
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("WORKBENCH_REQUIRE_SYSTEM_DEPS") == "1":  # set by make test, which installs chromium
            pytest.fail("chromium is not installed")
        pytest.skip("chromium not installed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_app(project_root: Path) -> Iterator[str]:
    """Start ``streamlit run app.py`` on a free port for the project; yield its URL; stop it."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--", "--project", str(project_root)],
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


def log_in(page: Any, url: str, username: str, password: str) -> None:
    """Open the app and log in through the login form (Norwegian labels, the default language)."""
    page.goto(url)
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
