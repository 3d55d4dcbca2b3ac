"""Background work: imports uploaded in the admin."""

from __future__ import annotations

from django_tasks import task


@task()
def import_upload(run_id: int) -> str:
    """Import an uploaded WordPress export (see actions.do_queue_import)."""
    from broadsheet.wordpress.actions import do_run_queued_import

    return do_run_queued_import(run_id)
