"""Streamlit shell: project, log-in, language, navigation over the pages in ``ui/pages``."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from types import ModuleType

import streamlit as st

from ui.common import PageContext
from workbench.config import resolve_project_dir
from workbench.services import users as users_service
from workbench.services.project import ProjectHandle, open_project

# Order = workflow order. A page module missing from the checkout is skipped.
PAGE_MODULES = ["home", "cases", "sources", "deid", "coding", "agreement", "records", "screening",
                "prisma", "charting", "vignettes"]

TEXTS = {
    "nb": {"login": "Logg inn", "username": "Brukernavn", "password": "Passord", "bad_login": "Feil brukernavn eller passord",
           "logout": "Logg ut", "language": "Språk", "project": "Prosjekt", "no_project": "Fant ikke prosjektet"},
    "en": {"login": "Log in", "username": "User name", "password": "Password", "bad_login": "Wrong user name or password",
           "logout": "Log out", "language": "Language", "project": "Project", "no_project": "Project not found"},
}


def _project_arg() -> str:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", default=None)
    args, _ = parser.parse_known_args(sys.argv[1:])
    return str(resolve_project_dir(args.project or os.environ.get("WORKBENCH_PROJECT")))


@st.cache_resource
def _handle(path: str) -> ProjectHandle:
    return open_project(path)


def _pages() -> list[ModuleType]:
    mods = []
    for name in PAGE_MODULES:
        try:
            mods.append(importlib.import_module(f"ui.pages.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"ui.pages.{name}":
                raise
    return mods


def main() -> None:
    st.set_page_config(page_title="Workbench", layout="wide")
    lang = st.session_state.get("lang", "nb")
    tx = TEXTS[lang]
    try:
        handle = _handle(_project_arg())
    except Exception as exc:  # noqa: BLE001 - shown to the user
        st.error(f"{tx['no_project']}: {exc}")
        return

    with st.sidebar:
        choice = st.radio(tx["language"], ["nb", "en"], index=0 if lang == "nb" else 1, horizontal=True,
                          format_func=lambda c: "Norsk bokmål" if c == "nb" else "English", key="lang_radio")
        if choice != lang:
            st.session_state["lang"] = choice
            st.rerun()

    if "user" not in st.session_state:
        st.title("Workbench")
        with st.form("login"):
            username = st.text_input(tx["username"])
            password = st.text_input(tx["password"], type="password")
            if st.form_submit_button(tx["login"]):
                with handle.session() as s:
                    user = users_service.authenticate(s, username, password)
                    role = user.role if user else None
                if user is None:
                    st.error(tx["bad_login"])
                else:
                    st.session_state["user"] = (username, role)
                    st.rerun()
        return

    username, role = st.session_state["user"]
    ctx = PageContext(handle=handle, username=username, role=role, lang=lang)
    with st.sidebar:
        st.caption(f"{tx['project']}: {handle.root.resolve().name} · {username} ({role})")
        if st.button(tx["logout"]):
            del st.session_state["user"]
            st.rerun()

    pages = []
    for mod in _pages():
        def _render(mod: ModuleType = mod) -> None:
            mod.render(ctx)
        pages.append(st.Page(_render, title=ctx.title(mod.TITLE), url_path=mod.__name__.rsplit(".", 1)[-1]))
    st.navigation(pages).run()
