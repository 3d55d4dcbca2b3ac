"""Which status a new comment gets: WordPress's discussion rules, plus the local spam
signals. Pure: the caller gathers the facts (see actions.do_post_comment).

Order, as in WordPress: anything that says spam wins; then trusted writers (moderators and
the article's own author) publish at once; then anything that says hold; else publish.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from broadsheet.comments.models import Comment, DiscussionSettings
from broadsheet.comments.rendering import count_links


@dataclass
class Facts:
    """What is known about a new comment beyond its own fields."""

    honeypot_filled: bool = False
    stamp_problem: str = ""
    trusted: bool = False  # a moderator, or the article's author
    previously_approved: bool = False


@dataclass
class Verdict:
    status: str
    reasons: list[str] = field(default_factory=list)

    @property
    def note(self) -> str:
        return "; ".join(self.reasons)[:255]


def _haystack(comment: Comment) -> list[str]:
    return [
        comment.author_name.lower(),
        comment.author_email.lower(),
        comment.author_url.lower(),
        comment.content.lower(),
        (comment.author_ip or "").lower(),
        comment.user_agent.lower(),
    ]


def matching_word(words: list[str], comment: Comment) -> str | None:
    """The first listed word found (as a substring, as WordPress matches) in any field."""
    fields = _haystack(comment)
    for word in words:
        if any(word in f for f in fields):
            return word
    return None


def judge(comment: Comment, conf: DiscussionSettings, facts: Facts) -> Verdict:
    spam: list[str] = []
    if facts.honeypot_filled:
        spam.append(_("filled the hidden field"))
    if facts.stamp_problem:
        spam.append(facts.stamp_problem)
    word = matching_word(conf.disallowed_list, comment)
    if word:
        spam.append(_("disallowed word “%(word)s”") % {"word": word})
    if spam:
        return Verdict(Comment.Status.SPAM, spam)
    if facts.trusted:
        return Verdict(Comment.Status.APPROVED)

    hold: list[str] = []
    links = count_links(comment.content_html)
    if conf.max_links and links >= conf.max_links:
        hold.append(_("%(n)d links") % {"n": links})
    word = matching_word(conf.hold_list, comment)
    if word:
        hold.append(_("hold word “%(word)s”") % {"word": word})
    if conf.require_previous_approval and not facts.previously_approved:
        hold.append(_("first comment from this name and email"))
    if hold:
        return Verdict(Comment.Status.PENDING, hold)
    return Verdict(Comment.Status.APPROVED)
