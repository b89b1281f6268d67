"""What every Streamlit page gets: the open project, the logged-in user, the language.

Pages live in ``ui/pages/<area>.py`` and define ``TITLE = {"nb": ..., "en": ...}`` and
``render(ctx: PageContext) -> None``. They call ``workbench.services`` only (no SQL, no spaCy),
keep their UI strings in a ``TEXTS = {"nb": {...}, "en": {...}}`` dict and look them up with
``ctx.t(TEXTS, key)``. Norwegian Bokmål is the default language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.services.project import ProjectHandle


@dataclass
class PageContext:
    handle: ProjectHandle
    username: str
    role: str
    lang: str = "nb"

    def t(self, texts: dict[str, dict[str, str]], key: str, **fmt: Any) -> str:
        """Translate ``key`` (falls back to Norwegian, then to the key itself)."""
        value = texts.get(self.lang, {}).get(key) or texts.get("nb", {}).get(key) or key
        return value.format(**fmt) if fmt else value

    def title(self, page_title: dict[str, str]) -> str:
        return page_title.get(self.lang) or page_title["nb"]
