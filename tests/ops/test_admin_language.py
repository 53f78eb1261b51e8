"""The admin speaks Russian where Wagtail leaves English: the login form."""
import pytest


@pytest.mark.django_db
def test_admin_login_form_speaks_russian(client):
    html = client.get("/admin/login/").content.decode()
    assert "Пароль<span" in " ".join(html.split()).replace("> ", ">")
    assert "Password" not in html
