"""Pillow-only picture generators for the demo content.

The demo loader needs author portraits and inline charts without shipping
binary assets or font files, so everything here is drawn at load time and
returned as PNG bytes ready to be saved into an ImageField.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

# One muted bar colour: bars share a measure, so varying hues would imply
# categories that carry meaning when they do not.
_BAR = "#2a6f97"
_INK = "#1b1b1b"
_MUTED = "#6b6b6b"
_GRID = "#e4e4e4"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # load_default(size=...) bundles a scalable font in Pillow >= 10.1, so no
    # font file has to exist on the server.
    return ImageFont.load_default(size=size)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _text_size(
    draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont
) -> tuple[int, int]:
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    return int(right - left), int(bottom - top)


def avatar(initials: str, colour: str, size: int = 400) -> bytes:
    """A coloured disc with white initials, on a transparent square."""
    # Draw at 4x and downsample: ImageDraw has no anti-aliasing for ellipses.
    scale = 4
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, big - 1, big - 1), fill=colour)

    text = initials.strip().upper()[:3] or "?"
    # Shrink the type for three-letter initials so they stay inside the disc.
    font = _font(int(big * (0.42 if len(text) <= 2 else 0.32)))
    # anchor="mm" centres on the glyph box, which looks right for capitals.
    draw.text((big / 2, big / 2), text, font=font, fill="white", anchor="mm")

    return _png(image.resize((size, size), Image.Resampling.LANCZOS))


def _format_value(value: float, unit: str) -> str:
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    if not unit:
        return number
    # Currency units read with the symbol first ("$bn" -> "$31.5bn"); percentages
    # hug the number; anything else is a word unit ("7.1 GW").
    if unit[0] in "$£€":
        return f"{unit[0]}{number}{unit[1:]}"
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}"


def bar_chart(
    title: str,
    labels: list[str],
    values: list[float],
    unit: str,
    width: int = 1600,
    height: int = 900,
) -> bytes:
    """A horizontal bar chart with title, category labels and value labels."""
    if len(labels) != len(values):
        raise ValueError("labels and values must have the same length")
    if not labels:
        raise ValueError("a chart needs at least one bar")

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)

    margin = int(width * 0.05)
    title_font = _font(max(18, height // 18))
    label_font = _font(max(12, height // 32))
    value_font = _font(max(12, height // 34))

    # Title, then a thin rule, mirroring the site's headline style.
    draw.text((margin, margin), title, font=title_font, fill=_INK)
    _, title_h = _text_size(draw, title, title_font)
    rule_y = margin + title_h + height // 30
    draw.line((margin, rule_y, width - margin, rule_y), fill=_INK, width=max(2, height // 300))

    # Horizontal bars keep long category labels readable without rotation.
    label_w = max(_text_size(draw, label, label_font)[0] for label in labels)
    value_texts = [_format_value(v, unit) for v in values]
    value_w = max(_text_size(draw, text, value_font)[0] for text in value_texts)
    gap = width // 60
    plot_left = margin + label_w + gap
    plot_right = width - margin - value_w - gap
    plot_top = rule_y + height // 20
    plot_bottom = height - margin

    # Bars start at zero; negative values are clamped rather than mis-drawn.
    peak = max(max(values), 0.0) or 1.0
    slot = (plot_bottom - plot_top) / len(labels)
    bar_h = slot * 0.62

    # Light vertical gridlines at quarters give scale without clutter.
    for quarter in range(1, 5):
        x = plot_left + (plot_right - plot_left) * quarter / 4
        draw.line((x, plot_top, x, plot_bottom), fill=_GRID, width=2)
    draw.line((plot_left, plot_top, plot_left, plot_bottom), fill=_MUTED, width=2)

    for index, (label, value, text) in enumerate(zip(labels, values, value_texts, strict=True)):
        centre_y = plot_top + slot * index + slot / 2
        bar_len = (plot_right - plot_left) * max(value, 0.0) / peak
        draw.rectangle(
            (plot_left, centre_y - bar_h / 2, plot_left + bar_len, centre_y + bar_h / 2),
            fill=_BAR,
        )
        draw.text((plot_left - gap, centre_y), label, font=label_font, fill=_INK, anchor="rm")
        draw.text(
            (plot_left + bar_len + gap, centre_y), text, font=value_font, fill=_MUTED, anchor="lm"
        )

    return _png(image)
