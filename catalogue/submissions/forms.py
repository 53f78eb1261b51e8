"""The two public forms. What a person typed is kept on error; what is stored is plain text."""
import re

from django import forms
from django.utils.html import strip_tags

from catalogue.models import Need, NeedSubmission, SolutionOffer, SolutionPage, SolutionRequest
from catalogue.query import CatalogueQuery
from catalogue.submissions.phones import normalise_phone

CONSENT_ERROR = "Без согласия на обработку персональных данных мы не можем принять обращение."
CONTACT_ERROR = "Укажите электронную почту или телефон — хотя бы что-то одно, чтобы мы могли ответить."
HONEYPOT_FIELD = "homepage"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain_text(value):
    """No markup and no control characters: the text is shown in the admin, in mail and in exports."""
    return _CONTROL.sub("", strip_tags(value)).strip()


class ConsentForm(forms.Form):
    """Consent to 152-ФЗ processing and a honeypot: every public form that stores an address has both
    (rendered by templates/catalogue/submission_consent.html)."""

    consent = forms.BooleanField(
        label="Я даю согласие на обработку моих персональных данных", required=True,
        error_messages={"required": CONSENT_ERROR})
    # Hidden from people by CSS; bots that fill every field give themselves away (see is_bot).
    homepage = forms.CharField(label="Оставьте это поле пустым", required=False, max_length=200,
                               widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def is_bot(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


class SubmissionForm(ConsentForm, forms.ModelForm):
    """Contact fields, consent to 152-ФЗ processing and a honeypot, shared by the forms of the inbox."""

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
        fields = ("city", "need_text", "needs", "scale", "timing", "publish_requested",
                  *SubmissionForm.contact_fields)
        labels = {"city": "Город или муниципалитет", "need_text": "Какую задачу нужно решить",
                  "role": "Кого вы представляете", "publish_requested": "Опубликовать потребность"}
        help_texts = {**SubmissionForm.Meta.help_texts,
                      "need_text": "Опишите задачу своими словами. Персональные данные сюда писать не нужно.",
                      "publish_requested": "Задачу увидят разработчики на доске потребностей и смогут предложить "
                                           "решение. Модератор НОЦ проверит текст перед публикацией; имя, "
                                           "организация и контакты не публикуются."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].initial = NeedSubmission.Role.CITY

    def save(self, commit=True):
        need = super().save(commit=False)
        if need.publish_requested and not need.public_text:
            # A draft for the moderator, who edits it before approving: nothing is public until then.
            need.public_text = need.need_text
        if commit:
            need.save()
            self.save_m2m()
        return need


class SolutionOfferForm(SubmissionForm):
    """«Предложить решение» on a published need: a developer names a solution of the catalogue or describes one."""

    contact_fields = ("organisation", "name", "email", "phone")
    solution = forms.ModelChoiceField(
        queryset=SolutionPage.objects.none(), required=False, label="Решение из каталога",
        empty_label="— не из каталога, опишу ниже —",
        help_text="Выберите, если ваше решение уже есть в каталоге НОЦ.")

    class Meta(SubmissionForm.Meta):
        model = SolutionOffer
        fields = ("solution", "description", "organisation", "name", "email", "phone")
        labels = {"organisation": "Организация-разработчик", "name": "Контактное лицо",
                  "description": "Описание решения"}
        help_texts = {**SubmissionForm.Meta.help_texts,
                      "description": "Что предлагаете, насколько готово, где уже внедрено."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = True
        # Live solutions only, read when the form is built: the catalogue changes between requests.
        self.fields["solution"].queryset = CatalogueQuery().filtered().order_by("title")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("solution") and not cleaned.get("description") and not self.has_error("solution"):
            self.add_error("description", "Выберите решение из каталога или опишите своё.")
        if "organisation" in cleaned and not cleaned["organisation"] and not self.has_error("organisation"):
            self.add_error("organisation", "Заполните это поле обычным текстом.")
        return cleaned

    def save(self, commit=True):
        offer = super().save(commit=False)
        # The title as it is now: the offer stays readable if the page is renamed or deleted.
        offer.solution_title = offer.solution.title if offer.solution else ""
        if commit:
            offer.save()
        return offer
