from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.test import Client
from django.utils.html import escape

from broadsheet.articles.models import Article, Category, Status, Tag
from broadsheet.articles.rendering import render_body
from broadsheet.articles.tests.factories import make_article
from broadsheet.comments.models import Comment
from broadsheet.people.models import Author

pytestmark = pytest.mark.django_db


def generate(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("generate-site", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot() -> tuple[list, list]:
    articles = [
        (
            a.title,
            a.standfirst,
            a.path,
            a.body,
            a.status,
            a.published_at,
            a.author.display_name,
            sorted(c.path for c in a.categories.all()),
            sorted(t.name for t in a.tags.all()),
        )
        for a in Article.objects.select_related("author").prefetch_related("categories", "tags")
    ]
    comments = list(
        Comment.objects.order_by("article__path", "created_at", "content").values_list(
            "article__path", "parent__content", "author_name", "content", "status", "created_at"
        )
    )
    return articles, comments


def wipe() -> None:
    Comment.objects.all().delete()
    Article.objects.all().delete()
    Author.objects.all().delete()
    Category.objects.exclude(parent=None).delete()
    Category.objects.all().delete()
    Tag.objects.all().delete()


def test_it_fills_an_empty_site_with_what_was_asked_for() -> None:
    out, err = generate("--articles", "40", "--comments", "150", "--authors", "4", "--seed", "3")

    assert Article.objects.count() == 40
    assert Comment.objects.count() == 150
    assert Author.objects.count() == 4
    assert Category.objects.filter(parent=None).exists()
    assert Category.objects.exclude(parent=None).exists()
    assert Tag.objects.exists()
    assert "Generated 40 articles" in out
    assert "40/40 articles" in err  # progress goes to stderr
    for article in Article.objects.prefetch_related("categories", "tags"):
        assert 3 <= len(re.findall(r"^## ", article.body, re.M)) <= 4
        assert len(re.findall(r"^(?:- |\d\. )", article.body, re.M)) >= 12
        assert article.standfirst
        assert article.categories.all()
        assert len(article.tags.all()) >= 3


def test_it_stores_what_saving_through_the_actions_would() -> None:
    generate("--articles", "25", "--seed", "5")

    for article in Article.objects.all():
        assert (article.body_html, article.word_count) == render_body(article.body, "markdown")
        assert article.path == article.native_path()


def test_it_threads_comments_on_published_articles_only() -> None:
    generate("--articles", "30", "--comments", "200", "--seed", "2")

    assert not Comment.objects.exclude(article__status=Status.PUBLISHED).exists()
    replies = Comment.objects.exclude(parent=None).select_related("parent")
    assert replies.exists()
    for reply in replies:
        assert reply.parent.article_id == reply.article_id
        assert reply.parent.status == Comment.Status.APPROVED
        assert reply.created_at >= reply.parent.created_at
    approved = Comment.objects.filter(status=Comment.Status.APPROVED).count()
    assert approved > 200 * 0.7


def test_it_gives_the_same_site_for_the_same_seed() -> None:
    generate("--articles", "30", "--comments", "80", "--seed", "7")
    first = snapshot()
    wipe()
    generate("--articles", "30", "--comments", "80", "--seed", "7")
    again = snapshot()
    wipe()
    generate("--articles", "30", "--comments", "80", "--seed", "8")
    other = snapshot()

    assert again == first
    assert other[0] != first[0]
    assert other[1] != first[1]


def test_it_refuses_a_site_that_has_articles() -> None:
    make_article("Already here")

    with pytest.raises(CommandError, match="already has articles") as refused:
        generate("--articles", "5")

    assert refused.value.returncode == 1
    assert Article.objects.count() == 1
    assert not Comment.objects.exists()


def test_it_makes_paths_that_are_unique_and_resolve() -> None:
    generate("--articles", "40", "--comments", "60", "--seed", "11")
    client = Client()

    paths = list(Article.objects.values_list("path", flat=True))
    assert len(set(paths)) == len(paths) == 40
    for article in Article.objects.all():
        status = client.get(article.path).status_code
        assert status == (200 if article.status == Status.PUBLISHED else 404), article.path


def test_it_makes_a_home_page_and_article_pages_that_render() -> None:
    generate("--articles", "30", "--comments", "50", "--seed", "4")
    client = Client()
    newest = Article.objects.published().order_by("-published_at").first()

    home = client.get("/")
    page = client.get(newest.path)

    assert home.status_code == 200
    assert escape(newest.title) in home.content.decode()
    assert page.status_code == 200
    heading = re.search(r"^## (.+)$", newest.body, re.M).group(1)
    assert escape(heading) in page.content.decode()
    assert client.get(f"/author/{newest.author.slug}/").status_code == 200


def test_it_makes_comments_that_show_on_their_article() -> None:
    generate("--articles", "30", "--comments", "60", "--seed", "9")
    quiet = (
        Article.objects.published()
        .annotate(n=Count("comments"))
        .filter(n__gte=1, n__lte=5)
        .order_by("pk")
        .first()
    )
    first = quiet.comments.filter(status=Comment.Status.APPROVED, parent=None).first()
    assert first is not None

    page = Client().get(quiet.path).content.decode()

    assert escape(first.content.split("\n")[0]) in page
