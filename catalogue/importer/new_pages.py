"""New solution pages in bulk: created, revised and published as Wagtail does it, with less repetition.

An editor's «create and publish» is `add_child`, `save_revision()` and `publish()`. For thousands of pages under
one parent in one transaction that repeats work the database then does again and again: treebeard locks the
parent, finds its last child and bumps its child count for every page (within one transaction each of those
is slower than the one before: the parent's row gains a version per page, and the planner's statistics
predate the import); `publish()` rebuilds the page from its revision, validates it again and rewrites it with
every relation, to deal with states a page that was never live cannot be in (a live version, a schedule, a
workflow in progress, comments, aliases). Wagtail's own CopyPageAction takes the same shortcuts when it copies
a live subtree: paths assigned in sequence, the child count saved once, the copy published by setting its live
revision, sending `page_published` and logging «wagtail.publish».
"""
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry
from wagtail.signals import page_published, published

from catalogue.models import SolutionPage, SolutionTag

PUBLISHED_FIELDS = ("live", "live_revision", "first_published_at", "last_published_at")


class NewPages:
    """Creates published solutions under `parent`; `flush()` writes what is kept for a batch at a time."""

    def __init__(self, parent):
        self.parent_id = parent.pk
        self.parent = self.last_child = None  # known from the first page created on
        self.new_children = 0
        self.links = defaultdict(list)
        self.log_entries = []

    def create(self, page, relations):
        """Insert `page` (its own fields set, relations not) as the parent's last child and publish it with
        `relations` ({page relation: objects})."""
        self._insert(page)
        # The relations stay in memory, where the revision and the signal receivers read them, and out of the
        # saves below (with `update_fields`, modelcluster commits only the relations named): they are inserted
        # with the batch's.
        for name, objects in relations.items():
            getattr(page, name).set(objects)
            self._keep_links(page, name, objects)
        revision = page.save_revision(changed=False, clean=False)
        page.live, page.live_revision = True, revision
        page.first_published_at = page.last_published_at = revision.created_at
        page.save(update_fields=PUBLISHED_FIELDS, clean=False)
        page_published.send(sender=SolutionPage, instance=page, revision=revision)
        published.send(sender=SolutionPage, instance=page, revision=revision)
        self._keep_log_entry(page, "wagtail.publish", revision)
        return page

    def flush(self):
        """Write the parent's new child count and the batch's links and log entries."""
        if self.new_children:
            Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + self.new_children)
            self.new_children = 0
        for through, rows in self.links.items():
            through.objects.bulk_create(rows)
        self.links.clear()
        PageLogEntry.objects.bulk_create(self.log_entries)
        self.log_entries.clear()

    def _insert(self, page):
        """What treebeard's add_child does, with the parent and its last child already known."""
        if self.parent is None:
            # Locked as add_child locks it, once: no one else adds children until the import commits.
            self.parent = Page.objects.select_for_update().get(pk=self.parent_id)
            self.last_child = self.parent.get_last_child()
        page.depth = self.parent.depth + 1
        page.path = (self.last_child._inc_path() if self.last_child
                     else Page._get_path(self.parent.path, page.depth, 1))
        page.live = False  # a draft until published below, as the admin creates it
        page.locale_id = self.parent.locale_id  # the locale Wagtail would look up
        # A new page is no site's root; saying so spares Page.save a query per save (Wagtail's querysets
        # annotate pages the same way), and the parent object answers the slug check without a lookup.
        page._is_site_root = False
        page._cached_parent_obj = self.parent
        page.save(log_action=None)  # Wagtail's slug check, as in add_child
        self._keep_log_entry(page, "wagtail.create")
        self.last_child = page
        self.parent.numchild += 1  # in memory at once, so that the parent never looks childless
        self.new_children += 1

    def _keep_links(self, page, name, objects):
        """A new page has no links to compare with: its links are simply inserted, a batch at a time."""
        if name == "tags":
            through, page_field, target_field = SolutionTag, "content_object", "tag"
        else:
            field = SolutionPage._meta.get_field(name)
            through, page_field, target_field = (field.remote_field.through, field.m2m_field_name(),
                                                 field.m2m_reverse_field_name())
        self.links[through].extend(through(**{page_field: page, target_field: obj}) for obj in objects)

    def _keep_log_entry(self, page, action, revision=None):
        """The history entry `wagtail.log_actions.log()` would write, written with the batch's: one insert
        per batch instead of an insert and two or three existence checks of its foreign keys per entry."""
        context = get_active_log_context()
        self.log_entries.append(PageLogEntry(
            page=page, content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
            label=page.get_admin_display_title(), action=action, data={}, timestamp=timezone.now(),
            user=context.user, uuid=context.uuid, revision=revision, content_changed=True))
