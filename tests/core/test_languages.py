"""BCP 47 language tags: well-formed ones pass in their usual case, others say what is wrong."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from masthead.core.languages import language_tag, validate_language_tag


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("en", "en"),
        ("en-gb", "en-GB"),
        ("EN-GB", "en-GB"),
        ("zh-hans", "zh-Hans"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("fil", "fil"),
        ("zh-yue-HK", "zh-yue-HK"),
        ("sl-rozaj-biske", "sl-rozaj-biske"),
        ("de-CH-1901", "de-CH-1901"),
        ("en-US-u-ca-gregory", "en-US-u-ca-gregory"),
        ("sr-latn-rs-x-EKAVIAN", "sr-Latn-RS-x-ekavian"),
        ("x-whatever", "x-whatever"),
        ("I-KLINGON", "i-klingon"),
        ("en-gb-oed", "en-GB-oed"),
        (" de ", "de"),
    ],
)
def test_well_formed_tags_are_written_in_their_usual_case(typed, stored):
    assert language_tag(typed) == stored


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("english", "“english” is not a language"),
        ("e", "“e” is not a language"),
        ("en_GB", "uses “_”"),
        ("en-", "letters and digits between hyphens"),
        ("en--gb", "letters and digits between hyphens"),
        ("en gb", "letters and digits between hyphens"),
        ("<script>", "letters and digits between hyphens"),
        ("fr-ç", "letters and digits between hyphens"),
        ("en-GB-GB", "“gb” is out of place"),
        ("en-toolongsubtag", "out of place"),
        ("de-1901-1901", "the variant “1901” twice"),
        ("en-u-ca-u-nu", "the extension “u” twice"),
        ("en-a", "has nothing after it"),
        ("en-x", "private part"),
        ("en-x-toolongpart", "private part"),
        ("a" * 36, "at most 35 characters"),
    ],
)
def test_a_tag_that_is_not_well_formed_is_refused_with_what_is_wrong(typed, said):
    with pytest.raises(ValueError, match=said):
        language_tag(typed)
    with pytest.raises(ValidationError, match=said):
        validate_language_tag(typed)


def test_the_validator_allows_no_language():
    validate_language_tag("")
