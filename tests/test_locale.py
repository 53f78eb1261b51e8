"""The project's own Russian (locale/ru): the compiled catalogue matches its source, and the strings an editor used
to see in English or with broken agreement now read as Russian where the admin renders them."""
import ast
import gettext
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from catalogue.models import SolutionRequest
from tests.factories import OrganizationFactory, SolutionPageFactory

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "ru" / "LC_MESSAGES"


def po_catalogue(path):
    """msgid → msgstr (a tuple of forms for plurals) from a .po file: enough of the format for this project's."""
    entries, entry, key = {}, {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line or line.startswith("#"):
            if "msgid" in entry and entry["msgid"]:
                plural = sorted(k for k in entry if k.startswith("msgstr["))
                entries[entry["msgid"]] = tuple(entry[k] for k in plural) if plural else entry["msgstr"]
            if not line:
                entry, key = {}, None
            continue
        if line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, text = line.partition(" ")
            entry[key] = ast.literal_eval(text)
    return entries


def test_the_committed_mo_is_compiled_from_the_po():
    with open(LOCALE / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    source = po_catalogue(LOCALE / "django.po")
    as_compiled = {}
    for msgid, msgstr in source.items():
        if isinstance(msgstr, tuple):
            as_compiled.update({(msgid, n): form for n, form in enumerate(msgstr)})
        else:
            as_compiled[msgid] = msgstr
    assert {key: value for key, value in compiled.items() if key != ""} == as_compiled


def test_plural_forms_agree_with_the_number():
    with translation.override("ru"):
        forms = [translation.ngettext("There is one matching page", "There are %(counter)s matching pages", n)
                 % {"counter": n} for n in (1, 2, 5, 21)]
    assert forms == ["Найдена 1 страница", "Найдены 2 страницы", "Найдено 5 страниц", "Найдена 21 страница"]


@pytest.mark.django_db
def test_the_solutions_listing_counts_in_russian(admin_client):
    SolutionPageFactory(), SolutionPageFactory()
    html = admin_client.get("/admin/solutions/").content.decode()
    header = html[html.index("1–2 из 2"):][:60]
    assert "None" not in header and " of " not in html


@pytest.mark.django_db
def test_the_page_explorer_counts_in_russian(admin_client):
    from catalogue.models import CatalogueIndexPage

    SolutionPageFactory()
    html = admin_client.get(f"/admin/pages/{CatalogueIndexPage.objects.get().pk}/").content.decode()
    assert "1–1 из 1" in html and "страницы" not in html.split("1–1 из 1")[1][:40]


@pytest.mark.django_db
def test_the_upload_limit_is_in_russian(admin_client):
    html = admin_client.get("/admin/documents/multiple/add/").content.decode()
    html += admin_client.get("/admin/documents/add/").content.decode()
    assert "Максимальный размер файла:" in html
    assert "Maximum filesize" not in html


@pytest.mark.django_db
def test_saving_a_request_says_so_whatever_the_models_gender(client, django_user_model):
    solution = SolutionPageFactory(title="Очистка шахтных вод")
    item = SolutionRequest.objects.create(solution=solution, solution_title=solution.title, name="Анна",
                                          city="Новокузнецк", role="city", email="anna@example.org", message="Нужно")
    user = django_user_model.objects.create_user(username="editor", password="x")
    user.groups.add(Group.objects.get(name="Редакторы НОЦ"))
    client.force_login(user)
    response = client.post(f"/admin/solution_requests/edit/{item.pk}/", {"status": "in_progress", "note": ""},
                           follow=True)
    html = response.content.decode()
    assert "изменения сохранены" in html
    assert "обновлена" not in html and "обновлен " not in html


@pytest.mark.django_db
def test_the_organisation_listing_confirms_a_new_one_in_russian(admin_client):
    OrganizationFactory(name="КузГТУ")
    response = admin_client.post("/admin/snippets/catalogue/organization/add/",
                                 {"name": "СибГИУ", "slug": "", "description": "", "sort_order": "",
                                  "kind": "university", "city": "", "website": ""}, follow=True)
    assert "Организация «СибГИУ»: запись создана." in response.content.decode()
