"""Lists follow changes through the background worker, and a daily rebuild keeps going."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from broadsheet.articles.actions import do_publish
from broadsheet.articles.models import Article, Status
from broadsheet.articles.tests.factories import make_article
from broadsheet.related import store
from broadsheet.related.models import RelatedArticle
from broadsheet.related.tasks import daily_rebuild, ensure_daily_rebuild, update_related
from broadsheet.related.tests.conftest import shown

Site = dict[str, list[Article]]


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


# The worker closes its database connection when done, which on PostgreSQL would end a
# test's wrapping transaction: tests that run it commit for real.
@pytest.mark.django_db(transaction=True)
def test_it_updates_lists_in_the_background_when_an_article_is_published(
    site: Site, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    draft = make_article(
        "Comet watchers gather at the observatory",
        standfirst="Telescopes point at the comet's tail.",
        body="Astronomers and their telescopes followed the comet past the planets.",
        status=Status.DRAFT,
    )
    # Committed for real here, so building the site queued updates too: start afresh.
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        do_publish(draft)
    queued = DBTaskResult.objects.get(task_path=update_related.module_path)
    assert queued.args_kwargs["args"][0] == [draft.pk]
    assert not RelatedArticle.objects.exists()
    # With no index yet the first update builds everything.
    run_worker()
    assert DBTaskResult.objects.get(task_path=update_related.module_path).status == "SUCCESSFUL"
    assert shown(draft)
    assert set(shown(draft)) <= {a.pk for a in site["astronomy"]}
    assert any(draft.pk in shown(a) for a in site["astronomy"])


@pytest.mark.django_db(transaction=True)
def test_it_queues_one_daily_rebuild_that_queues_the_next(site: Site) -> None:
    assert ensure_daily_rebuild()
    assert not ensure_daily_rebuild()  # a worker restart does not queue a second
    first = DBTaskResult.objects.get(task_path=daily_rebuild.module_path)
    # No index yet: the first one runs at once.
    assert first.run_after <= timezone.now()
    run_worker()
    first.refresh_from_db()
    assert first.status == "SUCCESSFUL"
    assert RelatedArticle.objects.exists()
    assert (store.folder() / "index.npz").exists()
    following = DBTaskResult.objects.get(task_path=daily_rebuild.module_path, status="READY")
    assert following.run_after > timezone.now() + timedelta(hours=23)


def test_it_queues_the_daily_rebuild_for_tomorrow_when_the_index_is_fresh(site: Site) -> None:
    daily_rebuild.call()  # builds, and queues tomorrow's
    DBTaskResult.objects.all().delete()
    assert ensure_daily_rebuild()
    queued = DBTaskResult.objects.get(task_path=daily_rebuild.module_path)
    assert queued.run_after > timezone.now() + timedelta(hours=23)


def test_it_rebuilds_when_the_stored_index_is_unreadable(site: Site) -> None:
    daily_rebuild.call()
    (store.folder() / "index.npz").write_bytes(b"not an index")
    store.forget()
    RelatedArticle.objects.filter(pinned=False).delete()
    update_related.call([site["baking"][0].pk])
    assert shown(site["baking"][0])
    assert shown(site["football"][0])  # a full rebuild, not just the one list
