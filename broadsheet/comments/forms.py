"""The "Leave a Reply" form, with WordPress's field names (DESIGN.md):
comment, author, email, url, wp-comment-cookies-consent, comment_parent, comment_post_ID."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from broadsheet.comments.models import Comment

CONSENT = "wp-comment-cookies-consent"


class CommentForm(forms.Form):
    """Validates a reader's comment. The template writes the markup by hand (WordPress's
    ids and classes, aria attributes); this class only checks and cleans."""

    comment = forms.CharField(
        label=_("Comment"),
        max_length=65525,
        error_messages={"required": _("Please type your comment.")},
    )
    author = forms.CharField(
        label=_("Name"),
        max_length=245,
        error_messages={"required": _("Please enter your name.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=100,
        error_messages={
            "required": _("Please enter your email address."),
            "invalid": _("Please enter a valid email address, like name@example.com."),
        },
    )
    url = forms.URLField(
        label=_("Website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"invalid": _("Please enter a web address starting with https://.")},
    )
    comment_parent = forms.IntegerField(
        min_value=0,
        max_value=2**62,
        required=False,
        error_messages={"invalid": _("That is not a comment you can reply to.")},
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[CONSENT] = forms.BooleanField(required=False)
        self.user = user
        if user is not None and user.is_authenticated:
            # Logged-in writers are who their login says: no name or email to type.
            for name in ("author", "email", "url"):
                self.fields[name].required = False

    def clean_comment(self) -> str:
        text = self.cleaned_data["comment"].strip()
        if not text:
            raise forms.ValidationError(_("Please type your comment."), code="required")
        return text

    @property
    def consent(self) -> bool:
        """Whether "save my details" is ticked (bound) or was ticked before (initial)."""
        if self.is_bound:
            return self.data.get(CONSENT) in ("yes", "on", "true", "1")
        return bool(self.initial.get(CONSENT))

    def value(self, name: str) -> str:
        """The value to put back in the field: what the reader typed, else the initial."""
        value = self.data.get(name) if self.is_bound else self.initial.get(name)
        return "" if value is None else str(value)

    def field_error(self, name: str) -> str:
        errors = self.errors.get(name) if self.is_bound else None
        return str(errors[0]) if errors else ""

    def error_list(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary, in the order of the form."""
        if not self.is_bound:
            return []
        order = ["comment", "author", "email", "url", "comment_parent", "__all__"]
        out = []
        for name in order:
            for message in self.errors.get(name, []):
                out.append(("comment" if name in ("comment_parent", "__all__") else name, message))
        return out


def parent_for(article_id: int, parent_id: int | None) -> Comment | None:
    """The approved comment on this article being replied to; raises ValueError otherwise."""
    if not parent_id:
        return None
    parent = Comment.objects.filter(
        pk=parent_id, article_id=article_id, status=Comment.Status.APPROVED
    ).first()
    if parent is None:
        raise ValueError(parent_id)
    return parent
