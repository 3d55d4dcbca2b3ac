"""/wp-json/wp/v2/comments: public comments for everyone, emails only to staff in the edit
context, new comments through the same rules as the article page's form (ported from
WordPress's WP_Test_REST_Comments_Controller where it applies)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from broadsheet.articles.models import Status
from broadsheet.articles.tests.factories import make_article
from broadsheet.comments.models import Comment
from broadsheet.wordpress.tests.api_support import API, as_user, error_code

pytestmark = pytest.mark.django_db

READER = {
    "author_name": "Rita Reader",
    "author_email": "rita@example.net",
    "content": "Good piece.",
}


def comment_on(article: Any, status: str = Comment.Status.APPROVED, **fields: Any) -> Comment:
    fields.setdefault("author_name", "Reader")
    fields.setdefault("author_email", "secret-reader@example.org")
    fields.setdefault("content", "A comment")
    fields.setdefault("author_ip", "198.51.100.4")
    return Comment.objects.create(article=article, status=status, **fields)


def send(client: Client, data: dict[str, Any], **extra: Any) -> Any:
    return client.post(
        f"{API}/comments", json.dumps(data), content_type="application/json", **extra
    )


def test_it_lists_only_public_comments_without_emails(client: Client) -> None:
    article = make_article()
    shown = comment_on(article)
    comment_on(article, Comment.Status.PENDING)
    comment_on(article, Comment.Status.SPAM)
    comment_on(make_article(status=Status.DRAFT))
    comment_on(make_article(password="pw"))
    response = client.get(f"{API}/comments")
    assert response["X-WP-Total"] == "1"
    [item] = response.json()
    assert item["id"] == shown.pk and item["post"] == article.pk
    assert item["status"] == "approved" and item["type"] == "comment"
    assert item["content"]["rendered"].startswith("<p>A comment")
    assert item["link"].endswith(f"{article.path}#comment-{shown.pk}")
    assert item["author_avatar_urls"]["96"].startswith("data:image/svg+xml")
    body = response.content.decode()
    assert "secret-reader" not in body and "198.51.100.4" not in body


def test_it_shows_emails_only_to_staff_in_the_edit_context(client: Client, editor, author) -> None:
    comment = comment_on(make_article())
    assert (
        error_code(client.get(f"{API}/comments", {"context": "edit"})) == "rest_forbidden_context"
    )
    assert as_user(author).get(f"{API}/comments", {"context": "edit"}).status_code == 403
    single = as_user(author).get(f"{API}/comments/{comment.pk}", {"context": "edit"})
    assert single.status_code == 403
    [item] = as_user(editor).get(f"{API}/comments", {"context": "edit"}).json()
    assert item["author_email"] == "secret-reader@example.org"
    assert item["author_ip"] == "198.51.100.4"
    assert item["content"]["raw"] == "A comment"


def test_it_keeps_held_comments_from_all_but_moderators(client: Client, editor) -> None:
    held = comment_on(make_article(), Comment.Status.PENDING)
    single = client.get(f"{API}/comments/{held.pk}")
    assert single.status_code == 401 and error_code(single) == "rest_cannot_read"
    assert error_code(client.get(f"{API}/comments", {"status": "hold"})) == "rest_forbidden_param"
    as_editor = as_user(editor).get(f"{API}/comments", {"status": "hold"}).json()
    assert [c["id"] for c in as_editor] == [held.pk] and as_editor[0]["status"] == "hold"
    missing = client.get(f"{API}/comments/99999")
    assert missing.status_code == 404 and error_code(missing) == "rest_comment_invalid_id"


def test_it_filters_by_post_and_refuses_unreadable_posts(client: Client) -> None:
    a, b = make_article(), make_article()
    comment_on(a)
    on_b = comment_on(b)
    assert [c["id"] for c in client.get(f"{API}/comments", {"post": b.pk}).json()] == [on_b.pk]
    draft = make_article(status=Status.DRAFT)
    refused = client.get(f"{API}/comments", {"post": draft.pk})
    assert refused.status_code == 401 and error_code(refused) == "rest_cannot_read_post"


def test_it_takes_a_comment_from_an_anonymous_reader(client: Client) -> None:
    article = make_article()
    response = send(client, {**READER, "post": article.pk}, HTTP_USER_AGENT="TestBrowser/1")
    assert response.status_code == 201
    comment = Comment.objects.get()
    assert response["Location"] == f"http://testserver{API}/comments/{comment.pk}"
    # A first-time commenter is held for moderation, as on the article page.
    assert comment.status == Comment.Status.PENDING
    assert response.json()["status"] == "hold"
    assert "author_email" not in response.json()
    assert comment.author_email == "rita@example.net"
    assert comment.user_agent == "TestBrowser/1" and comment.author_ip == "127.0.0.1"


def test_it_publishes_at_once_for_a_known_commenter(client: Client) -> None:
    article = make_article()
    comment_on(
        article,
        author_name="Rita Reader",
        author_email="rita@example.net",
        created_at=timezone.now() - timedelta(days=1),
    )
    response = send(client, {**READER, "post": article.pk, "content": "Second thought"})
    assert response.status_code == 201 and response.json()["status"] == "approved"


def test_it_refuses_duplicates_and_floods(client: Client) -> None:
    article = make_article()
    assert send(client, {**READER, "post": article.pk}).status_code == 201
    duplicate = send(client, {**READER, "post": article.pk}, REMOTE_ADDR="127.0.0.2")
    assert duplicate.status_code == 409 and error_code(duplicate) == "comment_duplicate"
    flood = send(client, {**READER, "post": article.pk, "content": "Another"})
    assert flood.status_code == 400 and error_code(flood) == "comment_flood"
    assert Comment.objects.count() == 1
    Comment.objects.update(created_at=timezone.now() - timedelta(minutes=1))
    assert send(client, {**READER, "post": article.pk, "content": "Later"}).status_code == 201


@pytest.mark.parametrize(
    ("article_fields", "status", "code"),
    [
        ({"status": Status.DRAFT}, 403, "rest_comment_draft_post"),
        ({"status": Status.TRASH}, 403, "rest_comment_trash_post"),
        ({"status": Status.PRIVATE}, 401, "rest_cannot_read_post"),
        ({"status": Status.PENDING}, 401, "rest_cannot_read_post"),
        ({"password": "pw"}, 401, "rest_cannot_read_post"),
        ({"comments_open": False}, 403, "rest_comment_closed"),
        ({"kind": "page"}, 403, "rest_comment_closed"),
    ],
)
def test_it_refuses_comments_on_posts_that_take_none(
    client: Client, article_fields: dict, status: int, code: str
) -> None:
    article = make_article(**article_fields)
    response = send(client, {**READER, "post": article.pk})
    assert (response.status_code, error_code(response)) == (status, code)
    assert not Comment.objects.exists()


def test_it_takes_a_protected_posts_comment_with_its_password(client: Client) -> None:
    article = make_article(password="pw")
    response = client.post(
        f"{API}/comments?password=pw",
        json.dumps({**READER, "post": article.pk}),
        content_type="application/json",
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        ({}, 403, "rest_comment_invalid_post_id"),
        ({"post": 999999}, 403, "rest_comment_invalid_post_id"),
        ({"post": "ARTICLE", "author_name": ""}, 400, "rest_comment_author_data_required"),
        ({"post": "ARTICLE", "author_email": ""}, 400, "rest_comment_author_data_required"),
        ({"post": "ARTICLE", "content": "  "}, 400, "rest_comment_content_invalid"),
        ({"post": "ARTICLE", "author_email": "not-an-email"}, 400, "rest_invalid_param"),
        ({"post": "ARTICLE", "author_url": "javascript:alert(1)"}, 400, "rest_invalid_param"),
        ({"post": "ARTICLE", "author_name": "x" * 246}, 400, "comment_author_column_length"),
        ({"post": "ARTICLE", "content": "x" * 65526}, 400, "comment_content_column_length"),
        ({"post": "ARTICLE", "status": "approved"}, 401, "rest_comment_invalid_status"),
        ({"post": "ARTICLE", "author": 5}, 401, "rest_comment_invalid_author"),
        ({"post": "ARTICLE", "parent": 999}, 400, "rest_comment_invalid_parent"),
        ({"post": "ARTICLE", "type": "pingback"}, 400, "rest_invalid_comment_type"),
        ({"post": "ARTICLE", "content": ["a"]}, 400, "rest_invalid_param"),
    ],
)
def test_it_refuses_bad_comments_with_wordpress_errors(
    client: Client, data: dict, status: int, code: str
) -> None:
    article = make_article()
    if data.get("post") == "ARTICLE":
        data = {**READER, **data, "post": article.pk}
    response = send(client, data)
    assert (response.status_code, error_code(response)) == (status, code)
    assert not Comment.objects.exists()


def test_it_lets_moderators_set_status_and_approve(editor) -> None:
    article = make_article()
    client = as_user(editor)
    created = send(client, {**READER, "post": article.pk, "status": "approved"})
    assert created.status_code == 201
    assert created.json()["status"] == "approved"
    assert created.json()["author_email"] == "rita@example.net"
    held = comment_on(article, Comment.Status.PENDING)
    response = client.post(
        f"{API}/comments/{held.pk}",
        json.dumps({"status": "approve"}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "approved"
    held.refresh_from_db()
    assert held.status == Comment.Status.APPROVED


def test_it_lets_a_logged_in_writer_comment_as_themself(author) -> None:
    article = make_article()
    response = send(as_user(author), {"post": article.pk, "content": "From the desk"})
    assert response.status_code == 201
    comment = Comment.objects.get()
    assert comment.author_name == "Author" and comment.user == author
    assert response.json()["author"] == author.author.pk


def test_it_refuses_edits_and_deletes_to_non_moderators(client: Client, author) -> None:
    comment = comment_on(make_article())
    edit = client.post(
        f"{API}/comments/{comment.pk}",
        json.dumps({"content": "Changed"}),
        content_type="application/json",
    )
    assert edit.status_code == 401 and error_code(edit) == "rest_cannot_edit"
    assert as_user(author).delete(f"{API}/comments/{comment.pk}").status_code == 403
    comment.refresh_from_db()
    assert comment.content == "A comment"


def test_it_edits_trashes_and_deletes_as_a_moderator(editor) -> None:
    comment = comment_on(make_article())
    client = as_user(editor)
    edited = client.patch(
        f"{API}/comments/{comment.pk}",
        json.dumps({"content": "Edited <b>text</b>"}),
        content_type="application/json",
    )
    assert edited.status_code == 200 and edited.json()["content"]["raw"] == "Edited <b>text</b>"
    trashed = client.delete(f"{API}/comments/{comment.pk}")
    assert trashed.status_code == 200 and trashed.json()["status"] == "trash"
    again = client.delete(f"{API}/comments/{comment.pk}")
    assert again.status_code == 410 and error_code(again) == "rest_already_trashed"
    gone = client.delete(f"{API}/comments/{comment.pk}", QUERY_STRING="force=true")
    assert gone.status_code == 200 and gone.json()["deleted"] is True
    assert not Comment.objects.exists()


def test_it_embeds_the_post_and_the_comment_replied_to(client: Client) -> None:
    article = make_article("Embedded post")
    parent = comment_on(article)
    reply = comment_on(article, parent=parent)
    item = next(
        c for c in client.get(f"{API}/comments", {"_embed": "1"}).json() if c["id"] == reply.pk
    )
    assert item["_embedded"]["up"][0]["title"]["rendered"] == "Embedded post"
    assert item["_embedded"]["in-reply-to"][0]["id"] == parent.pk


def test_it_lists_in_a_constant_number_of_queries(
    client: Client, django_assert_num_queries
) -> None:
    article = make_article()
    comment_on(article)
    params = {"per_page": 100, "_embed": "1"}
    # The count, and the page's comments with their joins (ids found in a subquery).
    with django_assert_num_queries(2) as one:
        client.get(f"{API}/comments", params)
    for _ in range(49):
        comment_on(article, parent=Comment.objects.first())
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(f"{API}/comments", params).json()) == 50
