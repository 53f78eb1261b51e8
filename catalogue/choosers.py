"""Choosers that scale to hundreds of organisations and regions: Wagtail's own snippet chooser modal (search as
you type through the search backend's autocomplete, several items at once, and a creation form for a missing
organisation) behind a widget for the page's many-to-many fields.

Why not MultipleChooserPanel: it needs an orderable inline model, and the importer, CatalogueQuery, the API, the
exports and the shortlist all read `SolutionPage.organizations` / `regions` as many-to-many fields. This widget
keeps their shape: the form posts one id per chosen item, as a multi-select would.
"""
import json

from django import forms
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.telepath import JSContext
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


class OrganizationChooserViewSet(SnippetChooserViewSet):
    """The organisation chooser with «+ создать»: a short creation form (the rest is edited in «Справочники»)."""

    form_fields = ["name", "kind", "city", "website"]
    creation_tab_label = "+ создать"
    create_action_label = "Создать организацию"
    create_action_clicked_label = "Создаётся…"


class MultipleSnippetChooser(forms.Widget):
    """Several snippets of one model, chosen in Wagtail's chooser modal; each can be removed again."""

    template_name = "catalogue/widgets/multiple_chooser.html"
    allow_multiple_selected = True

    def __init__(self, model, choose_text, attrs=None):
        super().__init__(attrs)
        self.model = model
        self.choose_text = choose_text

    def _render(self, template_name, context, renderer=None):
        # The project's templates live in templates/, which Django's default form renderer does not read.
        return mark_safe(render_to_string(template_name, context))  # noqa: S308 - the template escapes

    def value_from_datadict(self, data, files, name):
        getlist = getattr(data, "getlist", None)
        return getlist(name) if getlist else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # no ids posted means every item was removed, not «field left out»

    def format_value(self, value):
        return [str(item.pk if isinstance(item, Model) else item) for item in value or ()]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = context["widget"]["value"]
        found = {str(item.pk): item for item in self.model.objects.filter(pk__in=[i for i in ids if i.isdigit()])}
        context["widget"].update(
            chosen=[found[pk] for pk in ids if pk in found],
            chooser=json.dumps(self._packed[1]),
            choose_text=self.choose_text,
        )
        return context

    @cached_property
    def _packed(self):
        context = JSContext()
        return context, context.pack(AdminSnippetChooser(self.model))

    @property
    def media(self):
        return self._packed[0].media + forms.Media(
            js=[versioned_static("js/admin/multiple-chooser.js")],
            css={"all": [versioned_static("css/admin/multiple-chooser.css")]},
        )
