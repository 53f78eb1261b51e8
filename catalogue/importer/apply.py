"""Applying a plan: every create and update in one transaction, each as a published Wagtail revision."""
from collections import defaultdict

from django.db import reset_queries, transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.rich_text import RichText
from wagtail.signals import page_published, published

from catalogue.cache import deferred_bumps
from catalogue.importer.batches import batched
from catalogue.importer.indexing import deferred_index_updates, reindex
from catalogue.importer.names import NAME_MODELS, name_indexes
from catalogue.models import SolutionPage, SolutionTag

WRITE_BATCH_SIZE = 200
PUBLISHED_FIELDS = ("live", "has_unpublished_changes", "live_revision", "first_published_at", "last_published_at")


def apply_plan(plan, parent, progress=None, index_progress=None):
    """Write the plan's creates and updates under `parent`; all of them or, on any error, none.

    `progress(done, total)` is called after each row; pages are loaded a batch at a time and dropped after it.
    Returns the ids of the pages written.
    """
    writes = plan.writes
    written = []
    with (transaction.atomic(), deferred_bumps(),
          deferred_index_updates(SolutionPage, *NAME_MODELS.values())):
        names = name_indexes()
        # All new categories and tags first, in one go, so that rows only look names up.
        created = {NAME_MODELS[field]: names[field].create(new) for field, new in plan.new_names.items()}
        for batch in batched(writes, WRITE_BATCH_SIZE):
            pages = SolutionPage.objects.in_bulk([item.page_id for item in batch if item.page_id])
            new_links = LinkRows()
            for item in batch:
                relations = {name: names[name].resolve(value)
                             for name, value in item.row.values.items() if name in NAME_MODELS}
                if item.page_id:
                    written.append(update_published(pages[item.page_id], item.row, relations))
                else:
                    written.append(create_published(item.row, relations, parent, new_links))
                if progress:
                    progress(len(written), len(writes))
            new_links.insert()
            # With DEBUG on, Django keeps every query of the process in memory; an import runs hundreds of thousands.
            reset_queries()
        for model, objects in created.items():
            reindex(model, [obj.pk for obj in objects])
        reindex(SolutionPage, written, index_progress)
    return written


def update_published(page, row, relations):
    """Update an existing solution from a row: one new revision, published as an editor's would be."""
    _fill(page, row)
    _set_relations(page, relations)
    # publish() saves the page through Page.save, which runs full_clean; cleaning the revision as well would
    # validate the same object twice (a dozen queries per page).
    page.save_revision(clean=False).publish()
    return page.pk


def create_published(row, relations, parent, new_links):
    """A new page, its first revision and that revision published: the rows, log entries and signals of the
    admin's «create and publish», in a third of the queries.

    `add_child` and `save_revision` are Wagtail's own. `revision.publish()` would then rebuild the page from
    the revision, validate it again and save it with all its relations (some thirty queries), to handle what
    a page that was never live cannot have: a live version, a schedule, a workflow in progress, comments,
    aliases, relations to compare with. So the new page gets only what publishing writes for it: the live
    flags and dates, its live revision, the «wagtail.publish» log entry and the two publish signals; its
    relations are inserted with the batch's (`LinkRows`).
    """
    # The parent's locale is the one Wagtail would look up. A new page is no site's root; saying so spares
    # Page.save a query per save (Wagtail's own querysets annotate pages the same way).
    page = SolutionPage(slug=row.slug, live=False, locale_id=parent.locale_id)
    page._is_site_root = False
    _fill(page, row)
    parent.add_child(instance=page)
    # The relations stay in memory (the revision and the signal receivers read them from there) and out of
    # the saves below: with `update_fields` given, modelcluster commits only the relations named.
    _set_relations(page, relations)
    revision = page.save_revision(clean=False)
    page.live, page.has_unpublished_changes, page.live_revision = True, False, revision
    page.first_published_at = page.last_published_at = timezone.now()
    page.save(update_fields=PUBLISHED_FIELDS, clean=False)
    new_links.add(page, relations)
    page_published.send(sender=SolutionPage, instance=page, revision=revision)
    published.send(sender=SolutionPage, instance=page, revision=revision)
    log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
    return page.pk


class LinkRows:
    """The category and tag links of new pages, inserted a batch at a time.

    Committing a page's relations the usual way reads the current links of each relation first, to compare;
    a new page has none, so its links are simply inserted: one query per relation per batch, instead of two
    per relation per page.
    """

    def __init__(self):
        self.rows = defaultdict(list)

    def add(self, page, relations):
        for name, objects in relations.items():
            through, page_field, target_field = self._link(name)
            self.rows[through].extend(through(**{page_field: page, target_field: obj}) for obj in objects)

    def insert(self):
        for through, rows in self.rows.items():
            through.objects.bulk_create(rows)
        self.rows.clear()

    @staticmethod
    def _link(name):
        """The through model of a relation and its fields pointing at the page and at the category or tag."""
        if name == "tags":
            return SolutionTag, "content_object", "tag"
        field = SolutionPage._meta.get_field(name)
        return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()


def _fill(page, row):
    """Set the row's own fields (not its categories and tags) on a page in memory."""
    for name, value in row.values.items():
        if name == "body":
            page.body = [(block_type, RichText(html)) for block_type, html in value]
        elif name not in NAME_MODELS:
            setattr(page, name, value)


def _set_relations(page, relations):
    for name, objects in relations.items():
        getattr(page, name).set(objects)
