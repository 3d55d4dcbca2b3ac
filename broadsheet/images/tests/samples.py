"""Image files for upload tests, good and bad, made on the spot with Pillow."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import PIL.Image
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags

GPS_LATITUDE = (51.0, 30.0, 26.0)


def encode(image: PIL.Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def picture(width: int = 64, height: int = 48, mode: str = "RGB") -> PIL.Image.Image:
    """Not a flat colour, so resizing and re-encoding have real work to do."""
    image = PIL.Image.linear_gradient("L").resize((width, height)).convert(mode)
    if "A" in mode:
        image.putalpha(128)  # really see-through, so an encoder cannot drop the channel
    return image


def jpeg_with_gps(width: int = 64, height: int = 48, orientation: int = 1) -> bytes:
    """A JPEG as a phone writes it: camera make, orientation and where it was taken."""
    exif = PIL.Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.0)
    return encode(picture(width, height), "JPEG", exif=exif, quality=90)


def png(width: int = 64, height: int = 48, mode: str = "RGB") -> bytes:
    return encode(picture(width, height, mode), "PNG")


def gif() -> bytes:
    return encode(picture(40, 30, "P"), "GIF")


def webp() -> bytes:
    return encode(picture(40, 30), "WEBP")


def svg() -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
    )


def truncated_jpeg() -> bytes:
    data = jpeg_with_gps(400, 300)
    return data[: len(data) // 2]


def text_file() -> bytes:
    return b"Dear editor,\nthis is a letter, not a photograph.\n" * 20


def html_polyglot() -> bytes:
    """A real, decodable GIF that is also a web page (the classic GIF/HTML polyglot)."""
    return gif() + b"<html><body><script>alert(document.domain)</script></body></html>"


def php_in_comment() -> bytes:
    """A decodable JPEG carrying PHP in its comment segment."""
    return encode(picture(), "JPEG", comment=b"<?php system($_GET['c']); ?>")


def zip_polyglot() -> bytes:
    """A decodable PNG with a ZIP archive glued on (a 'GIFAR'-style polyglot)."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("payload.txt", "not a picture")
    return png() + archive.getvalue()


def png_claiming_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims another size: what a decompression bomb looks like
    before a single pixel is inflated."""
    data = bytearray(png(8, 8))
    # Signature (8) + chunk length (4) + b"IHDR" (4), then width and height.
    struct.pack_into(">II", data, 16, width, height)
    crc = zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF
    struct.pack_into(">I", data, 29, crc)
    return bytes(data)


def bomb_png() -> bytes:
    """Far past Pillow's own limit: 60,000 by 60,000 pixels (3.6 gigapixels)."""
    return png_claiming_size(60_000, 60_000)


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):  # type: ignore[no-untyped-def]
    return SimpleUploadedFile(name, data, content_type=content_type)
