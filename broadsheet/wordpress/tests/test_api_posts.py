"""GET /wp-json/wp/v2/posts and /posts/<id>: shapes, the visibility rule, parameters,
pagination headers, _fields, _embed, context=edit and password protection (ported from
WordPress's WP_Test_REST_Posts_Controller where it applies)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from broadsheet.articles.models import Article, Status
from broadsheet.articles.tests.factories import make_article, make_author, make_category, make_image
from broadsheet.comments.models import Comment
from broadsheet.people.models import Author
from broadsheet.wordpress.tests.api_support import API, as_user, error_code

pytestmark = pytest.mark.django_db

POST_KEYS = {
    "id", "date", "date_gmt", "guid", "modified", "modified_gmt", "slug", "status", "type",
    "link", "title", "content", "excerpt", "author", "featured_media", "comment_status",
    "ping_status", "sticky", "template", "format", "meta", "categories", "tags", "_links",
}  # fmt: skip


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()]


def test_it_lists_published_posts_in_wordpress_shape(client: Client) -> None:
    news = make_category("News")
    article = make_article("Budget day", categories=[news], tags=["money"])
    response = client.get(f"{API}/posts")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    [item] = response.json()
    assert set(item) == POST_KEYS
    assert item["id"] == article.pk
    assert item["title"] == {"rendered": "Budget day"}
    assert item["status"] == "publish"
    assert item["type"] == "post"
    assert item["link"].endswith(article.path)
    assert item["content"]["protected"] is False
    assert "<h2" in item["content"]["rendered"]
    assert item["excerpt"]["rendered"] == "<p>A line under the headline.</p>\n"
    assert item["author"] == article.author_id
    assert item["categories"] == [news.pk]
    assert len(item["tags"]) == 1
    assert item["_links"]["author"][0]["embeddable"] is True
    assert item["_links"]["self"][0]["href"] == f"http://testserver{API}/posts/{article.pk}"
    assert "raw" not in item["title"] and "password" not in item


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.DRAFT},
        {"status": Status.PENDING},
        {"status": Status.PRIVATE},
        {"status": Status.TRASH},
        {"status": Status.SCHEDULED, "published_at": timezone.now() + timedelta(days=1)},
    ],
)
def test_it_never_shows_unpublished_posts_to_strangers(client: Client, fields: dict) -> None:
    hidden = make_article("Hidden", **fields)
    make_article("Public")
    assert hidden.pk not in ids(client.get(f"{API}/posts"))
    assert hidden.pk not in ids(client.get(f"{API}/posts", {"include": hidden.pk}))
    assert hidden.pk not in ids(client.get(f"{API}/search", {"search": "Hidden"}))
    single = client.get(f"{API}/posts/{hidden.pk}")
    assert single.status_code == 401
    assert error_code(single) == "rest_forbidden"


def test_it_refuses_other_statuses_to_strangers(client: Client) -> None:
    response = client.get(f"{API}/posts", {"status": "draft"})
    assert response.status_code == 401
    assert error_code(response) == "rest_forbidden_status"


def test_it_shows_a_scheduled_post_whose_time_has_come_as_published(client: Client) -> None:
    article = make_article("Due", published_at=timezone.now() + timedelta(hours=1))
    assert article.status == Status.SCHEDULED
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    [item] = client.get(f"{API}/posts").json()
    assert item["id"] == article.pk and item["status"] == "publish"


def test_it_shows_drafts_to_those_who_may_edit_them(editor, author, contributor) -> None:
    mine = make_article("Mine", status=Status.DRAFT, author=Author.objects.get(user=author))
    theirs = make_article("Theirs", status=Status.DRAFT)
    assert set(ids(as_user(editor).get(f"{API}/posts", {"status": "draft"}))) == {
        mine.pk,
        theirs.pk,
    }
    assert ids(as_user(author).get(f"{API}/posts", {"status": "draft"})) == [mine.pk]
    assert ids(as_user(contributor).get(f"{API}/posts", {"status": "draft"})) == []
    forbidden = as_user(author).get(f"{API}/posts/{theirs.pk}")
    assert forbidden.status_code == 403 and error_code(forbidden) == "rest_forbidden"
    assert as_user(author).get(f"{API}/posts/{mine.pk}").json()["status"] == "draft"


def test_it_answers_a_missing_post_with_wordpress_error(client: Client) -> None:
    for pk in (999, 2**63 - 1, 10**30):
        response = client.get(f"{API}/posts/{pk}")
        assert response.status_code == 404
        assert response.json() == {
            "code": "rest_post_invalid_id",
            "message": "Invalid post ID.",
            "data": {"status": 404},
        }
    page = make_article("A page", kind="page")
    assert client.get(f"{API}/posts/{page.pk}").status_code == 404


def test_it_sends_pagination_headers_and_links(client: Client) -> None:
    for n in range(5):
        make_article(f"Post {n}", published_at=timezone.now() - timedelta(hours=n))
    response = client.get(f"{API}/posts", {"per_page": 2, "page": 2, "search": "Post"})
    assert response["X-WP-Total"] == "5"
    assert response["X-WP-TotalPages"] == "3"
    assert [i["title"]["rendered"] for i in response.json()] == ["Post 2", "Post 3"]
    link = response["Link"]
    assert 'rel="prev"' in link and 'rel="next"' in link
    assert "page=1" in link.split(",")[0] and "search=Post" in link
    assert "page=3" in link.split(",")[1]
    last = client.get(f"{API}/posts", {"per_page": 2, "page": 3})
    assert 'rel="next"' not in last["Link"]
    first = client.get(f"{API}/posts", {"per_page": 2})
    assert 'rel="prev"' not in first["Link"]


def test_it_refuses_pages_past_the_end_and_bad_per_page(client: Client) -> None:
    make_article()
    past = client.get(f"{API}/posts", {"page": 2})
    assert past.status_code == 400 and error_code(past) == "rest_post_invalid_page_number"
    for value in ("0", "101", "-1", "abc", "1e400", str(10**40)):
        response = client.get(f"{API}/posts", {"per_page": value})
        assert response.status_code == 400, value
        body = response.json()
        assert body["code"] == "rest_invalid_param"
        assert "per_page" in body["data"]["params"]
    assert client.get(f"{API}/posts", {"per_page": 100}).status_code == 200


def test_it_filters_like_wordpress(client: Client) -> None:
    news, sport = make_category("News"), make_category("Sport")
    writer = make_author("Ann")
    a = make_article("Alpha budget", categories=[news], tags=["money"], author=writer)
    b = make_article(
        "Beta match", categories=[sport], published_at=timezone.now() - timedelta(days=3)
    )
    c = make_article("Gamma budget", categories=[news, sport], sticky=True)
    get = lambda **p: set(ids(client.get(f"{API}/posts", p)))  # noqa: E731
    assert get(categories=news.pk) == {a.pk, c.pk}
    assert get(categories=f"{news.pk},{sport.pk}") == {a.pk, b.pk, c.pk}
    assert get(categories_exclude=sport.pk) == {a.pk}
    assert get(tags=a.tags.get().pk) == {a.pk}
    assert get(search="budget") == {a.pk, c.pk}
    assert get(author=writer.pk) == {a.pk}
    assert get(author_exclude=writer.pk) == {b.pk, c.pk}
    assert get(include=f"{a.pk},{b.pk}") == {a.pk, b.pk}
    assert get(exclude=a.pk) == {b.pk, c.pk}
    assert get(slug="beta-match") == {b.pk}
    assert get(sticky="true") == {c.pk}
    assert get(before=(timezone.now() - timedelta(days=1)).isoformat()) == {b.pk}
    assert get(after=(timezone.now() - timedelta(days=1)).isoformat()) == {a.pk, c.pk}
    # Lists in all three of WordPress's spellings.
    assert set(ids(client.get(f"{API}/posts?include[]={a.pk}&include[]={c.pk}"))) == {a.pk, c.pk}
    assert set(ids(client.get(f"{API}/posts?include={a.pk}&include={c.pk}"))) == {a.pk, c.pk}


def test_it_orders_like_wordpress(client: Client) -> None:
    b = make_article("Bravo", published_at=timezone.now() - timedelta(days=2))
    a = make_article("Alpha", published_at=timezone.now() - timedelta(days=1))
    c = make_article("Charlie", published_at=timezone.now() - timedelta(days=3))
    assert ids(client.get(f"{API}/posts")) == [a.pk, b.pk, c.pk]
    assert ids(client.get(f"{API}/posts", {"orderby": "title", "order": "asc"})) == [
        a.pk,
        b.pk,
        c.pk,
    ]
    assert ids(client.get(f"{API}/posts", {"orderby": "date", "order": "asc"})) == [
        c.pk,
        b.pk,
        a.pk,
    ]
    order = f"{c.pk},{a.pk},{b.pk}"
    assert ids(client.get(f"{API}/posts", {"orderby": "include", "include": order})) == [
        c.pk,
        a.pk,
        b.pk,
    ]
    missing = client.get(f"{API}/posts", {"orderby": "include"})
    assert error_code(missing) == "rest_orderby_include_missing_include"
    relevance = client.get(f"{API}/posts", {"orderby": "relevance"})
    assert error_code(relevance) == "rest_no_search_term_defined"
    assert client.get(f"{API}/posts", {"orderby": "nonsense"}).status_code == 400
    assert ids(client.get(f"{API}/posts", {"offset": 1, "per_page": 1})) == [b.pk]


def test_it_keeps_only_the_fields_asked_for(client: Client) -> None:
    make_article("Kept")
    [item] = client.get(f"{API}/posts", {"_fields": "id,title.rendered,link"}).json()
    assert set(item) == {"id", "title", "link"}
    assert item["title"] == {"rendered": "Kept"}
    [item] = client.get(f"{API}/posts?_fields[]=id&_fields[]=_links").json()
    assert set(item) == {"id", "_links"}


def test_it_embeds_author_media_terms_and_replies(client: Client) -> None:
    news = make_category("News")
    image = make_image("A chart")
    article = make_article("Embedded", categories=[news], tags=["t"], featured_image=image)
    Comment.objects.create(
        article=article, author_name="Reader", author_email="r@example.com", content="Hi",
        status=Comment.Status.APPROVED,
    )  # fmt: skip
    [item] = client.get(f"{API}/posts", {"_embed": "1"}).json()
    embedded = item["_embedded"]
    assert embedded["author"][0]["id"] == article.author_id
    assert embedded["author"][0]["name"] == article.author.display_name
    assert embedded["wp:featuredmedia"][0]["id"] == image.pk
    assert embedded["wp:featuredmedia"][0]["alt_text"] == "A chart"
    assert [t["name"] for t in embedded["wp:term"][0]] == ["News"]
    assert [t["name"] for t in embedded["wp:term"][1]] == ["t"]
    assert embedded["replies"][0][0]["author_name"] == "Reader"
    assert "author_email" not in embedded["replies"][0][0]
    only_author = client.get(f"{API}/posts", {"_embed": "author"}).json()[0]["_embedded"]
    assert set(only_author) == {"author"}
    # _fields without _embedded turns embedding off, as in WordPress.
    assert "_embedded" not in client.get(f"{API}/posts", {"_embed": "1", "_fields": "id"}).json()[0]


def test_it_gives_raw_fields_only_in_edit_context_to_editors(
    client: Client, editor, author
) -> None:
    article = make_article("Edited", password="")
    anonymous = client.get(f"{API}/posts", {"context": "edit"})
    assert anonymous.status_code == 401 and error_code(anonymous) == "rest_forbidden_context"
    single = client.get(f"{API}/posts/{article.pk}", {"context": "edit"})
    assert single.status_code == 401 and error_code(single) == "rest_forbidden_context"
    data = as_user(editor).get(f"{API}/posts/{article.pk}", {"context": "edit"}).json()
    assert data["title"]["raw"] == "Edited"
    assert data["content"]["raw"].startswith("## What happened?")
    assert "password" in data and "permalink_template" in data
    # An author may list in the edit context, but sees raw fields of their own posts only.
    [item] = as_user(author).get(f"{API}/posts", {"context": "edit"}).json()
    assert "raw" not in item["title"]
    denied = as_user(author).get(f"{API}/posts/{article.pk}", {"context": "edit"})
    assert denied.status_code == 403


def test_it_gives_the_embed_context_its_few_fields(client: Client) -> None:
    make_article()
    [item] = client.get(f"{API}/posts", {"context": "embed"}).json()
    assert set(item) == {
        "id", "date", "slug", "type", "link", "title", "excerpt", "author", "featured_media",
        "_links",
    }  # fmt: skip
    assert client.get(f"{API}/posts", {"context": "nonsense"}).status_code == 400


def test_it_protects_password_protected_posts(client: Client, editor) -> None:
    article = make_article("Locked", password="open sesame", body="The secret is zebrafish.")
    [item] = client.get(f"{API}/posts").json()
    assert item["content"] == {"rendered": "", "protected": True}
    assert item["excerpt"] == {"rendered": "", "protected": True}
    single = client.get(f"{API}/posts/{article.pk}").json()
    assert single["content"]["rendered"] == "" and "zebrafish" not in str(single)
    wrong = client.get(f"{API}/posts/{article.pk}", {"password": "nope"})
    assert wrong.status_code == 403 and error_code(wrong) == "rest_post_incorrect_password"
    right = client.get(f"{API}/posts/{article.pk}", {"password": "open sesame"}).json()
    assert "The secret is zebrafish." in right["content"]["rendered"]
    assert right["content"]["protected"] is True
    editor_view = as_user(editor).get(f"{API}/posts/{article.pk}").json()
    assert "zebrafish" in editor_view["content"]["rendered"]
    # Its text cannot be probed through search either.
    assert ids(client.get(f"{API}/posts", {"search": "zebrafish"})) == []
    assert ids(client.get(f"{API}/posts", {"search": "Locked"})) == [article.pk]


def test_it_shows_private_posts_only_to_those_allowed(client: Client, editor, author) -> None:
    private = make_article("Private", status=Status.PRIVATE)
    assert client.get(f"{API}/posts/{private.pk}").status_code == 401
    assert as_user(author).get(f"{API}/posts/{private.pk}").status_code == 403
    assert as_user(editor).get(f"{API}/posts/{private.pk}").json()["status"] == "private"
    assert ids(as_user(editor).get(f"{API}/posts", {"status": "private"})) == [private.pk]


def test_it_answers_with_and_without_the_trailing_slash(client: Client) -> None:
    article = make_article()
    for url in (
        f"{API}/posts",
        f"{API}/posts/",
        f"{API}/posts/{article.pk}",
        f"{API}/posts/{article.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("embed", [None, "1"])
def test_it_lists_in_a_constant_number_of_queries(
    client: Client, django_assert_num_queries, embed: str | None
) -> None:
    news = make_category("News")
    image = make_image()
    params = {"per_page": 100, **({"_embed": embed} if embed else {})}

    def add(n: int) -> None:
        for _ in range(n):
            article = make_article(categories=[news], tags=["a", "b"], featured_image=image)
            Comment.objects.create(
                article=article, author_name="R", author_email="r@example.com", content="x",
                status=Comment.Status.APPROVED,
            )  # fmt: skip

    add(1)
    # The count, the articles (ids found in a subquery), their categories and tags, and
    # the embedded replies.
    with django_assert_num_queries(5 if embed else 4) as one:
        assert len(client.get(f"{API}/posts", params).json()) == 1
    add(49)
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(f"{API}/posts", params).json()) == 50
