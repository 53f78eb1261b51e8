"""`manage.py purge_submissions`: closed items past the retention period lose their personal data (or go)."""
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from catalogue.models import NeedSubmission, SolutionRequest
from catalogue.models.requests import REMOVED, STATUS_ACTION
from catalogue.submissions.groups import EDITORS, MODERATORS

pytestmark = pytest.mark.django_db


def make_request(days_since_closing=None, **fields):
    status = SolutionRequest.Status.NEW if days_since_closing is None else SolutionRequest.Status.CLOSED
    closed_at = None if days_since_closing is None else timezone.now() - timedelta(days=days_since_closing)
    return SolutionRequest.objects.create(
        solution_title="Питомник саженцев", name="Анна Петрова", city="Новокузнецк", role="business",
        email="anna@example.org", phone="+7 923 123-45-67", message="Позвоните мне", ip_hash="abc",
        status=status, closed_at=closed_at, **fields)


def purge(*args):
    output = StringIO()
    call_command("purge_submissions", *args, stdout=output)
    return output.getvalue()


def test_closed_items_past_retention_are_anonymised(settings):
    settings.NOC_RETENTION_DAYS = 365
    old = make_request(days_since_closing=400)
    log(old, STATUS_ACTION, data={"from": "in_progress", "to": "closed", "note": "Анна договорилась с КузГТУ"})
    recent, still_open = make_request(days_since_closing=30), make_request()
    need = NeedSubmission.objects.create(name="Иван Сидоров", city="Прокопьевск", need_text="Очистка стоков",
                                         scale="city", timing="year", email="ivan@example.org",
                                         status=NeedSubmission.Status.CLOSED,
                                         closed_at=timezone.now() - timedelta(days=366))

    output = purge()

    old.refresh_from_db()
    assert (old.name, old.email, old.phone, old.message, old.ip_hash) == (REMOVED, "", "", REMOVED, "")
    assert (old.city, old.role, old.solution_title) == ("Новокузнецк", "business", "Питомник саженцев")
    assert old.anonymised_at is not None
    assert ModelLogEntry.objects.get(action=STATUS_ACTION).data["note"] == REMOVED
    need.refresh_from_db()
    assert (need.name, need.email, need.need_text) == (REMOVED, "", "Очистка стоков")
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.name == "Анна Петрова"
    assert "запросы решений: обезличено 1" in output


def test_delete_removes_items_and_their_history():
    old = make_request(days_since_closing=400)
    log(old, STATUS_ACTION, data={"from": "new", "to": "closed", "note": ""})
    kept = make_request(days_since_closing=10)

    purge("--delete")

    assert list(SolutionRequest.objects.all()) == [kept]
    assert not ModelLogEntry.objects.filter(object_id=str(old.pk), action=STATUS_ACTION).exists()


def test_days_option_and_dry_run():
    item = make_request(days_since_closing=40)

    assert "можно обезличить 1" in purge("--days", "30", "--dry-run")
    item.refresh_from_db()
    assert item.name == "Анна Петрова"

    purge("--days", "30")
    item.refresh_from_db()
    assert item.name == REMOVED


def test_negative_days_are_refused():
    with pytest.raises(CommandError):
        purge("--days", "-1")


def test_migration_grants_the_inbox_to_the_noc_groups():
    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert {"view_solutionrequest", "change_solutionrequest", "view_needsubmission"} <= codenames(EDITORS)
    assert "delete_solutionrequest" not in codenames(EDITORS)
    assert {"delete_solutionrequest", "delete_needsubmission"} <= codenames(MODERATORS)
    assert Permission.objects.filter(codename="view_solutionrequest").count() == 1
