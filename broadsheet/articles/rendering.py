"""Turning an article's stored body into the HTML readers get."""

from __future__ import annotations

from broadsheet.articles.search import html_to_text
from broadsheet.images.models import Image
from broadsheet.lib.markdown import ImageRef, plain_text, render_markdown
from broadsheet.lib.sanitise import clean_html

IMAGE_SIZES = "(min-width: 48rem) 44rem, 100vw"


def image_ref(image: Image) -> ImageRef:
    return ImageRef(
        src=image.src,
        srcset=image.srcset,
        sizes=IMAGE_SIZES,
        width=image.width,
        height=image.height,
        alt=image.alt,
        caption=image.caption,
        credit=image.credit,
    )


def resolve_image(key: str) -> ImageRef | None:
    """`![alt](image:42)` in Markdown refers to the image library by id."""
    if not key.isdigit():
        return None
    image = Image.objects.filter(pk=int(key)).first()
    return image_ref(image) if image else None


def render_body(body: str, body_format: str) -> tuple[str, int]:
    """The sanitised HTML of a body and its word count."""
    if body_format == "html":
        # HTML bodies are WordPress's (imported, or from the wp/v2 API): rendered as
        # WordPress's the_content does (wpautop, shortcodes, blocks), then sanitised.
        from broadsheet.wordpress.content import render_wordpress
        from broadsheet.wordpress.load import resolver_for_render

        html = render_wordpress(body, resolver_for_render(), clean=clean_html)
        # Words of the text, not of the markup (and without parsing HTML as Markdown,
        # which took longer than rendering it).
        return html, len(html_to_text(html).split())
    return render_markdown(body, resolve_image), len(plain_text(body).split())
