"""Only what an anonymous reader may open is ever listed, and changes follow at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from broadsheet.articles.actions import do_delete_article, do_save_article, do_trash
from broadsheet.articles.models import Article, Status
from broadsheet.articles.tests.factories import make_article
from broadsheet.related.actions import do_rebuild_related
from broadsheet.related.models import RelatedArticle
from broadsheet.related.tasks import update_related
from broadsheet.related.tests.conftest import shown

Site = dict[str, list[Article]]

COMET = (
    "The comet's tail brightens as astronomers point every telescope at the comet; "
    "observatories photograph the comet, the planets and galaxies each night."
)


def add_hidden(
    status: str, title: str = "The comet and the telescope", **fields: object
) -> Article:
    """A close match for the astronomy articles, in a state readers cannot see."""
    fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    return make_article(title, body=COMET, status=status, **fields)


def listed_anywhere(article: Article) -> bool:
    return RelatedArticle.objects.filter(related=article).exists() or any(
        article.pk in shown(a) for a in Article.objects.posts()
    )


def test_it_never_lists_the_article_itself(site: Site) -> None:
    do_rebuild_related()
    for articles in site.values():
        for article in articles:
            assert article.pk not in shown(article)
            assert not RelatedArticle.objects.filter(article=article, related=article).exists()


@pytest.mark.parametrize(
    ("status", "fields"),
    [
        (Status.DRAFT, {}),
        (Status.PENDING, {}),
        (Status.PRIVATE, {}),
        (Status.TRASH, {}),
        (Status.PUBLISHED, {"published_at": timezone.now() + timedelta(days=2)}),
        (Status.PUBLISHED, {"password": "secret"}),
    ],
    ids=["draft", "pending", "private", "trash", "scheduled", "protected"],
)
def test_it_never_lists_what_readers_cannot_open(site: Site, status: str, fields: dict) -> None:
    hidden = add_hidden(status, **fields)
    do_rebuild_related()
    assert not listed_anywhere(hidden)
    update_related.call([hidden.pk])
    assert not listed_anywhere(hidden)


def test_it_lists_a_published_article_once_its_update_ran(site: Site) -> None:
    do_rebuild_related()
    new = add_hidden(Status.PUBLISHED)
    update_related.call([new.pk])
    astronomy = site["astronomy"]
    assert all(new.pk in shown(a) for a in astronomy)
    assert not any(new.pk in shown(a) for a in site["baking"] + site["football"])
    # Its own list is there too, on its subject.
    assert set(shown(new)) <= {a.pk for a in astronomy} and shown(new)


def test_it_takes_an_unpublished_article_out_of_every_list(site: Site) -> None:
    do_rebuild_related()
    comet = site["astronomy"][0]
    assert any(comet.pk in shown(a) for a in site["astronomy"])
    comet.status = Status.DRAFT
    do_save_article(comet)
    # The page applies the visibility rule itself: gone before any update runs...
    assert not any(comet.pk in shown(a) for a in site["astronomy"])
    update_related.call([comet.pk])
    # ...and the stored lists no longer hold it once the update ran.
    assert not RelatedArticle.objects.filter(related=comet).exists()
    assert not RelatedArticle.objects.filter(article=comet).exists()


def test_it_takes_a_trashed_article_out_of_every_list(site: Site) -> None:
    do_rebuild_related()
    comet = do_trash(site["astronomy"][0])
    update_related.call([comet.pk])
    assert not listed_anywhere(comet)


def test_it_takes_a_deleted_article_out_and_refills_the_lists(
    site: Site, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.RELATED_POSTS = {"k": 3}
    for i in range(6):
        add_hidden(Status.PUBLISHED, title=f"Comet night {i}")
    do_rebuild_related()
    owner = site["astronomy"][1]
    before = list(RelatedArticle.objects.filter(article=owner, pinned=False))
    assert len(before) == 3  # a full list, with more above the threshold than fit
    victim = Article.objects.get(pk=before[0].related_id)
    with django_capture_on_commit_callbacks(execute=True):
        do_delete_article(victim)
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.get(task_path=update_related.module_path)
    update_related.call(*queued.args_kwargs["args"])
    after = list(RelatedArticle.objects.filter(article=owner, pinned=False))
    assert victim.pk not in [r.related_id for r in after]
    assert len(after) == 3  # refilled, not left one short


def test_it_shows_a_scheduled_article_from_its_time(site: Site) -> None:
    soon = add_hidden(Status.PUBLISHED, published_at=timezone.now() + timedelta(hours=1))
    assert soon.status == Status.SCHEDULED
    do_rebuild_related()
    assert not listed_anywhere(soon)
    Article.objects.filter(pk=soon.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    update_related.call([soon.pk])
    assert any(soon.pk in shown(a) for a in site["astronomy"])


def test_it_moves_an_edited_article_to_the_lists_of_its_new_subject(site: Site) -> None:
    do_rebuild_related()
    moved = site["astronomy"][3]
    assert any(moved.pk in shown(a) for a in site["astronomy"])
    moved.title = "The baker's oven and the sourdough loaf"
    moved.standfirst = "Flour, crust and crumb."
    moved.body = (
        "The baker proves the sourdough dough and bakes the loaf in a hot oven; the bakery's "
        "flour decides the crust and the crumb of the bread."
    )
    do_save_article(moved)
    update_related.call([moved.pk])
    assert not any(moved.pk in shown(a) for a in site["astronomy"])
    assert any(moved.pk in shown(a) for a in site["baking"])
    assert set(shown(moved)) <= {a.pk for a in site["baking"]} and shown(moved)
