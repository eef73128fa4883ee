"""Turn a WordPress post's content into a clean Masthead body.

WordPress stores either "classic" HTML, where blank lines mean paragraphs (its
``wpautop`` filter adds the ``<p>`` tags when showing it), or block-editor content, full
HTML framed by block comments such as ``<!-- wp:paragraph -->``. Both may carry
shortcodes. ``convert`` handles all of it in four steps:

1. blocks: the comments are dropped, embeds become links, dynamic blocks (which
   WordPress renders from the database, e.g. latest posts) are dropped and reported;
2. shortcodes: ``[caption]`` becomes a figure, ``[gallery]`` a figure of pictures,
   ``[embed]``, ``[video]`` and ``[audio]`` links; shortcodes we do not know stay as
   text and are reported, so nothing is lost. Square brackets are also everyday
   editorial punctuation ("[lord goldsmith] said", "[sic]"), so an unknown tag is
   reported only when it has a shortcode's shape (``looks_like_shortcode``);
3. classic content gets its paragraphs (blank lines) and line breaks;
4. the site's sanitizer cuts everything to the allow-list.

The result is HTML laid out so the Markdown renderer passes it through as it is (one
HTML block: no blank lines outside ``<pre>``). Image and link URLs are rewritten through
``urls``, a plain mapping the mapper fills with the new homes of uploaded files.

Pure: strings in, strings out, no database.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from masthead.core.sanitize import clean_html
from masthead.ingest.bodies import autop, markdown_safe

_BLOCK_COMMENT = re.compile(r"<!--\s*(/?)wp:([a-z0-9/-]+)(\s+\{.*?\})?\s*(/?)-->", re.S)
_EMBED_BLOCK = re.compile(
    r"<!--\s*wp:(?:core-)?embed[^>]*?-->(?P<inner>.*?)<!--\s*/wp:(?:core-)?embed[^>]*-->", re.S
)
_URL = re.compile(r"https?://[^\s<>\"']+")
# Blocks whose content WordPress builds when the page is shown: nothing to keep.
DYNAMIC = {"latest-posts", "archives", "calendar", "categories", "latest-comments", "rss",
           "search", "tag-cloud", "page-list", "query", "navigation"}  # fmt: skip
# A tag's name: WordPress refuses spaces, quotes and brackets in it; we read the
# ASCII letters, digits, "_" and "-" that plugins use, starting with a letter (so a
# footnote such as [1] is not one), and the name must end where a word ends.
_SHORTCODE = re.compile(
    r"\[(?P<name>[A-Za-z][A-Za-z0-9_-]*)(?![\w-])(?P<attrs>(?:[^\]\"']|\"[^\"]*\"|'[^']*')*)\]"
)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
# Nothing but attributes: name=value (quoted or not), a quoted value, a bare word, "/".
_ATTRS_ONLY = re.compile(
    r"""(?:\s+(?:[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'\]]+)|"[^"]*"|'[^']*'|[^\s"'=]+))*"""
    r"""\s*/?\s*"""
)
_ALONE = re.compile(r"(?:^|\n)[ \t]*(?:<p>)?[ \t]*$")
_LINE_END = re.compile(r"[ \t]*(?:</p>)?[ \t]*(?:\n|$)")
ENCLOSING = {"caption", "wp_caption", "embed", "video", "audio"}


@dataclass
class Converted:
    """A converted body and what the conversion had to say about it."""

    html: str
    notes: list[str] = field(default_factory=list)


def convert(
    content: str, *, urls: Mapping[str, str] | None = None, gallery: GalleryLookup | None = None
) -> Converted:
    """Convert WordPress ``content`` to a sanitized body; see the module docstring."""
    notes: list[str] = []
    text = content.replace("\r\n", "\n").replace("\r", "\n")
    has_blocks = "<!-- wp:" in text
    if has_blocks:
        text = strip_blocks(text, notes)
    text = expand_shortcodes(text, notes, gallery or (lambda ids: []))
    text = autop(text, br=not has_blocks)
    if urls:
        text = rewrite_urls(text, urls)
    # Pictures from other sites stay in the stored source, where `masthead images
    # import-remote` can find them; rendering shows them as links (docs/security.md).
    return Converted(markdown_safe(clean_html(text, outside_pictures=True)), notes)


GalleryLookup = Callable[[list[int]], list[tuple[str, str]]]
"""Given attachment ids, return ``(url, alt)`` for those that are known."""


def strip_blocks(text: str, notes: list[str]) -> str:
    """Drop block comments; embeds become links, dynamic blocks go (and are noted)."""
    text = _EMBED_BLOCK.sub(lambda m: _link_lines(m["inner"]), text)

    def replace(match: re.Match[str]) -> str:
        name = match[2].removeprefix("core/")
        if name in DYNAMIC and match[4]:
            notes.append(f"dynamic block wp:{name} dropped (WordPress built it on the fly)")
        return "\n\n"

    return _BLOCK_COMMENT.sub(replace, text)


def _link_lines(inner: str) -> str:
    urls = _URL.findall(html.unescape(inner))
    return "\n\n".join(_link(url) for url in dict.fromkeys(urls))


def _link(url: str) -> str:
    safe = html.escape(url, quote=True)
    return f'<p><a href="{safe}">{safe}</a></p>'


def shortcode_attrs(text: str) -> dict[str, str]:
    """The attributes of a shortcode's opening tag, as WordPress reads them."""
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTR.finditer(text)}


def expand_shortcodes(text: str, notes: list[str], gallery: GalleryLookup) -> str:
    """Replace the shortcodes we know; leave (and note) the others."""
    out: list[str] = []
    pos = 0
    for match in _SHORTCODE.finditer(text):
        if match.start() < pos:
            continue
        name, attrs = match["name"].lower(), shortcode_attrs(match["attrs"])
        inner, end = "", match.end()
        if name in ENCLOSING:
            close = re.compile(rf"\[/{re.escape(match['name'])}\]", re.I).search(text, end)
            if close:
                inner, end = text[end : close.start()], close.end()
        replacement = _shortcode(name, attrs, inner, gallery)
        if replacement is None:
            if looks_like_shortcode(text, match):
                notes.append(f"shortcode [{match['name']}] kept as text")
            continue
        out.append(text[pos : match.start()])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def looks_like_shortcode(text: str, match: re.Match[str]) -> bool:
    """Tell a plugin's shortcode from square brackets in prose, by its shape.

    A shortcode has ``name=value`` attributes, a closing slash (``[toc /]``), a closing
    tag later on (``[tweet]…[/tweet]``), or, bare, a name no prose word has (``[ad_slot]``)
    or a line to itself (``[newsletter]``). "[lord goldsmith]" and "[sic]" have none.
    """
    attrs, name = match["attrs"], match["name"]
    if attrs.strip():
        attributes_only = _ATTRS_ONLY.fullmatch(attrs) is not None
        return attributes_only and ("=" in attrs or attrs.rstrip().endswith("/"))
    if "_" in name or "-" in name:
        return True
    if re.compile(rf"\[/{re.escape(name)}\]").search(text, match.end()):
        return True
    return bool(_ALONE.search(text, 0, match.start())) and bool(_LINE_END.match(text, match.end()))


def _shortcode(name: str, attrs: dict[str, str], inner: str, gallery: GalleryLookup) -> str | None:
    if name in ("caption", "wp_caption"):
        return caption(attrs, inner)
    if name == "gallery":
        ids = [int(i) for i in re.findall(r"\d+", attrs.get("ids", "") + attrs.get("include", ""))]
        pictures = gallery(ids)
        imgs = "".join(f'<img src="{html.escape(u)}" alt="{html.escape(a)}">' for u, a in pictures)
        return f'\n\n<figure class="gallery">{imgs}</figure>\n\n' if imgs else ""
    if name in ("embed", "video", "audio"):
        url = inner.strip() or attrs.get("src", "") or attrs.get("mp4", "") or attrs.get("mp3", "")
        return f"\n\n{_link(html.unescape(url))}\n\n" if url else ""
    return None


def caption(attrs: dict[str, str], inner: str) -> str:
    """``[caption]<img …> Words[/caption]``: a figure with its caption."""
    words = attrs.get("caption", "")
    media = inner
    # The caption is what follows the last tag (the image, or a link around it).
    last = max(inner.rfind(">"), -1)
    if last >= 0 and not words:
        media, words = inner[: last + 1], inner[last + 1 :]
    words = words.strip()
    figcaption = f"<figcaption>{words}</figcaption>" if words else ""
    return f"\n\n<figure>{media.strip()}{figcaption}</figure>\n\n"


def rewrite_urls(text: str, urls: Mapping[str, str]) -> str:
    """Replace each ``src``/``href`` whose URL is a key of ``urls`` by its value."""

    def swap(match: re.Match[str]) -> str:
        old = html.unescape(match[3])
        new = urls.get(old)
        return f"{match[1]}={match[2]}{html.escape(new)}{match[2]}" if new else match[0]

    return re.sub(r"""\b(src|href)=(["'])(.*?)\2""", swap, text)
