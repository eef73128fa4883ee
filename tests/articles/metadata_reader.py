"""Reading a page's metadata back the way a crawler does, for the metadata tests.

JSON-LD and OpenGraph are parsed by extruct, a structured-data extractor; Twitter tags,
the description and the canonical link are read from the HTML.
"""

from __future__ import annotations

from typing import Any

import extruct
from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from tests.conftest import soup

HOST = "http://testserver"


class Page:
    """A fetched page's metadata: JSON-LD items, OpenGraph pairs, Twitter and link tags."""

    def __init__(self, response: Any):
        html = response.content.decode()
        found = extruct.extract(
            html, base_url=f"{HOST}/", syntaxes=["json-ld", "opengraph"], uniform=False
        )
        self.jsonld: list[dict[str, Any]] = found["json-ld"]
        self.og: list[tuple[str, str]] = [p for g in found["opengraph"] for p in g["properties"]]
        self.doc = soup(response)

    def item(self, kind: str) -> dict[str, Any]:
        """The one JSON-LD item of type ``kind``."""
        items = [i for i in self.jsonld if i.get("@type") == kind]
        assert len(items) == 1, f"{len(items)} {kind} items in {self.jsonld}"
        return items[0]

    def types(self) -> list[str]:
        return [i["@type"] for i in self.jsonld]

    def og_all(self, name: str) -> list[str]:
        return [value for key, value in self.og if key == name]

    def og_one(self, name: str) -> str:
        values = self.og_all(name)
        assert len(values) == 1, f"{name}: {values}"
        return values[0]

    def twitter(self) -> dict[str, str]:
        return {m["name"]: m["content"] for m in self.doc.select('meta[name^="twitter:"][content]')}

    def description(self) -> str:
        tags = self.doc.select('meta[name="description"]')
        assert len(tags) == 1
        return str(tags[0]["content"])

    def canonical(self) -> str | None:
        links = self.doc.select('link[rel="canonical"]')
        assert len(links) <= 1
        return str(links[0]["href"]) if links else None


def fetch(client: Any, path: str, status: int = 200) -> Page:
    response = client.get(path)
    assert response.status_code == status, path
    return Page(response)


def absolute(path: str) -> str:
    return f"{HOST}{path}"


def stored_size(url: str) -> tuple[int, int]:
    """The real pixel size of the stored file at absolute media ``url``."""
    name = url.removeprefix(absolute(settings.MEDIA_URL))
    with default_storage.open(name, "rb") as fh, PILImage.open(fh) as picture:
        return picture.size
