"""Build WordPress export files for tests: small, readable, and as WordPress writes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SITE = "https://old.example"


def cdata(text: str) -> str:
    """Wrap ``text`` in CDATA the way WordPress does (splitting any ``]]>``)."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


@dataclass
class Comment:
    id: int
    content: str = "A fine story."
    parent: int = 0
    author: str = "Reader"
    email: str = "Reader@Example.COM"
    url: str = ""
    ip: str = "192.0.2.1"
    date: str = "2019-03-05 12:00:00"
    approved: str = "1"
    type: str = ""

    def xml(self) -> str:
        return f"""
    <wp:comment>
      <wp:comment_id>{self.id}</wp:comment_id>
      <wp:comment_author>{cdata(self.author)}</wp:comment_author>
      <wp:comment_author_email>{cdata(self.email)}</wp:comment_author_email>
      <wp:comment_author_url>{self.url}</wp:comment_author_url>
      <wp:comment_author_IP>{self.ip}</wp:comment_author_IP>
      <wp:comment_date>{self.date}</wp:comment_date>
      <wp:comment_date_gmt>{self.date}</wp:comment_date_gmt>
      <wp:comment_content>{cdata(self.content)}</wp:comment_content>
      <wp:comment_approved>{cdata(self.approved)}</wp:comment_approved>
      <wp:comment_type>{cdata(self.type)}</wp:comment_type>
      <wp:comment_parent>{self.parent}</wp:comment_parent>
      <wp:comment_user_id>0</wp:comment_user_id>
    </wp:comment>"""


@dataclass
class Item:
    id: int
    title: str = "Hello world"
    content: str = "Welcome to WordPress.\n\nSecond paragraph."
    slug: str = ""
    status: str = "publish"
    post_type: str = "post"
    date: str = "2019-03-05 10:00:00"
    date_gmt: str | None = None
    creator: str = "jane"
    excerpt: str = ""
    categories: list[tuple[str, str]] = field(default_factory=lambda: [("news", "News")])
    tags: list[tuple[str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    attachment_url: str = ""
    link: str | None = None
    parent: int = 0

    def xml(self) -> str:
        slug = self.slug or f"post-{self.id}"
        link = (
            self.link
            if self.link is not None
            else f"{SITE}/{self.date[:10].replace('-', '/')}/{slug}/"
        )
        gmt = self.date if self.date_gmt is None else self.date_gmt
        terms = "".join(
            f'\n    <category domain="category" nicename="{s}">{cdata(n)}</category>'
            for s, n in self.categories
        ) + "".join(
            f'\n    <category domain="post_tag" nicename="{s}">{cdata(n)}</category>'
            for s, n in self.tags
        )
        meta = "".join(
            f"\n    <wp:postmeta><wp:meta_key>{cdata(k)}</wp:meta_key>"
            f"<wp:meta_value>{cdata(v)}</wp:meta_value></wp:postmeta>"
            for k, v in self.meta.items()
        )
        attachment = (
            f"\n    <wp:attachment_url>{cdata(self.attachment_url)}</wp:attachment_url>"
            if self.attachment_url
            else ""
        )
        comments = "".join(c.xml() for c in self.comments)
        return f"""
  <item>
    <title>{cdata(self.title)}</title>
    <link>{link}</link>
    <pubDate>Tue, 05 Mar 2019 10:00:00 +0000</pubDate>
    <dc:creator>{cdata(self.creator)}</dc:creator>
    <guid isPermaLink="false">{SITE}/?p={self.id}</guid>
    <description></description>
    <content:encoded>{cdata(self.content)}</content:encoded>
    <excerpt:encoded>{cdata(self.excerpt)}</excerpt:encoded>
    <wp:post_id>{self.id}</wp:post_id>
    <wp:post_date>{cdata(self.date)}</wp:post_date>
    <wp:post_date_gmt>{cdata(gmt)}</wp:post_date_gmt>
    <wp:comment_status>{cdata("open")}</wp:comment_status>
    <wp:post_name>{cdata(slug)}</wp:post_name>
    <wp:status>{cdata(self.status)}</wp:status>
    <wp:post_parent>{self.parent}</wp:post_parent>
    <wp:post_type>{cdata(self.post_type)}</wp:post_type>{attachment}{terms}{meta}{comments}
  </item>"""


def author(login: str = "jane", name: str = "Jane Doe", wp_id: int = 1) -> str:
    return f"""
  <wp:author><wp:author_id>{wp_id}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>
    <wp:author_email>{cdata(login + "@old.example")}</wp:author_email>
    <wp:author_display_name>{cdata(name)}</wp:author_display_name>
    <wp:author_first_name>{cdata("")}</wp:author_first_name>
    <wp:author_last_name>{cdata("")}</wp:author_last_name></wp:author>"""


def category(slug: str, name: str, parent: str = "", wp_id: int = 1) -> str:
    return f"""
  <wp:category><wp:term_id>{wp_id}</wp:term_id><wp:category_nicename>{cdata(slug)}</wp:category_nicename>
    <wp:category_parent>{cdata(parent)}</wp:category_parent><wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>"""


def tag(slug: str, name: str, wp_id: int = 100) -> str:
    return f"""
  <wp:tag><wp:term_id>{wp_id}</wp:term_id><wp:tag_slug>{cdata(slug)}</wp:tag_slug><wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>"""


def export(
    *parts: Any, version: str = "1.2", namespace: str | None = None, title: str = "Old Site"
) -> bytes:
    """A whole export: header, then ``parts`` (strings from the helpers above, or Items)."""
    ns = namespace or f"http://wordpress.org/export/{version}/"
    body = "".join(p.xml() if isinstance(p, Item) else p for p in parts)
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="{ns}">
<channel>
  <title>{title}</title>
  <link>{SITE}</link>
  <description>Just another WordPress site</description>
  <language>en-US</language>
  <wp:wxr_version>{version}</wp:wxr_version>
  <wp:base_site_url>{SITE}</wp:base_site_url>
  <wp:base_blog_url>{SITE}</wp:base_blog_url>{body}
</channel>
</rss>
""".encode()


def standard_header() -> list[str]:
    """An author, a three-level category tree and a tag: what most tests start from."""
    return [
        author(),
        category("news", "News", wp_id=2),
        category("world", "World", parent="news", wp_id=3),
        category("europe", "Europe", parent="world", wp_id=4),
        tag("ai", "AI"),
    ]


def write_large(path: Any, *, megabytes: int, comments_per_post: int = 3) -> int:
    """Write an export of about ``megabytes`` MB to ``path``, a post at a time; return posts."""
    paragraph = (
        "Lorem ipsum dolor sit amet, 杭州成为人工智能创新中心, مرحبا بالعالم 🚀 "
        '<a href="https://example.org/">a link</a> and [caption]<img src="x.jpg"> cap[/caption]. '
    ) * 6
    content = "\n\n".join([paragraph] * 4)
    head, tail = export("PLACEHOLDER").decode().split("PLACEHOLDER")
    posts = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(head + "".join(standard_header()))
        while out.tell() < megabytes * 1024 * 1024:
            posts += 1
            thread = [Comment(posts * 10 + i, parent=posts * 10 + i - 1 if i else 0)
                      for i in range(comments_per_post)]  # fmt: skip
            out.write(Item(posts, title=f"Post {posts}", content=content, comments=thread).xml())
        out.write(tail)
    return posts
