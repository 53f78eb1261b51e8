"""The catalogue in other formats: feeds, spreadsheets, the partner widget, structured data for search engines.

Each module is a thin view over CatalogueQuery; none filters solutions on its own.
"""
