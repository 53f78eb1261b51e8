from .deployments import Deployment
from .imports import ImportJob
from .pages import CatalogueIndexPage, SolutionPage, SolutionTag
from .requests import NeedSubmission, PublicStatus, SolutionOffer, SolutionRequest
from .taxonomy import Need, Organization, Region, Sector

__all__ = [
    "CatalogueIndexPage",
    "Deployment",
    "ImportJob",
    "Need",
    "NeedSubmission",
    "Organization",
    "PublicStatus",
    "Region",
    "Sector",
    "SolutionOffer",
    "SolutionPage",
    "SolutionRequest",
    "SolutionTag",
]
