"""Splitting the corpus among the doors, and checking pages without a browser.

A door that shows many records on one page takes the corpus in *chunks* (a comment body
or an article body holds many payloads). A short field takes it *packed*: as many whole
payloads as fit its length, so every payload passes through it; one longer than the
field goes in cut to fit, which is what the field would make of it anyway.

``unsafe_markup(html)`` is the markup check of ``trap.py`` done by html5lib (the HTML
parsing algorithm browsers follow), for the many pages that a browser would take too long
to load one by one: answers to forms refused with errors, query parameters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

import html5lib

from masthead.core.sanitize import printable
from tests.xss.corpus import Payload

SITE_SCRIPTS = re.compile(r"^/(?!/)\S*$")
LINKING = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
FORBIDDEN = {"base", "iframe", "frame", "object", "embed", "applet", "portal"}


def without_nul(corpus: Sequence[Payload]) -> list[Payload]:
    """The corpus without NUL characters, which Django's forms refuse with a message.

    The comment door checks that refusal; the other forms take the payloads without them.
    """
    return [replace(p, text=p.text.replace("\x00", "")) for p in corpus]


def xml_safe(corpus: Sequence[Payload]) -> list[Payload]:
    """The corpus without the characters XML cannot carry (an export or feed never has them)."""
    return [replace(p, text=printable(p.text)) for p in corpus]


def chunks(corpus: Sequence[Payload], size: int) -> list[list[Payload]]:
    """The corpus cut into runs of ``size`` payloads, in order."""
    return [list(corpus[start : start + size]) for start in range(0, len(corpus), size)]


def packed(corpus: Sequence[Payload], limit: int, separator: str = " ") -> list[str]:
    """Texts of at most ``limit`` characters that together hold every payload once."""
    texts: list[str] = []
    current = ""
    for payload in corpus:
        text = payload.text[:limit]
        joined = f"{current}{separator}{text}" if current else text
        if len(joined) <= limit:
            current = joined
            continue
        texts.append(current)
        current = text
    return [*texts, current] if current else texts


def body_of(payloads: Sequence[Payload]) -> str:
    """One text holding ``payloads``, a paragraph each (Markdown and plain text alike)."""
    return "\n\n".join(p.text for p in payloads)


def unsafe_markup(html: str, *, where: str) -> list[str]:
    """What in ``html`` could run a script: see ``trap.UNSAFE_MARKUP``, which this mirrors."""
    document = html5lib.parse(html, namespaceHTMLElements=False)
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        name = element.tag.rsplit("}", 1)[-1].lower()
        for attribute, value in element.attrib.items():
            attribute = attribute.rsplit("}", 1)[-1].lower()
            if attribute.startswith("on") or attribute == "srcdoc":
                found.append(f"{where}: {attribute} on <{name}>")
            if attribute in LINKING and dangerous_url(value):
                found.append(f"{where}: {attribute}={value!r} on <{name}>")
        if name in FORBIDDEN or (name == "meta" and "http-equiv" in element.attrib):
            found.append(f"{where}: element <{name}>")
        if name == "script" and not _site_script(element):
            found.append(f"{where}: script {element.attrib} {element.text!r:.80}")
    return found


def _site_script(element: Any) -> bool:
    kind = element.attrib.get("type", "").lower()
    if kind in ("application/ld+json", "application/json"):
        return True
    return (
        bool(SITE_SCRIPTS.match(element.attrib.get("src", ""))) and not (element.text or "").strip()
    )


def dangerous_url(value: str) -> bool:
    """Whether a browser would take ``value`` as a script or HTML address (as URL parsing does)."""
    controls = "".join(chr(code) for code in range(0x21))
    cleaned = re.sub(r"[\t\n\r]", "", value.strip(controls)).lower()
    if cleaned.startswith(("javascript:", "vbscript:")):
        return True
    return bool(re.match(r"data:(text/html|image/svg|application/xhtml)", cleaned))


def spread(corpus: Sequence[Payload], parts: int) -> Iterator[list[Payload]]:
    """``parts`` slices of the corpus, every payload in one of them."""
    size = -(-len(corpus) // parts)
    yield from chunks(corpus, size)
