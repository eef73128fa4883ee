"""``printable``: a text loses exactly the characters XML 1.0 cannot carry."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from masthead.core.sanitize import printable, printable_all

# XML 1.0's Char production, read off the recommendation (section 2.2).
ALLOWED_RANGES = [(0x9, 0x9), (0xA, 0xA), (0xD, 0xD), (0x20, 0xD7FF), (0xE000, 0xFFFD),
                  (0x10000, 0x10FFFF)]  # fmt: skip


def is_xml_char(char: str) -> bool:
    return any(low <= ord(char) <= high for low, high in ALLOWED_RANGES)


def xml_reads(text: str) -> bool:
    """Whether lxml (libxml2) reads ``text`` as an element's content."""
    try:
        # A raw CR would be read as a line feed (XML's end-of-line rule); send it escaped.
        document = f"<a>{escape(text, {chr(13): '&#13;'})}</a>".encode("utf-8", "surrogatepass")
        return etree.fromstring(document).text in (text, None)
    except etree.XMLSyntaxError:
        return False


@pytest.mark.parametrize(
    "char",
    ["\x00", "\x06", "\x08", "\x0b", "\x0c", "\x0e", "\x1f", "\ufffe", "\uffff",
     *map(chr, [0xD800, 0xDBFF, 0xDC00, 0xDFFF])],  # lone surrogates
    ids=repr,
)  # fmt: skip
def test_characters_xml_forbids_are_dropped(char: str):
    """Controls other than tab and line ends, lone surrogates, U+FFFE and U+FFFF go."""
    assert printable(f"Ann{char} Reader") == "Ann Reader"


@pytest.mark.parametrize(
    "char",
    ["\t", "\n", "\r", " ", "\x7f", "\x80", "\x85", "\x92", "\x9f", "\ud7ff", "\ue000",
     "\ufdd0", "\ufffd", "\U00010000", "\U0001f680", "\U0010ffff"],
    ids=repr,
)  # fmt: skip
def test_characters_xml_allows_are_kept(char: str):
    """DEL and the C1 controls stay: XML 1.0 carries them, and a cp1252 ’ read as \\x92
    is better left for repair than welded out of "don't"."""
    assert printable(f"Ann{char} Reader") == f"Ann{char} Reader"
    assert xml_reads(f"Ann{char} Reader")


# Surrogates are left out by default; lone ones are exactly what must be tested.
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_the_result_is_always_xml_and_keeps_every_allowed_character(text: str):
    """Whatever goes in, XML reads what comes out, and only forbidden characters are gone."""
    result = printable(text)
    assert xml_reads(result)
    assert result == "".join(c for c in text if is_xml_char(c))


def test_printable_all_reaches_into_containers():
    """Strings inside lists, tuples and dicts are cleaned; other values pass unchanged."""
    value = {"title": "A\x06", "authors": [("B\ufffe", "/b/")], "n": 3, "none": None}
    assert printable_all(value) == {"title": "A", "authors": [("B", "/b/")], "n": 3, "none": None}
