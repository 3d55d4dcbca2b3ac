"""The public pages (Jinja2 templates, broadsheet/jinja.py) escape every value as Django
does, in text, in attributes and inside translated sentences."""

from __future__ import annotations

import pytest
from django.test import Client

from broadsheet.articles.tests.factories import make_article
from broadsheet.comments.tests.helpers import make_comment

pytestmark = pytest.mark.django_db

TITLE = 'Tom & "Jerry" <b>\'s</b>'
ESCAPED = "Tom &amp; &quot;Jerry&quot; &lt;b&gt;&#x27;s&lt;/b&gt;"


def test_it_escapes_a_title_in_text_attributes_and_translations(client: Client) -> None:
    story = make_article(TITLE, standfirst="")
    make_comment(story)
    page = client.get(story.path).content.decode()
    assert "<b>'s</b>" not in page
    assert f"<h1>{ESCAPED}</h1>" in page
    assert f"<title>{ESCAPED} \u2013 Broadsheet</title>" in page
    assert f'<meta name="description" content="{ESCAPED}">' in page
    # A value inside a translated sentence ({% trans %}).
    assert f"One comment on “{ESCAPED}”</h2>" in page
    # And on the home page's card.
    assert f">{ESCAPED}</a></h2>" in client.get("/").content.decode()


def test_it_shows_nothing_for_a_missing_value(client: Client) -> None:
    """As Django's templates did: no author photo, no "None", no error."""
    story = make_article("A story")
    page = client.get(story.path).content.decode()
    assert 'class="author-box"' in page
    assert "None" not in page
    assert "<img" not in page.split('class="author-box"')[1].split("</section>")[0]
