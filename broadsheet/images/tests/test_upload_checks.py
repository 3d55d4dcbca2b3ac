"""Uploads through the admin: only images Pillow decodes within limits are kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from broadsheet.images.models import Image
from broadsheet.images.tests import samples

ADD = "/admin/images/image/add/"


def stored_files() -> set[Path]:
    roots = [Path(settings.MEDIA_ROOT), Path(settings.ORIGINALS_ROOT)]
    return {p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def editor_client(client: Client, editor: User) -> Client:
    client.force_login(editor)
    return client


def post(client: Client, data: bytes, name: str, content_type: str, alt: str = "A harbour"):  # type: ignore[no-untyped-def]
    return client.post(
        ADD,
        {
            "original": samples.upload(data, name, content_type),
            "alt": alt,
            "caption": "",
            "credit": "",
        },
    )


@pytest.mark.parametrize(
    ("make", "name", "content_type"),
    [
        (samples.jpeg_with_gps, "phone.jpg", "image/jpeg"),
        (samples.png, "chart.png", "image/png"),
        (samples.gif, "anim.gif", "image/gif"),
        (samples.webp, "photo.webp", "image/webp"),
        # The name and the declared type are not what decides.
        (samples.png, "chart.exe", "application/octet-stream"),
    ],
)
def test_it_accepts_images_it_can_decode(
    editor_client: Client, editor: User, make: Callable[[], bytes], name: str, content_type: str
) -> None:
    response = post(editor_client, make(), name, content_type)
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert image.uploaded_by == editor
    assert image.renditions and image.width > 0


BAD = [
    pytest.param(samples.truncated_jpeg, "half.jpg", "image/jpeg", "not an image", id="truncated"),
    pytest.param(samples.text_file, "letter.jpg", "image/jpeg", "not an image", id="text-as-jpg"),
    pytest.param(samples.svg, "logo.svg", "image/svg+xml", "SVG files are not accepted", id="svg"),
    pytest.param(
        samples.svg, "logo.png", "image/png", "SVG files are not accepted", id="svg-as-png"
    ),
    pytest.param(
        samples.html_polyglot, "x.gif", "image/gif", "web page, script", id="gif-html-polyglot"
    ),
    pytest.param(
        samples.php_in_comment, "x.jpg", "image/jpeg", "web page, script", id="jpeg-php-polyglot"
    ),
    pytest.param(samples.zip_polyglot, "x.png", "image/png", "an archive", id="png-zip-polyglot"),
    pytest.param(samples.bomb_png, "big.png", "image/png", "too large to process", id="bomb"),
    pytest.param(
        lambda: samples.png_claiming_size(8000, 8000),
        "big.png",
        "image/png",
        "too many pixels",
        id="over-pixel-limit",
    ),
    pytest.param(lambda: b"", "empty.jpg", "image/jpeg", "empty", id="empty"),
]


@pytest.mark.parametrize(("make", "name", "content_type", "message"), BAD)
def test_it_refuses_bad_uploads_with_a_form_error_and_stores_nothing(
    editor_client: Client, make: Callable[[], bytes], name: str, content_type: str, message: str
) -> None:
    before = stored_files()
    response = post(editor_client, make(), name, content_type)
    assert response.status_code == 200
    page = response.content.decode()
    assert "errorlist" in page
    assert message in page
    assert not Image.objects.exists()
    assert stored_files() == before


def test_it_refuses_files_over_the_size_limit(editor_client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.IMAGE_MAX_BYTES = 1024 * 1024
    big = samples.encode(samples.picture(1200, 900), "PNG", compress_level=0)
    assert len(big) > settings.IMAGE_MAX_BYTES
    response = post(editor_client, big, "big.png", "image/png")
    assert response.status_code == 200
    assert "The file is too large (at most 1 MB)." in response.content.decode()
    assert not Image.objects.exists()


def test_it_refuses_images_over_the_pixel_limit_before_decoding(
    editor_client: Client, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.IMAGE_MAX_PIXELS = 1_000_000
    response = post(editor_client, samples.png_claiming_size(1001, 1000), "x.png", "image/png")
    assert response.status_code == 200
    assert "too many pixels (at most 1 megapixels)" in response.content.decode()
    assert not Image.objects.exists()


def test_it_requires_alt_text(editor_client: Client) -> None:
    response = post(editor_client, samples.png(), "chart.png", "image/png", alt="")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Image.objects.exists()


def test_it_never_uses_the_uploaded_name(editor_client: Client) -> None:
    before = stored_files()
    post(editor_client, samples.jpeg_with_gps(), "Secret Beach Near Home.jpg", "image/jpeg")
    new = stored_files() - before
    assert new
    assert not any("secret" in p.name.lower() or "beach" in p.name.lower() for p in new)
