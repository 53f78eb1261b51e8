"""Retention of what visitors sent: closed items older than NOC_RETENTION_DAYS are anonymised or deleted.

Age counts from closing, not from arrival: an item stays whole while editors work on it.
"""
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

from catalogue.models.requests import REMOVED, STATUS_ACTION


def cutoff(days, now=None):
    return (now or timezone.now()) - timedelta(days=days)


def expired(model, days, now=None):
    return model.objects.filter(status=model.Status.CLOSED, closed_at__lt=cutoff(days, now))


def anonymise(queryset):
    """Overwrite the personal fields in one UPDATE and the editors' notes in the items' history."""
    model = queryset.model
    pks = list(queryset.filter(anonymised_at__isnull=True).values_list("pk", flat=True))
    model.objects.filter(pk__in=pks).update(**model.personal_fields, anonymised_at=timezone.now())
    for entry in history(model, pks).filter(action=STATUS_ACTION):
        if entry.data.get("note"):
            entry.data = {**entry.data, "note": REMOVED}
            entry.save(update_fields=["data"])
    return len(pks)


def delete(queryset):
    """Delete the items and their history (the notes may name people too)."""
    model = queryset.model
    pks = list(queryset.values_list("pk", flat=True))
    history(model, pks).delete()
    model.objects.filter(pk__in=pks).delete()
    return len(pks)


def history(model, pks):
    return ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model),
                                        object_id__in=[str(pk) for pk in pks])
