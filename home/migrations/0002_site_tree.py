"""A freshly migrated database already serves the site: a home page at / and the catalogue at /catalogue/."""
from django.db import migrations

HOME_TITLE = "Каталог готовых решений НОЦ «Кузбасс – Донбасс»"


def content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes.ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def create_site_tree(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")
    CatalogueIndexPage = apps.get_model("catalogue.CatalogueIndexPage")

    # Wagtail's own migrations leave a placeholder «Welcome» page (and a site on it) at the top level.
    Page.objects.filter(content_type=content_type(apps, "wagtailcore", "page"), depth=2).delete()
    locale = Locale.objects.order_by("pk").first()

    home = HomePage.objects.create(
        title=HOME_TITLE, draft_title=HOME_TITLE, seo_title="", slug="home",
        content_type=content_type(apps, "home", "homepage"), locale=locale,
        path="00010001", depth=2, numchild=1, url_path="/home/", live=True,
    )
    CatalogueIndexPage.objects.create(
        title="Каталог решений", draft_title="Каталог решений", slug="catalogue",
        intro="<p>Готовые технологии вузов, институтов и предприятий — участников НОЦ «Кузбасс – Донбасс».</p>",
        content_type=content_type(apps, "catalogue", "catalogueindexpage"), locale=locale,
        path="000100010001", depth=3, numchild=0, url_path="/home/catalogue/", live=True,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True,
                        site_name="НОЦ «Кузбасс – Донбасс»")


def remove_site_tree(apps, schema_editor):
    apps.get_model("wagtailcore.Site").objects.all().delete()
    apps.get_model("wagtailcore.Page").objects.filter(depth__gte=2, path__startswith="00010001").delete()
    apps.get_model("wagtailcore.Page").objects.filter(depth=1).update(numchild=0)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("catalogue", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_site_tree, remove_site_tree)]
