"""Runs one page module under Streamlit's AppTest without the log-in shell.

Environment: ``WORKBENCH_PROJECT`` (project folder), ``WB_PAGE`` (module name in ui/pages),
``WB_USER``/``WB_ROLE`` (acting user), ``WB_LANG`` (nb|en). Used by tests/ui/test_pages.py.
"""

import importlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ui.common import PageContext  # noqa: E402
from workbench.services.project import open_project  # noqa: E402

handle = open_project(os.environ["WORKBENCH_PROJECT"])
ctx = PageContext(handle=handle, username=os.environ.get("WB_USER", "admin"),
                  role=os.environ.get("WB_ROLE", "admin"), lang=os.environ.get("WB_LANG", "nb"))
importlib.import_module(f"ui.pages.{os.environ['WB_PAGE']}").render(ctx)
