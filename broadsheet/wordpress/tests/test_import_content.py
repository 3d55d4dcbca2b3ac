"""Rendering WordPress content (content.render_wordpress) as WordPress's the_content does."""

from __future__ import annotations

from broadsheet.lib.markdown import ImageRef
from broadsheet.wordpress.content import (
    StaticResolver,
    has_blocks,
    render_wordpress,
    split_more,
    wpautop,
)

OLD = StaticResolver(hosts=["old.example.com"])


def test_it_makes_paragraphs_from_blank_lines_and_breaks_from_newlines() -> None:
    assert wpautop("first paragraph\n\nsecond paragraph") == (
        "<p>first paragraph</p>\n<p>second paragraph</p>\n"
    )
    assert render_wordpress("one\ntwo") == "<p>one<br>\ntwo</p>"


def test_it_leaves_preformatted_text_and_block_tags_alone() -> None:
    out = wpautop("intro\n<pre>a\n\nb</pre>\n<div>block</div>")
    assert "<pre>a\n\nb</pre>" in out
    assert "<p><div>" not in out
    assert out.startswith("<p>intro</p>")


def test_it_leaves_block_editor_markup_unwrapped() -> None:
    text = "<!-- wp:paragraph -->\n<p>Hi\nthere</p>\n<!-- /wp:paragraph -->"
    assert has_blocks(text)
    out = render_wordpress(text)
    assert out == "<p>Hi\nthere</p>"
    assert "wp:paragraph" not in out


def test_it_turns_a_caption_shortcode_into_a_figure() -> None:
    text = (
        '[caption id="attachment_6" align="alignright" width="300"]'
        '<img src="https://old.example.com/wp-content/uploads/a.jpg" alt="A boat" width="300" />'
        " A boat at dawn[/caption]\n\nAfter."
    )
    out = render_wordpress(text, OLD)
    assert out.startswith("<figure><img")
    assert "<figcaption>A boat at dawn</figcaption></figure>" in out
    assert "[caption" not in out
    # The old site's media stay where they are when they were not fetched.
    assert 'src="https://old.example.com/wp-content/uploads/a.jpg"' in out


def test_it_reads_the_old_caption_attribute() -> None:
    out = render_wordpress('[caption caption="Old style"]<img src="/a.jpg" alt="">[/caption]')
    assert "<figcaption>Old style</figcaption>" in out


def test_it_renders_a_gallery_from_the_attachments() -> None:
    pictures = {
        7: ImageRef(src="/media/7.jpg", alt="Seven", caption="The seventh"),
        8: ImageRef(src="/media/8.jpg", alt="Eight"),
    }
    out = render_wordpress('[gallery ids="8,7,99"]', StaticResolver(by_id=pictures))
    assert out.index("/media/8.jpg") < out.index("/media/7.jpg")
    assert "<figcaption>The seventh</figcaption>" in out
    attached = StaticResolver(attached=[pictures[7]])
    assert "/media/7.jpg" in render_wordpress("[gallery columns=2]", attached)
    assert render_wordpress("[gallery]") == ""


def test_it_keeps_unknown_and_escaped_shortcodes_as_text() -> None:
    assert render_wordpress("[contact-form-7 id=1]") == "<p>[contact-form-7 id=1]</p>"
    assert render_wordpress("[[caption]]") == "<p>[caption]</p>"


def test_it_hides_the_more_marker_and_splits_the_teaser() -> None:
    text = "Teaser text.<!--more-->\n\nThe rest."
    assert render_wordpress(text) == "<p>Teaser text.</p>\n<p>The rest.</p>"
    assert split_more(text) == ("Teaser text.", True)
    assert split_more("no break") == ("no break", False)


def test_it_shows_every_page_of_a_paged_article() -> None:
    out = render_wordpress("Page one\n<!--nextpage-->\nPage two")
    assert out == "<p>Page one</p>\n<hr>\n<p>Page two</p>"


def test_it_rewrites_links_to_the_old_site_as_local_paths() -> None:
    text = (
        '<a href="https://old.example.com/2010/01/07/a-post/#c1">one</a> '
        "<a href='http://OLD.example.com/?p=12'>two</a> "
        '<a href="https://elsewhere.example.org/x/">three</a>'
    )
    out = render_wordpress(text, OLD)
    assert 'href="/2010/01/07/a-post/#c1"' in out
    assert 'href="/?p=12"' in out
    assert 'href="https://elsewhere.example.org/x/"' in out


def test_it_points_fetched_media_at_their_copies() -> None:
    url = "https://old.example.com/wp-content/uploads/a.jpg"
    resolver = StaticResolver(hosts=["old.example.com"], media={url: "/media/a-960.jpg"})
    assert 'src="/media/a-960.jpg"' in render_wordpress(f'<img src="{url}" alt="">', resolver)


def test_it_sanitises_what_it_renders() -> None:
    out = render_wordpress(
        '<script>alert(1)</script><p onclick="x()">Hi <a href="javascript:alert(1)">x</a></p>'
    )
    assert "<script" not in out
    assert "onclick" not in out
    assert "javascript:" not in out
