from .pages import CatalogueIndexPage, SolutionPage, SolutionTag
from .taxonomy import Need, Organization, Region, Sector

__all__ = [
    "CatalogueIndexPage",
    "Need",
    "Organization",
    "Region",
    "Sector",
    "SolutionPage",
    "SolutionTag",
]
