"""Streamlit entry point: ``streamlit run app.py -- --project DIR``.

A thin shell: log-in, language choice and navigation; each page in ``ui/pages/`` calls
``workbench.services`` only.
"""

from __future__ import annotations

from ui.app_main import main

main()
