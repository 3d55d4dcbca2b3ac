"""Staff moderate in /admin/: tabs with counts, row and bulk actions, edit, reply, and a
pending-count badge."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment
from broadsheet.comments.tests.helpers import make_comment

pytestmark = pytest.mark.django_db
LIST = "/admin/comments/comment/"
Status = Comment.Status


@pytest.fixture
def staff(client: Client, editor: User) -> Client:
    client.force_login(editor)
    return client


@pytest.fixture
def comments(article: Article) -> dict[str, Comment]:
    return {
        "pending": make_comment(article, content="Held one.", status=Status.PENDING),
        "approved": make_comment(article, content="Fine one."),
        "spam": make_comment(article, content="Buy now.", status=Status.SPAM),
        "trash": make_comment(article, content="Binned.", status=Status.TRASH),
        "pending2": make_comment(article, content="Held two.", status=Status.PENDING),
    }


def test_it_shows_tabs_with_counts(staff: Client, comments: dict[str, Comment]) -> None:
    page = staff.get(LIST).content.decode()
    for label, n in (("All", 3), ("Pending", 2), ("Approved", 1), ("Spam", 1), ("Trash", 1)):
        assert re.search(rf">{label} <span class=\"count\">\({n}\)</span>", page), label
    # "All" is WordPress's: neither spam nor trash.
    assert "Held one." in page and "Fine one." in page and "Buy now." not in page
    spam = staff.get(f"{LIST}?comment_status=spam").content.decode()
    assert "Buy now." in spam and "Held one." not in spam


def test_it_shows_a_pending_badge_on_every_admin_page(
    staff: Client, comments: dict[str, Comment]
) -> None:
    page = staff.get("/admin/").content.decode()
    assert "2 comments awaiting moderation" in page
    assert f'href="{LIST}?comment_status=pending"' in page


def test_it_moderates_one_comment_from_its_row(staff: Client, comments: dict[str, Comment]) -> None:
    pending = comments["pending"]
    page = staff.get(f"{LIST}?comment_status=pending").content.decode()
    approve = f"/admin/comments/comment/{pending.pk}/moderate/approve/"
    assert f'formaction="{approve}"' in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    response = staff.post(approve, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.APPROVED
    for verb, status in (
        ("spam", Status.SPAM),
        ("notspam", Status.PENDING),
        ("trash", Status.TRASH),
        ("restore", Status.PENDING),
        ("approve", Status.APPROVED),
        ("unapprove", Status.PENDING),
    ):
        staff.post(f"/admin/comments/comment/{pending.pk}/moderate/{verb}/")
        pending.refresh_from_db()
        assert pending.status == status, verb


def test_it_refuses_row_actions_by_get(staff: Client, comments: dict[str, Comment]) -> None:
    url = f"/admin/comments/comment/{comments['pending'].pk}/moderate/approve/"
    assert staff.get(url).status_code == 405


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("bulk_approve", Status.APPROVED),
        ("bulk_spam", Status.SPAM),
        ("bulk_trash", Status.TRASH),
        ("bulk_unapprove", Status.PENDING),
    ],
)
def test_it_moderates_in_bulk(
    staff: Client, comments: dict[str, Comment], action: str, status: str
) -> None:
    ids = [comments["pending"].pk, comments["pending2"].pk, comments["approved"].pk]
    staff.post(LIST, {"action": action, "_selected_action": ids})
    assert set(Comment.objects.filter(pk__in=ids).values_list("status", flat=True)) == {status}


def test_it_deletes_permanently_keeping_replies(
    staff: Client, article: Article, comments: dict[str, Comment]
) -> None:
    parent = comments["approved"]
    reply = make_comment(article, parent=parent)
    staff.post(LIST, {"action": "delete_permanently", "_selected_action": [parent.pk]})
    assert not Comment.objects.filter(pk=parent.pk).exists()
    reply.refresh_from_db()
    assert reply.parent is None  # moved up, not deleted with it


def test_it_edits_a_comment(staff: Client, comments: dict[str, Comment]) -> None:
    comment = comments["pending"]
    url = f"/admin/comments/comment/{comment.pk}/change/"
    assert staff.get(url).status_code == 200
    response = staff.post(
        url,
        {
            "content": "Edited <b>text</b>",
            "status": Status.APPROVED,
            "author_name": "New Name",
            "author_email": "new@example.org",
            "author_url": "",
        },
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.content_html == "<p>Edited <strong>text</strong></p>"
    assert (comment.status, comment.author_name) == (Status.APPROVED, "New Name")


def test_it_replies_and_approves_what_it_replies_to(
    staff: Client, editor: User, comments: dict[str, Comment]
) -> None:
    held = comments["pending"]
    url = f"/admin/comments/comment/{held.pk}/reply/"
    assert "Held one." in staff.get(url).content.decode()
    assert staff.post(url, {"content": "Thanks for writing."}).status_code == 302
    reply = Comment.objects.get(content="Thanks for writing.")
    held.refresh_from_db()
    assert (reply.parent, reply.status, reply.user) == (held, Status.APPROVED, editor)
    assert held.status == Status.APPROVED


def test_it_keeps_comments_from_writers_without_the_permission(
    client: Client, author: User, comments: dict[str, Comment]
) -> None:
    client.force_login(author)
    assert client.get(LIST).status_code == 403
    url = f"/admin/comments/comment/{comments['pending'].pk}/moderate/approve/"
    assert client.post(url).status_code == 403
    assert "awaiting moderation" not in client.get("/admin/").content.decode()


def test_it_edits_the_discussion_settings(client: Client, comments: dict[str, Comment]) -> None:
    from broadsheet.comments.models import DiscussionSettings

    admin = User.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin)
    response = client.get("/admin/comments/discussionsettings/")
    assert response.status_code == 302
    form = client.get(response["Location"])
    assert "hold words" in form.content.decode().lower()
    data = {
        "require_previous_approval": "on",
        "max_links": "3",
        "hold_words": "casino",
        "disallowed_words": "",
        "max_per_ip_hour": "20",
        "close_old_articles": "on",
        "close_after_days": "14",
        "thread_depth": "5",
        "per_page": "50",
        "notify_author": "on",
    }
    assert client.post(response["Location"], data).status_code == 302
    conf = DiscussionSettings.load()
    assert (conf.max_links, conf.hold_list, conf.close_old_articles) == (3, ["casino"], True)
    assert DiscussionSettings.objects.count() == 1


def test_it_answers_404_for_rows_that_cannot_exist(staff: Client) -> None:
    for url in (
        "/admin/comments/comment/99999999999999999999999999/moderate/approve/",
        "/admin/comments/comment/0/moderate/approve/",
    ):
        assert staff.post(url).status_code == 404
    assert staff.get("/admin/comments/comment/99999999999999999999999999/reply/").status_code == 404
