from django import forms

from catalogue.submissions.forms import ConsentForm


class SubscribeForm(ConsentForm):
    email = forms.EmailField(label="Электронная почта", max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             error_messages={"required": "Укажите адрес электронной почты.",
                                             "invalid": "Проверьте адрес: в нём должны быть «@» и домен."},
                             help_text="Сначала придёт письмо со ссылкой для подтверждения; без него писем не будет.")
