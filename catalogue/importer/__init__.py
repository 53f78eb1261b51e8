"""Bulk import of solutions: read a file → validate every row (pure) → plan against the catalogue → apply it
in one transaction. `manage.py import_solutions` drives these steps; `docs/import.md` describes the format.
"""
