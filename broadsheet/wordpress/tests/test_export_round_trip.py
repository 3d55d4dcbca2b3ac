"""`export-wordpress`: WXR 1.2 that imports back into an empty site unchanged."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from broadsheet import cli
from broadsheet.articles.models import Article, Category, LegacyPath, Tag
from broadsheet.articles.tests.factories import make_article, make_category
from broadsheet.comments.models import Comment
from broadsheet.images.models import Image
from broadsheet.people.models import Author
from broadsheet.wordpress.models import ImportedSite
from broadsheet.wordpress.tests.helpers import import_file, snapshot
from broadsheet.wordpress.tests.wxr_files import THEME_UNIT_TEST, wxr_file
from broadsheet.wordpress.wxr import WXRHeader, WXRItem, parse

pytestmark = pytest.mark.django_db


def export(tmp_path: Path) -> Path:
    target = tmp_path / "export.xml"
    call_command("export_wordpress", "-o", str(target), stderr=io.StringIO())
    return target


def empty_the_site() -> None:
    Comment.objects.all().delete()
    LegacyPath.objects.all().delete()
    Article.objects.all().delete()
    Image.objects.all().delete()
    for category in Category.objects.order_by("-path"):
        category.delete()
    Tag.objects.all().delete()
    Author.objects.all().delete()
    User.objects.all().delete()
    ImportedSite.objects.all().delete()


def test_it_round_trips_the_theme_unit_test_data(tmp_path: Path) -> None:
    import_file(wxr_file(THEME_UNIT_TEST))
    before = [row[:7] + row[8:] for row in snapshot()]  # all but the raw body
    button = Article.objects.get(pk=1734).body_html
    urls = sorted(Article.objects.values_list("pk", "original_path", "path"))
    images = sorted(Image.objects.values_list("alt", "caption", "source_url"))
    file = export(tmp_path)
    empty_the_site()
    import_file(file)
    assert [row[:7] + row[8:] for row in snapshot()] == before
    # Links to the old site were pointed at this one, and render the same local paths.
    assert 'href="https://wpthemetestdata.wordpress.com/2' not in file.read_text()
    assert Article.objects.get(pk=1734).body_html == button
    assert sorted(Article.objects.values_list("pk", "original_path", "path")) == urls
    assert sorted(Image.objects.values_list("alt", "caption", "source_url")) == images
    assert Comment.objects.filter(parent__isnull=False).count() > 5


def test_it_writes_wxr_1_2_with_everything_in_it(tmp_path: Path) -> None:
    import_file(wxr_file("importer-cases/slashes.xml"))
    records = list(parse(export(tmp_path)))
    header = records[0]
    assert isinstance(header, WXRHeader) and header.version == "1.2"
    (post,) = [r for r in records if isinstance(r, WXRItem)]
    assert post.content == 'Slashes aren\\\'t \\"cool\\"'
    assert post.comments[0].content == "\\o/ ¯\\_(ツ)_/¯"
    assert ("category", "alpha", 'a \\"great\\" category') in post.terms
    assert ("_edit_last", "1") in post.meta


def test_it_escapes_cdata_endings(tmp_path: Path) -> None:
    import_file(wxr_file("importer-cases/crazy-cdata-escaped.xml"))
    text = export(tmp_path).read_text()
    assert "<![CDATA[Content with nested <![CDATA[ tags ]]]]><![CDATA[> :)]]>" in text
    empty_the_site()
    import_file(tmp_path / "export.xml")
    assert Article.objects.get().body == "Content with nested <![CDATA[ tags ]]> :)"


def test_it_exports_articles_written_here(tmp_path: Path) -> None:
    news = make_category("News")
    article = make_article("Written here", categories=[news], tags=["Budget"])
    file = export(tmp_path)
    empty_the_site()
    import_file(file)
    again = Article.objects.get(pk=article.pk)
    assert again.title == "Written here"
    assert again.get_absolute_url() == article.get_absolute_url()
    assert again.body_html == article.body_html.strip()
    assert list(again.categories.values_list("slug", flat=True)) == ["news"]
    assert list(again.tags.values_list("name", flat=True)) == ["Budget"]


def test_it_writes_to_stdout_by_default(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    make_article("On standard output")
    assert cli.main(["export-wordpress"]) == 0
    out, err = capfdbinary.readouterr()
    assert out.startswith(b'<?xml version="1.0" encoding="UTF-8" ?>')
    assert b"On standard output" in out
    assert b"Exported" in err
