from __future__ import annotations

from django.core.mail import send_mail
from django_tasks import task

from broadsheet.comments.models import Comment
from broadsheet.comments.notifications import message_for


@task()
def notify_comment(comment_id: int, event: str) -> int:
    """Send the email about a comment ("published" to the article's author, "held" to the
    moderators). Reads the comment afresh: one already approved, trashed or deleted by the
    time the worker runs is not announced as something else. Returns messages sent."""
    comment = Comment.objects.select_related("article__author__user").filter(pk=comment_id).first()
    if comment is None:
        return 0
    message = message_for(comment, event)
    if message is None:
        return 0
    return send_mail(message.subject, message.body, None, message.to)
