"""/wp/v2/media: the image library as WordPress attachments. Uploads go through the images'
action, which decodes every file and refuses what is not a JPEG, PNG, GIF or WebP within
the size limits; only the EXIF-free renditions are ever linked."""

from __future__ import annotations

import re
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import BaseModel

from broadsheet.images.actions import do_delete_image, do_save_image
from broadsheet.images.models import Image
from broadsheet.wordpress.api import schemas
from broadsheet.wordpress.api.errors import WPError, forbidden, invalid_param, json_response
from broadsheet.wordpress.api.params import (
    MAX_ID,
    CollectionQuery,
    CommonQuery,
    Date,
    IdList,
    LongText,
    wants_force,
)
from broadsheet.wordpress.api.shapes import (
    EDIT,
    Ctx,
    can,
    check_orderby_include,
    collection_headers,
    media_data,
    page_window,
    text,
)

router = Router(tags=["media"])


class MediaQuery(CollectionQuery):
    after: Date | None = None
    before: Date | None = None
    author: IdList = Field(default_factory=list)
    author_exclude: IdList = Field(default_factory=list)
    orderby: Literal["date", "id", "include", "title", "slug", "modified"] = "date"
    parent: IdList = Field(default_factory=list)
    media_type: Literal["image", "video", "text", "application", "audio"] | None = None
    mime_type: LongText | None = None


class RawText(BaseModel):
    raw: LongText | None = None


class MediaWrite(BaseModel):
    alt_text: LongText | None = Field(None, max_length=500)
    caption: LongText | RawText | None = None
    description: LongText | RawText | None = None
    title: LongText | RawText | None = None
    post: int | None = Field(None, ge=0, le=MAX_ID)
    author: int | None = Field(None, ge=0, le=MAX_ID)
    meta: dict[str, Any] | list[Any] | None = None


class DeleteQuery(Schema):
    force: bool = False


def _raw(value: str | RawText | None) -> str:
    if isinstance(value, RawText):
        return value.raw or ""
    return value or ""


def _annotated(qs: QuerySet[Image]) -> QuerySet[Image]:
    return qs.annotate(uploader_author_id=F("uploaded_by__author__id"))


def get_image(pk: int) -> Image:
    image = _annotated(Image.objects.filter(pk=pk)).first() if pk <= MAX_ID else None
    if image is None:
        raise WPError("rest_post_invalid_id", _("Invalid post ID."), 404)
    return image


def _editable(user: Any, image: Image) -> bool:
    return can(user, "images.change_image") and image.can_edit(user)


@router.get("/media", response={200: list[schemas.Media], **schemas.ERRORS}, summary="List media")
def list_media(request: HttpRequest, q: Query[MediaQuery]) -> HttpResponse:
    user = request.user
    ctx = Ctx(request, q)
    if q.context == EDIT and not can(user, "images.change_image"):
        raise forbidden(
            request,
            "rest_forbidden_context",
            _("Sorry, you are not allowed to edit posts in this post type."),
        )
    check_orderby_include(q.orderby, q.include)
    # Images belong to no post in Broadsheet, and their renditions are public files.
    qs = _annotated(Image.objects.all())
    if q.media_type not in (None, "image") or (
        q.mime_type and not q.mime_type.startswith("image/")
    ):
        qs = qs.none()
    if q.search:
        qs = qs.filter(Q(alt__icontains=q.search) | Q(caption__icontains=q.search))
    if q.include:
        qs = qs.filter(pk__in=q.include)
    if q.exclude:
        qs = qs.exclude(pk__in=q.exclude)
    if q.author:
        qs = qs.filter(uploaded_by__author__in=q.author)
    if q.author_exclude:
        qs = qs.exclude(uploaded_by__author__in=q.author_exclude)
    if q.parent and 0 not in q.parent:
        qs = qs.none()
    if q.after:
        qs = qs.filter(created_at__gt=q.after)
    if q.before:
        qs = qs.filter(created_at__lt=q.before)
    sign = "-" if q.order == "desc" else ""
    if q.orderby == "include":
        qs = qs.order_by(
            Case(
                *[When(pk=v, then=Value(i)) for i, v in enumerate(q.include)],
                default=Value(len(q.include)),
                output_field=IntegerField(),
            ),
            "id",
        )
    else:
        column = {"id": "id", "title": "alt", "slug": "key"}.get(q.orderby, "created_at")
        qs = qs.order_by(f"{sign}{column}", f"{sign}id")
    total = qs.count()
    start, stop, pages = page_window(q, total, "rest_post_invalid_page_number")
    items = list(qs[start:stop]) if stop > start else []
    data = [
        media_data(ctx, image, EDIT if q.context == EDIT and _editable(user, image) else q.context)
        for image in items
    ]
    return json_response(data, headers=collection_headers(ctx, q, total, pages))


@router.get(
    "/media/{int:id}",
    response={200: schemas.Media, **schemas.ERRORS},
    summary="Retrieve a media item",
)
def get_media(request: HttpRequest, id: int, q: Query[CommonQuery]) -> HttpResponse:
    image = get_image(id)
    if q.context == EDIT and not _editable(request.user, image):
        raise forbidden(
            request, "rest_forbidden_context", _("Sorry, you are not allowed to edit this post.")
        )
    return json_response(media_data(Ctx(request, q), image, q.context))


_FILENAME = re.compile(r'filename\*?=(?:UTF-8\'\')?"?([^";]+)"?', re.IGNORECASE)


def _upload_from(request: HttpRequest) -> UploadedFile:
    """The file: a multipart `file` field, or the raw body named by Content-Disposition
    (the two ways WordPress takes an upload)."""
    if request.content_type == "multipart/form-data":
        upload = request.FILES.get("file")
        if upload is None:
            raise WPError("rest_upload_no_data", _("No data supplied."), 400)
        return upload
    body = request.body
    if not body:
        raise WPError("rest_upload_no_data", _("No data supplied."), 400)
    disposition = request.META.get("HTTP_CONTENT_DISPOSITION", "")
    match = _FILENAME.search(disposition)
    if not match:
        raise WPError(
            "rest_upload_no_content_disposition", _("No Content-Disposition supplied."), 400
        )
    return SimpleUploadedFile(match.group(1)[:200], body, content_type=request.content_type)


def _fields_from(request: HttpRequest) -> dict[str, str]:
    """Text fields sent beside an upload: multipart fields or query parameters."""
    source = request.POST if request.content_type == "multipart/form-data" else request.GET
    out = {}
    for name in ("alt_text", "caption", "description", "title"):
        value = source.get(name)
        if value is not None:
            if "\x00" in value:
                raise invalid_param({name: _("must not contain NUL characters")})
            out[name] = value
    return out


def _default_alt(filename: str) -> str:
    stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.sub(r"[-_]+", " ", stem).strip()[:500] or _("Image")


@router.post(
    "/media",
    response={201: schemas.Media, 413: schemas.Error, **schemas.ERRORS},
    summary="Upload a media item",
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "alt_text": {"type": "string"},
                            "caption": {"type": "string"},
                            "title": {"type": "string"},
                        },
                        "required": ["file"],
                    }
                },
                "image/*": {"schema": {"type": "string", "format": "binary"}},
            }
        }
    },
)
def create_media(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not can(user, "images.add_image"):
        raise forbidden(
            request,
            "rest_cannot_create",
            _("Sorry, you are not allowed to upload media on this site."),
        )
    upload = _upload_from(request)
    fields = _fields_from(request)
    alt = text(fields.get("alt_text") or fields.get("title") or "") or _default_alt(
        upload.name or ""
    )
    image = Image(
        alt=alt[:500],
        caption=text(fields.get("caption", ""))[:1000],
        credit=text(fields.get("description", ""))[:300],
        uploaded_by=user,
    )
    try:
        do_save_image(image, upload)
    except DjangoValidationError as e:
        raise WPError("rest_upload_sideload_error", " ".join(e.messages), 400) from e
    ctx = Ctx(request, CommonQuery(context="edit"))
    return json_response(
        media_data(ctx, get_image(image.pk), EDIT),
        status=201,
        headers={"Location": ctx.rest(f"media/{image.pk}")},
    )


@router.api_operation(
    ["POST", "PUT", "PATCH"],
    "/media/{int:id}",
    response={200: schemas.Media, **schemas.ERRORS},
    summary="Update a media item",
)
def update_media(request: HttpRequest, id: int, payload: MediaWrite) -> HttpResponse:
    image = get_image(id)
    if not _editable(request.user, image):
        raise forbidden(
            request, "rest_cannot_edit", _("Sorry, you are not allowed to edit this post.")
        )
    given = payload.model_fields_set
    if "alt_text" in given and payload.alt_text is not None:
        image.alt = text(payload.alt_text)[:500]
    elif "title" in given and payload.title is not None:
        # Broadsheet's images have one name, their alt text, which WordPress calls the title.
        image.alt = text(_raw(payload.title))[:500]
    if "caption" in given:
        image.caption = text(_raw(payload.caption))[:1000]
    if "description" in given:
        image.credit = text(_raw(payload.description))[:300]
    if not image.alt:
        raise invalid_param({"alt_text": _("Alt text is required: say what the picture shows.")})
    do_save_image(image)
    ctx = Ctx(request, CommonQuery(context="edit"))
    return json_response(media_data(ctx, get_image(id), EDIT))


@router.delete(
    "/media/{int:id}",
    response={200: schemas.DeletedMedia, **schemas.ERRORS},
    summary="Delete a media item",
)
def delete_media(request: HttpRequest, id: int, q: Query[DeleteQuery]) -> HttpResponse:
    image = get_image(id)
    user = request.user
    if not (can(user, "images.delete_image") and image.can_edit(user)):
        raise forbidden(
            request, "rest_cannot_delete", _("Sorry, you are not allowed to delete this post.")
        )
    if not wants_force(request, q.force):
        raise WPError(
            "rest_trash_not_supported",
            _("The post does not support trashing. Set “force=true” to delete."),
            # WordPress answers 501 here; a 4xx keeps "no server errors" a contract.
            400,
        )
    ctx = Ctx(request, CommonQuery(context="edit"))
    previous = media_data(ctx, image, EDIT)
    do_delete_image(image)
    return json_response({"deleted": True, "previous": previous})
