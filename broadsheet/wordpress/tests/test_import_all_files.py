"""Every file of ../shared/wordpress: imported as WordPress would, or refused with nothing
stored; and a second import of the same file changes nothing."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from broadsheet.articles.models import Article, Category, Tag
from broadsheet.comments.models import Comment
from broadsheet.wordpress.models import ImportedObject
from broadsheet.wordpress.tests.helpers import import_file, row_counts, snapshot
from broadsheet.wordpress.tests.wxr_files import all_wxr_files, wxr_file

pytestmark = pytest.mark.django_db

REFUSED = {
    "importer-cases/crazy-cdata.xml",  # "]]>" in text: not XML (WordPress falls back to regexes)
    "importer-cases/invalid-version-tag.xml",
    "importer-cases/malformed-simple.xml",
    "importer-cases/malformed.xml",
    "importer-cases/missing-version-tag.xml",
}


@pytest.mark.parametrize("name", all_wxr_files())
def test_it_imports_each_file_once(name: str) -> None:
    path = wxr_file(name)
    if name in REFUSED:
        with pytest.raises(CommandError) as e:
            import_file(path)
        assert e.value.returncode == 1
        assert "was refused" in str(e.value)
        assert not any(row_counts().values())
        assert not ImportedObject.objects.exists()
        return
    import_file(path)
    before, counts = snapshot(), row_counts()
    again = import_file(path)
    assert "Imported: 0" in again and "Updated: 0" in again, again
    assert snapshot() == before
    assert row_counts() == counts


def test_it_stores_text_exactly_as_in_the_file() -> None:
    import_file(wxr_file("importer-cases/slashes.xml"))
    post = Article.objects.get()
    assert post.body == 'Slashes aren\\\'t \\"cool\\"'
    assert Category.objects.get(slug="alpha").name == 'a \\"great\\" category'
    assert Comment.objects.get().content == "\\o/ ¯\\_(ツ)_/¯"
    import_file(wxr_file("importer-cases/backslashes.xml"))
    assert Article.objects.get(title="Paths").body == "C:\\xampp\\htdocs\\wp-content"


def test_it_keeps_utf8_and_non_latin_slugs() -> None:
    import_file(wxr_file("importer-cases/wxr-utf-8-challenges.xml"))
    post = Article.objects.get(pk=10)
    assert post.slug == "hello-w\u202eorld\u202c-utf8-💫-test"
    assert post.title.startswith('"The Road \u202eNot\u202c Taken"')
    assert "🚀🌟💫" in post.body


def test_it_keeps_meta_raw_where_broadsheet_has_no_field() -> None:
    import_file(wxr_file("importer-cases/test-serialized-postmeta-with-cdata.xml"))
    record = ImportedObject.objects.get(kind="post")
    assert any(value.startswith("a:") for _key, value in record.meta)
    import_file(wxr_file("importer-cases/wxr-with-sub-data.xml"))
    comment = ImportedObject.objects.get(kind="comment", wp_id="201")
    assert comment.meta == [["_comment_meta_key", "comment_meta_value"]]
    import_file(wxr_file("importer-cases/term-meta.xml"))
    assert ImportedObject.objects.get(kind="category", wp_id="news").meta == [["legacy_id", "42"]]


def test_it_counts_terms_of_other_taxonomies() -> None:
    summary = import_file(wxr_file("importer-cases/term-formats.xml"))
    assert "1 custom-taxonomy" in summary and "1 nav_menu" in summary
    assert Tag.objects.get(slug="a-tag").name == "A Tag!"
    assert Category.objects.count() == 2


def test_it_rewrites_links_to_the_old_site() -> None:
    import_file(wxr_file("importer-cases/wxr-base-url-rewriting.xml"))
    html = Article.objects.get().body_html
    # A media file of the old host (named in its punycode form), not fetched, stays there.
    assert 'href="https://xn---science-7f85g.com/science/wp-content/image.png"' in html
    import_file(wxr_file("theme-test-data/themeunittestdata.wordpress.xml"))
    button = Article.objects.get(pk=1734)
    assert "https://wpthemetestdata.wordpress.com/2018/11/03/block-button/" in button.body
    assert 'href="/2018/11/03/block-button/"' in button.body_html
    assert "https://wpthemetestdata.wordpress.com/2" not in button.body_html
