"""The plan of an import: for every valid row, create, update (which fields) or leave unchanged.

Reads the catalogue in batches and writes nothing, so `--dry-run` is exactly the plan, and applying it only
touches the pages that really change.
"""
from dataclasses import dataclass, field

from django.utils.html import strip_tags

from catalogue.importer.batches import batched
from catalogue.importer.names import NAME_MODELS, name_indexes
from catalogue.importer.offer import PlaceIndex, page_deployments, page_stream
from catalogue.importer.rows import ImportValidationError, RowError, name_key
from catalogue.models import SolutionPage
from catalogue.models.deployments import deployments_prefetch
from catalogue.models.terms import TERMS

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
PLAN_BATCH_SIZE = 500
NOT_LIVE = "live"  # a pseudo-field: the page exists but is not published, so the import publishes it


@dataclass(frozen=True)
class PlannedRow:
    action: str
    row: object  # SolutionRow
    page_id: int | None = None
    changed: tuple = ()
    # Changed field → the live page's value as a person reads it, for the admin's «было → станет» diff.
    before: dict = field(default_factory=dict)


@dataclass
class Plan:
    items: list
    # Import field → names of categories or tags the import would create, in file order.
    new_names: dict = field(default_factory=dict)

    def count(self, action):
        return sum(1 for item in self.items if item.action == action)

    @property
    def writes(self):
        return [item for item in self.items if item.action != UNCHANGED]


def build_plan(rows, parent):
    """Compare every row with the solution page of the same slug under `parent` (the catalogue index).

    Raises ImportValidationError when a deployment names a city or region the taxonomy lacks (places are not
    invented by an import)."""
    _check_places(rows)
    items = []
    for batch in batched(rows, PLAN_BATCH_SIZE):
        pages = _existing_pages(parent, [row.slug for row in batch])
        items.extend(_plan_row(row, pages.get(row.slug)) for row in batch)
    return Plan(items=items, new_names=_new_names(rows))


def _existing_pages(parent, slugs):
    pages = (SolutionPage.objects.child_of(parent).filter(slug__in=slugs)
             .prefetch_related(*(name for name in NAME_MODELS if name != "tags"), "tagged_items__tag",
                               deployments_prefetch()))
    return {page.slug: page for page in pages}


def _plan_row(row, page):
    if page is None:
        return PlannedRow(CREATE, row)
    changed = tuple(name for name, value in row.values.items() if _comparable(value, name) != page_value(page, name))
    before = {name: readable_page_value(page, name) for name in changed}
    if not page.live:
        changed += (NOT_LIVE,)
    return PlannedRow(UPDATE if changed else UNCHANGED, row, page.pk, changed, before)


def page_value(page, name):
    """A page's current value of an import field, in the shape `_comparable` gives a row's value."""
    if name == "body":
        return tuple((block["type"], block["value"]) for block in page.body.raw_data)
    if name == "tags":
        return frozenset(name_key(item.tag.name) for item in page.tagged_items.all())
    if name in NAME_MODELS:
        return frozenset(name_key(obj.name) for obj in getattr(page, name).all())
    if name == "deployments":
        return page_deployments(page)
    if name in ("ip", "certificates"):
        return page_stream(page, name)
    if name == "terms":
        return tuple(page.cooperation_forms)
    return getattr(page, name)


def readable_page_value(page, name):
    """A page's value of an import field as text: names joined with «; », the body as plain paragraphs."""
    if name == "body":
        return "\n\n".join(strip_tags(str(block.value)) for block in page.body)
    if name == "tags":
        return "; ".join(sorted(item.tag.name for item in page.tagged_items.all()))
    if name in NAME_MODELS:
        return "; ".join(sorted(obj.name for obj in getattr(page, name).all()))
    if name in OFFER_LISTS:
        return _readable_list(name, page_value(page, name))
    value = getattr(page, name)
    return "" if value is None else str(value)


OFFER_LISTS = ("deployments", "ip", "certificates", "terms")


def _readable_list(name, items):
    if name == "deployments":
        return "; ".join(f"{item.site} — {item.city or item.region}" + (f", {item.year}" if item.year else "")
                         for item in items)
    if name == "terms":
        return ", ".join(TERMS[key][1] for key in items)
    return "; ".join(" ".join(str(part) for part in item if part) for item in items)


def readable_row_value(row, name):
    """A row's value of an import field as text, in the same shape as `readable_page_value`."""
    value = row.values.get(name)
    if name == "body":
        return "\n\n".join(strip_tags(html) for _, html in value or ())
    if name in NAME_MODELS:
        return "; ".join(sorted(value or ()))
    if name in OFFER_LISTS:
        return _readable_list(name, value or ())
    return "" if value is None else str(value)


def _comparable(value, name):
    # Categories compare as sets of name keys: order and letter case in the file do not make a change.
    return frozenset(map(name_key, value)) if name in NAME_MODELS else value


def _check_places(rows):
    places, errors = PlaceIndex(), []
    for row in rows:
        for number, deployment in enumerate(row.values.get("deployments", ()), start=1):
            errors += [RowError(row.where, "deployments", f"внедрение № {number}: {problem}")
                       for problem in places.problems(deployment)]
    if errors:
        raise ImportValidationError(errors)


def _names_of(row, name):
    """The names a row gives for a category field; deployments' organisations count as organisations."""
    names = tuple(row.values.get(name, ()))
    if name == "organizations":
        names += tuple(item.organization for item in row.values.get("deployments", ()) if item.organization)
    return names


def _new_names(rows):
    indexes = name_indexes()
    new_names = {}
    for name, index in indexes.items():
        seen = {}
        for row in rows:
            for missing in index.missing(_names_of(row, name)):
                seen.setdefault(name_key(missing), missing)
        if seen:
            new_names[name] = list(seen.values())
    return new_names
