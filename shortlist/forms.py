from django import forms

from catalogue.submissions.forms import plain_text
from shortlist.models import Shortlist, ShortlistItem


class NoteForm(forms.ModelForm):
    class Meta:
        model = ShortlistItem
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        labels = {"note": "Зачем нам это"}
        help_texts = {"note": "Для вашей команды; персональные данные сюда писать не нужно."}
        error_messages = {"note": {"max_length": "Заметка длиннее %(limit_value)d знаков — сократите её."}}

    def clean_note(self):
        return plain_text(self.cleaned_data["note"])


class CityForm(forms.ModelForm):
    class Meta:
        model = Shortlist
        fields = ["city"]
        labels = {"city": "Город или муниципалитет"}
        error_messages = {"city": {"max_length": "Название длиннее %(limit_value)d знаков — сократите его."}}

    def clean_city(self):
        return plain_text(self.cleaned_data["city"])
