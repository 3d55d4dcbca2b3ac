"""The one visibility rule, through every public output: hidden articles never leak."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from broadsheet.articles.actions import do_save_article, do_trash
from broadsheet.articles.models import Article, Status
from broadsheet.articles.tests.factories import make_article, make_author, make_category
from broadsheet.testing.crawl import crawl

HIDDEN = ["draft", "pending", "private", "scheduled", "trashed"]


def build_site() -> dict[str, Article]:
    """One public article and one of each hidden kind, sharing author, terms and month,
    so every archive that lists the public one would list a leaked hidden one too."""
    writer = make_author("Shared Writer", slug="shared")
    world = make_category("World")
    europe = make_category("Europe", parent=world)
    now = timezone.now()
    common = {"author": writer, "categories": [europe], "tags": ["Shared"]}
    site = {
        "public": make_article(
            "Visible headline",
            body="visible-body-marker",
            standfirst="visible-standfirst-marker",
            published_at=now - timedelta(hours=1),
            **common,
        )
    }
    statuses = {
        "draft": Status.DRAFT,
        "pending": Status.PENDING,
        "private": Status.PRIVATE,
        "scheduled": Status.SCHEDULED,
        "trashed": Status.PUBLISHED,
    }
    for name, status in statuses.items():
        when = now + timedelta(days=2) if name == "scheduled" else now - timedelta(minutes=30)
        site[name] = make_article(
            f"Secret {name} headline",
            body=f"secret-{name}-body",
            standfirst=f"secret-{name}-standfirst",
            status=status,
            published_at=when,
            **common,
        )
    do_trash(site["trashed"])
    assert site["scheduled"].status == Status.SCHEDULED
    assert site["trashed"].status == Status.TRASH
    return site


def hidden_urls(site: dict[str, Article]) -> list[str]:
    return [url for name in HIDDEN for url in (site[name].path, site[name].path.rstrip("/"))]


def secrets_of(article: Article) -> list[str]:
    return [article.title, article.body, article.standfirst, article.slug]


@pytest.mark.django_db
def test_it_never_shows_a_hidden_article_anywhere_on_the_site(client: Client) -> None:
    site = build_site()
    # Nothing links the date archives yet, and hidden articles are linked from nowhere: start
    # the crawl at all of them too (a hidden one answering 200 would land in `pages`).
    dates = {a.path[:n] for a in site.values() for n in (6, 9, 12)}
    pages = crawl(client, start=("/", "/sitemap.xml", *sorted(dates), *hidden_urls(site)))
    # The crawl reached the article, its author, terms and date archives.
    public = site["public"]
    for path in (
        "/",
        public.path,
        "/author/shared/",
        "/category/world/",
        "/category/world/europe/",
        "/tag/shared/",
        public.path[:6],
        public.path[:9],
    ):
        assert path in pages, path
    assert any("visible-body-marker" in body for body in pages.values())

    for name in HIDDEN:
        for secret in secrets_of(site[name]):
            leaks = [path for path, body in pages.items() if secret in body]
            assert not leaks, f"{name} article's {secret!r} leaks at {leaks}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", HIDDEN)
def test_it_404s_a_hidden_article_at_its_own_url(client: Client, name: str) -> None:
    article = build_site()[name]
    assert article.path
    assert client.get(article.path).status_code == 404
    # Nor does the form without the slash reveal it: it answers as a slug that never existed.
    bare = client.get(article.path.rstrip("/"), follow=True)
    never = client.get(article.path.rstrip("/") + "-never-existed", follow=True)
    assert bare.status_code == never.status_code == 404
    assert bare.redirect_chain == [(article.path, 301)]
    assert never.redirect_chain == [(article.path[:-1] + "-never-existed/", 301)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/author/shared/", "/category/world/", "/category/world/europe/", "/tag/shared/"]
)
def test_it_keeps_hidden_articles_out_of_every_listing(client: Client, url: str) -> None:
    site = build_site()
    body = client.get(url).content.decode()
    assert "Visible headline" in body
    for name in HIDDEN:
        assert site[name].title not in body, (name, url)


@pytest.mark.django_db
def test_it_keeps_hidden_articles_out_of_date_archives(client: Client) -> None:
    site = build_site()
    for article in site.values():
        # The scheduled one's own month and day, too.
        for url in (article.path[:6], article.path[:9]):
            body = client.get(url).content.decode()
            for name in HIDDEN:
                assert site[name].title not in body, (name, url)


@pytest.mark.django_db
def test_it_shows_a_private_article_to_an_editor_not_to_a_reader(
    client: Client, editor: User, reader: User
) -> None:
    private = build_site()["private"]
    client.force_login(reader)
    assert client.get(private.path).status_code == 404
    assert private.title not in client.get("/").content.decode()

    client.force_login(editor)
    page = client.get(private.path)
    assert page.status_code == 200
    assert "secret-private-body" in page.content.decode()
    assert private.title in client.get("/").content.decode()


@pytest.mark.django_db
def test_it_shows_a_private_article_to_its_own_author_only(client: Client, author: User) -> None:
    own = make_article("Own private", status=Status.PRIVATE, author=author.author)
    other = make_article("Other private", status=Status.PRIVATE)
    client.force_login(author)
    assert client.get(own.path).status_code == 200
    assert client.get(other.path).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["draft", "pending", "scheduled", "trashed"])
def test_it_hides_unpublished_articles_from_editors_on_the_public_site(
    client: Client, editor: User, name: str
) -> None:
    """Editors read drafts through the admin's preview, not at the public URL."""
    article = build_site()[name]
    client.force_login(editor)
    assert client.get(article.path).status_code == 404


@pytest.mark.django_db
def test_it_shows_a_scheduled_article_once_its_time_passes(client: Client) -> None:
    scheduled = build_site()["scheduled"]
    assert client.get(scheduled.path).status_code == 404
    assert scheduled.title not in client.get("/").content.decode()

    # The clock moves on; the worker has not run, and need not have.
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - timedelta(seconds=1)
    )
    assert Article.objects.get(pk=scheduled.pk).status == Status.SCHEDULED
    assert client.get(scheduled.path).status_code == 200
    assert scheduled.title in client.get("/").content.decode()
    assert scheduled.title in client.get("/tag/shared/").content.decode()


@pytest.mark.django_db
def test_it_hides_an_article_again_when_it_goes_back_to_draft(client: Client) -> None:
    story = make_article("Was public")
    old_path = story.path
    story.status = Status.DRAFT
    story.slug = "moved-while-draft"
    do_save_article(story)
    assert client.get(old_path).status_code == 404
    assert client.get(story.path).status_code == 404
    assert "Was public" not in client.get("/").content.decode()
