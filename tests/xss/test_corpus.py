"""The hostile corpus: big enough, every class present, the same on every run."""

from __future__ import annotations

import base64
import re
from collections import Counter

from tests.xss.corpus import KINDS, MARKER_HOST, payloads


def test_the_corpus_has_over_a_thousand_different_payloads_in_every_class():
    corpus = payloads()
    assert len({p.shape for p in corpus}) == len(corpus) >= 1_000
    kinds = Counter(p.kind for p in corpus)
    assert set(kinds) == set(KINDS)
    assert min(kinds.values()) >= 20


def test_every_payload_names_itself_in_what_it_would_run_or_load():
    for payload in payloads():
        encoded = re.findall(r"base64,([A-Za-z0-9+/=]+)", payload.text)
        text = payload.text + "".join(base64.b64decode(part).decode() for part in encoded)
        assert re.search(rf"\b{payload.id}\b", text) or MARKER_HOST in text, payload


def test_the_corpus_is_the_same_on_every_run():
    assert [p.text for p in payloads()] == [p.text for p in payloads()]
    assert [p.id for p in payloads()] == list(range(len(payloads())))
