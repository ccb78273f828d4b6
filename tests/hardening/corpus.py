"""Hostile input: XSS vectors and naughty strings, shared by the test-client and browser tests.

The vectors call `window.__xss=1` rather than alert(), so the browser test can also look for a
sentinel; the `page` fixture fails on any dialog anyway.
"""
from __future__ import annotations

SENTINEL = "window.__xss=1"
S = SENTINEL

XSS = [
    f"<script>{S}</script>",
    f"<SCRIPT SRC=//evil.example/x.js></SCRIPT><script>{S}</script>",
    f"<scr<script>ipt>{S}</scr</script>ipt>",
    f"<img src=x onerror={S}>",
    f'<img src="/static/none.png" onload="{S}">',
    f"<p onclick={S}>klik</p>",
    f"<details open ontoggle={S}>",
    f"<input autofocus onfocus={S}>",
    f"<svg onload={S}></svg>",
    f'<svg><script>{S}</script></svg>',
    f'<svg><a xlink:href="javascript:{S}"><text y="20">x</text></a></svg>',
    f"<math><mtext><table><mglyph><style><img src=x onerror={S}>",
    f"[klik](javascript:{S})",
    f"[klik](JaVaScRiPt:{S})",
    f"[klik](  javascript:{S})",
    f"[klik](javascript&#58;{S})",
    "[klik](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    "[klik](vbscript:msgbox(1))",
    f"![billede](javascript:{S})",
    f"[ref][1]\n\n[1]: javascript:{S}",
    f"<javascript:{S}>",
    f'<a href="javascript:{S}">x</a>',
    f'<a href="jav&#x09;ascript:{S}">x</a>',
    f'<a href="&#106;avascript:{S}">x</a>',
    f'<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;{S}">x</a>',
    f'<a href="data:text/html,<script>{S}</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    f'<noscript><p title="</noscript><img src=x onerror={S}>">',
    f'<iframe src="javascript:{S}"></iframe>',
    f'<object data="javascript:{S}"></object><embed src="javascript:{S}">',
    f'<form action="javascript:{S}"><button formaction="javascript:{S}">x</button></form>',
    f'<div style="background:url(javascript:{S})">x</div>',
    '<div style="width:expression(alert(1))">x</div>',
    f'<meta http-equiv="refresh" content="0;url=javascript:{S}">',
    '<base href="https://evil.example/">',
    f'"><script>{S}</script>',
    f"'><img src=x onerror={S}>",
    f"</textarea><script>{S}</script>",
    f"</title><script>{S}</script>",
    f"{{{{ config }}}}{{% raw %}}<script>{S}</script>",
    f"`<img src=x onerror={S}>`",
    f"<!--<img src=\"--><img src=x onerror={S}//\">",
]

NAUGHTY = [
    "\u202eevil\u202c txt.exe",
    "zero\u200bwidth\u200c\u200d\ufeffjoiner",
    "emoji 👩🏽‍💻🇩🇰 ✨",
    "nul\x00byte",
    "%s%n%x{0}{name}%(x)s",
    "' OR 1=1 --",
    "'; DROP TABLE member; --",
    "\\x00\\u0000",
    "A" * 100_000,
    "æøå ÆØÅ " * 50,
    "\r\n\r\nSet-Cookie: x=1",
    "../../../../etc/passwd",
    "\ud7ff\ue000\uffff",
    " ",
    "",
]

CORPUS = XSS + NAUGHTY

# Query-string values (short: a 100,000-character URL is refused by the server before the app).
QUERY_VALUES = [
    f"<script>{S}</script>",
    f'"><img src=x onerror={S}>',
    "nul\x00byte",
    "\u202e' OR 1=1 --",
    "abc",
    "-1",
    "99999999999999999999",
    "%s%n{0}",
    "B" * 3000,
]

# Bytes that are not UTF-8, for form bodies and query strings.
INVALID_UTF8 = b"\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc"

HUGE_ID = "99999999999999999999"
