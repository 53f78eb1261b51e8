"""What a person types into the forms, a mail server that is down, admin users in the НОЦ groups."""
from smtplib import SMTPServerDisconnected

from django.contrib.auth.models import Group, Permission, User
from django.core.mail.backends.base import BaseEmailBackend


class DownMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


DOWN_MAIL_SERVER = f"{__name__}.DownMailServer"


def contact_data(**overrides):
    return {
        "name": "Анна Петрова",
        "organisation": "Администрация Новокузнецкого городского округа",
        "role": "city",
        "email": "anna.petrova@example.org",
        "phone": "8 (923) 123-45-67",
        "consent": "on",
        "homepage": "",
        **overrides,
    }


def request_data(**overrides):
    return contact_data(**{"city": "Новокузнецк",
                           "message": "Нужна установка на 200 м³ в сутки для шахтных вод.", **overrides})


def admin_user(username, *groups, **extra):
    """A user who may log in to the Wagtail admin, in the given groups (created if the test DB lacks them)."""
    user = User.objects.create_user(username, f"{username}@noc.example", "a-long-password-1", **extra)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def published_need(*, needs=(), published=True, publish_requested=True, **fields):
    """A need a city sent with «опубликовать» ticked, approved by a moderator (unless published=False)."""
    from django.utils import timezone

    from catalogue.models import NeedSubmission

    values = {"name": "Анна Петрова", "organisation": "Администрация Прокопьевского округа", "city": "Прокопьевск",
              "role": "city", "email": "anna.petrova@example.org", "phone": "+7 923 123-45-67",
              "need_text": "Анна Петрова просит: очистка шахтных вод перед сбросом в реку Аба",
              "public_text": "Очистка шахтных вод перед сбросом в реку Аба", "scale": "city", "timing": "year",
              "publish_requested": publish_requested, "published": published,
              "published_at": timezone.now() if published else None, **fields}
    need = NeedSubmission.objects.create(**values)
    need.needs.set(needs)
    return need
