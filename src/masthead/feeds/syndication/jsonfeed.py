"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as a Django feed generator.

A ``SyndicationFeed`` like Django's RSS and Atom writers, so one ``Feed`` class serves
all three formats; it reads the same extra item keys as ``generators.py``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.utils.feedgenerator import SyndicationFeed

VERSION = "https://jsonfeed.org/version/1.1"


class JsonFeed(SyndicationFeed):
    """Write the feed as a JSON Feed 1.1 document."""

    content_type = "application/feed+json"

    def write(self, outfile: Any, encoding: str) -> None:
        # One write: the response would otherwise collect a chunk per token.
        outfile.write(json.dumps(self.document(), ensure_ascii=False, separators=(",", ":")))

    def document(self) -> dict[str, Any]:
        """The whole feed as JSON-ready data."""
        feed = self.feed
        document: dict[str, Any] = {
            "version": VERSION,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
        }
        if feed["author_name"]:
            # Items without a byline inherit the feed's author: the publication itself.
            document["authors"] = [_person(feed["author_name"], feed["author_link"])]
        document = {key: value for key, value in document.items() if value}
        document["items"] = [self.item(entry) for entry in self.items]
        return document

    def item(self, entry: dict[str, Any]) -> dict[str, Any]:
        """One story as a JSON Feed item."""
        item: dict[str, Any] = {
            "id": entry["unique_id"],
            "url": entry["link"],
            "title": entry["title"],
            "summary": entry["summary_text"],
            "date_published": _date(entry["pubdate"]),
            "date_modified": _date(entry["updateddate"]),
        }
        if entry["content_html"]:
            item["content_html"] = entry["content_html"]
        else:
            item["content_text"] = entry["summary_text"]
        if entry["picture"]:
            item["image"] = entry["picture"].url
        if entry["authors"]:
            item["authors"] = [_person(name, url) for name, url in entry["authors"]]
        if entry["categories"]:
            item["tags"] = list(entry["categories"])
        return {key: value for key, value in item.items() if value is not None}


def _person(name: str, url: str | None) -> dict[str, str]:
    return {"name": name, "url": url} if url else {"name": name}


def _date(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None
