"""Commenters' IP addresses are kept for PRIVACY_IP_RETENTION_DAYS, then erased by the
worker's daily task, which queues its own next run."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from broadsheet.articles.models import Article
from broadsheet.comments.models import Comment
from broadsheet.privacy.actions import do_erase_old_ips
from broadsheet.privacy.tasks import ensure_daily_erasure, erase_old_ips
from broadsheet.privacy.tests.conftest import comment


def test_it_erases_ip_addresses_older_than_the_retention_time(article: Article) -> None:
    now = timezone.now()
    old = comment(article, created_at=now - timedelta(days=31), content="Old.")
    recent = comment(article, created_at=now - timedelta(days=29), content="Recent.")
    assert do_erase_old_ips() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.author_ip is None and old.author_email == "grace@example.org"
    assert recent.author_ip == "203.0.113.9"


@override_settings(PRIVACY_IP_RETENTION_DAYS=7)
def test_it_follows_the_setting(article: Article) -> None:
    comment(article, created_at=timezone.now() - timedelta(days=8))
    assert do_erase_old_ips() == 1


@override_settings(PRIVACY_IP_RETENTION_DAYS=0)
def test_it_keeps_them_forever_when_set_to_zero(article: Article) -> None:
    comment(article, created_at=timezone.now() - timedelta(days=3000))
    assert do_erase_old_ips() == 0
    assert Comment.objects.filter(author_ip__isnull=False).count() == 1


# The worker closes its database connection when done, which on PostgreSQL would end the
# test's wrapping transaction: this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_it_runs_daily_in_the_worker(article: Article) -> None:
    comment(article, created_at=timezone.now() - timedelta(days=40))
    assert ensure_daily_erasure()
    assert not ensure_daily_erasure()  # a worker restart does not queue a second
    first = DBTaskResult.objects.get(task_path=erase_old_ips.module_path)
    assert first.run_after <= timezone.now()  # the first run at once

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    first.refresh_from_db()
    assert first.status == "SUCCESSFUL"
    assert not Comment.objects.filter(author_ip__isnull=False).exists()
    following = DBTaskResult.objects.get(task_path=erase_old_ips.module_path, status="READY")
    assert following.run_after > timezone.now() + timedelta(hours=23)
