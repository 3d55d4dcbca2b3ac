"""The worker's daily privacy run: forget commenters' IP addresses past the retention time."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import DatabaseError
from django.utils import timezone
from django_tasks import task

from broadsheet.privacy import actions

log = logging.getLogger(__name__)

DAILY = timedelta(days=1)


@task()
def erase_old_ips() -> int:
    """Erase IP addresses older than PRIVACY_IP_RETENTION_DAYS, then queue tomorrow's run.

    Tomorrow's run is queued first, so a run that fails still leaves the chain going.
    """
    _enqueue(timezone.now() + DAILY, include_running=False)
    return actions.do_erase_old_ips()


def _pending(include_running: bool) -> bool:
    from django_tasks_db.models import DBTaskResult

    statuses = ["READY", "RUNNING"] if include_running else ["READY"]
    return DBTaskResult.objects.filter(
        task_path=erase_old_ips.module_path, status__in=statuses
    ).exists()


def _enqueue(when: object, include_running: bool = True) -> bool:
    if _pending(include_running=include_running):
        return False
    erase_old_ips.using(run_after=when).enqueue()
    return True


def ensure_daily_erasure() -> bool:
    """Make sure one run is queued (called when a worker starts): the first one right away,
    so a site whose worker was down for a while catches up at once."""
    try:
        return _enqueue(timezone.now())
    except DatabaseError as e:
        # An unmigrated database: the worker itself will say so more clearly.
        log.warning("privacy: could not queue the daily IP erasure (%s)", e)
        return False
