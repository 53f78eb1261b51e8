"""The two public forms. What a person typed is kept on error; what is stored is plain text."""
import re

from django import forms
from django.utils.html import strip_tags

from catalogue.models import Need, NeedSubmission, SolutionRequest
from catalogue.submissions.phones import normalise_phone

CONSENT_ERROR = "Без согласия на обработку персональных данных мы не можем принять обращение."
CONTACT_ERROR = "Укажите электронную почту или телефон — хотя бы что-то одно, чтобы мы могли ответить."
HONEYPOT_FIELD = "homepage"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain_text(value):
    """No markup and no control characters: the text is shown in the admin, in mail and in exports."""
    return _CONTROL.sub("", strip_tags(value)).strip()


class SubmissionForm(forms.ModelForm):
    """Contact fields, consent to 152-ФЗ processing and a honeypot, shared by both forms."""

    consent = forms.BooleanField(
        label="Я даю согласие на обработку моих персональных данных", required=True,
        error_messages={"required": CONSENT_ERROR})
    # Hidden from people by CSS; bots that fill every field give themselves away (see is_bot).
    homepage = forms.CharField(label="Оставьте это поле пустым", required=False, max_length=200,
                               widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    # Rendered together by templates/catalogue/submission_contact_fields.html.
    contact_fields = ("name", "organisation", "city", "role", "email", "phone")

    class Meta:
        widgets = {
            "role": forms.RadioSelect,
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "city": forms.TextInput(attrs={"list": "city-suggestions"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }
        help_texts = {"phone": "Например, +7 923 123-45-67.",
                      "email": "Почта или телефон — достаточно одного."}

    @property
    def contact_bound_fields(self):
        return [self[name] for name in self.contact_fields]

    def is_bot(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and name not in ("email", "phone"):
                cleaned[name] = plain_text(value)
        for name in ("name", "city"):
            if name in cleaned and not cleaned[name]:
                self.add_error(name, "Заполните это поле обычным текстом.")
        if not cleaned.get("email") and not cleaned.get("phone") and not self.has_error("email") \
                and not self.has_error("phone"):
            self.add_error("email", CONTACT_ERROR)
        return cleaned

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        return normalise_phone(phone) if phone else ""


class SolutionRequestForm(SubmissionForm):
    class Meta(SubmissionForm.Meta):
        model = SolutionRequest
        fields = SubmissionForm.contact_fields + ("message",)
        labels = {"role": "Кого вы представляете", "message": "Что вас интересует"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No role pre-selected: the person says who they are.
        self.fields["role"].initial = None


class NeedSubmissionForm(SubmissionForm):
    contact_fields = tuple(name for name in SubmissionForm.contact_fields if name != "city")
    needs = forms.ModelMultipleChoiceField(
        queryset=Need.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Категории потребности", help_text="Отметьте подходящие, если есть.")
    # Declared here so the radio buttons carry no empty «---------» choice.
    scale = forms.ChoiceField(label="Масштаб", choices=NeedSubmission.Scale.choices, widget=forms.RadioSelect)
    timing = forms.ChoiceField(label="Когда нужно решение", choices=NeedSubmission.Timing.choices,
                               widget=forms.RadioSelect)

    class Meta(SubmissionForm.Meta):
        model = NeedSubmission
        fields = ("city", "need_text", "needs", "scale", "timing", *SubmissionForm.contact_fields)
        labels = {"city": "Город или муниципалитет", "need_text": "Какую задачу нужно решить",
                  "role": "Кого вы представляете"}
        help_texts = {**SubmissionForm.Meta.help_texts,
                      "need_text": "Опишите задачу своими словами. Персональные данные сюда писать не нужно."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].initial = NeedSubmission.Role.CITY
