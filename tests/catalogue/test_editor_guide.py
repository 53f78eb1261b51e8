"""«Помощь → Руководство редактора»: a page of the admin in Russian, in place of Wagtail's English guide."""
import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db
GUIDE = "/admin/guide/"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="x")
    user.groups.add(Group.objects.get(name="Редакторы НОЦ"))
    client.force_login(user)
    return client


def test_the_help_menu_offers_the_guide_and_not_wagtails_english_one(editor):
    html = editor.get("/admin/").content.decode()
    assert "Руководство редактора".encode("unicode_escape").decode() in html
    assert GUIDE in html and '"noc-editor-guide"' in html  # menu items appear by name
    # The sidebar's menu (JSON in the page) no longer has Wagtail's English guide or «What's new».
    assert '"editor-guide"' not in html and "whats-new-in-wagtail" not in html
    # Nor does the dashboard's account box: it links to the guide in Russian.
    assert "guide.wagtail.org" not in html
    assert f'href="{GUIDE}">Руководство редактора</a>' in html


def test_the_guide_covers_the_four_tasks_with_working_links(editor):
    response = editor.get(GUIDE)
    html = response.content.decode()
    for heading in ("Как добавить решение", "Как подтвердить актуальность", "Как загрузить таблицу",
                    "Как обработать обращение"):
        assert heading in html
    for link in ("/admin/reports/catalogue-health/", "/admin/catalogue/import/",
                 "/admin/catalogue/import/template.xlsx"):
        assert f'href="{link}"' in html
    assert "Пилотное внедрение» — УГТ 7–8" in html


def test_anonymous_visitors_get_the_login_page(client):
    response = client.get(GUIDE)
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
