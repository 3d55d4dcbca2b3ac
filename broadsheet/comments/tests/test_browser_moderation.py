"""In a real browser: a new reader posts a comment and sees it awaiting moderation, staff
approve it in /admin/, and the reader then sees it published."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment
from broadsheet.testing.browser import PHONE, browser, new_page  # noqa: F401  (fixtures)


@pytest.mark.browser
def test_it_holds_a_new_readers_comment_until_staff_approve_it(
    live_server,  # type: ignore[no-untyped-def]
    article: Article,
    editor: User,
    new_page: Callable[..., Page],  # noqa: F811
    settings,  # type: ignore[no-untyped-def]
) -> None:
    # A robot posts within 3 seconds of the page; a test types faster than a person.
    settings.BROADSHEET_COMMENT_MIN_SECONDS = 0
    url = live_server.url + article.get_absolute_url()

    reader = new_page(**PHONE)
    reader.goto(url)
    reader.get_by_role("textbox", name="Comment").fill(
        "Volumes look seasonal to me: compare last March."
    )
    reader.get_by_role("textbox", name="Name").fill("Grace Hopper")
    reader.get_by_role("textbox", name="Email").fill("grace@example.org")
    reader.get_by_label("Save my name, email, and website").check()
    reader.get_by_role("button", name="Post Comment").click()

    comment = Comment.objects.get()
    held = reader.locator(f"#comment-{comment.pk}")
    expect(held).to_contain_text("Volumes look seasonal to me")
    expect(held.locator(".comment-awaiting-moderation")).to_have_text(
        "Your comment is awaiting moderation."
    )
    assert "unapproved=" in reader.url
    # Nobody else sees it yet.
    stranger = new_page(**PHONE)
    stranger.goto(url)
    expect(stranger.locator(f"#comment-{comment.pk}")).to_have_count(0)

    staff = new_page(viewport={"width": 1280, "height": 900})
    staff.goto(live_server.url + "/admin/")
    staff.locator("#id_username").fill("editor")
    staff.locator("#id_password").fill("password")
    staff.locator("#login-form [type=submit]").click()
    badge = staff.locator(".pending-comments")
    expect(badge).to_contain_text("1 comment awaiting moderation")
    badge.click()
    row = staff.locator("#result_list tr", has_text="Volumes look seasonal")
    row.get_by_role("button", name="Approve").click()
    expect(staff.locator(".messagelist")).to_contain_text("Approve: comment by Grace Hopper")
    expect(staff.locator(".pending-comments")).to_contain_text("0 comments awaiting moderation")

    # Back on the article later (plain address, details remembered): published.
    reader.goto(url)
    published = reader.locator(f"#comment-{comment.pk}")
    expect(published).to_contain_text("Volumes look seasonal to me")
    expect(published.locator(".comment-awaiting-moderation")).to_have_count(0)
    expect(reader.get_by_role("textbox", name="Name")).to_have_value("Grace Hopper")
    stranger.goto(url)
    expect(stranger.locator(f"#comment-{comment.pk}")).to_contain_text("Volumes look seasonal")
