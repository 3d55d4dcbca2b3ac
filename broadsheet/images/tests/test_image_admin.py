"""The image library in the admin: editing, replacing and deleting, and whose images."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.articles.tests.factories import make_article
from broadsheet.images.actions import do_save_image
from broadsheet.images.models import Image
from broadsheet.images.tests import samples


def files_of(image: Image) -> list[Path]:
    return [Path(settings.MEDIA_ROOT) / r["name"] for r in image.renditions] + [
        Path(settings.ORIGINALS_ROOT) / image.original.name
    ]


def uploaded_by(user: User | None, alt: str = "A quay") -> Image:
    image = Image(alt=alt, uploaded_by=user)
    return do_save_image(image, samples.upload(samples.jpeg_with_gps(800, 600)))


def change(client: Client, image: Image, **data: object):  # type: ignore[no-untyped-def]
    form = {"alt": image.alt, "caption": image.caption, "credit": image.credit, **data}
    return client.post(f"/admin/images/image/{image.pk}/change/", form)


def test_it_changes_the_words_without_touching_the_files(client: Client, editor: User) -> None:
    image = uploaded_by(editor)
    client.force_login(editor)
    response = change(client, image, alt="Cranes on the quay", credit="Port Calder archive")
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.alt, image.credit) == ("Cranes on the quay", "Port Calder archive")
    assert all(p.is_file() for p in files_of(image))


def test_it_refuses_to_remove_the_alt_text(client: Client, editor: User) -> None:
    image = uploaded_by(editor)
    client.force_login(editor)
    response = change(client, image, alt="")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    image.refresh_from_db()
    assert image.alt == "A quay"


def test_it_replaces_a_file_and_updates_articles_that_show_it(
    client: Client,
    editor: User,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    image = uploaded_by(editor)
    old_files = files_of(image)
    article = make_article(body=f"![A quay](image:{image.pk})")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = change(client, image, original=samples.upload(samples.png(1200, 400), "n.png"))
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.width, image.height) == (1200, 400)
    assert not any(p.exists() for p in old_files)
    assert all(p.is_file() for p in files_of(image))
    article.refresh_from_db()
    assert image.srcset in article.body_html


def test_it_keeps_the_old_file_when_the_new_one_is_refused(client: Client, editor: User) -> None:
    image = uploaded_by(editor)
    before = (image.key, image.renditions)
    client.force_login(editor)
    response = change(client, image, original=samples.upload(samples.svg(), "x.svg"))
    assert response.status_code == 200
    assert "SVG files are not accepted" in response.content.decode()
    image.refresh_from_db()
    assert (image.key, image.renditions) == before
    assert all(p.is_file() for p in files_of(image))


def test_it_deletes_the_files_with_the_image(
    client: Client,
    editor: User,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    image = uploaded_by(editor)
    paths = files_of(image)
    article = make_article(body=f"![A quay](image:{image.pk})", featured_image=image)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/images/image/{image.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.exists()
    assert not any(p.exists() for p in paths)
    article = Article.objects.get(pk=article.pk)
    assert article.featured_image is None
    assert "<img" not in article.body_html


def test_an_author_changes_only_their_own_images(
    client: Client, author: User, editor: User
) -> None:
    own, other = uploaded_by(author, "Mine"), uploaded_by(editor, "Theirs")
    client.force_login(author)
    assert change(client, own, caption="My caption").status_code == 302
    response = change(client, other, caption="Not mine")
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.caption == ""
    assert (
        client.post(f"/admin/images/image/{other.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert Image.objects.filter(pk=other.pk).exists()
    # They may still find every image, to use it in an article.
    listing = client.get("/admin/images/image/").content.decode()
    assert "Mine" in listing and "Theirs" in listing


@pytest.mark.parametrize("role", ["contributor", "reader"])
def test_it_hides_the_library_from_those_who_cannot_upload(
    client: Client, role: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)
    uploaded_by(None)
    client.force_login(user)
    assert client.get("/admin/images/image/").status_code in (302, 403)
    assert client.get("/admin/images/image/add/").status_code in (302, 403)
