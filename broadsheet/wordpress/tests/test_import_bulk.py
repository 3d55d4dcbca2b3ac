"""An import tells the page cache, the CDN and related posts once, when it ends: no
generation, purge or related update per record written."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from broadsheet.articles.models import Article
from broadsheet.articles.tests.factories import make_article
from broadsheet.caching import generation
from broadsheet.caching.purge import purge_cdn
from broadsheet.related import signals as related_signals
from broadsheet.related.tasks import rebuild_related, update_related
from broadsheet.wordpress import load
from broadsheet.wordpress.tests.helpers import import_file
from broadsheet.wordpress.tests.wxr_files import wxr_file

# Committed for real: the signals under test are sent after commit.
pytestmark = pytest.mark.django_db(transaction=True)

PREVIEW = "theme-test-data/theme-preview.xml"  # 7 published posts, 2 comments


@pytest.fixture
def bumps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each new page-cache generation, counted; the cache on and a CDN hook set."""
    calls: list[int] = []
    real = generation.bump

    def counting() -> None:
        calls.append(1)
        real()

    monkeypatch.setattr(generation, "bump", counting)
    with override_settings(
        BROADSHEET_PAGE_CACHE=True, BROADSHEET_PURGE_URL="http://127.0.0.1:9/purge"
    ):
        yield calls


def queued(*tasks: Any) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path__in=[t.module_path for t in tasks]))


def test_it_counts_one_generation_and_one_update_per_article_outside_an_import(
    bumps: list[int],
) -> None:
    """The baseline the import is measured against: each save is heard on its own."""
    make_article("One")
    make_article("Two")
    assert len(queued(update_related)) == 2
    # At least one per article (making an article's author is a change of its own).
    assert len(queued(purge_cdn)) >= 2
    assert len(bumps) >= 2


def test_it_queues_one_related_update_one_purge_and_one_generation_per_import(
    bumps: list[int],
) -> None:
    import_file(wxr_file(PREVIEW))
    articles = sorted(Article.objects.values_list("pk", flat=True))
    assert len(articles) == 7
    [task] = queued(update_related, rebuild_related)
    assert task.task_path == update_related.module_path
    assert sorted(task.args_kwargs["args"][0]) == articles
    assert len(queued(purge_cdn)) == 1
    assert len(bumps) == 1
    # The one update does the work the seven would have done.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"


def test_it_queues_nothing_when_a_repeated_import_changes_nothing(bumps: list[int]) -> None:
    import_file(wxr_file(PREVIEW))
    DBTaskResult.objects.all().delete()
    bumps.clear()
    import_file(wxr_file(PREVIEW))
    assert not queued(update_related, rebuild_related, purge_cdn)
    assert not bumps


def test_it_rebuilds_related_lists_once_after_a_large_import(
    bumps: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(related_signals, "REBUILD_ABOVE", 5)
    import_file(wxr_file(PREVIEW))
    [task] = queued(update_related, rebuild_related)
    assert task.task_path == rebuild_related.module_path


def test_it_still_starts_one_generation_when_an_import_fails_midway(
    bumps: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages rendered meanwhile may show what was then removed: they must not be kept."""
    monkeypatch.setattr(load, "BATCH", 3)  # so that some batches are committed
    real = load.Loader.item
    calls = {"n": 0}

    def failing(self: load.Loader, item: Any) -> None:
        calls["n"] += 1
        if calls["n"] > 4:
            raise RuntimeError("disk full")
        real(self, item)

    monkeypatch.setattr(load.Loader, "item", failing)
    with pytest.raises(RuntimeError):
        load.import_wxr(wxr_file(PREVIEW))
    assert not Article.objects.exists()
    assert len(bumps) == 1
    assert len(queued(purge_cdn)) == 1
    # The lists are told about the articles written and removed again, in one job.
    assert len(queued(update_related, rebuild_related)) == 1
