"""Related lists follow every change to an article, in the background."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from broadsheet.articles.models import Article
from broadsheet.articles.signals import article_changed, articles_changed

# Past this many articles changed at once, one full rebuild is cheaper than an update:
# an update scores each changed article against every list in turn.
REBUILD_ABOVE = 200


@receiver(pre_delete, sender=Article, dispatch_uid="related_pre_delete")
def remember_lists_of_deleted(sender: type[Article], instance: Article, **kwargs: Any) -> None:
    """Note which lists showed an article about to be deleted.

    Deleting cascades its rows out of those lists, and after the delete the article has
    no id; the update needs both to refill the lists that lost it.
    """
    from broadsheet.related.models import RelatedArticle

    instance._related_deleted_id = instance.pk  # type: ignore[attr-defined]
    instance._related_refill = list(  # type: ignore[attr-defined]
        RelatedArticle.objects.filter(related=instance, pinned=False).values_list(
            "article_id", flat=True
        )
    )


@receiver(article_changed, dispatch_uid="related_article_changed")
def queue_update(sender: type[Article], article: Article, **kwargs: Any) -> None:
    from broadsheet.related.tasks import update_related

    article_id = article.pk or getattr(article, "_related_deleted_id", None)
    if article_id is None:
        return
    update_related.enqueue([article_id], getattr(article, "_related_refill", []))


@receiver(articles_changed, dispatch_uid="related_articles_changed")
def queue_bulk_update(sender: type[Article], article_ids: list[int], **kwargs: Any) -> None:
    """One background job for a whole bulk write (an import), whatever its size."""
    from broadsheet.related.tasks import rebuild_related, update_related

    if len(article_ids) > REBUILD_ABOVE:
        rebuild_related.enqueue()
    else:
        update_related.enqueue(list(article_ids), [])
