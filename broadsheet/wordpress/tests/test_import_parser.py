"""The WXR reader (wxr.parse): what it yields from WordPress's own files and what it refuses."""

from __future__ import annotations

import contextlib
import io
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from broadsheet.wordpress.tests.wxr_files import THEME_UNIT_TEST, wxr_file
from broadsheet.wordpress.wxr import WXRAuthor, WXRError, WXRHeader, WXRItem, WXRTerm, parse

REFUSED = {
    "importer-cases/malformed.xml": "not well-formed",
    "importer-cases/malformed-simple.xml": "not well-formed",
    "importer-cases/crazy-cdata.xml": "not well-formed",
    "importer-cases/missing-version-tag.xml": "no <wp:wxr_version>",
    "importer-cases/invalid-version-tag.xml": "unreadable version",
}


def records(name: str) -> list[object]:
    return list(parse(wxr_file(name)))


def items(name: str) -> list[WXRItem]:
    return [r for r in records(name) if isinstance(r, WXRItem)]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_it_refuses_broken_and_versionless_files_naming_the_problem_and_line(name: str) -> None:
    with pytest.raises(WXRError) as e:
        records(name)
    assert REFUSED[name] in str(e.value)
    assert e.value.line and f"line {e.value.line}" in str(e.value)


def test_it_refuses_a_doctype_so_entities_never_expand() -> None:
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        b"<wp:wxr_version>1.2</wp:wxr_version><title>&b;</title></channel></rss>"
    )
    with pytest.raises(WXRError, match="DOCTYPE"):
        list(parse(io.BytesIO(bomb)))


def test_it_refuses_what_is_not_rss() -> None:
    with pytest.raises(WXRError, match="root is <html>"):
        list(parse(io.BytesIO(b"<html><body>hi</body></html>")))
    with pytest.raises(WXRError, match="no <channel>"):
        list(parse(io.BytesIO(b'<rss version="2.0"></rss>')))


def test_it_reads_the_theme_unit_test_data() -> None:
    found = records(THEME_UNIT_TEST)
    header = found[0]
    assert isinstance(header, WXRHeader)
    assert header.version == "1.2"
    assert header.base_blog_url == "https://wpthemetestdata.wordpress.com"
    kinds = Counter(r.post_type for r in found if isinstance(r, WXRItem))
    assert kinds["post"] == 58
    assert kinds["page"] == 21
    assert kinds["attachment"] == 37
    assert sum(len(r.comments) for r in found if isinstance(r, WXRItem)) == 33
    assert len([r for r in found if isinstance(r, WXRAuthor)]) == 2
    assert len([r for r in found if isinstance(r, WXRTerm) and r.taxonomy == "post_tag"]) == 110


def test_it_keeps_slashes_backslashes_and_utf8_exactly() -> None:
    (post,) = items("importer-cases/slashes.xml")
    assert post.content == 'Slashes aren\\\'t \\"cool\\"'
    assert post.comments[0].content == "\\o/ ¯\\_(ツ)_/¯"
    assert post.terms == [("category", "alpha", 'a \\"great\\" category')]
    (paths,) = items("importer-cases/backslashes.xml")
    assert paths.content == "C:\\xampp\\htdocs\\wp-content"
    (utf8,) = items("importer-cases/wxr-utf-8-challenges.xml")
    assert utf8.slug == "hello-w\u202eorld\u202c-utf8-💫-test"
    assert "🚀🌟💫" in utf8.content


def test_it_reads_cdata_split_the_way_wordpress_writes_it() -> None:
    (post,) = items("importer-cases/crazy-cdata-escaped.xml")
    assert post.content == "Content with nested <![CDATA[ tags ]]> :)"
    assert post.meta_value("Closing CDATA") == "]]>"
    (edge,) = items("importer-cases/cdata-edge.xml")
    assert edge.content == "ends with sequence ]] >"


def test_it_trims_identifiers_spread_over_lines() -> None:
    found = records("importer-cases/authors-multiline.xml")
    logins = [r.login for r in found if isinstance(r, WXRAuthor)]
    assert logins == ["alice", "bob", "carol"]
    (post,) = [r for r in found if isinstance(r, WXRItem)]
    assert post.creator == "alice"


def test_it_takes_namespaces_from_the_document_and_ignores_look_alikes() -> None:
    found = records("importer-cases/namespace-edge-cases.xml")
    logins = [r.login for r in found if isinstance(r, WXRAuthor)]
    # The author under a fake wp: prefix and the custom: one are not WordPress's.
    assert logins == ["real_user", "version_conflict"]
    posts = [r for r in found if isinstance(r, WXRItem)]
    assert [p.id for p in posts] == [1, 2, 3, 4, None, 6]
    assert posts[0].meta == [("normal_key", "normal_value")]
    assert posts[4].post_type == ""  # the hijacked item has no WordPress fields at all
    assert [r.slug for r in found if isinstance(r, WXRTerm)] == ["old-version", "new-version"]


def test_it_reads_wxr_1_0_and_1_1() -> None:
    assert records("importer-cases/valid-wxr-1.0.xml")[0].version == "1.0"  # type: ignore[union-attr]
    assert records("importer-cases/valid-wxr-1.1.xml")[0].version == "1.1"  # type: ignore[union-attr]


def test_it_refuses_a_field_that_should_be_a_number() -> None:
    doc = (
        b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        b"<wp:wxr_version>1.2</wp:wxr_version>\n<item><wp:post_id>12abc</wp:post_id></item>"
        b"</channel></rss>"
    )
    with pytest.raises(WXRError, match=r"whole number.*line 2"):
        list(parse(io.BytesIO(doc)))


SMALL = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
    b'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    b'xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>'
    b"<item><title>T</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>"
    b"<wp:post_date>2024-01-02 03:04:05</wp:post_date><wp:comment><wp:comment_id>3"
    b"</wp:comment_id><wp:comment_parent>0</wp:comment_parent></wp:comment>"
    b"<content:encoded><![CDATA[<p>x</p>]]></content:encoded></item></channel></rss>"
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(SMALL) - 1), st.integers(0, 255), st.booleans()),
        min_size=1,
        max_size=6,
    )
)
def test_it_never_crashes_on_a_mutated_file(mutations: list[tuple[int, int, bool]]) -> None:
    data = bytearray(SMALL)
    for position, value, delete in mutations:
        position %= max(len(data), 1)
        if delete:
            del data[position]
        else:
            data[position] = value
    with contextlib.suppress(WXRError):
        list(parse(io.BytesIO(bytes(data))))
