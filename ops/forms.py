"""The admin's login form with every label in Russian: Wagtail's own gives the password field no label, so
Django derives the English «Password» from the field name, which no translation catalogue can reach."""
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Пароль"
