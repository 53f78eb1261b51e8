"""A migrated database serves /labs/ at once: the lab index under the home page, moderated by «Модерация НОЦ».

The home page's workflow already covers every page below it; the index carries its own link too (as the catalogue
does), so labs stay moderated if someone later reassigns the home page's workflow.
"""
from django.db import migrations
from django.utils import timezone

WORKFLOW = "Модерация НОЦ"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4


def next_child_path(parent, last_child_path):
    """The tree path of a new last child (django-treebeard's materialised path: base 36, four characters a level)."""
    if not last_child_path:
        return parent.path + "0001"
    number, text = 0, last_child_path[-STEP:]
    for char in text:
        number = number * 36 + ALPHABET.index(char)
    number += 1
    digits = ""
    for _ in range(STEP):
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return parent.path + digits


def create_lab_index(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    ContentType = apps.get_model("contenttypes.ContentType")
    home = HomePage.objects.first()
    if home is None or Page.objects.filter(depth=home.depth + 1, path__startswith=home.path, slug="labs").exists():
        return
    now = timezone.now()
    last = (Page.objects.filter(depth=home.depth + 1, path__startswith=home.path).order_by("-path")
            .values_list("path", flat=True).first())
    index = apps.get_model("labs.LabIndexPage").objects.create(
        title="Лаборатории и центры", draft_title="Лаборатории и центры", slug="labs",
        intro="<p>Исследовательские лаборатории и центры вузов и институтов — участников НОЦ «Кузбасс – Донбасс»: "
              "оборудование и услуги для внешних заказчиков.</p>",
        content_type=ContentType.objects.get_or_create(app_label="labs", model="labindexpage")[0],
        locale_id=home.locale_id, path=next_child_path(home, last), depth=home.depth + 1, numchild=0,
        url_path=home.url_path + "labs/", live=True, show_in_menus=True,
        # Dated from its creation, so the sitemap gives it a lastmod before the first lab is published.
        first_published_at=now, last_published_at=now,
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
    workflow = apps.get_model("wagtailcore.Workflow").objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        apps.get_model("wagtailcore.WorkflowPage").objects.create(page_id=index.pk, workflow=workflow)


def remove_lab_index(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    for index in apps.get_model("labs.LabIndexPage").objects.all():
        parent = Page.objects.filter(path=index.path[:-STEP]).first()
        Page.objects.filter(path__startswith=index.path).delete()
        if parent is not None:
            Page.objects.filter(pk=parent.pk).update(numchild=max(parent.numchild - 1, 0))


class Migration(migrations.Migration):
    dependencies = [
        ("labs", "0001_initial"),
        ("home", "0003_editor_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(create_lab_index, remove_lab_index)]
