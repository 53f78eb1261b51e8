"""The two letters of a subscription: the confirmation, and the digest with a one-click unsubscribe link.
Links are absolute, from SITE_BASE_URL; mail goes through Django's mail settings."""
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse


def link(name, subscription):
    return settings.SITE_BASE_URL + reverse(name, args=[subscription.token])


def confirmation(subscription):
    body = render_to_string("alerts/confirm_mail.txt", {
        "subscription": subscription, "confirm_url": link("alerts_confirm", subscription),
        "days": settings.NOC_ALERT_CONFIRM_DAYS})
    return EmailMessage(subject="Подтвердите подписку на новые решения НОЦ «Кузбасс – Донбасс»", body=body,
                        to=[subscription.email])


def digest(subscription, items, view_url):
    unsubscribe_url = link("alerts_unsubscribe", subscription)
    body = render_to_string("alerts/digest_mail.txt", {
        "subscription": subscription, "items": items, "view_url": view_url, "unsubscribe_url": unsubscribe_url})
    return EmailMessage(
        subject=f"Новые решения: {subscription.label}"[:200], body=body, to=[subscription.email],
        # RFC 2369 and RFC 8058: mail programs show their own «Отписаться» button, which POSTs to the same link.
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
