from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from broadsheet.lib.markdown import (
    ImageRef,
    plain_text,
    reading_minutes,
    render_markdown,
    word_count,
)
from broadsheet.lib.sanitise import clean_html
from broadsheet.lib.tests.test_sanitise import ARTICLE_TAGS, xss_problems

HERO = ImageRef(
    src="/media/hero-960.jpg",
    srcset="/media/hero-480.jpg 480w, /media/hero-960.jpg 960w",
    sizes="(max-width: 600px) 100vw, 600px",
    width=960,
    height=640,
    alt="Protesters outside parliament",
    caption="Crowds gathered before dawn",
    credit="Photo: Jane Doe/Agency",
)
IMAGES = {"hero": HERO, "plain": ImageRef(src="/media/plain.jpg"), "café": HERO}


def render(text: str) -> str:
    return render_markdown(text, IMAGES.get).strip()


def test_it_gives_headings_ids_from_their_text() -> None:
    html = render("## Why it matters\n\n### What *next*?")
    assert html == (
        '<h2 id="why-it-matters">Why it matters</h2>\n<h3 id="what-next">What <em>next</em>?</h3>'
    )


def test_it_makes_heading_ids_unique_within_the_document() -> None:
    html = render("## Why\n\n## Why\n\n### Why\n\n## Why-2")
    assert 'id="why"' in html
    assert 'id="why-2"' in html
    assert 'id="why-3"' in html
    assert 'id="why-2-2"' in html


def test_it_gives_unicode_and_punctuation_headings_ids() -> None:
    html = render("## Привет мир\n\n## ???\n\n## ???")
    assert '<h2 id="привет-мир">' in html
    assert '<h2 id="section">???</h2>' in html
    assert '<h2 id="section-2">???</h2>' in html


def test_it_demotes_h1_because_the_headline_is_the_page_h1() -> None:
    assert render("# Title") == '<h2 id="title">Title</h2>'


def test_it_renders_bullet_lists() -> None:
    assert render("- one\n- two") == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"


def test_it_renders_numbered_lists_keeping_the_start() -> None:
    assert render("1. one\n2. two") == "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"
    assert render("3. three").startswith('<ol start="3">')


def test_it_renders_tables_with_header_scope_and_alignment() -> None:
    html = render("| Party | Seats |\n|:--|--:|\n| Red | 326 |")
    assert '<th scope="col" align="left">Party</th>' in html
    assert '<th scope="col" align="right">Seats</th>' in html
    assert '<td align="right">326</td>' in html
    assert "style" not in html


def test_it_renders_blockquotes() -> None:
    assert render("> Quote\n> more") == ("<blockquote>\n<p>Quote\nmore</p>\n</blockquote>")


def test_it_renders_strikethrough_as_del() -> None:
    assert render("~~wrong~~ right") == "<p><del>wrong</del> right</p>"


def test_it_keeps_code_language_classes() -> None:
    html = render("```python\nprint('<hi>')\n```")
    assert html == ("<pre><code class=\"language-python\">print('&lt;hi&gt;')\n</code></pre>")


def test_it_renders_a_lone_image_as_a_figure_with_caption() -> None:
    html = render('![A chart](/charts/gdp.png "GDP since 2000")')
    assert html == (
        '<figure><img src="/charts/gdp.png" alt="A chart" loading="lazy" '
        'decoding="async"><figcaption>GDP since 2000</figcaption></figure>'
    )


def test_it_omits_the_figcaption_without_a_title() -> None:
    html = render("![A chart](/charts/gdp.png)")
    assert html == (
        '<figure><img src="/charts/gdp.png" alt="A chart" loading="lazy" decoding="async"></figure>'
    )


def test_it_keeps_a_link_around_a_figure_image() -> None:
    html = render("[![Map](/map.png)](https://maps.example/)")
    assert html.startswith('<figure><a href="https://maps.example/"')
    assert html.endswith("</a></figure>")


def test_it_leaves_inline_images_inline() -> None:
    html = render('Look ![icon](/i.png "Icon") here')
    assert html == (
        '<p>Look <img src="/i.png" alt="icon" loading="lazy" decoding="async"> here</p>'
    )


def test_it_escapes_caption_and_alt_text() -> None:
    html = render('![a "quoted" <b>](/x.png "<script>alert(1)</script>")')
    assert 'alt="a &quot;quoted&quot; &lt;b&gt;"' in html
    assert "<figcaption>&lt;script&gt;alert(1)&lt;/script&gt;</figcaption>" in html


def test_it_resolves_image_keys_with_srcset_caption_and_credit() -> None:
    html = render("![](image:hero)")
    assert html == (
        '<figure><img src="/media/hero-960.jpg" '
        'srcset="/media/hero-480.jpg 480w, /media/hero-960.jpg 960w" '
        'sizes="(max-width: 600px) 100vw, 600px" width="960" height="640" '
        'alt="Protesters outside parliament" loading="lazy" decoding="async">'
        "<figcaption>Crowds gathered before dawn "
        "<small>Photo: Jane Doe/Agency</small></figcaption></figure>"
    )


def test_it_prefers_markdown_alt_and_title_over_the_image_ref() -> None:
    html = render('![Riot police](image:hero "Police lines at 6am")')
    assert 'alt="Riot police"' in html
    assert "<figcaption>Police lines at 6am <small>Photo: Jane Doe/Agency</small>" in html


def test_it_omits_unknown_dimensions_and_empty_srcset() -> None:
    html = render("![Plain](image:plain)")
    assert html == (
        '<figure><img src="/media/plain.jpg" alt="Plain" loading="lazy" decoding="async"></figure>'
    )


def test_it_decodes_percent_encoded_image_keys() -> None:
    assert 'src="/media/hero-960.jpg"' in render("![](image:café)")


def test_it_renders_nothing_for_a_missing_image_key() -> None:
    assert render("![Gone](image:nope)") == ""
    assert render("Before ![Gone](image:nope) after") == "<p>Before  after</p>"
    assert render("[![Gone](image:nope)](https://x.example)") == ""


def test_it_renders_nothing_for_image_keys_without_a_resolver() -> None:
    assert render_markdown("![Hero](image:hero)") == ""


def test_it_renders_links_with_noopener() -> None:
    html = render('[the report](https://example.com/r "Report")')
    assert html == (
        '<p><a href="https://example.com/r" title="Report" '
        'rel="noopener noreferrer">the report</a></p>'
    )


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "Text <a href=\"javascript:alert(1)\">x</a> and <b onclick='x()'>b</b>",
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](java%0ascript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "![x](javascript:alert(1))",
        "![x](data:image/png;base64,iVBORw0KGgo=)",
        '![x](/ok.png "\\" onerror=\\"alert(1)")',
        "```\n<script>alert(1)</script>\n```",
        "## <img src=x onerror=alert(1)>",
    ],
)
def test_it_neutralises_script_payloads(markdown: str) -> None:
    html = render(markdown)
    assert xss_problems(html, ARTICLE_TAGS) == []


def test_it_escapes_raw_html_instead_of_rendering_it() -> None:
    assert render("<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>"


def test_it_drops_data_uri_images_rather_than_leaving_them_broken() -> None:
    assert render("![x](data:image/png;base64,iVBORw0KGgo=)") == ""


def test_it_drops_resolved_images_with_unsafe_sources() -> None:
    evil = ImageRef(src="javascript:alert(1)", srcset="javascript:alert(2) 1x")
    assert render_markdown("![x](image:evil)", {"evil": evil}.get) == ""


def test_it_produces_output_the_sanitiser_leaves_alone() -> None:
    # If the renderer emits anything off the allow-list, the sanitiser would
    # silently strip it; idempotence shows the two agree.
    doc = (
        '# T\n\n## A\n\nText *em* **strong** `code` ~~del~~ [l](/x "t")\n\n'
        "![](image:hero)\n\n- a\n- b\n\n3. c\n\n> q\n\n| a | b |\n|:-:|--|\n"
        "| 1 | 2 |\n\n```js\nx\n```\n\n---\n\nline  \nbreak"
    )
    html = render_markdown(doc, IMAGES.get)
    assert clean_html(html) == html


def test_it_extracts_plain_text_by_block() -> None:
    doc = (
        "## Heading\n\nSome *emphasised* text with a [link](/x) and "
        "![an image](/i.png).\n\n- one\n- two\n\n| a | b |\n|--|--|\n| 1 | 2 |"
        "\n\n```\ncode here\n```"
    )
    assert plain_text(doc) == (
        "Heading\n\nSome emphasised text with a link and .\n\none\n\ntwo\n\na b\n\n1 2\n\ncode here"
    )


def test_it_does_not_escape_plain_text() -> None:
    assert plain_text("Fish &amp; chips <b>x</b>") == "Fish & chips <b>x</b>"


def test_it_counts_words_including_cjk_characters() -> None:
    assert word_count("Hello *brave* new [world](/w)") == 4
    assert word_count("東京の天気 today") == 6


def test_it_estimates_reading_minutes_rounding_up() -> None:
    assert reading_minutes("") == 1
    assert reading_minutes("word " * 230) == 1
    assert reading_minutes("word " * 231) == 2
    assert reading_minutes("word " * 1000, wpm=100) == 10
    # Half a word per CJK character: 460 characters is one minute.
    assert reading_minutes("字" * 460) == 1
    assert reading_minutes("字" * 462) == 2


def test_it_rejects_a_non_positive_reading_speed() -> None:
    with pytest.raises(ValueError, match="wpm"):
        reading_minutes("x", wpm=0)


# Arbitrary text rarely forms Markdown, so the strategy mixes free text with
# Markdown syntax, raw HTML and script payloads.
_markdown_fragments = st.sampled_from(
    [
        "\n",
        "\n\n",
        " ",
        "#",
        "## ",
        "- ",
        "1. ",
        "> ",
        "|",
        "|--|",
        "```",
        "`",
        "*",
        "_",
        "~~",
        "[",
        "]",
        "(",
        ")",
        "!",
        "![",
        '"',
        "'",
        "<",
        ">",
        "&",
        "&#106;",
        "\\",
        "image:hero",
        "image:nope",
        "javascript:",
        "JavaScript:",
        "java\tscript:",
        "vbscript:",
        "data:text/html,",
        "data:image/png;base64,AAAA",
        "alert(1)",
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        " onerror=",
        " onclick=",
        '<a href="javascript:alert(1)">',
        "[x](javascript:alert(1))",
        "![x](javascript:alert(1))",
        "[r]: javascript:alert(1)\n",
        "[r]",
        "<javascript:alert(1)>",
        "https://example.com",
        "/rel",
    ]
)
markdown_soup = st.lists(_markdown_fragments | st.text(), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, database=None)
@given(markdown_soup)
def test_it_never_emits_script_for_markdown_soup(text: str) -> None:
    assert xss_problems(render_markdown(text, IMAGES.get), ARTICLE_TAGS) == []


@settings(max_examples=200, deadline=None, database=None)
@given(st.text())
def test_it_never_emits_script_for_arbitrary_text(text: str) -> None:
    assert xss_problems(render_markdown(text, IMAGES.get), ARTICLE_TAGS) == []
    assert reading_minutes(text) >= 1
