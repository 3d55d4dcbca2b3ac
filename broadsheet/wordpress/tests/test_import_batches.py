"""Writing in batches: new posts and comments go in together at the end of each batch, and
the outcome is the same as writing them one by one (clashes inside a batch included)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from broadsheet.articles.models import Article, Status
from broadsheet.articles.tests.factories import make_article
from broadsheet.comments.models import Comment
from broadsheet.wordpress.models import ImportedObject
from broadsheet.wordpress.tests.helpers import import_file

pytestmark = pytest.mark.django_db

SITE = "https://batch.example"


def wxr(*items: str, site: str = SITE) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Batch test</title><link>{site}</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{site}</wp:base_site_url>
<wp:base_blog_url>{site}</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>ed</wp:author_login>
<wp:author_display_name>Ed</wp:author_display_name></wp:author>
<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>news</wp:category_nicename>
<wp:category_parent></wp:category_parent><wp:cat_name>News</wp:cat_name></wp:category>
{"".join(items)}</channel></rss>"""


def post(
    wp_id: int,
    slug: str,
    *,
    link: str = "",
    comments: str = "",
    post_type: str = "post",
    parent: int = 0,
    date: str = "2020-05-04 10:00:00",
    tag: str = "",
) -> str:
    link = link or f"{SITE}/2020/05/04/{slug}/"
    tag = tag or f"tag-{wp_id % 3}"
    return f"""<item><title>Post {wp_id}</title><link>{link}</link><dc:creator>ed</dc:creator>
<guid isPermaLink="false">{SITE}/?p={wp_id}</guid>
<content:encoded><![CDATA[Body of post {wp_id}.]]></content:encoded>
<wp:post_id>{wp_id}</wp:post_id><wp:post_date>{date}</wp:post_date>
<wp:post_date_gmt>{date}</wp:post_date_gmt><wp:post_name>{slug}</wp:post_name>
<wp:status>publish</wp:status><wp:post_parent>{parent}</wp:post_parent>
<wp:post_type>{post_type}</wp:post_type>
<category domain="category" nicename="news"><![CDATA[News]]></category>
<category domain="post_tag" nicename="{tag}"><![CDATA[{tag}]]></category>
{comments}</item>"""


def comment(wp_id: int, parent: int = 0, text: str = "A reader's view.") -> str:
    return f"""<wp:comment><wp:comment_id>{wp_id}</wp:comment_id>
<wp:comment_author><![CDATA[Reader {wp_id}]]></wp:comment_author>
<wp:comment_date>2020-05-05 10:00:00</wp:comment_date>
<wp:comment_date_gmt>2020-05-05 10:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[{text}]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>{parent}</wp:comment_parent>
</wp:comment>"""


def run(tmp_path: Path, *items: str) -> str:
    path = tmp_path / "export.xml"
    path.write_text(wxr(*items), encoding="utf-8")
    return import_file(path)


def test_it_serves_the_second_of_two_new_posts_claiming_one_old_path_at_its_native_path(
    tmp_path: Path, client: Client
) -> None:
    out = run(
        tmp_path,
        post(10, "first", link=f"{SITE}/shared/"),
        post(11, "second", link=f"{SITE}/shared/"),
    )
    first, second = Article.objects.get(pk=10), Article.objects.get(pk=11)
    assert first.original_path == "/shared/"
    assert second.original_path == "" and second.path == "/2020/05/04/second/"
    assert "/shared/ is already taken by another article: item 11" in out
    assert "Post 10" in client.get("/shared/").content.decode()
    assert "Post 11" in client.get("/2020/05/04/second/").content.decode()


def test_it_gives_the_second_of_two_new_posts_with_one_native_path_a_new_slug(
    tmp_path: Path, client: Client
) -> None:
    # ?p= links: no old path to keep, so both want /2020/05/04/twin/.
    out = run(
        tmp_path,
        post(20, "twin", link=f"{SITE}/?p=20"),
        post(21, "twin", link=f"{SITE}/?p=21"),
    )
    assert Article.objects.get(pk=20).path == "/2020/05/04/twin/"
    assert Article.objects.get(pk=21).path == "/2020/05/04/twin-2/"
    assert "Slug twin of item 21 was taken here: now twin-2" in out
    assert "Post 21" in client.get("/2020/05/04/twin-2/").content.decode()


def test_it_imports_posts_and_comments_whose_ids_are_taken_here(
    tmp_path: Path, client: Client
) -> None:
    existing = make_article("Already here", status=Status.PUBLISHED)
    mine = Comment.objects.create(
        article=existing, author_name="Local", content="Local comment", status="approved"
    )
    run(
        tmp_path,
        post(existing.pk, "old-id", comments=comment(mine.pk) + comment(9001, parent=mine.pk)),
        post(existing.pk + 100, "other", comments=comment(9002)),
    )
    imported = Article.objects.get(title=f"Post {existing.pk}")
    assert imported.pk != existing.pk
    assert Article.objects.get(pk=existing.pk).title == "Already here"
    assert client.get("/2020/05/04/old-id/").status_code == 200
    # The comment whose id was taken got another, and its reply still hangs under it.
    moved = Comment.objects.get(author_name=f"Reader {mine.pk}")
    assert moved.pk != mine.pk and moved.article == imported
    assert Comment.objects.get(pk=9001).parent == moved
    assert Comment.objects.get(pk=mine.pk).content == "Local comment"
    assert Comment.objects.get(pk=9002).article_id == existing.pk + 100
    assert ImportedObject.objects.get(kind="comment", wp_id=str(mine.pk)).object_id == moved.pk


def test_it_keeps_the_later_of_a_comment_id_given_twice(tmp_path: Path) -> None:
    run(
        tmp_path,
        post(30, "one", comments=comment(500, text="First version.")),
        post(31, "two", comments=comment(500, text="Second version.") + comment(501, 500)),
    )
    only = Comment.objects.get(pk=500)
    assert only.content == "Second version." and only.article_id == 31
    assert Comment.objects.get(pk=501).parent == only
    assert ImportedObject.objects.filter(kind="comment", wp_id="500").count() == 1


def test_it_writes_a_page_under_a_parent_from_the_same_batch(
    tmp_path: Path, client: Client
) -> None:
    run(
        tmp_path,
        post(40, "story"),
        post(41, "about", link=f"{SITE}/about/", post_type="page"),
        post(42, "team", link=f"{SITE}/about/team/", post_type="page", parent=41),
        post(43, "later-story"),
    )
    team = Article.objects.get(pk=42)
    assert team.parent_id == 41
    assert client.get("/about/team/").status_code == 200
    assert Article.objects.filter(pk__in=[40, 43]).count() == 2


def count_queries(tmp_path: Path, first: int, posts: int) -> int:
    """Queries to import `posts` new posts (two comments each) from a site of their own."""
    items = [
        post(first + n, f"story-{first + n}", tag=f"topic-{first}", comments=comment(
            3 * (first + n)) + comment(3 * (first + n) + 1, parent=3 * (first + n)
        ))
        for n in range(posts)
    ]  # fmt: skip
    path = tmp_path / f"export-{first}.xml"
    path.write_text(wxr(*items, site=f"https://site-{first}.example"), encoding="utf-8")
    with CaptureQueriesContext(connection) as queries:
        import_file(path)
    return len(queries)


def test_it_writes_new_posts_and_comments_without_queries_per_record(tmp_path: Path) -> None:
    """Three times the posts and comments take hardly more queries: each batch is written
    in a fixed number of statements."""
    count_queries(tmp_path, 100, 2)  # the author, category and tags, made once
    small = count_queries(tmp_path, 1000, 20)
    large = count_queries(tmp_path, 2000, 60)
    assert Article.objects.count() == 82 and Comment.objects.count() == 164
    assert Comment.objects.filter(parent__isnull=False).count() == 82
    # 40 more posts and 80 more comments: a few statements, not one or more per record.
    assert large - small < 20, (small, large)
