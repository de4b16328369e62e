"""Rules shared by every backend, written once against a namespace; no framework imports.

Each backend binds these in one line (see ``docs/architecture.md``).
"""
