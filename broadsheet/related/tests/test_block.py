"""The "Related Posts" block under an article, as a reader gets it."""

from __future__ import annotations

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from broadsheet.articles.models import Article
from broadsheet.articles.tests.factories import make_article, make_image
from broadsheet.related.actions import do_rebuild_related
from broadsheet.related.models import RelatedArticle

Site = dict[str, list[Article]]


def block(html: str) -> str:
    match = re.search(r'<section class="related".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_it_shows_up_to_four_on_the_same_subject(client: Client, site: Site) -> None:
    do_rebuild_related()
    comet = site["astronomy"][0]
    html = block(client.get(comet.get_absolute_url()).content.decode())
    assert "<h2" in html and "Related Posts" in html
    others = site["astronomy"][1:]
    links = re.findall(r'<a href="([^"]+)">', html)
    assert 1 <= len(links) <= 4
    assert set(links) <= {a.get_absolute_url() for a in others}
    assert comet.get_absolute_url() not in links
    first = next(a for a in others if a.get_absolute_url() == links[0])
    stamp = first.published_at.replace(microsecond=0).isoformat()
    assert f'<time datetime="{stamp}">' in html


def test_it_shows_a_thumbnail_when_the_article_has_an_image(client: Client, site: Site) -> None:
    observatory = site["astronomy"][3]
    image = make_image("A telescope dome at night")
    Article.objects.filter(pk=observatory.pk).update(featured_image=image)
    do_rebuild_related()
    html = block(client.get(site["astronomy"][0].get_absolute_url()).content.decode())
    assert observatory.title in html
    assert f'src="{image.thumbnail_url()}"' in html
    assert html.count("<img") == 1
    # Decorative: the headline beside it says what it is.
    assert re.search(r'<img src="[^"]+" alt=""', html)


def test_it_leaves_the_block_out_when_nothing_is_similar_enough(client: Client, db: None) -> None:
    lone = make_article(
        "A comet returns", standfirst="Look up.", body="Astronomers watch the comet's tail."
    )
    make_article("Sourdough crust", standfirst="Bake.", body="Bakers bake the loaf in an oven.")
    do_rebuild_related()
    assert not RelatedArticle.objects.exists()
    html = client.get(lone.get_absolute_url()).content.decode()
    assert "Related Posts" not in html
    assert 'class="related"' not in html


def test_it_reads_the_block_in_one_query_whatever_it_holds(
    client: Client, site: Site, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    observatory = site["astronomy"][3]
    # Without any list the block is absent...
    with CaptureQueriesContext(connection) as without:
        response = client.get(observatory.get_absolute_url())
    assert "Related Posts" not in response.content.decode()
    # ...and with three related articles, each with an image, it costs no query more.
    image = make_image("A dome")
    Article.objects.filter(pk__in=[a.pk for a in site["astronomy"]]).update(featured_image=image)
    do_rebuild_related()
    with django_assert_num_queries(len(without.captured_queries)):
        response = client.get(observatory.get_absolute_url())
    assert block(response.content.decode()).count("<img") == 3
    related = [q["sql"] for q in without.captured_queries if "related_relatedarticle" in q["sql"]]
    assert len(related) == 1
