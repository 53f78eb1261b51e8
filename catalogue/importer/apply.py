"""Applying a plan: every create and update in one transaction, each as a published Wagtail revision."""
from django.db import reset_queries, transaction
from wagtail.rich_text import RichText

from catalogue.importer.batches import batched
from catalogue.importer.indexing import deferred_index_updates, reindex
from catalogue.importer.names import NAME_MODELS, name_indexes
from catalogue.models import SolutionPage

WRITE_BATCH_SIZE = 200


def apply_plan(plan, parent, progress=None, index_progress=None):
    """Write the plan's creates and updates under `parent`; all of them or, on any error, none.

    `progress(done, total)` is called after each row; pages are loaded a batch at a time and dropped after it.
    Returns the ids of the pages written.
    """
    writes = plan.writes
    written = []
    with transaction.atomic(), deferred_index_updates(SolutionPage):
        names = name_indexes()
        for batch in batched(writes, WRITE_BATCH_SIZE):
            pages = SolutionPage.objects.in_bulk([item.page_id for item in batch if item.page_id])
            for item in batch:
                page = pages[item.page_id] if item.page_id else None
                written.append(write_row(item.row, page, parent, names))
                if progress:
                    progress(len(written), len(writes))
            # With DEBUG on, Django keeps every query of the process in memory; an import runs hundreds of thousands.
            reset_queries()
        reindex(SolutionPage, written, index_progress)
    return written


def write_row(row, page, parent, names):
    """Create (page is None) or update a solution from a row, save one revision and publish it."""
    if page is None:
        # The tree insert saves scalar fields only; relations are committed once, by the publish below,
        # instead of twice (modelcluster commits every relation set in memory on each save).
        page = SolutionPage(slug=row.slug, live=False)
        _fill(page, row, names, relations=False)
        parent.add_child(instance=page)
    else:
        _fill(page, row, names, relations=False)
    _fill(page, row, names, relations=True)
    # publish() saves the page through Page.save, which runs full_clean; cleaning the revision as well would
    # validate the same object twice (a dozen queries per page).
    page.save_revision(clean=False).publish()
    return page.pk


def _fill(page, row, names, relations):
    for name, value in row.values.items():
        if (name in NAME_MODELS) != relations:
            continue
        if name == "body":
            page.body = [(block_type, RichText(html)) for block_type, html in value]
        elif name in NAME_MODELS:
            getattr(page, name).set(names[name].resolve(value))
        else:
            setattr(page, name, value)
