"""workbench: qualitative-research and scoping-review workbench.

Layers (see docs/ARCHITECTURE.md): ``domain`` (pure functions) < ``db`` (models, sessions)
< ``io`` (format readers/writers) and ``nlp`` < ``services`` (the sole API for the CLI and the
Streamlit UI) < ``cli``. Nothing in this package imports Streamlit.
"""

__version__ = "0.1.0"
