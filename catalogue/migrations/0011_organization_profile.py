"""Organisation profiles: kind and role, city and region as catalogue regions, logo, parent, public contact.

The free-text city becomes a link to a Region of kind «город» (found by name, or created; its region, when the
city has one, becomes the organisation's region). Reversible: going back writes the city's name into the text.
"""
import django.db.models.deletion
from django.db import migrations, models
from wagtail.images import get_image_model_string


def city_text_to_region(apps, schema_editor):
    Organization = apps.get_model("catalogue", "Organization")
    Region = apps.get_model("catalogue", "Region")
    for organization in Organization.objects.exclude(city_text=""):
        name = " ".join(organization.city_text.split())
        place = Region.objects.filter(name__iexact=name).first()
        if place is None:
            place = Region.objects.create(name=name, slug=_free_slug(Region, name), kind="city")
        if place.kind == "city":
            organization.city = place
            organization.region_id = organization.region_id or place.parent_id
        else:  # the text named a region, not a city
            organization.region = place
        organization.save(update_fields=["city", "region"])


def _free_slug(model, name):
    from catalogue.slugs import slug_for

    base = slug_for(name) or "city"
    slug, suffix = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def region_to_city_text(apps, schema_editor):
    Organization = apps.get_model("catalogue", "Organization")
    # Only the columns needed: unapplied after another branch's migrations, the models' state may name columns
    # (a region's coordinates) that the database no longer has.
    for pk, name in Organization.objects.exclude(city=None).values_list("pk", "city__name"):
        Organization.objects.filter(pk=pk).update(city_text=name[:120])


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0010_solutionoffer_assignee"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RenameField("organization", "city", "city_text"),
        migrations.AlterField(
            model_name="organization", name="kind",
            field=models.CharField(choices=[("university", "вуз"), ("institute", "НИИ / научный центр"),
                                            ("company", "предприятие"), ("centre", "центр / консорциум"),
                                            ("authority", "орган власти"), ("other", "другое")],
                                   db_index=True, default="other", max_length=20, verbose_name="тип"),
        ),
        migrations.AddField(
            model_name="organization", name="role",
            field=models.CharField(blank=True, choices=[("coordinator", "координатор НОЦ"),
                                                        ("member", "участник консорциума"),
                                                        ("partner", "партнёр")],
                                   max_length=20, verbose_name="роль в НОЦ"),
        ),
        migrations.AddField(
            model_name="organization", name="region",
            field=models.ForeignKey(blank=True, help_text="Если пусто, берётся регион города.",
                                    limit_choices_to={"kind": "region"}, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL, related_name="organizations",
                                    to="catalogue.region", verbose_name="регион"),
        ),
        migrations.AddField(
            model_name="organization", name="city",
            field=models.ForeignKey(blank=True, limit_choices_to={"kind": "city"}, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="city_organizations", to="catalogue.region", verbose_name="город"),
        ),
        migrations.AddField(
            model_name="organization", name="logo",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="+", to=get_image_model_string(), verbose_name="логотип"),
        ),
        migrations.AddField(
            model_name="organization", name="parent",
            field=models.ForeignKey(blank=True, help_text="Вышестоящая организация (для структурированных данных).",
                                    null=True, on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="members", to="catalogue.organization", verbose_name="входит в"),
        ),
        migrations.AddField(
            model_name="organization", name="contact",
            field=models.CharField(blank=True, help_text="Сайт, адрес или страница для обращений, которые "
                                                         "организация сама публикует; если пусто — обращения "
                                                         "идут через НОЦ.",
                                   max_length=255, verbose_name="публичный канал связи"),
        ),
        migrations.RunPython(city_text_to_region, region_to_city_text),
        migrations.RemoveField("organization", "city_text"),
    ]
