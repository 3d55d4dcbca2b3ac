"""Importing the WordPress Theme Unit Test data: what WordPress's importer would produce."""

from __future__ import annotations

from collections import Counter
from urllib.parse import unquote

import pytest
from django.test import Client

from broadsheet.articles.models import Article, Category, Kind, LegacyPath, Status, Tag
from broadsheet.comments.models import Comment
from broadsheet.images.models import Image
from broadsheet.people.models import Author
from broadsheet.testing.crawl import crawl
from broadsheet.wordpress.models import ImportedObject
from broadsheet.wordpress.tests.helpers import import_file, row_counts, snapshot
from broadsheet.wordpress.tests.wxr_files import THEME_UNIT_TEST, wxr_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme_unit_test() -> str:
    return import_file(wxr_file(THEME_UNIT_TEST))


def depth(obj: Article | Comment) -> int:
    n = 0
    while obj.parent_id:
        obj = obj.parent  # type: ignore[assignment]
        n += 1
    return n


def test_it_imports_what_wordpress_imports(theme_unit_test: str) -> None:
    by_kind = Counter(Article.objects.values_list("kind", "status"))
    assert by_kind == {
        (Kind.POST, Status.PUBLISHED): 56,
        (Kind.POST, Status.DRAFT): 1,
        (Kind.POST, Status.SCHEDULED): 1,
        (Kind.PAGE, Status.PUBLISHED): 21,
    }
    assert Image.objects.count() == 37
    assert "70 x post type nav_menu_item is not imported" in theme_unit_test
    assert "37 media files were not fetched" in theme_unit_test
    # WordPress post ids are kept as the articles' ids.
    assert Article.objects.get(pk=1241).title == "Template: Sticky"
    assert Article.objects.get(pk=1241).sticky
    protected = Article.objects.get(pk=1168)
    assert protected.password == "enter"
    # Authors, with their names and emails.
    reviewer = Author.objects.get(user__username="themereviewteam")
    assert (reviewer.display_name, reviewer.first_name, reviewer.last_name) == (
        "Theme Reviewer",
        "Theme",
        "Review",
    )
    assert reviewer.email == "themereviewteam@gmail.com"
    assert not reviewer.user.has_usable_password()


def test_it_keeps_hierarchies_and_threads(theme_unit_test: str) -> None:
    # Pages three levels deep, with their parents and menu order.
    assert max(depth(p) for p in Article.objects.pages()) == 2
    grandchild = Article.objects.get(slug="επίπεδο-3")
    assert grandchild.parent.slug == "επίπεδο-2"
    assert grandchild.parent.parent.slug == "greek"
    assert grandchild.get_absolute_url() == "/greek/επίπεδο-2/επίπεδο-3/"
    # Categories by parent slug, as deep as the file goes.
    assert Category.objects.count() == 68
    assert Category.objects.get(slug="child-category-03").path == (
        "parent-category/child-category-03"
    )
    assert max(c.path.count("/") for c in Category.objects.all()) == 2
    assert Tag.objects.filter(slug="tag1").exists()
    # Comments: ten levels of replies, statuses and types as in the file.
    comments = Comment.objects.all()
    assert comments.count() == 33
    assert max(depth(c) for c in comments) == 9
    assert Counter(c.status for c in comments) == {"approved": 30, "pending": 3}
    assert Counter(c.type for c in comments) == {"comment": 29, "pingback": 2, "trackback": 2}
    assert max(len(c.content) for c in comments) > 7000


def test_it_answers_every_old_url(theme_unit_test: str, client: Client) -> None:
    public = Article.objects.published().filter(password="")
    assert public.count() > 70
    for article in public:
        assert article.original_path, article.pk
        assert client.get(article.original_path).status_code == 200, article.original_path
        response = client.get(f"/?p={article.pk}")
        assert response.status_code == 301
        assert unquote(response["Location"]) == article.original_path
        if article.path and article.path != article.original_path:
            moved = client.get(article.path)
            assert (moved.status_code, unquote(moved["Location"])) == (301, article.original_path)
    about = Article.objects.get(slug="about", kind=Kind.PAGE)
    assert client.get(f"/?page_id={about.pk}")["Location"] == "/about/"
    # An attachment page redirects to the item it is attached to.
    attachment = ImportedObject.objects.filter(kind="attachment").exclude(wp_parent=0).first()
    parent = Article.objects.get(pk=attachment.wp_parent)
    link = attachment.extra["link"].replace("https://wpthemetestdata.wordpress.com", "")
    response = client.get(link)
    assert (response.status_code, response["Location"]) == (301, parent.get_absolute_url())
    # The path with a doubled slash the old site used is kept as an old address of its page
    # (the test client would read "//greek" as a host name, so the row is checked).
    old = LegacyPath.objects.get(path="//greek/επίπεδο-2/")
    assert old.article.get_absolute_url() == "/greek/επίπεδο-2/"


def test_it_leaks_nothing_hidden(theme_unit_test: str, client: Client) -> None:
    hidden = Article.objects.exclude(pk__in=Article.objects.published())
    assert hidden.count() == 2  # the draft and the far-future post
    for article in hidden:
        assert client.get(f"/?p={article.pk}").status_code == 404
        if article.path:
            assert client.get(article.path).status_code == 404
    pages = crawl(client)
    assert len(pages) > 80
    text = "\n".join(pages.values())
    for article in hidden:
        assert article.title not in text
    protected = Article.objects.get(pk=1168)
    assert protected.body[:40] not in text
    for comment in Comment.objects.exclude(status="approved"):
        assert comment.content[:40] not in text


def test_it_changes_nothing_when_imported_twice(theme_unit_test: str) -> None:
    before, counts = snapshot(), row_counts()
    summary = import_file(wxr_file(THEME_UNIT_TEST))
    assert "Imported: 0" in summary
    assert "Updated: 0" in summary
    assert snapshot() == before
    assert row_counts() == counts
    # The other copy of the same site's export updates in place: no duplicates.
    import_file(wxr_file("importer-cases/theme-unit-test-data.xml"))
    assert Article.objects.filter(pk=1241).count() == 1
    assert Comment.objects.values("pk").count() == Comment.objects.values("pk").distinct().count()
