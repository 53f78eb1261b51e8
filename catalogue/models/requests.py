"""What visitors send to НОЦ: requests for a solution and needs stated by city teams.

Both are stored before any e-mail is sent, carry the editors' status (новая / в работе / закрыта) and the state of
the notification mail, and keep only the personal data a reply needs: no raw IP address, only a keyed hash of it.
Status changes are recorded as Wagtail log entries (action ``catalogue.status_change``) so the admin's history view
shows who changed what, with the editor's note.
"""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.utils import get_user_display_name

from catalogue.models.pages import SolutionPage
from catalogue.models.taxonomy import Need, Region

# Placed in free-text fields when an item is anonymised after the retention period.
REMOVED = "[удалено]"
# The Wagtail log action recording a status change and the editor's note.
STATUS_ACTION = "catalogue.status_change"


class Submission(models.Model):
    """The shared shape of a visitor's message: contact, consent, editor's status, mail delivery."""

    class Status(models.TextChoices):
        NEW = "new", "новая"
        IN_PROGRESS = "in_progress", "в работе"
        CLOSED = "closed", "закрыта"

    class Role(models.TextChoices):
        CITY = "city", "город"
        BUSINESS = "business", "бизнес"
        OTHER = "other", "другое"

    class MailState(models.TextChoices):
        PENDING = "pending", "ожидает отправки"
        SENT = "sent", "отправлено"
        FAILED = "failed", "ошибка отправки"
        NO_RECIPIENTS = "no_recipients", "некому отправить"

    name = models.CharField("имя", max_length=150)
    organisation = models.CharField("организация", max_length=255, blank=True)
    city = models.CharField("город или муниципалитет", max_length=150, db_index=True)
    role = models.CharField("кто обращается", max_length=20, choices=Role.choices, default=Role.OTHER)
    email = models.EmailField("электронная почта", blank=True)
    phone = models.CharField("телефон", max_length=32, blank=True)

    status = models.CharField("статус", max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    created_at = models.DateTimeField("получено", default=timezone.now, db_index=True)
    closed_at = models.DateTimeField("закрыто", null=True, blank=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="ответственный", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+",
                                 help_text="Кто из редакторов НОЦ отвечает на обращение.")
    consent_at = models.DateTimeField("согласие на обработку данных", default=timezone.now)
    ip_hash = models.CharField("отпечаток IP-адреса", max_length=64, blank=True,
                               help_text="Ключевой хеш адреса: сам адрес не хранится.")
    anonymised_at = models.DateTimeField("обезличено", null=True, blank=True)

    mail_state = models.CharField("уведомление редакторам", max_length=20, choices=MailState.choices,
                                  default=MailState.PENDING, db_index=True)
    mail_attempts = models.PositiveSmallIntegerField("попыток отправки", default=0)
    mail_error = models.CharField("последняя ошибка отправки", max_length=500, blank=True)
    mail_sent_at = models.DateTimeField("уведомление отправлено", null=True, blank=True)

    # What anonymising writes over each field that identifies a person; subclasses add their free text.
    # What stays is what НОЦ counts: solution, city, organisation, role, dates, status.
    personal_fields = {"name": REMOVED, "email": "", "phone": "", "ip_hash": ""}

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def set_status(self, status):
        """Change the status and keep closed_at true to it, so retention counts from the day of closing."""
        self.status = status
        if status == self.Status.CLOSED:
            self.closed_at = self.closed_at or timezone.now()
        else:
            self.closed_at = None

    def assignee_name(self):
        return get_user_display_name(self.assignee) if self.assignee_id else ""

    assignee_name.short_description = "ответственный"

    def contact(self):
        return ", ".join(value for value in (self.email, self.phone) if value)

    contact.short_description = "контакты"


class SolutionRequest(Submission):
    """«Запросить решение»: a business or a city asks НОЦ about one solution of the catalogue."""

    solution = models.ForeignKey(SolutionPage, verbose_name="решение", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="requests")
    # «Отправить подборку в НОЦ» (shortlist/): one request about every solution of a visitor's shortlist.
    solutions = models.ManyToManyField(SolutionPage, verbose_name="решения из подборки", blank=True,
                                       related_name="shortlist_requests")
    # The title at the time of the request: the request stays readable if the page is renamed or deleted.
    solution_title = models.CharField("название решения", max_length=255)
    message = models.TextField("сообщение", max_length=3000)

    personal_fields = {**Submission.personal_fields, "message": REMOVED}

    class Meta(Submission.Meta):
        verbose_name = "запрос решения"
        verbose_name_plural = "запросы решений"

    def __str__(self):
        # No personal data here: the label is copied into log entries and shown in mail subjects.
        return f"Запрос №{self.pk} — {self.solution_title}"

    def solution_names(self):
        return "; ".join(solution.title for solution in self.solutions.all())

    solution_names.short_description = "решения из подборки"


class PublicStatus(models.TextChoices):
    OPEN = "open", "открыта"
    IN_PROGRESS = "in_progress", "в работе"
    SOLVED = "solved", "решено"


class NeedSubmission(Submission):
    """«Заявить потребность»: a city team describes a problem for НОЦ to match with solutions."""

    class Scale(models.TextChoices):
        SITE = "site", "один объект или предприятие"
        CITY = "city", "город или муниципальный округ"
        SEVERAL = "several", "несколько муниципалитетов"
        REGION = "region", "регион"

    class Timing(models.TextChoices):
        URGENT = "urgent", "в ближайшие полгода"
        YEAR = "year", "в течение года"
        LATER = "later", "через 1–3 года"
        UNKNOWN = "unknown", "сроки пока не определены"

    need_text = models.TextField("потребность", max_length=3000)
    needs = models.ManyToManyField(Need, verbose_name="категории потребностей", blank=True,
                                   related_name="submissions")
    scale = models.CharField("масштаб", max_length=20, choices=Scale.choices)
    timing = models.CharField("сроки", max_length=20, choices=Timing.choices)

    # The public needs board (/needs/): the city asks for publication, a moderator writes the public text and
    # approves it. Only these fields, the city, the categories and the date are ever shown to the public.
    publish_requested = models.BooleanField("город просит опубликовать", default=False)
    published = models.BooleanField(
        "опубликована на доске потребностей", default=False, db_index=True,
        help_text="Видна на /needs/. Опубликовать можно, только если город сам попросил об этом.")
    published_at = models.DateTimeField("опубликована", null=True, blank=True)
    public_text = models.TextField(
        "текст для доски", max_length=3000, blank=True,
        help_text="Что увидят все. Уберите имена, телефоны, адреса почты и всё, что город не хотел бы раскрывать.")
    public_status = models.CharField("статус на доске", max_length=20, choices=PublicStatus.choices,
                                     default=PublicStatus.OPEN)
    region = models.ForeignKey(Region, verbose_name="регион или город на доске", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="published_needs",
                               help_text="По нему фильтруют доску потребностей.")

    class Meta(Submission.Meta):
        verbose_name = "потребность города"
        verbose_name_plural = "потребности городов"

    def __str__(self):
        return f"Потребность №{self.pk} — {self.city}"

    def get_absolute_url(self):
        return reverse("public_need", args=[self.pk])

    def need_names(self):
        return ", ".join(need.name for need in self.needs.all())

    need_names.short_description = "категории"

    def public_title(self):
        """What the board calls the need: its number and city, never the person or organisation."""
        return f"Потребность №{self.pk}: {self.city}"


class SolutionOffer(Submission):
    """«Предложить решение»: a developer answers a need published on the board, with a solution of the
    catalogue or a free description. The city and the need are copied so the offer stays readable."""

    need = models.ForeignKey(NeedSubmission, verbose_name="потребность", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="offers")
    need_label = models.CharField("потребность (на момент предложения)", max_length=255)
    solution = models.ForeignKey(SolutionPage, verbose_name="решение из каталога", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="offers")
    solution_title = models.CharField("название решения", max_length=255, blank=True)
    description = models.TextField("описание решения", max_length=3000, blank=True)

    personal_fields = {**Submission.personal_fields, "description": REMOVED}

    class Meta(Submission.Meta):
        verbose_name = "предложение решения"
        verbose_name_plural = "предложения решений"

    def __str__(self):
        return f"Предложение №{self.pk} — {self.need_label}"


# Everything visitors send, for the commands that treat them alike (mail retries, retention).
SUBMISSION_MODELS = (SolutionRequest, NeedSubmission, SolutionOffer)
