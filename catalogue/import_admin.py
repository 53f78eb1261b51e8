"""«Справочники → Импорт решений»: upload a table, see the dry run, then publish it or send it for moderation.

The same importer as `manage.py import_solutions` (catalogue/importer/); this module only shows its plan and
errors and starts the job (catalogue/importer/jobs.py). Only users who may publish in the catalogue (the group
«Модераторы НОЦ» and superusers) import: an import publishes, or submits, pages in bulk.
"""
from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from catalogue.importer import jobs, sections
from catalogue.importer.plan import CREATE, NOT_LIVE, UNCHANGED, UPDATE, readable_row_value
from catalogue.importer.rows import ImportValidationError
from catalogue.importer.sources import SUFFIXES, ImportFileError
from catalogue.importer.template import template_workbook
from catalogue.models import CatalogueIndexPage, ImportJob

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIELD_LABELS = {
    "slug": "адрес (slug)", "title": "название", "summary": "кратко", "trl": "УГТ", "body": "описание",
    "year": "год", "contact": "контакт", "sectors": "отрасли", "needs": "потребности",
    "organizations": "разработчики и партнёры", "regions": "регионы", "tags": "ключевые слова",
    "cities": "города", "name": "название", "kind": "тип", "city": "город", "region": "регион", "website": "сайт",
    "description": "описание", "role": "роль в НОЦ",
    NOT_LIVE: "публикация",
}


def can_import(user):
    catalogue = CatalogueIndexPage.objects.first()
    return bool(catalogue and catalogue.permissions_for_user(user).can_publish_subpage())


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Файл", help_text="Таблица .xlsx (первый лист) или .csv (UTF-8 или Windows-1251, через запятую или "
                                "точку с запятой); первая строка — названия столбцов.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"Файл больше {MAX_UPLOAD_BYTES // (1024 * 1024)} МБ; разделите его на части.")
        return upload


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Импорт решений"
    header_icon = "upload"
    template_name = "catalogue/admin/import.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            return TemplateResponse(request, "catalogue/admin/import_forbidden.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [{"url": reverse("wagtailadmin_home"), "label": "Главная"},
                {"url": reverse("catalogue_import"), "label": "Импорт решений"}]


class UploadView(ImportView):
    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", UploadForm())
        return super().get_context_data(recent=ImportJob.objects.select_related("user")[:10], **kwargs)

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            jobs.check(upload.name, data)
        except ImportFileError as error:
            return self.render_to_response(self.get_context_data(form=form, file_error=str(error)), status=400)
        except ImportValidationError as error:
            return self.render_to_response(
                self.get_context_data(form=form, file_name=upload.name, errors=error.errors), status=400)
        job = ImportJob.objects.create(user=request.user, file_name=upload.name[:255], content=data)
        return redirect("catalogue_import_job", job.pk)


class JobView(ImportView):
    template_name = "catalogue/admin/import_job.html"

    def get_context_data(self, **kwargs):
        job = get_object_or_404(ImportJob, pk=self.kwargs["pk"])
        context = super().get_context_data(job=job, catalogue_pk=CatalogueIndexPage.objects.get().pk, **kwargs)
        if job.status == ImportJob.Status.CHECKED:
            try:
                context.update(dry_run(jobs.check(job.file_name, bytes(job.content))))
            except (ImportFileError, ImportValidationError) as error:  # the catalogue changed since the upload
                context["errors"] = getattr(error, "errors", None) or [str(error)]
        elif job.status == ImportJob.Status.RUNNING:
            done, total = jobs.progress(job)
            context.update(done=done, total=total, stale=jobs.is_stale(job))
        return context

    def post(self, request, pk):
        job = get_object_or_404(ImportJob, pk=pk)
        mode = request.POST.get("mode")
        if mode in ImportJob.Mode.values:
            jobs.start(job, mode, request.user)
        return redirect("catalogue_import_job", job.pk)


def dry_run(plan):
    """What the dry-run screen shows: counts, and per changed row each field «было → станет»."""
    rows, new_names = [], []
    for key, section_plan in plan.plans.items():
        section = sections.SECTIONS[key]
        for item in section_plan.writes:
            changes = [{"field": FIELD_LABELS.get(name, name), "before": item.before.get(name, ""),
                        "after": "" if name == NOT_LIVE else readable_row_value(item.row, name)}
                       for name in item.changed]
            rows.append({"item": item, "is_new": item.action == CREATE, "changes": changes, "section": key,
                         "section_label": section.label, "label": section.describe(item)})
        new_names += [(FIELD_LABELS.get(name, name), names) for name, names in section_plan.new_names.items()]
    return {"counts": {"new": plan.count(CREATE), "changed": plan.count(UPDATE), "unchanged": plan.count(UNCHANGED)},
            "rows": rows, "new_names": new_names}


class TemplateDownloadView(ImportView):
    def get(self, request):
        response = HttpResponse(template_workbook(), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="shablon-importa-reshenij.xlsx"'
        return response


urlpatterns = [
    path("catalogue/import/", UploadView.as_view(), name="catalogue_import"),
    path("catalogue/import/template.xlsx", TemplateDownloadView.as_view(), name="catalogue_import_template"),
    path("catalogue/import/<int:pk>/", JobView.as_view(), name="catalogue_import_job"),
]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


def import_menu_item():
    return ImportMenuItem("Импорт решений", reverse("catalogue_import"), name="catalogue-import", icon_name="upload",
                          order=900)
