"""Comment text becomes plain paragraphs, auto-linked URLs and a few allowed tags."""

from __future__ import annotations

from broadsheet.comments.rendering import count_links, render_comment


def test_it_makes_paragraphs_and_line_breaks() -> None:
    assert render_comment("One\nline two\n\n\nTwo") == "<p>One<br>\nline two</p><p>Two</p>"


def test_it_links_bare_urls_with_nofollow_ugc() -> None:
    html = render_comment("See https://example.org/a?b=1&c=2, and www.example.com.")
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html
    assert 'href="http://www.example.com"' in html
    assert html.count('rel="nofollow ugc') == 2


def test_it_links_neither_bare_domains_nor_emails() -> None:
    html = render_comment("Open file.py or write to someone@example.org")
    assert "<a" not in html


def test_it_keeps_the_small_allowed_set() -> None:
    html = render_comment(
        "<em>a</em> <strong>b</strong> <code>c</code> <blockquote>d</blockquote>"
        '<a href="https://example.org" title="t">e</a>'
    )
    for tag in ("<em>a</em>", "<strong>b</strong>", "<code>c</code>", "<blockquote>"):
        assert tag in html
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow ugc' in html


def test_it_shows_other_tags_as_text() -> None:
    html = render_comment("Use <table> and <div class=x>here</div>; 3 < 5 > 4")
    assert "&lt;table&gt;" in html
    assert "&lt;div class=x&gt;here&lt;/div&gt;" in html
    assert "3 &lt; 5 &gt; 4" in html


def test_it_spells_old_tags_the_modern_way() -> None:
    assert render_comment("<b>bold</b> <i>it</i>") == "<p><strong>bold</strong> <em>it</em></p>"


def test_it_does_not_link_inside_a_link() -> None:
    html = render_comment('<a href="https://a.example">https://b.example</a>')
    assert html.count("<a ") == 1


def test_it_counts_links() -> None:
    assert count_links(render_comment("http://a.example and <a href='http://b.example'>b</a>")) == 2
    assert count_links(render_comment("no links")) == 0


def test_it_renders_nothing_for_blank_text() -> None:
    assert render_comment("  \n\n ") == ""
