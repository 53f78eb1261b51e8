"""Applying a plan: every create and update in one transaction, each as a published Wagtail revision."""
from django.db import reset_queries, transaction
from wagtail.rich_text import RichText

from catalogue.cache import deferred_bumps
from catalogue.importer.batches import batched
from catalogue.importer.indexing import deferred_index_updates, reindex
from catalogue.importer.names import NAME_MODELS, name_indexes
from catalogue.importer.new_pages import NewPages
from catalogue.models import SolutionPage

WRITE_BATCH_SIZE = 200


def apply_plan(plan, parent, progress=None, index_progress=None, submit_by=None):
    """Write the plan's creates and updates under `parent`; all of them or, on any error, none.

    By default every change is published. With `submit_by` (a user) nothing is published: each change becomes a
    draft revision by that user, submitted to the page's moderation workflow (the admin's «Отправить на
    модерацию»). `progress(done, total)` is called after each row; pages are loaded a batch at a time and dropped
    after it. Returns the ids of the pages written.
    """
    writes = plan.writes
    written = []
    with (transaction.atomic(), deferred_bumps(),
          deferred_index_updates(SolutionPage, *NAME_MODELS.values())):
        names = name_indexes()
        # All new categories and tags first, in one go, so that rows only look names up.
        # (Only those still missing: another section of the same file may have written some of them.)
        created = {NAME_MODELS[field]: names[field].create(names[field].missing(new))
                   for field, new in plan.new_names.items()}
        new_pages = NewPages(parent)
        for batch in batched(writes, WRITE_BATCH_SIZE):
            pages = SolutionPage.objects.in_bulk([item.page_id for item in batch if item.page_id])
            for item in batch:
                relations = {name: names[name].resolve(value)
                             for name, value in item.row.values.items() if name in NAME_MODELS}
                if submit_by:
                    page = submit_draft(pages.get(item.page_id), parent, item.row, relations, submit_by)
                elif item.page_id:
                    page = update_published(pages[item.page_id], item.row, relations)
                else:
                    page = new_pages.create(_filled(SolutionPage(slug=item.row.slug), item.row), relations)
                written.append(page.pk)
                if progress:
                    progress(len(written), len(writes))
            new_pages.flush()
            # With DEBUG on, Django keeps every query of the process in memory; an import runs hundreds of thousands.
            reset_queries()
        for model, objects in created.items():
            reindex(model, [obj.pk for obj in objects])
        reindex(SolutionPage, written, index_progress)
    return written


def update_published(page, row, relations):
    """Update an existing solution from a row: one new revision, published as an editor's would be."""
    _filled(page, row)
    for name, objects in relations.items():
        getattr(page, name).set(objects)
    # publish() saves the page through Page.save, which runs full_clean; cleaning the revision as well would
    # validate the same object twice (a dozen queries per page).
    page.save_revision(clean=False).publish()
    return page


def submit_draft(page, parent, row, relations, user):
    """A draft revision of the row (a new, unpublished page when `page` is None), submitted for moderation as
    an editor's «Отправить на модерацию» does; the live version, if any, stays as it is until approved."""
    if page is None:
        page = _filled(SolutionPage(slug=row.slug, live=False, owner=user), row)
        for name, objects in relations.items():
            getattr(page, name).set(objects)
        parent.add_child(instance=page)
    else:
        _filled(page, row)
        for name, objects in relations.items():
            getattr(page, name).set(objects)
    page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow and not page.workflow_in_progress:
        workflow.start(page, user)
    return page


def _filled(page, row):
    """The page with the row's own fields (not its categories and tags) set in memory."""
    for name, value in row.values.items():
        if name == "body":
            page.body = [(block_type, RichText(html)) for block_type, html in value]
        elif name not in NAME_MODELS:
            setattr(page, name, value)
    return page
