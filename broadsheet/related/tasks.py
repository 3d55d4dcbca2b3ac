"""Background work: updates after each change, and a daily full rebuild.

The engine (numpy, scipy, scikit-learn: seconds to import) is imported by the tasks when
they run, not here: every process that saves an article queues them.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import DatabaseError
from django.utils import timezone
from django_tasks import task

log = logging.getLogger(__name__)

DAILY = timedelta(days=1)


@task()
def update_related(article_ids: list[int], refill: list[int] | None = None) -> int:
    """Run after an article is published, edited, unpublished or deleted."""
    from broadsheet.related import actions

    return actions.do_update_related(article_ids, refill or ())


@task()
def rebuild_related() -> int:
    from broadsheet.related import actions

    return actions.do_rebuild_related()


@task()
def daily_rebuild() -> int:
    """Refresh vocabulary, weights and every list, then queue tomorrow's run.

    The next run is queued first, so a rebuild that fails still leaves the chain going.
    """
    _enqueue_daily(timezone.now() + DAILY, exclude_running=True)
    from broadsheet.related import actions

    return actions.do_rebuild_related()


def _pending_daily(include_running: bool) -> bool:
    from django_tasks_db.models import DBTaskResult

    statuses = ["READY", "RUNNING"] if include_running else ["READY"]
    return DBTaskResult.objects.filter(
        task_path=daily_rebuild.module_path, status__in=statuses
    ).exists()


def _enqueue_daily(when: object, exclude_running: bool = False) -> bool:
    if _pending_daily(include_running=not exclude_running):
        return False
    daily_rebuild.using(run_after=when).enqueue()
    return True


def ensure_daily_rebuild() -> bool:
    """Make sure one daily rebuild is queued (called when a worker starts).

    Without an index yet, or with one older than a day, the rebuild runs right away.
    """
    from broadsheet.related import store

    try:
        index = store.folder() / "index.npz"
        fresh = index.exists() and (
            timezone.now().timestamp() - index.stat().st_mtime < DAILY.total_seconds()
        )
        when = timezone.now() + DAILY if fresh else timezone.now()
        return _enqueue_daily(when)
    except DatabaseError as e:
        # An unmigrated database: the worker itself will say so more clearly.
        log.warning("related posts: could not queue the daily rebuild (%s)", e)
        return False
