"""A corpus of hostile markup, written for Masthead's own tests: ``payloads()``.

Every payload would, if a browser ever ran it, call the trap ``__x(ID)`` (or ``alert``,
``confirm``, ``prompt``, which the trap also replaces) with its own id, or load the marker
host ``xss.invalid`` with its id in the path, so a hit names the payload that got
through. The payloads are built from parts, class by class, and a seeded random picks
the letter case and the way each one calls the trap, so the corpus is the same on every
run:

    >>> corpus = payloads()
    >>> corpus[0].id, corpus[0].kind
    (0, 'tag')
    >>> corpus == payloads()
    True

``shape`` is a payload with its id taken out: the corpus has more than a thousand
different shapes, not a thousand copies of one.
"""

# The payloads are data, one to a line, and some are long: splitting them would hide them.
# ruff: noqa: E501

from __future__ import annotations

import base64
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

MARKER_HOST = "xss.invalid"
KINDS = (
    "tag", "handler", "url", "svg-mathml", "css", "mutation", "entity-unicode", "broken",
    "polyglot",
)  # fmt: skip
SEED = 14

# In the templates below, %A stands for the call of the trap, %U for the marker address and
# %B for a script calling the trap, in base64, and %I for the payload's id.
ACTIONS = (
    "__x({n})", "alert({n})", "top.__x({n})", "window['__x']({n})", "self[`__x`]({n})",
    "(0,__x)({n})", "confirm({n})", "prompt({n})", "parent.__x({n})", "[{n}].map(__x)",
)  # fmt: skip


@dataclass(frozen=True)
class Payload:
    id: int
    kind: str
    text: str

    @property
    def shape(self) -> str:
        """The payload with its id replaced, to tell different payloads from copies."""
        return re.sub(rf"\b{self.id}\b", "N", self.text)


def _tags() -> Iterator[str]:
    bodies = ["<script>%A</script>", "<script >%A</script >", "<script/x>%A</script>",
              "<script\n>%A</script\n>", "<script type=module>%A</script>",
              "<script type=text/javascript>%A</script>", "<script>%A//", "<script src=%U></script>",
              "<script src=%U>", "<scr<script>ipt>%A</scr</script>ipt>", "<script>%A</script\t\n>",
              "<script language=javascript>%A</script>", "<script defer>%A</script>",
              "<script><!--\n%A\n--></script>", "<script>/*</script>*/%A</script>"]  # fmt: skip
    loaders = ["<iframe src=%U></iframe>", "<iframe srcdoc='<script>%A</script>'></iframe>",
               "<iframe srcdoc=\"&lt;script&gt;%A&lt;/script&gt;\"></iframe>",
               "<object data=%U></object>", "<embed src=%U>", "<base href=%U/>",
               "<link rel=stylesheet href=%U>", "<link rel=import href=%U>",
               "<meta http-equiv=refresh content='0;url=javascript:%A'>",
               "<meta http-equiv=refresh content='0;%U'>", "<frameset><frame src=%U>",
               "<applet code=%U>", "<portal src=%U></portal>", "<isindex action=javascript:%A>",
               "<form><button formaction=javascript:%A autofocus>go</button></form>",
               "<form id=f action=javascript:%A><input type=submit></form>",
               "<script>document.write('<img src=x onerror=%A>')</script>",
               "<template><script>%A</script></template>",
               "<noscript><script>%A</script></noscript>",
               "<xml><script>%A</script></xml>"]  # fmt: skip
    yield from bodies
    yield from loaders
    for wrapper in ("<p>{}</p>", "<div class=x>{}</div>", "<blockquote>{}</blockquote>",
                    "<table><tr><td>{}</td></tr></table>", "<ul><li>{}</li></ul>"):  # fmt: skip
        for body in bodies[:6]:
            yield wrapper.format(body)


HANDLED = [
    ("img", "src=x", "onerror"), ("image", "src=x", "onerror"), ("svg", "", "onload"),
    ("body", "", "onload"), ("input", "autofocus", "onfocus"), ("select", "autofocus", "onfocus"),
    ("textarea", "autofocus", "onfocus"), ("button", "autofocus", "onfocus"),
    ("details", "open", "ontoggle"), ("video", "src=x", "onerror"), ("audio", "src=x", "onerror"),
    ("iframe", "", "onload"), ("object", "data=x", "onerror"), ("style", "", "onload"),
    ("marquee", "", "onstart"), ("a", "href=#x tabindex=1 autofocus", "onfocus"),
    ("div", "contenteditable autofocus", "onfocus"), ("img", "src=x", "onload"),
    ("link", "rel=stylesheet href=x", "onerror"), ("div", "style=animation-name:x", "onanimationstart"),
    ("span", "tabindex=1 autofocus", "onfocusin"), ("p", "", "onmouseover"),
]  # fmt: skip
QUOTES = ["{}", '"{}"', "'{}'", "`{}`"]
GAPS = [" ", "/", "\n", "\t", " \x0c"]


def _handlers() -> Iterator[str]:
    for element, extra, event in HANDLED:
        for quote in QUOTES:
            for gap in GAPS[:3]:
                attrs = gap.join(part for part in (extra, f"{event}={quote.format('%A')}") if part)
                yield f"<{element}{gap}{attrs}>"
    for gap in GAPS[3:]:
        yield f"<img{gap}src=x{gap}onerror=%A>"
        yield f"<svg{gap}onload=%A>"


SCHEMES = [
    "javascript:%A", "JaVaScRiPt:%A", "javascript:%A//", " javascript:%A", "\tjavascript:%A",
    "java\tscript:%A", "java\nscript:%A", "java&#x09;script:%A", "&#106;avascript:%A",
    "&#x6a;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3a;%A", "javascript&colon;%A",
    "javascript&#58;%A", "javascript:%5F%5Fx(%I)", "javascript://%0a%A", "data:text/html,<script>%A</script>",
    "data:text/html;base64,%B", "DATA:text/html,<svg onload=%A>",
    "data:image/svg+xml,<svg onload=%A>", "vbscript:msgbox(%I)", "VBScript:%A",
    "&#0000106avascript:%A", "\x01javascript:%A",
]  # fmt: skip
CARRIERS = [
    '<a href="{}">x</a>', "<a href={}>x</a>", "<a href='{}'>x</a>", '<iframe src="{}"></iframe>',
    '<form action="{}"><input type=submit></form>', '<form><button formaction="{}">x</button></form>',
    '<object data="{}"></object>', '<embed src="{}">', '<img src="{}">', "[x]({})", "[x](<{}>)",
    '<svg><a xlink:href="{}"><text y=9>x</text></a></svg>', '<math href="{}">x</math>',
    "{}", '<area href="{}">', "<link rel=icon href=\"{}\">",
]  # fmt: skip


def _urls() -> Iterator[str]:
    for scheme in SCHEMES:
        for carrier in CARRIERS:
            yield carrier.format(scheme)


def _svg_mathml() -> Iterator[str]:
    yield from [
        "<svg><script>%A</script></svg>", "<svg><script href=%U /></svg>",
        "<svg><script xlink:href=%U></script></svg>", "<svg><animate onbegin=%A attributeName=x dur=1s>",
        "<svg><set onbegin=%A attributeName=x to=1>", "<svg><handler>%A</handler></svg>",
        "<svg><foreignObject><img src=x onerror=%A></foreignObject></svg>",
        "<svg><use href=\"data:image/svg+xml,<svg id='a' xmlns='http://www.w3.org/2000/svg'><image href='x' onerror='%A'/></svg>#a\"/></svg>",
        "<svg><a><animate attributeName=href values=javascript:%A /><text y=9>x</text></a></svg>",
        "<svg><image href=x onerror=%A></svg>", "<svg><style>@import '%U';</style></svg>",
        "<svg><discard onbegin=%A /></svg>", "<svg><title><img src=x onerror=%A></title></svg>",
        "<svg><desc><img src=x onerror=%A></desc></svg>", "<svg/onload=%A>", "<svg><svg onload=%A>",
        "<math><maction actiontype=statusline xlink:href=javascript:%A>x</maction></math>",
        "<math><mtext><img src=x onerror=%A></mtext></math>", "<math><mi xlink:href=javascript:%A>x</mi></math>",
        "<math><annotation-xml encoding=text/html><img src=x onerror=%A></annotation-xml></math>",
        "<math><semantics><annotation-xml encoding=application/xhtml+xml><script>%A</script></annotation-xml></semantics></math>",
        "<math><style><img src=x onerror=%A></style></math>", "<svg><feImage href=%U /></svg>",
        "<svg><iframe src=%U></svg>", "<svg><animatetransform onbegin=%A attributeName=transform>",
        "<svg><animation onload=%A />", "<svg><cursor onload=%A />", "<svg><tref xlink:href=%U>",
        "<svg xmlns='http://www.w3.org/2000/svg' onload='%A'/>", "<svg><![CDATA[><img src=x onerror=%A>]]></svg>",
    ]  # fmt: skip


def _css() -> Iterator[str]:
    rules = ["background:url(javascript:%A)", "background-image:url(%U)", "width:expression(%A)",
             "behavior:url(%U)", "-moz-binding:url(%U#x)", "list-style:url(%U)",
             "text-align:left;background:url(%U)", "text-align:expression(%A)",
             "xss:expr/**/ession(%A)", "background:url('java\\73 cript:%A')",
             "content:url(%U)", "text-align:left\\;background:url(%U)"]  # fmt: skip
    for rule in rules:
        yield f'<div style="{rule}">x</div>'
        yield f'<table><tr><td style="{rule}">x</td></tr></table>'
        yield f"<style>p{{{rule}}}</style>"
    yield from [
        "<style>@import '%U';</style>", "<style>@import url(%U);</style>", "<style>@im\\port '%U';</style>",
        "<style>*{background:url(%U)}</style>", "<link rel=stylesheet href=%U>",
        "<style></style><img src=x onerror=%A>", "<style>@font-face{src:url(%U)}</style>",
        "<div style=\"\\62 ackground:url(%U)\">x</div>", "<style>/*</style><img src=x onerror=%A>*/</style>",
        "<p style=\"x:\\\"><img src=x onerror=%A>\">x</p>",
    ]  # fmt: skip


def _mutations() -> Iterator[str]:
    shells = [
        '<noscript><p title="</noscript><img src=x onerror=%A>">',
        '<svg></p><style><a id="</style><img src=1 onerror=%A>">',
        '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=%A src=1>">',
        "<form><math><mtext></form><form><mglyph><style></math><img src onerror=%A>",
        "<template><style></template><img src=x onerror=%A>",
        '<xmp><p title="</xmp><img src=x onerror=%A>">',
        '<!--<img src="--><img src=x onerror=%A//">',
        '<title><a title="</title><img src=x onerror=%A>">',
        '<textarea><p title="</textarea><img src=x onerror=%A>">',
        '<iframe><img title="</iframe><img src=x onerror=%A>"></iframe>',
        '<noembed><img title="</noembed><img src=x onerror=%A>"></noembed>',
        '<noframes><img title="</noframes><img src=x onerror=%A>"></noframes>',
        '<select><template><style><!--</style><a rel="--></template></select><img src=x onerror=%A>">',
        "<table><tr><td><svg><desc><table><td></table></desc><img src=x onerror=%A></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=%A>",
        '<svg><style><img src=x onerror=%A></style></svg>', "<a><table><a></table><img src=x onerror=%A>",
        '<div><p title="&lt;/div&gt;&lt;img src=x onerror=%A&gt;">x</p></div>',
        "<plaintext><img src=x onerror=%A>", "<listing>&lt;img src=x onerror=%A&gt;</listing>",
        "<style><style/><img src=x onerror=%A>", "<p id=\"</p><img src=x onerror=%A>\">",
        "<svg><p><style><img src=x onerror=%A></style>",
        "<math><annotation-xml encoding=\"text/html\"><style><img src=x onerror=%A></style>",
    ]  # fmt: skip
    for shell in shells:
        yield shell
        yield re.sub(r"(?<=<)/?[a-z]+", lambda m: m.group().upper(), shell)


def _entities(simple: list[str]) -> Iterator[str]:
    def decimal(text: str) -> str:
        return "".join(f"&#{ord(c)};" for c in text)

    def hexa(text: str) -> str:
        return "".join(f"&#x{ord(c):x}" for c in text)

    def named(text: str) -> str:
        return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

    encoders: list[Callable[[str], str]] = [
        decimal, hexa, named, lambda t: named(named(t)), lambda t: t.replace("<", "%3C").replace(">", "%3E"),
        lambda t: t.replace("<", "\uff1c").replace(">", "\uff1e"), lambda t: t.replace("<", "\\u003c").replace(">", "\\u003e"),
        lambda t: t.replace("<", "\\x3c").replace(">", "\\x3e"), lambda t: t.replace("o", "\u200bo"),
        lambda t: t.replace("<", "\u02c2").replace(">", "\u02c3"), lambda t: "\u202e" + t,
        lambda t: t.replace("script", "scr\u0000ipt"), lambda t: t.replace("<", "<\u0000"),
        lambda t: t.replace("s", "\u017f"), lambda t: "&#0000060;" + t[1:],
        lambda t: t.replace("=", "&equals;"), lambda t: "\ufeff" + t.replace(" ", "\u00a0"),
    ]  # fmt: skip
    for encode in encoders:
        for text in simple:
            # The trap's call stays readable, or a hit could not say which payload it was.
            yield "%A".join(encode(part) for part in text.split("%A"))


def _broken() -> Iterator[str]:
    openers = ['">', "'>", "</textarea>", "</title>", "</script>", "</style>", "-->", "]]>",
               "</noscript>", "*/", '";', "';", "`;", "\\\";", "}}", "</option></select>",
               "</a>", "</iframe>", '"/>', "</p>"]  # fmt: skip
    tails = [
        "<script>%A</script>",
        "<img src=x onerror=%A>",
        "<svg onload=%A",
        "<img src=x onerror=%A//",
    ]
    for opener in openers:
        for tail in tails:
            yield opener + tail
    yield from [
        "<img src=x onerror=%A", "<script>%A", "<<script>%A//<</script>", '<a href="javascript:%A',
        "<img src=x onerror=\"%A", "<img src=\"x\" onerror=%A <", "<img/src=x\"onerror=%A>",
        "<img src=x onerror=%A>>", "<<img src=x onerror=%A>>", "<img\"\"\"><script>%A</script>\">",
        "<img src=x onerror=%A/>", "<x onmouseover=%A>x", "</script/x><script>%A</script>",
        "<script x>%A</script y>", "{{constructor.constructor('%A')()}}", "${%A}", "<%= %A %>",
        "<img src=`x`onerror=%A>", "<img src=x:alert(%I) onerror=eval(src) alt=0>",
        "<!-- --!><img src=x onerror=%A>", "<!--><img src=x onerror=%A>-->", "<?xml><img src=x onerror=%A>",
        "<!DOCTYPE html><img src=x onerror=%A>", "<![CDATA[<img src=x onerror=%A>]]>",
    ]  # fmt: skip


def _polyglots() -> Iterator[str]:
    breakers = ["\"'`>", "</textarea></title></style></script></noscript>", "-->]]>", "*/\"'",
                "\\\";//", "</xmp></plaintext></iframe>", "'\"-->]]>*/", "</svg></math>"]  # fmt: skip
    cores = ["<svg/onload=%A>", "<img src=x onerror=%A>", "javascript:/*-->*/%A", "<script>%A</script>",
             "<iframe srcdoc='<script>%A</script>'>", "<details open ontoggle=%A>",
             "<a href=javascript:%A>x</a>", "<style onload=%A>", "<input autofocus onfocus=%A>",
             "<math><mtext></p><img src=x onerror=%A>", "<svg><animate onbegin=%A attributeName=x dur=1s>",
             "<base href=%U/><script src=/x.js></script>"]  # fmt: skip
    for breaker in breakers:
        for core in cores:
            yield breaker + core
    yield from [
        "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+%A//'>",
        "'\"--></style></script><script>%A</script><img src=x onerror=%A>",
        "\";%A;//';%A;//</script><svg onload=%A>",
        "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */onerror=%A )//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=%A//>\\x3e",
    ]  # fmt: skip


SIMPLE = ["<script>%A</script>", "<img src=x onerror=%A>", "<svg onload=%A>",
          '<a href="javascript:%A">x</a>', "<iframe src=javascript:%A>", "<body onload=%A>",
          "<input autofocus onfocus=%A>", "<details open ontoggle=%A>"]  # fmt: skip


def _templates() -> list[tuple[str, str]]:
    found = [("tag", t) for t in _tags()]
    found += [("handler", t) for t in _handlers()]
    found += [("url", t) for t in _urls()]
    found += [("svg-mathml", t) for t in _svg_mathml()]
    found += [("css", t) for t in _css()]
    found += [("mutation", t) for t in _mutations()]
    found += [("entity-unicode", t) for t in _entities(SIMPLE)]
    found += [("broken", t) for t in _broken()]
    found += [("polyglot", t) for t in _polyglots()]
    seen: set[str] = set()
    return [(k, t) for k, t in found if not (t in seen or seen.add(t))]


def _mixed_case(text: str, rng: random.Random) -> str:
    """Tag and attribute names in a random case; what the trap is called stays as it is."""
    return re.sub(
        r"(?<=<)/?[a-z]+|\bon[a-z]+(?==)",
        lambda m: "".join(c.upper() if rng.random() < 0.5 else c for c in m.group()),
        text,
    )


@cache
def _corpus() -> tuple[Payload, ...]:
    rng = random.Random(SEED)
    made = []
    for number, (kind, template) in enumerate(_templates()):
        if kind in ("handler", "tag", "svg-mathml") and rng.random() < 0.3:
            template = _mixed_case(template, rng)
        action = rng.choice(ACTIONS).format(n=number)
        text = _fill(template, action, f"//{MARKER_HOST}/{number}")
        made.append(Payload(number, kind, text))
    return tuple(made)


def _fill(template: str, action: str, marker: str) -> str:
    """The template with its trap call, marker address and base64 script put in."""
    script = base64.b64encode(f"<script>{action}</script>".encode()).decode()
    parts = {"%A": action, "%U": marker, "%B": script, "%I": marker.rsplit("/", 1)[1]}
    return re.sub(r"%[AUBI]", lambda m: parts[m.group()], template)


def payloads() -> list[Payload]:
    """The whole corpus, in the same order on every run."""
    return list(_corpus())
