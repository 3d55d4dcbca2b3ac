from __future__ import annotations

from datetime import datetime

from django_tasks import task

from broadsheet.articles.models import Article, Status


@task()
def publish_scheduled(article_id: int, due: str) -> bool:
    """Run at a scheduled article's time, so everything reacting to a publish runs too.

    Readers see the article from its time on anyway (the visibility rule reads the clock);
    this only makes the status and the listeners catch up. A task for a time the article
    was later moved away from does nothing.
    """
    from broadsheet.articles.actions import do_publish

    article = Article.objects.filter(pk=article_id, status=Status.SCHEDULED).first()
    if article is None or article.published_at != datetime.fromisoformat(due):
        return False
    if not article.is_public:
        return False
    do_publish(article)
    return True
