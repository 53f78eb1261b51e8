"""The public read-only API of the catalogue: /api/v2/solutions/ on wagtail.api.v2."""
