from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from broadsheet.lib.sanitise import clean_comment, clean_html, is_safe_url

# Searching output for "onerror=" or "javascript:" as raw strings is wrong both
# ways: escaped text legitimately contains them, and entity-encoded attributes
# would slip past. So output is parsed as a browser would and the elements and
# attributes inspected. test_markdown imports this too.

ARTICLE_TAGS = frozenset(
    {
        *("p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd"),
        *("a", "em", "strong", "code", "pre", "blockquote", "cite", "q", "abbr"),
        *("sup", "sub", "del", "ins", "mark", "span", "div", "br", "hr", "small"),
        *("table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "img"),
    }
)
COMMENT_TAGS = frozenset(
    {"a", "abbr", "acronym", "b", "blockquote", "cite", "code", "del", "em", "i"}
    | {"q", "s", "strike", "strong"}
)

_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster"})
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_BROWSER_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))


def _is_dangerous_url(value: str) -> bool:
    return _BROWSER_IGNORED.sub("", value).lower().startswith(_BAD_SCHEMES)


def xss_problems(html: str, allowed_tags: frozenset[str]) -> list[str]:
    """Every way ``html`` could run script or escape the allow-list."""
    found: list[str] = []
    if "<script" in html.lower():
        found.append("literal <script")
    collector = _Collector()
    collector.feed(html)
    collector.close()
    for tag, attrs in collector.elements:
        if tag not in allowed_tags:
            found.append(f"disallowed element <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                found.append(f"event handler {name} on <{tag}>")
            if name == "style":
                found.append(f"style attribute on <{tag}>")
            if value is None:
                continue
            if name in _URL_ATTRIBUTES and _is_dangerous_url(value):
                found.append(f"{name}={value!r} on <{tag}>")
            if name == "srcset" and any(
                _is_dangerous_url(part.strip()) for part in value.split(",")
            ):
                found.append(f"srcset={value!r} on <{tag}>")
    return found


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    '<img src="/ok.jpg" srcset="javascript:alert(1) 1x, /ok.jpg 2x">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<blockquote cite="javascript:alert(1)">q</blockquote>',
    "<svg onload=alert(1)><circle/></svg>",
    '<iframe src="https://evil.example"></iframe>',
    "<p onclick=alert(1) style=background:url(javascript:alert(1))>p</p>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<object data=javascript:alert(1)></object>",
    "<body onload=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "<!--<img src=x onerror=alert(1)>-->",
    '<div title="</div><script>alert(1)</script>">x</div>',
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_it_strips_script_payloads_from_article_html(payload: str) -> None:
    assert xss_problems(clean_html(payload), ARTICLE_TAGS) == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_it_strips_script_payloads_from_comments(payload: str) -> None:
    assert xss_problems(clean_comment(payload), COMMENT_TAGS) == []


def test_it_removes_script_and_style_content_not_just_tags() -> None:
    html = "<p>a</p><script>steal()</script><style>p{}</style><p>b</p>"
    assert clean_html(html) == "<p>a</p><p>b</p>"
    assert clean_comment(html) == "ab"


def test_it_keeps_the_article_allow_list() -> None:
    html = (
        '<h2 id="why">Why</h2><p><em>a</em> <strong>b</strong> <code>c</code> '
        "<sup>1</sup><sub>2</sub><del>d</del><ins>i</ins><mark>m</mark>"
        '<abbr title="Bank of England">BoE</abbr> <cite>c</cite><q>q</q>'
        "<span>s</span></p><div><br><hr></div>"
        "<ul><li>u</li></ul><ol><li>o</li></ol><dl><dt>t</dt><dd>d</dd></dl>"
        "<blockquote><p>b</p></blockquote><pre><code>x</code></pre>"
    )
    assert clean_html(html) == html


def test_it_keeps_tables_with_scope_spans_and_alignment() -> None:
    html = (
        '<table><thead><tr><th scope="col" align="left">A</th></tr></thead>'
        '<tbody><tr><td colspan="2" rowspan="3" align="right">1</td></tr>'
        "</tbody></table>"
    )
    assert clean_html(html) == html


def test_it_rejects_bogus_enumerated_and_numeric_values() -> None:
    html = (
        '<table><tr><th scope="everything" align="justify">A</th>'
        '<td colspan="2; x">1</td></tr></table>'
        '<img src="/a.jpg" width="100%" loading="eventually" decoding="async">'
    )
    out = clean_html(html)
    assert "scope" not in out
    assert "align" not in out
    assert "colspan" not in out
    assert "width" not in out
    assert "loading" not in out
    assert 'decoding="async"' in out


def test_it_keeps_responsive_figures() -> None:
    html = (
        '<figure><img src="/a.jpg" srcset="/a-480.jpg 480w, /a-960.jpg 960w" '
        'sizes="100vw" alt="A" width="960" height="640" loading="lazy" '
        'decoding="async"><figcaption>Cap <small>Credit</small></figcaption>'
        "</figure>"
    )
    assert clean_html(html) == html


def test_it_drops_attributes_that_are_not_allowed() -> None:
    html = '<p class="x" style="color:red" onclick="x()" data-x="1">p</p>'
    assert clean_html(html) == "<p>p</p>"


def test_it_keeps_ids_only_on_headings() -> None:
    assert clean_html('<h3 id="a">A</h3>') == '<h3 id="a">A</h3>'
    assert clean_html('<p id="a">A</p>') == "<p>A</p>"


def test_it_strips_h1_because_the_page_headline_owns_it() -> None:
    assert clean_html("<h1>Headline</h1>") == "Headline"


def test_it_keeps_only_language_classes_on_code() -> None:
    html = '<code class="language-python highlight">x</code>'
    assert clean_html(html) == '<code class="language-python">x</code>'
    assert clean_html('<code class="evil">x</code>') == "<code>x</code>"


def test_it_adds_noopener_noreferrer_to_article_links() -> None:
    out = clean_html('<a href="https://example.com" title="Ex">x</a>')
    assert out == ('<a href="https://example.com" title="Ex" rel="noopener noreferrer">x</a>')


def test_it_replaces_author_supplied_rel() -> None:
    out = clean_html('<a href="/x" rel="opener" target="_blank">x</a>')
    assert out == '<a href="/x" rel="noopener noreferrer">x</a>'


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/a",
        "http://example.com",
        "mailto:desk@example.com",
        "/relative",
        "relative/path",
        "#fragment",
        "?q=1",
        "//cdn.example.com/a",
    ],
)
def test_it_allows_http_https_mailto_and_relative_urls(url: str) -> None:
    assert is_safe_url(url)
    assert f'href="{url}"' in clean_html(f'<a href="{url}">x</a>')


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        " \x01javascript:alert(1)",
        "vbscript:x",
        "data:text/html,x",
        "file:///etc",
        "ftp://example.com",
        "tel:123",
    ],
)
def test_it_rejects_other_url_schemes(url: str) -> None:
    assert not is_safe_url(url)
    assert "href" not in clean_html(f'<a href="{url}">x</a>')


def test_it_applies_the_wordpress_comment_allow_list() -> None:
    html = (
        '<a href="https://x.example" title="t">a</a><abbr title="t">ab</abbr>'
        '<acronym title="t">ac</acronym><b>b</b><blockquote cite="https://s.example">'
        'bq</blockquote><cite>c</cite><code>co</code><del datetime="2024-01-01">d'
        "</del><em>e</em><i>i</i><q>q</q><s>s</s><strike>st</strike>"
        "<strong>str</strong>"
    )
    expected = html.replace(
        'title="t">a</a>', 'title="t" rel="nofollow ugc noopener noreferrer">a</a>'
    )
    assert clean_comment(html) == expected


def test_it_strips_article_only_markup_from_comments() -> None:
    html = '<h2 id="x">H</h2><p>p</p><img src="/a.jpg"><table><tr><td>t</td></tr>'
    assert clean_comment(html) == "Hpt"


def test_it_marks_comment_links_nofollow_ugc() -> None:
    out = clean_comment('<a href="https://spam.example" rel="dofollow">buy</a>')
    assert out == ('<a href="https://spam.example" rel="nofollow ugc noopener noreferrer">buy</a>')


def test_it_rejects_unsafe_cite_urls_in_comments() -> None:
    out = clean_comment('<q cite="javascript:alert(1)">q</q>')
    assert out == "<q>q</q>"


# Random HTML rarely hits an interesting case, so it is built from tag and
# attribute soup that includes the dangerous pieces as well as free text.
_html_fragments = st.sampled_from(
    [
        "<",
        ">",
        "</",
        "/>",
        "=",
        '"',
        "'",
        " ",
        "<!--",
        "-->",
        "&",
        "&#",
        ";",
        "script",
        "img",
        "a",
        "svg",
        "iframe",
        "style",
        "blockquote",
        "q",
        "href",
        "src",
        "srcset",
        "cite",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "JaVaScRiPt:",
        "java\tscript:",
        "&#106;avascript:",
        "vbscript:",
        "data:text/html,",
        "alert(1)",
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">',
        "<a href=",
        "<q cite=",
        "<svg/onload=alert(1)>",
        "<math><mtext>",
        "<![CDATA[",
        "<noscript>",
        "</textarea>",
        "<template>",
    ]
)
html_soup = st.lists(_html_fragments | st.text(max_size=8), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, database=None)
@given(html_soup)
def test_it_never_lets_script_through_comments(html: str) -> None:
    assert xss_problems(clean_comment(html), COMMENT_TAGS) == []


@settings(max_examples=300, deadline=None, database=None)
@given(html_soup)
def test_it_never_lets_script_through_article_html(html: str) -> None:
    assert xss_problems(clean_html(html), ARTICLE_TAGS) == []
