"""Editors pin related articles on the article's admin page; pins come first."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from broadsheet.articles.models import Article, Status
from broadsheet.articles.tests.factories import make_article
from broadsheet.people.models import Author
from broadsheet.related.actions import do_rebuild_related
from broadsheet.related.models import PinnedArticle, RelatedArticle
from broadsheet.related.tasks import update_related
from broadsheet.related.tests.conftest import shown

Site = dict[str, list[Article]]


@pytest.fixture
def editor_client(client: Client, editor: User) -> Client:
    client.force_login(editor)
    return client


def change_form(article: Article, pins: list[tuple[int, int]], existing: int = 0) -> dict:
    data = {
        "title": article.title,
        "standfirst": article.standfirst,
        "body": article.body,
        "status": article.status,
        "published_at_0": article.published_at.strftime("%Y-%m-%d"),
        "published_at_1": article.published_at.strftime("%H:%M:%S"),
        "password": "",
        "author": article.author_id,
        "slug": article.slug,
        "comments_open": "on",
        "related_links-TOTAL_FORMS": str(len(pins)),
        "related_links-INITIAL_FORMS": str(existing),
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "1000",
    }
    for n, (related, rank) in enumerate(pins):
        data[f"related_links-{n}-related"] = str(related)
        data[f"related_links-{n}-rank"] = str(rank)
        data[f"related_links-{n}-article"] = str(article.pk)
    return data


def test_it_shows_pins_first_in_the_editors_order(editor_client: Client, site: Site) -> None:
    do_rebuild_related()
    comet = site["astronomy"][0]
    football = site["football"]
    url = f"/admin/articles/article/{comet.pk}/change/"
    page = editor_client.get(url).content.decode()
    assert "related_links-TOTAL_FORMS" in page
    response = editor_client.post(
        url, change_form(comet, [(football[1].pk, 0), (football[0].pk, 1)])
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(
        PinnedArticle.objects.filter(article=comet).values_list("related_id", flat=True)
    ) == [
        football[1].pk,
        football[0].pk,
    ]
    ids = shown(comet)
    assert ids[:2] == [football[1].pk, football[0].pk]
    # Then the computed ones, on its own subject.
    assert set(ids[2:]) <= {a.pk for a in site["astronomy"]} and ids[2:]


def test_it_refuses_pinning_an_article_to_itself_or_twice(
    editor_client: Client, site: Site
) -> None:
    comet = site["astronomy"][0]
    other = site["baking"][0]
    url = f"/admin/articles/article/{comet.pk}/change/"
    response = editor_client.post(url, change_form(comet, [(comet.pk, 0)]))
    assert response.status_code == 200
    assert "cannot be related to itself" in response.content.decode()
    response = editor_client.post(url, change_form(comet, [(other.pk, 0), (other.pk, 1)]))
    assert response.status_code == 200
    assert "pinned only once" in response.content.decode()
    assert not PinnedArticle.objects.exists()


def test_it_keeps_pins_through_rebuilds_and_never_shows_a_hidden_pin(site: Site) -> None:
    comet = site["astronomy"][0]
    draft = make_article("An unfinished comet story", status=Status.DRAFT)
    bread = site["baking"][0]
    RelatedArticle.objects.create(article=comet, related=draft, pinned=True, rank=0)
    RelatedArticle.objects.create(article=comet, related=bread, pinned=True, rank=1)
    do_rebuild_related()
    update_related.call([comet.pk])
    assert PinnedArticle.objects.filter(article=comet).count() == 2
    ids = shown(comet)
    assert draft.pk not in ids
    assert ids[0] == bread.pk
    # A pinned article is not repeated among the computed ones.
    assert ids.count(bread.pk) == 1


def test_it_gives_pages_no_pin_box(editor_client: Client, db: None) -> None:
    page = make_article("About us", kind="page")
    html = editor_client.get(f"/admin/articles/page/{page.pk}/change/").content.decode()
    assert "related_links-TOTAL_FORMS" not in html


def test_it_leaves_pinning_to_editors(client: Client, author: User) -> None:
    own = make_article("My comet story", author=Author.objects.get(user=author))
    client.force_login(author)
    html = client.get(f"/admin/articles/article/{own.pk}/change/").content.decode()
    assert "<h1>" in html or "Change article" in html
    assert "related_links-TOTAL_FORMS" not in html
