"""Failed logins are limited per account and per address (django-axes), with a clear message
and the same answers whether or not the account exists."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

LOGIN = "/admin/login/"
LIMIT = 5


def attempt(client: Client, username: str, password: str, ip: str = "203.0.113.7", **extra: str):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def errors(response) -> list[str]:  # type: ignore[no-untyped-def]
    return re.findall(r'<p class="errornote">\s*(.*?)\s*</p>', response.content.decode(), re.S)


def test_it_logs_in_with_the_right_password(client: Client, editor: User) -> None:
    response = attempt(client, "editor", "password")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_it_answers_alike_for_an_unknown_user_and_a_wrong_password(
    client: Client, editor: User
) -> None:
    unknown = attempt(client, "nobody", "password", ip="203.0.113.1")
    wrong = attempt(client, "editor", "wrong-password", ip="203.0.113.2")
    assert unknown.status_code == wrong.status_code == 200
    assert errors(unknown) == errors(wrong)
    assert errors(wrong) and "correct username and password" in errors(wrong)[0]


def test_it_locks_an_account_after_repeated_failures_from_many_addresses(
    client: Client, editor: User
) -> None:
    for n in range(LIMIT - 1):
        assert attempt(client, "editor", "guess", ip=f"198.51.100.{n}").status_code == 200
    locked = attempt(client, "editor", "guess", ip="198.51.100.99")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert locked["Retry-After"]
    # Even the right password, from a fresh address, is refused until the cool-off ends.
    assert attempt(client, "editor", "password", ip="192.0.2.200").status_code == 429
    assert client.get("/admin/").status_code == 302  # not logged in


def test_it_locks_an_unknown_name_the_same_way(client: Client, editor: User) -> None:
    for n in range(LIMIT):
        known = attempt(client, "editor", "guess", ip=f"198.51.100.{n}")
        unknown = attempt(client, "no-such-user", "guess", ip=f"192.0.2.{n}")
        assert known.status_code == unknown.status_code
    assert known.status_code == 429
    assert known.content == unknown.content  # nothing tells the two apart


def test_it_locks_an_address_trying_many_accounts(client: Client, editor: User) -> None:
    for n in range(LIMIT - 1):
        assert attempt(client, f"user{n}", "guess", ip="203.0.113.50").status_code == 200
    assert attempt(client, "user-last", "guess", ip="203.0.113.50").status_code == 429
    # That address cannot log in even with a right password ...
    assert attempt(client, "editor", "password", ip="203.0.113.50").status_code == 429
    # ... but the account itself is not locked for anyone else.
    assert attempt(Client(), "editor", "password", ip="203.0.113.51").status_code == 302


def test_it_keeps_counting_after_a_successful_login(client: Client, editor: User) -> None:
    # Someone with an account of their own cannot clear their address's failures by logging
    # into it between guesses at other people's passwords.
    for n in range(LIMIT - 1):
        assert attempt(client, f"victim{n}", "guess", ip="203.0.113.70").status_code == 200
    assert attempt(client, "editor", "password", ip="203.0.113.70").status_code == 302
    client.logout()
    assert attempt(client, "victim-last", "guess", ip="203.0.113.70").status_code == 429


def test_it_ignores_forged_forwarded_addresses(client: Client, editor: User) -> None:
    # Without a trusted proxy a client cannot dodge the per-address limit by inventing
    # X-Forwarded-For values: they all count against its own address.
    for n in range(LIMIT):
        response = attempt(
            client, f"user{n}", "guess", ip="203.0.113.60", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}"
        )
    assert response.status_code == 429


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_it_counts_clients_behind_a_trusted_proxy_apart(client: Client, editor: User) -> None:
    for n in range(LIMIT + 2):
        response = attempt(
            client, f"user{n}", "guess", ip="127.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        )
        assert response.status_code == 200, n
    # One client behind the proxy trying many accounts is still locked by its own address.
    for n in range(LIMIT):
        response = attempt(
            client, f"other{n}", "guess", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.200"
        )
    assert response.status_code == 429


@pytest.mark.parametrize("username", ["", "x" * 10_000, "nul\x00byte", "😀" * 50])
def test_it_refuses_odd_user_names_cleanly(client: Client, db: None, username: str) -> None:
    assert attempt(client, username, "guess").status_code in (200, 400, 429)
