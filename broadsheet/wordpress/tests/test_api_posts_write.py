"""POST/PUT/PATCH/DELETE /wp-json/wp/v2/posts: writes through the articles' actions, with
the roles' rules (WordPress's create/update/delete permission tests, ported)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from broadsheet.articles.models import Article, LegacyPath, Status
from broadsheet.articles.tests.factories import make_article, make_category, make_image
from broadsheet.people.models import Author
from broadsheet.wordpress.tests.api_support import API, as_user, error_code

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, data: Any, method: str = "post") -> Any:
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def test_it_creates_a_published_post_as_an_editor(editor) -> None:
    news = make_category("News")
    image = make_image()
    response = post(
        as_user(editor),
        f"{API}/posts",
        {
            "title": "From the app",
            "content": "<p>Hello <script>alert(1)</script><strong>world</strong></p>",
            "excerpt": "One line",
            "status": "publish",
            "categories": [news.pk],
            "tags": [],
            "featured_media": image.pk,
            "slug": "From The App",
        },
    )
    assert response.status_code == 201
    data = response.json()
    article = Article.objects.get(pk=data["id"])
    assert response["Location"] == f"http://testserver{API}/posts/{article.pk}"
    assert article.status == Status.PUBLISHED and article.is_public
    assert article.author == Author.objects.get(user=editor)
    assert article.slug == "from-the-app"
    assert article.standfirst == "One line"
    assert list(article.categories.all()) == [news]
    assert article.featured_image == image
    # Sanitised as every body is; the response is in the edit context.
    assert "<script>" not in data["content"]["rendered"]
    assert "<strong>world</strong>" in data["content"]["rendered"]
    assert data["content"]["raw"].startswith("<p>Hello")
    assert Client().get(article.path).status_code == 200


def test_it_takes_form_encoded_bodies_and_raw_objects(editor) -> None:
    client = as_user(editor)
    form = client.post(f"{API}/posts", {"title": "Form post", "status": "draft"})
    assert form.status_code == 201
    assert Article.objects.get(pk=form.json()["id"]).status == Status.DRAFT
    raw = post(client, f"{API}/posts", {"title": {"raw": "Raw title"}, "content": {"raw": "x"}})
    assert raw.status_code == 201 and raw.json()["title"]["raw"] == "Raw title"


def test_it_refuses_strangers(client: Client) -> None:
    response = post(client, f"{API}/posts", {"title": "Nope"})
    assert response.status_code == 401
    assert error_code(response) == "rest_cannot_create"
    assert not Article.objects.exists()


def test_it_lets_contributors_submit_but_not_publish(contributor) -> None:
    client = as_user(contributor)
    refused = post(client, f"{API}/posts", {"title": "Mine", "status": "publish"})
    assert refused.status_code == 403 and error_code(refused) == "rest_cannot_publish"
    for status in ("future", "private"):
        assert post(client, f"{API}/posts", {"title": "x", "status": status}).status_code == 403
    pending = post(client, f"{API}/posts", {"title": "Mine", "status": "pending"})
    assert pending.status_code == 201
    assert not Article.objects.filter(status=Status.PUBLISHED).exists()
    sticky = post(client, f"{API}/posts", {"title": "Sticky", "sticky": True})
    assert sticky.status_code == 403 and error_code(sticky) == "rest_cannot_assign_sticky"


def test_it_lets_authors_publish_and_edit_only_their_own(author, editor) -> None:
    client = as_user(author)
    mine = post(client, f"{API}/posts", {"title": "Mine", "status": "publish"})
    assert mine.status_code == 201
    theirs = make_article("Theirs")
    refused = post(client, f"{API}/posts/{theirs.pk}", {"title": "Taken over"})
    assert refused.status_code == 403 and error_code(refused) == "rest_cannot_edit"
    as_other = post(client, f"{API}/posts", {"title": "x", "author": theirs.author_id})
    assert as_other.status_code == 403 and error_code(as_other) == "rest_cannot_edit_others"
    deleting = as_user(author).delete(f"{API}/posts/{theirs.pk}")
    assert deleting.status_code == 403 and error_code(deleting) == "rest_cannot_delete"
    assert Article.objects.get(pk=theirs.pk).title == "Theirs"
    # An editor edits anyone's, and may name another author.
    edited = post(as_user(editor), f"{API}/posts/{theirs.pk}", {"title": "Edited"}, "put")
    assert edited.status_code == 200 and edited.json()["title"]["raw"] == "Edited"


def test_it_updates_through_the_action_keeping_old_urls(editor) -> None:
    article = make_article("Old title")
    old_path = article.path
    client = as_user(editor)
    response = post(client, f"{API}/posts/{article.pk}", {"slug": "new-slug"}, "patch")
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.slug == "new-slug" and article.path != old_path
    assert LegacyPath.objects.filter(path=old_path, article=article).exists()
    assert Client().get(old_path).status_code == 301
    missing = post(client, f"{API}/posts/999999", {"title": "x"})
    assert missing.status_code == 404 and error_code(missing) == "rest_post_invalid_id"


def test_it_trashes_then_deletes(editor) -> None:
    article = make_article()
    client = as_user(editor)
    trashed = client.delete(f"{API}/posts/{article.pk}")
    assert trashed.status_code == 200 and trashed.json()["status"] == "trash"
    again = client.delete(f"{API}/posts/{article.pk}")
    assert again.status_code == 410 and error_code(again) == "rest_already_trashed"
    gone = client.delete(f"{API}/posts/{article.pk}?force=true")
    assert gone.status_code == 200
    assert gone.json()["deleted"] is True and gone.json()["previous"]["id"] == article.pk
    assert not Article.objects.filter(pk=article.pk).exists()


def test_it_accepts_wordpress_method_override(editor) -> None:
    article = make_article()
    client = as_user(editor)
    response = client.post(
        f"{API}/posts/{article.pk}?force=true", HTTP_X_HTTP_METHOD_OVERRIDE="DELETE"
    )
    assert response.status_code == 200 and response.json()["deleted"] is True


@pytest.mark.parametrize(
    "body",
    [
        {"title": 5},
        {"title": "x", "status": "published"},
        {"title": "x", "categories": ["abc"]},
        {"title": "x", "categories": [10**30]},
        {"title": "x", "author": -1},
        {"title": "x", "date": "not a date"},
        {"title": "x", "sticky": "maybe"},
        {"title": "x" * 2_000_000},
        {"title": "nul \x00 byte"},
        {"title": "x", "menu_order": 10**20},
        [1, 2, 3],
        "just a string",
    ],
)
def test_it_refuses_garbage_with_400(editor, body: Any) -> None:
    response = post(as_user(editor), f"{API}/posts", body)
    assert response.status_code == 400, response.content
    assert response.json()["code"] in ("rest_invalid_param", "rest_invalid_json")
    assert not Article.objects.exists()


def test_it_refuses_broken_and_deeply_nested_json(editor) -> None:
    client = as_user(editor)
    for raw in (
        '{"title": "x"',
        "\xff\xfe",
        "[" * 10_000 + "]" * 10_000,
        '{"a":' * 5000 + "1" + "}" * 5000,
    ):
        response = client.post(f"{API}/posts", raw, content_type="application/json")
        assert response.status_code == 400
        assert error_code(response) == "rest_invalid_json"


def test_it_refuses_unknown_terms_author_media_and_empty_posts(editor) -> None:
    client = as_user(editor)
    assert error_code(post(client, f"{API}/posts", {"title": "x", "categories": [999]})) == (
        "rest_invalid_param"
    )
    assert error_code(post(client, f"{API}/posts", {"title": "x", "author": 999})) == (
        "rest_invalid_author"
    )
    assert error_code(post(client, f"{API}/posts", {"title": "x", "featured_media": 999})) == (
        "rest_invalid_featured_media"
    )
    assert error_code(post(client, f"{API}/posts", {})) == "empty_content"
    assert error_code(post(client, f"{API}/posts", {"id": 5, "title": "x"})) == "rest_post_exists"
    assert not Article.objects.exists()


def test_it_schedules_a_post_dated_in_the_future(editor) -> None:
    response = post(
        as_user(editor),
        f"{API}/posts",
        {"title": "Later", "status": "publish", "date_gmt": "2099-01-01T10:00:00"},
    )
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "future" and data["date_gmt"] == "2099-01-01T10:00:00"
    assert Client().get(f"{API}/posts/{data['id']}").status_code == 401
