"""Custom Streamlit components (plain HTML+JS frontends, no build step, nothing fetched at run time)."""
