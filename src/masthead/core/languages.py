"""BCP 47 language tags (RFC 5646): check their syntax, write them in their usual case.

A tag is ``language[-script][-region][-variant]*[-extension]*[-x-private]``, read
without regard to case and written the way the RFC recommends (language in lower case,
script in title case, region in upper case)::

    >>> language_tag("EN-gb"), language_tag("zh-hant-tw"), language_tag("sr-Latn-RS-x-Ekavian")
    ('en-GB', 'zh-Hant-TW', 'sr-Latn-RS-x-ekavian')
    >>> language_tag("en_GB")
    Traceback (most recent call last):
    ...
    ValueError: “en_GB” uses “_”: BCP 47 joins its parts with “-”, as in en-GB.

Only the syntax is checked, not the IANA registry (no maintained library in our lock
holds it): ``en-QQ`` passes. The one registry fact used is that every language subtag is
two or three letters (the longer forms the grammar allows are reserved and unassigned),
so an English word typed into the field is refused. The RFC's 26 grandfathered tags
(``i-klingon``, ``zh-min-nan``) are accepted as they are.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

MAX_LENGTH = 35  # RFC 5646 §4.4.1: what every implementation must be able to store

# RFC 5646 §2.2.8, in their registered case.
_GRANDFATHERED = (
    "en-GB-oed i-ami i-bnn i-default i-enochian i-hak i-klingon i-lux i-mingo i-navajo "
    "i-pwn i-tao i-tay i-tsu sgn-BE-FR sgn-BE-NL sgn-CH-DE art-lojban cel-gaulish no-bok "
    "no-nyn zh-guoyu zh-hakka zh-min zh-min-nan zh-xiang"
)
GRANDFATHERED = {tag.lower(): tag for tag in _GRANDFATHERED.split(" ")}

_ALPHA = re.compile(r"[a-z]+")
_ALNUM = re.compile(r"[a-z0-9]+")
_VARIANT = re.compile(r"[a-z0-9]{5,8}|[0-9][a-z0-9]{3}")


def language_tag(text: str) -> str:
    """``text`` as a well-formed tag in its usual case; ``ValueError`` says what is wrong."""
    tag = text.strip()
    if tag.lower() in GRANDFATHERED:
        return GRANDFATHERED[tag.lower()]
    if not tag:
        raise ValueError("A language tag cannot be empty.")
    if len(tag) > MAX_LENGTH:
        raise ValueError(f"A language tag has at most {MAX_LENGTH} characters.")
    if "_" in tag:
        raise ValueError(f"“{tag}” uses “_”: BCP 47 joins its parts with “-”, as in en-GB.")
    subtags = tag.lower().split("-")
    if any(not s.isascii() or not _ALNUM.fullmatch(s) for s in subtags):
        raise ValueError(
            f"“{tag}” is not a language tag: it is made of letters and digits between "
            "hyphens, such as en-GB or zh-Hant."
        )
    return "-".join(_read(subtags, tag))


def _read(subtags: list[str], tag: str) -> list[str]:
    """Check ``subtags`` (lower case) in the grammar's order; return them in their case."""
    if subtags[0] == "x":
        return _private(subtags, tag)
    first = subtags[0]
    if not (_ALPHA.fullmatch(first) and 2 <= len(first) <= 3):
        raise ValueError(
            f"“{first}” is not a language: a tag starts with a two- or three-letter language "
            "code, such as en or fil."
        )
    out, rest = [first], subtags[1:]
    extlangs = 0
    while rest and len(rest[0]) == 3 and _ALPHA.fullmatch(rest[0]) and extlangs < 3:
        out.append(rest.pop(0))  # an extended language subtag, as in zh-yue
        extlangs += 1
    if rest and len(rest[0]) == 4 and _ALPHA.fullmatch(rest[0]):
        out.append(rest.pop(0).title())  # the script
    if rest and ((len(rest[0]) == 2 and rest[0].isalpha()) or re.fullmatch("[0-9]{3}", rest[0])):
        out.append(rest.pop(0).upper())  # the region
    variants = []
    while rest and _VARIANT.fullmatch(rest[0]):
        if rest[0] in variants:
            raise ValueError(f"“{tag}” names the variant “{rest[0]}” twice.")
        variants.append(rest.pop(0))
    out += variants
    out += _extensions(rest, tag)
    return out


def _extensions(rest: list[str], tag: str) -> list[str]:
    """Read the extensions (``u-ca-buddhist``) and the private part (``x-…``) that end a tag."""
    out: list[str] = []
    singletons: set[str] = set()
    while rest:
        singleton = rest[0]
        if singleton == "x":
            return out + _private(rest, tag)
        if len(singleton) != 1:
            raise ValueError(
                f"“{singleton}” is out of place in “{tag}”: after the language come an "
                "optional script (4 letters), region (2 letters or 3 digits), variants "
                "(5–8 characters), then extensions and x- private parts."
            )
        if singleton in singletons:
            raise ValueError(f"“{tag}” has the extension “{singleton}” twice.")
        singletons.add(singleton)
        body = []
        rest.pop(0)
        while rest and 2 <= len(rest[0]) <= 8:
            body.append(rest.pop(0))
        if not body:
            raise ValueError(f"The extension “{singleton}-” in “{tag}” has nothing after it.")
        out += [singleton, *body]
    return out


def _private(rest: list[str], tag: str) -> list[str]:
    parts = rest[1:]
    if not parts or any(len(part) > 8 for part in parts):
        raise ValueError(
            f"The private part of “{tag}” needs one or more parts of 1 to 8 characters after “x-”."
        )
    return rest


def validate_language_tag(value: str) -> None:
    """Django validator: refuse anything but a well-formed BCP 47 tag (empty is allowed)."""
    if not value:
        return
    try:
        language_tag(value)
    except ValueError as error:
        raise ValidationError(str(error), code="language_tag") from None


def normalized_language(text: str) -> str:
    """``text`` in a tag's usual case if it is well-formed, else ``text`` unchanged."""
    try:
        return language_tag(text)
    except ValueError:
        return text
