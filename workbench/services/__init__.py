"""Services: the only API the CLI and the Streamlit UI call. One module per workflow.

Every service takes a ``ProjectHandle`` (or a ``Session`` from it) first and keyword arguments
after; every change writes an ``AuditEvent`` through ``workbench.services.audit.record``.
"""
