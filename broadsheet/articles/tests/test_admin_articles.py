"""Writing in /admin/: the real admin forms, posted as a logged-in editor, end to end."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from broadsheet.articles.models import Article, LegacyPath, Status, Tag
from broadsheet.articles.tests.admin_forms import post_admin
from broadsheet.articles.tests.factories import make_article, make_category
from broadsheet.people.models import Author

ADD = "/admin/articles/article/add/"
BODY = """Dues rise for the third time in two years.

## Who pays?

- Shipping lines pay $289 million, far behind $1.4 billion in fuel
- Ferries are exempt

## What next?

1. A review in March
2. A vote in May
"""


@pytest.fixture
def editor_client(client: Client, editor: User) -> Client:
    client.force_login(editor)
    return client


def form(**fields: Any) -> dict[str, Any]:
    return {
        "title": "Harbour dues rise again",
        "standfirst": "The third rise in two years.",
        "body": BODY,
        "status": Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        "password": "",
        "author": Author.objects.get(user__username="editor").pk,
        "slug": "",
        "comments_open": "on",
        **fields,
    }


def article_element(html: str) -> str:
    """The <article> of a page: everything a reader reads, without the site's frame."""
    match = re.search(r"<article class=\"article\">.*?</article>", html, re.S)
    assert match, html[:500]
    return match.group(0)


def test_it_adds_an_article_with_a_markdown_body_and_terms(editor_client: Client) -> None:
    ports = make_category("Ports")
    tag = Tag.objects.create(name="Shipping", slug="shipping")
    data = form(status=Status.PUBLISHED, categories=[ports.pk], tags=[tag.pk])
    response = post_admin(editor_client, ADD, data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.kind == "post"
    assert article.slug == "harbour-dues-rise-again"
    assert article.author.user.username == "editor"
    assert list(article.categories.all()) == [ports]
    assert list(article.tags.all()) == [tag]
    assert article.is_public
    assert '<h2 id="who-pays">Who pays?</h2>' in article.body_html
    assert "<li>Ferries are exempt</li>" in article.body_html

    page = Client().get(article.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Harbour dues rise again</h1>" in html
    assert '<a href="/category/ports/">Ports</a>' in html


def test_it_saves_a_draft_that_readers_cannot_see(editor_client: Client) -> None:
    assert post_admin(editor_client, ADD, form()).status_code == 302
    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert not article.is_public
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_it_changes_an_article_and_redirects_its_old_address(editor_client: Client) -> None:
    article = make_article("Harbour dues rise", author=Author.objects.get(user__username="editor"))
    old_url = article.get_absolute_url()
    url = f"/admin/articles/article/{article.pk}/change/"
    edit = editor_client.get(url).content.decode()
    assert f'href="/admin/articles/article/{article.pk}/preview/"' in edit
    assert "Preview as readers will see it" in edit
    local = timezone.localtime(article.published_at)
    data = form(
        title="Harbour dues rise again",
        slug="harbour-dues-rise-again",
        status=Status.PUBLISHED,
        published_at_0=f"{local:%Y-%m-%d}",
        published_at_1=f"{local:%H:%M:%S}",
    )
    assert post_admin(editor_client, url, data).status_code == 302
    article.refresh_from_db()
    assert article.title == "Harbour dues rise again"
    assert article.get_absolute_url() != old_url
    assert LegacyPath.objects.filter(path=old_url, article=article).exists()
    moved = Client().get(old_url)
    assert (moved.status_code, moved["Location"]) == (301, article.get_absolute_url())


def test_it_schedules_an_article_for_a_future_time(editor_client: Client) -> None:
    when = timezone.localtime(timezone.now() + timedelta(days=2))
    data = form(
        status=Status.SCHEDULED, published_at_0=f"{when:%Y-%m-%d}", published_at_1="09:30:00"
    )
    assert post_admin(editor_client, ADD, data).status_code == 302
    article = Article.objects.get()
    assert article.status == Status.SCHEDULED
    assert not article.is_public
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_it_refuses_to_schedule_without_a_future_time(editor_client: Client) -> None:
    response = post_admin(editor_client, ADD, form(status=Status.SCHEDULED))
    assert response.status_code == 200
    assert "To schedule, choose a publish time in the future." in response.content.decode()
    assert not Article.objects.exists()


def test_a_publish_time_in_the_future_schedules(editor_client: Client) -> None:
    when = timezone.localtime(timezone.now() + timedelta(days=1))
    data = form(
        status=Status.PUBLISHED, published_at_0=f"{when:%Y-%m-%d}", published_at_1="23:59:00"
    )
    assert post_admin(editor_client, ADD, data).status_code == 302
    assert Article.objects.get().status == Status.SCHEDULED


@pytest.mark.parametrize("status", [Status.PRIVATE, Status.TRASH, Status.PENDING])
def test_it_saves_every_other_status(editor_client: Client, status: str) -> None:
    assert post_admin(editor_client, ADD, form(status=status)).status_code == 302
    article = Article.objects.get()
    assert article.status == status
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_it_protects_an_article_with_a_password(editor_client: Client) -> None:
    data = form(status=Status.PUBLISHED, password="harbour")
    assert post_admin(editor_client, ADD, data).status_code == 302
    article = Article.objects.get()
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Dues rise for the third time" not in page
    assert 'name="password"' in page


def test_the_preview_is_the_public_page_exactly(editor_client: Client) -> None:
    article = make_article(
        "Harbour dues rise",
        body=BODY,
        author=Author.objects.get(user__username="editor"),
        categories=[make_category("Ports")],
        tags=["Shipping"],
    )
    public = editor_client.get(article.get_absolute_url())
    preview = editor_client.get(f"/admin/articles/article/{article.pk}/preview/")
    assert preview.status_code == 200
    assert article_element(preview.content.decode()) == article_element(public.content.decode())
    # The same page frame as readers get, not the admin's.
    assert '<link rel="stylesheet" href="/static/broadsheet/site.css">' in preview.content.decode()


def test_it_previews_a_draft_that_readers_cannot_see(editor_client: Client) -> None:
    assert post_admin(editor_client, ADD, form()).status_code == 302
    article = Article.objects.get()
    preview = editor_client.get(f"/admin/articles/article/{article.pk}/preview/")
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "<h1>Harbour dues rise again</h1>" in html
    assert '<h2 id="who-pays">Who pays?</h2>' in html
    assert "Preview — this article is Draft." in html
    assert '<meta name="robots" content="noindex">' in html
    assert preview["X-Robots-Tag"] == "noindex"
    assert "no-cache" in preview["Cache-Control"] or "private" in preview["Cache-Control"]


def test_the_preview_needs_a_login(client: Client, editor: User) -> None:
    article = make_article(status=Status.DRAFT)
    response = client.get(f"/admin/articles/article/{article.pk}/preview/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_view_on_site_goes_to_the_preview_until_published(editor_client: Client) -> None:
    draft = make_article(status=Status.DRAFT)
    live = make_article()
    for article, target in [
        (draft, f"/admin/articles/article/{draft.pk}/preview/"),
        (live, live.get_absolute_url()),
    ]:
        page = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
        assert f'href="{target}"' in page


def test_it_deletes_an_article(editor_client: Client) -> None:
    article = make_article()
    url = article.get_absolute_url()
    confirm = editor_client.get(f"/admin/articles/article/{article.pk}/delete/")
    assert confirm.status_code == 200
    response = editor_client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.exists()
    assert Client().get(url).status_code == 404


def test_the_list_shows_every_article_to_an_editor(editor_client: Client) -> None:
    make_article("Published piece")
    make_article("Drafted piece", status=Status.DRAFT)
    make_article("Trashed piece", status=Status.TRASH)
    listing = editor_client.get("/admin/articles/article/").content.decode()
    assert all(t in listing for t in ("Published piece", "Drafted piece", "Trashed piece"))
    assert "/admin/articles/page/" in editor_client.get("/admin/").content.decode()


def test_it_answers_garbage_ids_with_a_form_not_a_500(editor_client: Client) -> None:
    huge = "9" * 30
    page = editor_client.get(f"{ADD}?categories=abc,{huge}&tags=%00&featured_image=x&author=-1")
    assert page.status_code == 200
    data = form(categories=["abc", huge], tags=[huge], featured_image="x", author=huge)
    response = post_admin(editor_client, ADD, data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Article.objects.exists()
