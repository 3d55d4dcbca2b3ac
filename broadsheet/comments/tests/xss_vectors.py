"""Known XSS vectors, for the unit test and the browser test. Each one, if it ran, would
call alert() or set window.pwned."""

from __future__ import annotations

VECTORS: list[str] = [
    # script tags, plain and disguised
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script/xss>window.pwned=1</script>",
    '<<script>script>alert("x");//<</script>/script>',
    # event handlers
    "<img src=x onerror=alert(1)>",
    '<a href="https://example.org" onclick="window.pwned=1">click</a>',
    '<em onmouseover="alert(1)">hover</em>',
    "<body onload=alert(1)>",
    '<strong style="x" onfocus=alert(1) autofocus tabindex=0>focus</strong>',
    "<details open ontoggle=alert(1)>",
    # javascript: and data: URLs
    '<a href="javascript:alert(1)">js</a>',
    '<a href="JaVaScRiPt:window.pwned=1">js2</a>',
    '<a href="java\tscript:alert(1)">tab</a>',
    '<a href="&#106;avascript:alert(1)">entity</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<blockquote cite="javascript:alert(1)">q</blockquote>',
    "javascript:alert(1)",
    # SVG and MathML payloads
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">svg</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # broken and nested markup
    '<a href="https://example.org"<img src=x onerror=alert(1)>>broken</a>',
    '<a title="a\'><img src=x onerror=alert(1)>">quote</a>',
    "<a href='https://example.org' title='\"><script>alert(1)</script>'>t</a>",
    "<em><strong><a href=javascript:alert(1)>nested</a></strong></em>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    "<form action=javascript:alert(1)><button>go</button></form>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "</textarea><script>alert(1)</script>",
    "</li></ol><script>alert(1)</script>",
    # unicode tricks
    '<a href="\u006a\u0061\u0076\u0061\u0073\u0063\u0072\u0069\u0070\u0074:alert(1)">u</a>',
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    '<a href="java\u200bscript:alert(1)">zwsp</a>',
    "<img src=x on\u0065rror=alert(1)>",
    "\u202egnp.exe<script>alert(1)</script>",
    '<a href="https://example.org\u0000" onclick=alert(1)>nul</a>',
]
