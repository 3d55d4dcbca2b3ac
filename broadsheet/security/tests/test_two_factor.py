"""Optional TOTP two-factor for staff: those with a confirmed authenticator give a code at
the admin login; those without log in as before; each sets up and removes their own."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

LOGIN = "/admin/login/"
SETUP = "/admin/security/authenticator/add/"
LIST = "/admin/security/authenticator/"


def code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def login(client: Client, token: str = "", password: str = "password"):  # type: ignore[no-untyped-def]  # noqa: S107
    return client.post(LOGIN, {"username": "editor", "password": password, "otp_token": token})


@pytest.fixture
def device(editor: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)


def test_it_logs_in_staff_without_an_authenticator_by_password(
    client: Client, editor: User
) -> None:
    assert login(client).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_it_asks_staff_with_an_authenticator_for_a_code(client: Client, device: TOTPDevice) -> None:
    response = login(client)
    assert response.status_code == 200
    assert "two-factor authentication" in response.content.decode()
    assert client.get("/admin/").status_code == 302

    response = login(client, token="000000" if code(device) != "000000" else "111111")
    assert response.status_code == 200
    assert "not right" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    # Straight after a wrong code the device waits before checking another.
    response = login(client, token=code(device))
    assert response.status_code == 200 and "wait a few seconds" in response.content.decode()

    device.throttle_reset()  # as if the wait were over
    assert login(client, token=code(device)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_it_asks_for_the_password_before_the_code(client: Client, device: TOTPDevice) -> None:
    # A right code with a wrong password is still a wrong password, and says nothing more.
    response = login(client, token=code(device), password="wrong")
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    assert "two-factor" not in re.sub(r"<form.*</form>", "", response.content.decode(), flags=re.S)


def test_it_refuses_the_same_code_twice(client: Client, device: TOTPDevice) -> None:
    token = code(device)
    assert login(client, token=token).status_code == 302
    other = Client()
    assert login(other, token=token).status_code == 200


def test_it_keeps_an_unverified_session_out_of_the_admin(
    client: Client, editor: User, device: TOTPDevice
) -> None:
    # A session that never gave a code (here forced) is not let in.
    client.force_login(editor)
    assert client.get("/admin/").status_code == 302


def test_it_counts_wrong_codes_as_failed_logins(client: Client, device: TOTPDevice) -> None:
    bad = "000000" if code(device) != "000000" else "111111"
    statuses = [login(Client(), token=bad).status_code for _ in range(5)]
    assert statuses[-1] == 429


def test_it_sets_up_an_authenticator_with_a_qr_code_shown_once(
    client: Client, editor: User
) -> None:
    client.force_login(editor)
    index = client.get("/admin/").content.decode()
    assert LIST in index  # reachable from the admin index, whatever the role

    page = client.get(SETUP).content.decode()
    assert "<svg" in page and 'class="segno"' in page
    pending = TOTPDevice.objects.get(user=editor)
    assert not pending.confirmed
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page)
    assert secret is not None

    wrong = client.post(SETUP, {"name": "Phone", "token": "12"})
    assert wrong.status_code == 200 and "not right" in wrong.content.decode()
    pending.refresh_from_db()
    pending.throttle_reset()  # as if the wait after a wrong code were over
    response = client.post(SETUP, {"name": "Phone", "token": code(pending)})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.confirmed and pending.name == "Phone"

    # This session is verified by the confirmation; the QR code and secret are gone for good.
    listing = client.get(LIST)
    assert listing.status_code == 200
    assert "Phone" in listing.content.decode()
    assert "segno" not in listing.content.decode()
    assert secret.group(1) not in listing.content.decode()
    assert client.get(f"{LIST}{pending.pk}/change/").status_code in (302, 403, 404)

    # From now on the login asks for a code.
    client.logout()
    assert login(client).status_code == 200


def test_it_starts_over_with_a_new_secret_each_time(client: Client, editor: User) -> None:
    client.force_login(editor)
    client.get(SETUP)
    first = TOTPDevice.objects.get(user=editor).key
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=editor).count() == 1
    assert TOTPDevice.objects.get(user=editor).key != first


def test_it_shows_and_removes_only_ones_own_authenticators(
    client: Client, editor: User, author: User
) -> None:
    mine = TOTPDevice.objects.create(user=author, name="Author's phone", confirmed=True)
    theirs = TOTPDevice.objects.create(user=editor, name="Editor's phone", confirmed=True)
    client.force_login(author)
    session = client.session
    session["otp_device_id"] = mine.persistent_id
    session.save()
    page = client.get(LIST).content.decode()
    assert "Author&#x27;s phone" in page and "Editor" not in page
    assert client.post(f"{LIST}{theirs.pk}/delete/", {"post": "yes"}).status_code in (302, 403, 404)
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()

    response = client.post(f"{LIST}{mine.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=mine.pk).exists()
    # With no authenticator left, the session is not shut out of the admin.
    assert client.get("/admin/").status_code == 200
