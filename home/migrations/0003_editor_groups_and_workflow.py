"""Who may do what: НОЦ editors write and submit, НОЦ moderators approve and publish.

- «Редакторы НОЦ»: admin access; add and edit pages anywhere on the public site (solutions in the catalogue,
  text pages under the home page) but not publish; add, edit and choose images and documents; add and edit the
  catalogue's categories (sectors, needs, regions, organisations).
- «Модераторы НОЦ»: all of the above, plus publish, lock and unlock pages, delete images, documents and
  categories, and edit the site settings «Настройки НОЦ» (contacts, footer pages).
- The workflow «Модерация НОЦ» with one task «Проверка модератором» (moderators approve) governs the home page and
  everything below it. The catalogue index carries its own link to the workflow, so solutions stay moderated even
  if someone later reassigns the home page's workflow.

Wagtail's own stock groups «Editors»/«Moderators» and its «Moderators approval» workflow on the root page would
otherwise grant a parallel, broader set of rights in English; they are removed while nobody uses them. The reverse
removes only what this migration created.
"""
from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Редакторы НОЦ"
MODERATORS = "Модераторы НОЦ"
WORKFLOW = "Модерация НОЦ"
TASK = "Проверка модератором"

STOCK_GROUPS = ("Editors", "Moderators")
STOCK_WORKFLOW = "Moderators approval"

TAXONOMY_MODELS = ("sector", "need", "region", "organization")

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
MODERATOR_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + ("publish_page", "lock_page", "unlock_page")

EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document"),
)
MODERATOR_COLLECTION_PERMISSIONS = EDITOR_COLLECTION_PERMISSIONS + (
    ("wagtailimages", "delete_image"), ("wagtaildocs", "delete_document"),
)

EDITOR_MODEL_PERMISSIONS = (("wagtailadmin", "access_admin"),) + tuple(
    ("catalogue", f"{action}_{model}") for model in TAXONOMY_MODELS for action in ("add", "change", "view")
)
MODERATOR_MODEL_PERMISSIONS = EDITOR_MODEL_PERMISSIONS + tuple(
    ("catalogue", f"delete_{model}") for model in TAXONOMY_MODELS
) + (("home", "change_nocsettings"),)


def ensure_permissions(apps, *app_labels):
    """Django creates permission rows only after all migrations; this migration needs them now."""
    for label in app_labels:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def permission(apps, app_label, codename):
    return apps.get_model("auth.Permission").objects.get(content_type__app_label=app_label, codename=codename)


def remove_unused_stock_setup(apps):
    Workflow = apps.get_model("wagtailcore.Workflow")

    apps.get_model("auth.Group").objects.filter(name__in=STOCK_GROUPS, user__isnull=True).delete()
    Workflow.objects.filter(name=STOCK_WORKFLOW, workflow_states__isnull=True).delete()
    apps.get_model("wagtailcore.Task").objects.filter(
        name=STOCK_WORKFLOW, workflow_tasks__isnull=True, task_states__isnull=True).delete()


def create_group(apps, name, *, page, collection, page_permissions, collection_permissions, model_permissions):
    Group = apps.get_model("auth.Group")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    group = Group.objects.create(name=name)
    group.permissions.set([permission(apps, app_label, codename) for app_label, codename in model_permissions])
    for codename in page_permissions:
        GroupPagePermission.objects.create(group=group, page=page,
                                           permission=permission(apps, "wagtailcore", codename))
    for app_label, codename in collection_permissions:
        GroupCollectionPermission.objects.create(group=group, collection=collection,
                                                 permission=permission(apps, app_label, codename))
    return group


def create_workflow(apps, moderators, pages):
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in pages:
        WorkflowPage.objects.create(page=page, workflow=workflow)


def create_editors_and_workflow(apps, schema_editor):
    ensure_permissions(apps, "wagtailcore", "wagtailimages", "wagtaildocs", "catalogue", "home")
    home = apps.get_model("home.HomePage").objects.get()
    catalogue = apps.get_model("catalogue.CatalogueIndexPage").objects.get()
    root_collection = apps.get_model("wagtailcore.Collection").objects.get(depth=1)

    remove_unused_stock_setup(apps)
    create_group(apps, EDITORS, page=home, collection=root_collection,
                 page_permissions=EDITOR_PAGE_PERMISSIONS,
                 collection_permissions=EDITOR_COLLECTION_PERMISSIONS,
                 model_permissions=EDITOR_MODEL_PERMISSIONS)
    moderators = create_group(apps, MODERATORS, page=home, collection=root_collection,
                              page_permissions=MODERATOR_PAGE_PERMISSIONS,
                              collection_permissions=MODERATOR_COLLECTION_PERMISSIONS,
                              model_permissions=MODERATOR_MODEL_PERMISSIONS)
    create_workflow(apps, moderators, pages=[home, catalogue])


def remove_editors_and_workflow(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore.Task").objects.filter(name=TASK).delete()
    apps.get_model("auth.Group").objects.filter(name__in=(EDITORS, MODERATORS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_site_tree"),
        ("catalogue", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_editors_and_workflow, remove_editors_and_workflow)]
