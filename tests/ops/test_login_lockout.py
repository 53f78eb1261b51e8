"""Guessing an editor's password: five wrong tries lock that name at that address for half an hour, and it is logged."""
import logging

import pytest
from django.contrib.auth import get_user_model

LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _axes_enabled(settings):
    settings.AXES_ENABLED = True


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redaktor", "redaktor@example.org", "верный-пароль-2026")


def try_password(client, password, username="redaktor", address="203.0.113.7", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def test_five_failures_lock_the_login_with_a_russian_explanation(client, editor, caplog):
    for _ in range(4):
        response = try_password(client, "неверный")
        assert response.status_code == 200  # the login form again, with Wagtail's error
    with caplog.at_level(logging.WARNING):
        locked = try_password(client, "неверный")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Вход временно заблокирован" in text
    assert "30" in text
    assert any("Locking out" in record.getMessage() for record in caplog.records)

    # Even the right password is refused while the lock lasts,
    assert try_password(client, "верный-пароль-2026").status_code == 429
    # and a forged X-Forwarded-For does not help: with no trusted proxy configured it is ignored.
    assert try_password(client, "верный-пароль-2026", HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_lock_is_per_address_and_success_resets_the_count(client, editor):
    for _ in range(5):
        try_password(client, "неверный")
    assert try_password(client, "верный-пароль-2026", address="198.51.100.20").status_code == 302

    for _ in range(4):
        try_password(client, "неверный", address="198.51.100.21")
    assert try_password(client, "верный-пароль-2026", address="198.51.100.21").status_code == 302
    assert try_password(client, "неверный", address="198.51.100.21").status_code == 200


def test_editor_session_ends_after_a_working_day(client, editor):
    try_password(client, "верный-пароль-2026")
    assert client.session.get_expiry_age() == 8 * 60 * 60


def test_test_client_login_still_works_for_other_tests(client, editor, settings):
    settings.AXES_ENABLED = False  # as config.settings.test has it
    assert client.login(username="redaktor", password="верный-пароль-2026")


def test_behind_nginx_each_client_is_counted_by_its_own_address(client, editor, settings):
    # What BEHIND_PROXY=true sets: nginx on 127.0.0.1 appends the real client to X-Forwarded-For.
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

    def via_nginx(password, forwarded_for):
        return try_password(client, password, address="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)

    for _ in range(5):
        via_nginx("неверный", "81.200.10.7")
    assert via_nginx("верный-пароль-2026", "81.200.10.7").status_code == 429
    # A forged first entry does not hide the address nginx appended.
    assert via_nginx("верный-пароль-2026", "8.8.8.8, 81.200.10.7").status_code == 429
    # A colleague at another address is not affected.
    assert via_nginx("верный-пароль-2026", "95.31.20.4").status_code == 302
