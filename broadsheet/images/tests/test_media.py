"""/media/…: renditions served with long cache headers; nothing else on disk is reachable."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from broadsheet.images.actions import do_save_image
from broadsheet.images.models import Image
from broadsheet.images.tests import samples


@pytest.fixture
def image(db: None) -> Image:
    return do_save_image(
        Image(alt="A map"), samples.upload(samples.jpeg_with_gps(1000, 500), "map.jpg")
    )


def test_it_serves_renditions_with_long_cache_headers(client: Client, image: Image) -> None:
    for rendition in image.renditions:
        response = client.get(f"/media/{rendition['name']}")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert (
            b"".join(response.streaming_content)
            == (Path(settings.MEDIA_ROOT) / rendition["name"]).read_bytes()
        )


def test_it_answers_only_get_and_head(client: Client, image: Image) -> None:
    url = f"/media/{image.renditions[0]['name']}"
    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


def test_it_never_serves_originals(client: Client, image: Image) -> None:
    originals = Path(settings.ORIGINALS_ROOT).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    assert not originals.is_relative_to(media)
    name = image.original.name
    assert (originals / name).is_file()
    relative = Path(__import__("os").path.relpath(originals, media))  # "../originals"
    for url in [
        f"/media/{name}",
        f"/media/originals/{name}",
        f"/media/{relative}/{name}",
        f"/media/%2E%2E/{originals.name}/{name}",
        f"/media/images/..%2F..%2F{originals.name}/{name}",
        f"/media/{originals}/{name}",
    ]:
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "url",
    [
        "/media/../secret-key.txt",
        "/media/%2e%2e/secret-key.txt",
        "/media/images/../../secret-key.txt",
        "/media//etc/passwd",
        "/media/..%2f..%2f..%2fetc/passwd",
        "/media/images/",
        "/media/images/nothing-here.jpg",
        "/media/images/%00.jpg",
    ],
)
def test_it_refuses_paths_outside_the_media_folder(client: Client, db: None, url: str) -> None:
    assert (Path(settings.DATA_DIR) / "secret-key.txt").exists()
    assert client.get(url).status_code == 404
