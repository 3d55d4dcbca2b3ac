"""Response schemas for the OpenAPI description.

Views build their answers as plain dicts (WordPress's `context`, `_fields` and `_embed` change
the shape per request) and return them as ready responses, so these models document and are
checked by schemathesis, but never filter a response. Every property is optional because
`_fields` may leave any of them out; types are exact so a wrong one is still caught.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict


def _nothing_required(schema: dict[str, Any]) -> None:
    schema.pop("required", None)


class Shape(Schema):
    model_config = ConfigDict(json_schema_extra=_nothing_required, extra="allow")


def _item(schema: dict[str, Any]) -> None:
    """An item: nothing required, plus WordPress's `_links` and `_embedded`."""
    _nothing_required(schema)
    properties = schema.setdefault("properties", {})
    properties["_links"] = {
        "type": "object",
        "additionalProperties": {
            "type": "array",
            "items": {"type": "object", "properties": {"href": {"type": "string"}}},
        },
    }
    properties["_embedded"] = {
        "type": "object",
        "additionalProperties": {"type": "array"},
    }


class Item(Schema):
    model_config = ConfigDict(json_schema_extra=_item, extra="allow")


class Rendered(Shape):
    rendered: str
    raw: str
    protected: bool
    block_version: int


class Post(Item):
    id: int
    date: str
    date_gmt: str | None
    guid: Rendered
    modified: str
    modified_gmt: str
    slug: str
    status: str
    type: str
    link: str
    title: Rendered
    content: Rendered
    excerpt: Rendered
    author: int
    featured_media: int
    comment_status: str
    ping_status: str
    sticky: bool
    template: str
    format: str
    meta: dict[str, Any]
    categories: list[int]
    tags: list[int]
    parent: int
    menu_order: int
    password: str
    permalink_template: str
    generated_slug: str


class DeletedPost(Shape):
    deleted: bool
    previous: Post


class Comment(Item):
    id: int
    post: int
    parent: int
    author: int
    author_name: str
    author_url: str
    author_email: str
    author_ip: str
    author_user_agent: str
    date: str
    date_gmt: str
    content: Rendered
    link: str
    status: str
    type: str
    author_avatar_urls: dict[str, str]
    meta: dict[str, Any]


class DeletedComment(Shape):
    deleted: bool
    previous: Comment


class Term(Item):
    id: int
    count: int
    description: str
    link: str
    name: str
    slug: str
    taxonomy: str
    parent: int
    meta: dict[str, Any]


class DeletedTerm(Shape):
    deleted: bool
    previous: Term


class User(Item):
    id: int
    username: str
    name: str
    first_name: str
    last_name: str
    email: str
    url: str
    description: str
    link: str
    locale: str
    nickname: str
    slug: str
    registered_date: str | None
    roles: list[str]
    capabilities: dict[str, Any]
    extra_capabilities: dict[str, Any]
    avatar_urls: dict[str, str]
    meta: dict[str, Any]


class Size(Shape):
    file: str
    width: int
    height: int
    mime_type: str
    source_url: str


class MediaDetails(Shape):
    width: int
    height: int
    file: str
    sizes: dict[str, Size]
    image_meta: dict[str, Any]


class Media(Item):
    id: int
    date: str
    date_gmt: str
    guid: Rendered
    modified: str
    modified_gmt: str
    slug: str
    status: str
    type: str
    link: str
    title: Rendered
    author: int
    featured_media: int
    comment_status: str
    ping_status: str
    template: str
    meta: dict[str, Any]
    description: Rendered
    caption: Rendered
    alt_text: str
    media_type: str
    mime_type: str
    media_details: MediaDetails
    post: int | None
    source_url: str


class DeletedMedia(Shape):
    deleted: bool
    previous: Media


class SearchResult(Item):
    id: int
    title: str
    url: str
    type: str
    subtype: str


class PostType(Item):
    description: str
    hierarchical: bool
    has_archive: bool | str
    name: str
    slug: str
    icon: str | None
    taxonomies: list[str]
    rest_base: str
    rest_namespace: str
    viewable: bool
    supports: dict[str, bool]
    labels: dict[str, str]


class PostStatus(Item):
    name: str
    private: bool
    protected: bool
    public: bool
    queryable: bool
    show_in_list: bool
    slug: str
    date_floating: bool


class Taxonomy(Item):
    name: str
    slug: str
    description: str
    types: list[str]
    hierarchical: bool
    rest_base: str
    rest_namespace: str
    show_cloud: bool
    capabilities: dict[str, str]
    labels: dict[str, str]


class Settings(Shape):
    title: str
    description: str
    url: str
    email: str
    timezone: str
    date_format: str
    time_format: str
    start_of_week: int
    language: str
    use_smilies: bool
    default_category: int
    default_post_format: str
    posts_per_page: int
    show_on_front: str
    page_on_front: int
    page_for_posts: int
    default_ping_status: str
    default_comment_status: str
    site_logo: int | None
    site_icon: int


class Index(Item):
    name: str
    description: str
    url: str
    home: str
    gmt_offset: float | int | str
    timezone_string: str
    namespaces: list[str]
    authentication: dict[str, Any]
    routes: dict[str, Any]


class ErrorData(Shape):
    status: int
    params: dict[str, str] | list[str]
    details: dict[str, Any]


class Error(Schema):
    code: str
    message: str
    data: ErrorData | None


# 414 and 431 are the web server's own answers to an over-long URL or request head (they never
# reach Django: gunicorn says 414 past 4 KB of request line, granian 431 past its 400 KB
# buffer), so they are documented without a body.
ERRORS: dict[int, type[Schema] | None] = {
    400: Error,
    401: Error,
    403: Error,
    404: Error,
    413: Error,
    414: None,
    431: None,
}
