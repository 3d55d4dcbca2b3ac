"""/wp-json/wp/v2/media: uploads (raw body or multipart) through the images' action and
its checks, EXIF-free renditions only, and the roles (WP_Test_REST_Attachments_Controller,
ported where it applies)."""

from __future__ import annotations

import json

import PIL.Image
import pytest
from django.conf import settings
from django.test import Client

from broadsheet.articles.tests.factories import make_image
from broadsheet.images.models import Image
from broadsheet.images.tests import samples
from broadsheet.wordpress.tests.api_support import API, as_user, error_code

pytestmark = pytest.mark.django_db


def raw_upload(client: Client, data: bytes, name: str = "photo.jpg", query: str = "") -> object:
    return client.post(
        f"{API}/media{query}",
        data,
        content_type="image/jpeg",
        HTTP_CONTENT_DISPOSITION=f'attachment; filename="{name}"',
    )


def test_it_uploads_a_raw_body_stripping_exif(author) -> None:
    response = raw_upload(
        as_user(author), samples.jpeg_with_gps(), "harbour-at-dawn.jpg", "?alt_text=The%20harbour"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    image = Image.objects.get()
    assert response["Location"].endswith(f"/media/{image.pk}")
    assert data["alt_text"] == "The harbour" and data["media_type"] == "image"
    assert data["author"] == author.author.pk
    assert image.uploaded_by == author
    # Only renditions are linked, never the original (which keeps its EXIF).
    assert data["source_url"].startswith(settings.SITE_URL + settings.MEDIA_URL)
    assert image.key in data["source_url"]
    rendition = Client().get(data["source_url"].removeprefix(settings.SITE_URL))
    assert rendition.status_code == 200
    picture = PIL.Image.open(__import__("io").BytesIO(b"".join(rendition.streaming_content)))
    assert not picture.getexif()


def test_it_uploads_multipart_and_names_it_from_the_file(author) -> None:
    client = as_user(author)
    response = client.post(
        f"{API}/media", {"file": samples.upload(samples.png(), "sea-view.png", "image/png")}
    )
    assert response.status_code == 201
    assert response.json()["alt_text"] == "sea view"


@pytest.mark.parametrize(
    "data", [samples.svg(), samples.truncated_jpeg(), samples.text_file(), samples.html_polyglot()]
)
def test_it_refuses_files_that_are_not_images(author, data: bytes) -> None:
    response = raw_upload(as_user(author), data, "evil.jpg")
    assert response.status_code == 400
    assert error_code(response) == "rest_upload_sideload_error"
    assert not Image.objects.exists()


def test_it_refuses_uploads_without_data_or_name(author) -> None:
    client = as_user(author)
    empty = client.post(f"{API}/media", b"", content_type="image/jpeg")
    assert empty.status_code == 400 and error_code(empty) == "rest_upload_no_data"
    nameless = client.post(f"{API}/media", samples.png(), content_type="image/png")
    assert error_code(nameless) == "rest_upload_no_content_disposition"
    no_file = client.post(f"{API}/media", {"alt_text": "x"})
    assert error_code(no_file) == "rest_upload_no_data"
    no_boundary = client.generic("POST", f"{API}/media", b"x", content_type="multipart/form-data")
    assert no_boundary.status_code == 400


def test_it_refuses_uploads_to_contributors_and_strangers(client: Client, contributor) -> None:
    refused = raw_upload(as_user(contributor), samples.png())
    assert refused.status_code == 403 and error_code(refused) == "rest_cannot_create"
    assert raw_upload(client, samples.png()).status_code == 401
    assert not Image.objects.exists()


def test_it_lists_and_shows_images(client: Client) -> None:
    image = make_image("A chart")
    [item] = client.get(f"{API}/media").json()
    assert item["id"] == image.pk and item["type"] == "attachment"
    assert item["media_details"]["width"] == 64
    assert item["media_details"]["sizes"]["full"]["source_url"] == item["source_url"]
    assert item["title"] == {"rendered": "A chart"}
    assert client.get(f"{API}/media/{image.pk}").json()["alt_text"] == "A chart"
    missing = client.get(f"{API}/media/9999")
    assert missing.status_code == 404 and error_code(missing) == "rest_post_invalid_id"
    assert client.get(f"{API}/media", {"media_type": "video"}).json() == []


def test_it_updates_and_deletes_only_what_the_role_allows(author, editor) -> None:
    theirs = make_image("Theirs", uploaded_by=editor)
    mine = make_image("Mine", uploaded_by=author)
    client = as_user(author)
    refused = client.post(
        f"{API}/media/{theirs.pk}", json.dumps({"alt_text": "x"}), content_type="application/json"
    )
    assert refused.status_code == 403 and error_code(refused) == "rest_cannot_edit"
    updated = client.post(
        f"{API}/media/{mine.pk}",
        json.dumps({"alt_text": "Better alt", "caption": {"raw": "A caption"}}),
        content_type="application/json",
    )
    assert updated.status_code == 200
    assert updated.json()["alt_text"] == "Better alt"
    assert updated.json()["caption"]["raw"] == "A caption"
    unforced = client.delete(f"{API}/media/{mine.pk}")
    assert unforced.status_code == 400 and error_code(unforced) == "rest_trash_not_supported"
    assert client.delete(f"{API}/media/{theirs.pk}?force=true").status_code == 403
    assert client.delete(f"{API}/media/{mine.pk}?force=true").json()["deleted"] is True
    assert list(Image.objects.values_list("alt", flat=True)) == ["Theirs"]


def test_it_lists_in_a_constant_number_of_queries(
    client: Client, django_assert_num_queries
) -> None:
    make_image()
    with django_assert_num_queries(2) as one:
        client.get(f"{API}/media", {"per_page": 100})
    for _ in range(9):
        make_image()
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(f"{API}/media", {"per_page": 100}).json()) == 10
