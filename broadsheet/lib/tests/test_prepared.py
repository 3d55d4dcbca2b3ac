"""Prepared querysets (broadsheet.lib.prepared): the same rows and instances as the ORM,
values bound per call, and the SQL built once."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.db.models import CharField, DateTimeField, IntegerField
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

from broadsheet.articles.models import Article, published_q
from broadsheet.articles.tests.factories import make_article, make_author, make_image
from broadsheet.lib.prepared import Param, Prepared

pytestmark = pytest.mark.django_db

AT_PATH = Prepared(
    lambda: (
        Article.objects.filter(
            published_q(now=Param("now", DateTimeField())), path=Param("path", CharField())
        )
        .select_related("author__photo", "featured_image")
        .order_by()
    )
)


def fields(obj: object) -> dict:
    return {k: v for k, v in vars(obj).items() if k != "_state"}


def test_it_makes_the_same_instances_as_the_orm() -> None:
    author = make_author("Ada", slug="ada", photo=make_image("Ada"))
    story = make_article("A story", author=author, featured_image=make_image("A chart"))
    [got] = AT_PATH(path=story.path, now=timezone.now())
    want = (
        Article.objects.published()
        .select_related("author__photo", "featured_image")
        .get(path=story.path)
    )
    assert fields(got) == fields(want)
    assert fields(got.author) == fields(want.author)
    assert fields(got.author.photo) == fields(want.author.photo)
    assert fields(got.featured_image) == fields(want.featured_image)
    assert timezone.is_aware(got.published_at)


def test_it_binds_the_values_of_each_call() -> None:
    one, two = make_article("One"), make_article("Two")
    now = timezone.now()
    assert [a.pk for a in AT_PATH(path=one.path, now=now)] == [one.pk]
    assert [a.pk for a in AT_PATH(path=two.path, now=now)] == [two.pk]
    assert AT_PATH(path="/nothing/", now=now) == []
    # The time is a value too: before its publication the article is not there.
    assert AT_PATH(path=one.path, now=one.published_at - timedelta(seconds=1)) == []


def test_it_builds_the_sql_once() -> None:
    story = make_article("A story")
    query = Prepared(lambda: Article.objects.filter(pk=Param("pk", IntegerField())))
    original = SQLCompiler.as_sql
    calls = []

    def as_sql(self: SQLCompiler, *args: object, **kwargs: object) -> tuple:
        calls.append(self)
        return original(self, *args, **kwargs)

    with mock.patch.object(SQLCompiler, "as_sql", as_sql):
        for _ in range(3):
            assert [a.pk for a in query(pk=story.pk)] == [story.pk]
    assert len(calls) == 1


def test_it_refuses_none_and_querysets_it_cannot_run() -> None:
    with pytest.raises(ValueError, match="path is None"):
        AT_PATH(path=None, now=timezone.now())
    with pytest.raises(TypeError):
        Prepared(lambda: Article.objects.prefetch_related("tags"))()
    with pytest.raises(TypeError):
        Prepared(lambda: Article.objects.values("title"))()


def test_it_runs_values_list_querysets_as_rows() -> None:
    one, two = make_article("One"), make_article("Two")
    titles = Prepared(
        lambda: (
            Article.objects.filter(published_q(now=Param("now", DateTimeField())))
            .order_by("id")
            .values_list("id", "title", "published_at")
        )
    )
    rows = titles.rows(now=timezone.now())
    assert rows == [(one.pk, "One", one.published_at), (two.pk, "Two", two.published_at)]
    assert timezone.is_aware(rows[0][2])  # converted as Django converts them
    with pytest.raises(TypeError):
        titles(now=timezone.now())  # rows, not instances
    with pytest.raises(TypeError):
        AT_PATH.rows(path=one.path, now=timezone.now())


def test_it_defers_what_the_queryset_defers() -> None:
    story = make_article("A story", body="Long words.")
    query = Prepared(
        lambda: Article.objects.filter(pk=Param("pk", IntegerField())).defer("body", "body_html")
    )
    [got] = query(pk=story.pk)
    want = Article.objects.defer("body", "body_html").get(pk=story.pk)
    assert fields(got) == fields(want)
    assert got.get_deferred_fields() == want.get_deferred_fields() == {"body", "body_html"}
    assert not got._state.adding and got._state.db == "default"
    assert got.body == "Long words."  # loaded when asked for, as Django does
