"""Request parsing: WordPress's parameter conventions on top of Django Ninja.

WordPress accepts lists as `a=1,2`, `a[]=1&a[]=2` or `a=1&a=2`, and write bodies as JSON or
as form fields; garbage (invalid or deeply nested JSON, NUL bytes, numbers past what the
database holds) must come back as a 400, never reach the database or crash the parser.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from ninja import Schema
from ninja.parser import Parser
from pydantic import AfterValidator, BeforeValidator, Field

# Ids are 64-bit in every database Broadsheet runs on; anything larger matches nothing and
# must not reach the database, where it would overflow.
MAX_ID = 2**63 - 1
# Bodies nested deeper than any real post can be are refused before json.loads recurses.
MAX_JSON_DEPTH = 64


class BodyError(ValueError):
    pass


def _json_depth_ok(raw: bytes | str) -> bool:
    """Cheap scan for nesting depth (brackets outside strings) before parsing."""
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def parse_json(raw: bytes) -> Any:
    try:
        if not _json_depth_ok(raw):
            raise BodyError("nested too deeply")
        return json.loads(raw)
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise BodyError(str(e)) from e


def _normalise_keys(data: MultiValueDict) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for key in data:
        name = key[:-2] if key.endswith("[]") else key
        out.setdefault(name, []).extend(data.getlist(key))
    return out


class WPParser(Parser):
    """JSON or form bodies, and WordPress's three ways of writing a list in a query."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        content_type = request.content_type or ""
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return self.parse_querydict(request.POST, [], request)
        data = parse_json(request.body)
        return data

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, values in _normalise_keys(data).items():
            if name in list_fields or len(values) > 1:
                result[name] = values
            else:
                result[name] = values[-1]
        return result


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text, and a lone surrogate (legal in JSON's \u escapes)
    # cannot be encoded as UTF-8 for any database; nothing legitimate contains either.
    if _UNSTORABLE.search(value):
        raise ValueError("must not contain NUL characters or lone surrogates")
    return value


def split_csv(value: Any) -> Any:
    """`1,2`, `["1,2", "3"]` and `[1, 2]` all mean [1, 2, 3]-style lists."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[Any] = []
    for item in items:
        if isinstance(item, str):
            out.extend(part.strip() for part in item.split(",") if part.strip())
        else:
            out.append(item)
    return out


def _aware(value: datetime) -> datetime:
    # WordPress reads a date without an offset in the site's time zone.
    if timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


Text = Annotated[str, AfterValidator(_no_nul), Field(max_length=10_000)]
LongText = Annotated[str, AfterValidator(_no_nul), Field(max_length=1_000_000)]
Id = Annotated[int, Field(ge=0, le=MAX_ID)]
PositiveId = Annotated[int, Field(ge=1, le=MAX_ID)]
IdList = Annotated[list[Id], BeforeValidator(split_csv), Field(max_length=1000)]
TextList = Annotated[list[Text], BeforeValidator(split_csv), Field(max_length=1000)]
Date = Annotated[datetime, AfterValidator(_aware)]
Context = Literal["view", "embed", "edit"]
Order = Literal["asc", "desc"]


class CommonQuery(Schema):
    """What every route takes: the context and WordPress's global parameters."""

    context: Context = Field("view", description="Scope of the request: view, embed or edit.")
    embed: Text | None = Field(
        None,
        alias="_embed",
        description="Embed linked resources: empty or 1 for all, or a comma list of relations.",
    )
    fields: TextList = Field(
        default_factory=list, alias="_fields", description="Limit the response to these fields."
    )


class CollectionQuery(CommonQuery):
    page: int = Field(1, ge=1, le=10**9, description="Current page of the collection.")
    per_page: int = Field(10, ge=1, le=100, description="Maximum items per page (1-100).")
    search: Text | None = Field(None, description="Limit results to those matching a string.")
    include: IdList = Field(default_factory=list, description="Limit to these ids.")
    exclude: IdList = Field(default_factory=list, description="Exclude these ids.")
    offset: int | None = Field(None, ge=0, le=10**12, description="Skip this many items.")
    order: Order = Field("desc", description="Sort direction.")


def wants_force(request: HttpRequest, in_query: bool) -> bool:
    """DELETE's `force`, from the query or (as WordPress merges them) the body."""
    if in_query:
        return True
    if not request.body:
        return False
    try:
        if (request.content_type or "") == "application/x-www-form-urlencoded":
            data: Any = QueryDict(request.body.decode("utf-8", "replace"))
        else:
            data = parse_json(request.body)
    except BodyError:
        return False
    value = data.get("force") if hasattr(data, "get") else None
    return value in (True, 1, "1", "true", "yes")
