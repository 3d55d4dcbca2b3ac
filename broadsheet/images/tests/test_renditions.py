"""What readers get of an upload: re-encoded renditions, no metadata, a srcset."""

from __future__ import annotations

from pathlib import Path

import PIL.Image
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from broadsheet.articles.tests.factories import make_article
from broadsheet.images.actions import do_save_image
from broadsheet.images.models import Image
from broadsheet.images.tests import samples


def upload_through_admin(client: Client, data: bytes, name: str = "phone.jpg") -> Image:
    response = client.post(
        "/admin/images/image/add/",
        {"original": samples.upload(data, name), "alt": "The harbour at dawn", "caption": "Dawn"},
    )
    assert response.status_code == 302
    return Image.objects.get()


def media_path(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / name


@pytest.fixture
def editor_client(client: Client, editor: User) -> Client:
    client.force_login(editor)
    return client


def test_it_strips_exif_and_gps_from_every_rendition(editor_client: Client) -> None:
    image = upload_through_admin(editor_client, samples.jpeg_with_gps(2000, 1000))
    # The original keeps its metadata (it is the author's file), and it is not public.
    with PIL.Image.open(Path(settings.ORIGINALS_ROOT) / image.original.name) as original:
        assert original.getexif().get_ifd(PIL.ExifTags.IFD.GPSInfo)
    assert len(image.renditions) == 3
    for rendition in image.renditions:
        data = media_path(rendition["name"]).read_bytes()
        with PIL.Image.open(media_path(rendition["name"])) as published:
            assert "exif" not in published.info
            assert not published.getexif()
            assert "xmp" not in published.info and "comment" not in published.info
        assert b"Exif\x00\x00" not in data
        assert b"PhoneCo" not in data


def test_it_turns_photos_upright_before_dropping_the_orientation(editor_client: Client) -> None:
    # Orientation 6: the camera was held sideways; readers must see it portrait.
    image = upload_through_admin(editor_client, samples.jpeg_with_gps(600, 400, orientation=6))
    assert (image.width, image.height) == (600, 400)  # the stored pixels, as uploaded
    largest = image.renditions[-1]
    assert (largest["width"], largest["height"]) == (400, 600)
    with PIL.Image.open(media_path(largest["name"])) as published:
        assert published.size == (400, 600)


def test_it_makes_responsive_renditions_never_upscaled(editor_client: Client) -> None:
    image = upload_through_admin(editor_client, samples.jpeg_with_gps(2000, 1000))
    assert [(r["width"], r["height"]) for r in image.renditions] == [
        (480, 240),
        (960, 480),
        (1600, 800),
    ]
    for rendition in image.renditions:
        with PIL.Image.open(media_path(rendition["name"])) as published:
            assert published.size == (rendition["width"], rendition["height"])
            assert published.format == "JPEG"
    assert image.srcset == (
        f"/media/{image.renditions[0]['name']} 480w, "
        f"/media/{image.renditions[1]['name']} 960w, "
        f"/media/{image.renditions[2]['name']} 1600w"
    )
    assert image.src == f"/media/{image.renditions[1]['name']}"

    small = do_save_image(Image(alt="Small"), samples.upload(samples.png(300, 200), "s.png"))
    assert [(r["width"], r["height"]) for r in small.renditions] == [(300, 200)]


def test_it_keeps_transparency(editor_client: Client) -> None:
    image = upload_through_admin(editor_client, samples.png(500, 300, mode="RGBA"), "logo.png")
    for rendition in image.renditions:
        assert rendition["name"].endswith(".webp")
        with PIL.Image.open(media_path(rendition["name"])) as published:
            assert published.mode == "RGBA"


def test_it_puts_the_srcset_in_articles_that_use_the_image(
    editor_client: Client, client: Client
) -> None:
    image = upload_through_admin(editor_client, samples.jpeg_with_gps(2000, 1000))
    article = make_article(body=f"Intro.\n\n![The harbour at dawn](image:{image.pk})\n")
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'srcset="{image.srcset}"' in page
    assert 'alt="The harbour at dawn"' in page
    assert "<figcaption>" in page and "Dawn" in page
    for rendition in image.renditions:
        assert client.get(f"/media/{rendition['name']}").status_code == 200
