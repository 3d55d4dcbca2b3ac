"""Imports started from the admin: an uploaded file is checked and kept in the data folder,
then imported by the background worker (wordpress.tasks.import_upload), which reports its
progress and outcome on the ImportRun the admin page shows."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from broadsheet.wordpress.load import import_wxr, validate
from broadsheet.wordpress.models import ImportRun
from broadsheet.wordpress.wxr import WXRError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.core.files.uploadedfile import UploadedFile

log = logging.getLogger(__name__)

UPLOADS = "imports"  # under the data folder


def upload_folder() -> Path:
    folder = Path(settings.DATA_DIR) / UPLOADS
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def do_queue_import(
    upload: UploadedFile, *, user: AbstractBaseUser, fetch_media: bool = False
) -> ImportRun:
    """Keep an uploaded WXR file and queue its import; returns the run to follow.

    The whole file is checked first (as the command line does): a file that cannot be
    imported raises WXRError, and then nothing is kept and nothing queued.
    """
    path = upload_folder() / f"{uuid.uuid4().hex}.xml"
    try:
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        plan = validate(path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    with transaction.atomic():
        run = ImportRun.objects.create(
            file_name=(upload.name or "export.xml")[:500],
            state=ImportRun.State.QUEUED,
            total=plan.items,
            upload=path.name,
            fetch_media=fetch_media,
            requested_by=user,
        )
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from broadsheet.wordpress.tasks import import_upload

    import_upload.enqueue(run_id)


def do_run_queued_import(run_id: int) -> str:
    """Import the file of a queued run (in the worker). Returns its new state.

    The run's page follows along: the loader writes how many items are done after each
    batch, and the summary (or what went wrong) at the end. The uploaded file is removed
    afterwards, whatever the outcome.
    """
    run = ImportRun.objects.filter(pk=run_id, state=ImportRun.State.QUEUED).first()
    if run is None:  # already run (a task delivered twice), or deleted
        return ""
    path = upload_folder() / Path(run.upload).name
    ImportRun.objects.filter(pk=run.pk).update(
        state=ImportRun.State.RUNNING, started_at=timezone.now()
    )
    try:
        import_wxr(path, fetch_media=run.fetch_media, run=run)
    except WXRError as e:
        # Checked when uploaded, so only a file changed or lost since gets here.
        ImportRun.objects.filter(pk=run.pk).update(
            state=ImportRun.State.FAILED,
            finished_at=timezone.now(),
            summary=_("%(file)s was refused: %(problem)s") % {"file": run.file_name, "problem": e},
        )
        return ImportRun.State.FAILED
    finally:
        path.unlink(missing_ok=True)
        ImportRun.objects.filter(pk=run.pk).update(upload="")
    return ImportRun.State.DONE
